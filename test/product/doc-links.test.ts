import * as fs from 'fs';
import * as path from 'path';
import { markdownFiles } from '../../scripts/doc-examples';

// The README is a landing page whose map of docs/ must stay true: every relative link of README.md
// and docs/*.md resolves (files, folders and #anchors as GitHub renders them), and every page of
// docs/ can be reached from the README.
const root = path.resolve(__dirname, '../..');
const files = markdownFiles(root);

interface Link { readonly from: string; readonly line: number; readonly target: string }

/** The lines of a markdown file, those inside fenced code blocks as `undefined`. */
function outsideCode(file: string): (string | undefined)[] {
  let fence: string | undefined;
  return fs.readFileSync(path.join(root, file), 'utf8').split('\n').map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return undefined;
    }
    if (marker) fence = marker;
    return marker ? undefined : line;
  });
}

/** The text of a markdown file outside code (blocks and inline code spans), line by line. */
function prose(file: string): string[] {
  return outsideCode(file).map((line) => (line ?? '').replace(/(`+)[\s\S]*?\1/g, ''));
}

/** Every link of `file` (inline links and images; reference definitions), external ones left out. */
function links(file: string): Link[] {
  const found: Link[] = [];
  prose(file).forEach((text, i) => {
    // `[text](target)`, where neither bracket is escaped (`\[a-z\](...)` is text).
    for (const m of text.matchAll(/(?<!\\)!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ from: file, line: i + 1, target: m[1] });
    const def = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(text);
    if (def) found.push({ from: file, line: i + 1, target: def[1] });
  });
  return found.filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l.target));
}

/** The anchors GitHub gives a file's headings (github-slugger: lower case, punctuation dropped, spaces to `-`, repeats numbered). */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of outsideCode(file)) {
    const heading = line === undefined ? undefined : /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const text = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*]/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) result.add(m[1]);
  return result;
}

/** Where a link leads: the file or folder (relative to the repository) and the anchor, if any. */
function resolve(link: Link): { target: string; anchor?: string } {
  const [pathPart, anchor] = link.target.split('#', 2) as [string, string | undefined];
  const target = pathPart === '' ? link.from : path.posix.normalize(path.posix.join(path.posix.dirname(link.from), decodeURIComponent(pathPart)));
  return { target: target.replace(/\/$/, ''), anchor: anchor === undefined ? undefined : decodeURIComponent(anchor) };
}

const all = files.flatMap(links);

test('the README and the pages of docs/ hold relative links (the test reads them)', () => {
  expect(files).toContain('README.md');
  expect(files.length).toBeGreaterThan(15);
  expect(all.length).toBeGreaterThan(100);
  expect(all.some((l) => l.target.includes('#'))).toBe(true);
});

/** The links of `links` that lead nowhere, each with its reason. */
function broken(links: Link[]): string[] {
  return links.flatMap((link) => {
    const { target, anchor } = resolve(link);
    const where = `${link.from}:${link.line}: ${link.target}`;
    if (target.startsWith('..')) return [`${where} leaves the repository`];
    if (!fs.existsSync(path.join(root, target))) return [`${where}: no ${target}`];
    if (anchor !== undefined) {
      if (!target.endsWith('.md')) return [`${where}: an anchor into a file that is not markdown`];
      if (!anchors(target).has(anchor)) return [`${where}: ${target} has no heading #${anchor}`];
    }
    return [];
  });
}

test('every relative link resolves to a file or folder of the repository, and every anchor to a heading of its page', () => {
  expect(broken(all)).toEqual([]);
});

test('a link to a missing page, a missing heading or out of the repository is reported', () => {
  const link = (target: string): Link => ({ from: 'docs/wiring.md', line: 1, target });
  expect(broken([link('nope.md'), link('checks.md#no-such-heading'), link('../../elsewhere.md'), link('#cost'), link('python/'), link('../README.md#quick-start')])).toEqual([
    'docs/wiring.md:1: nope.md: no docs/nope.md',
    'docs/wiring.md:1: checks.md#no-such-heading: docs/checks.md has no heading #no-such-heading',
    'docs/wiring.md:1: ../../elsewhere.md leaves the repository',
  ]);
});

test('the anchors follow GitHub\'s slugs', () => {
  // Headings of this repository's pages whose slugs show the rules: code spans kept as text,
  // punctuation dropped (`'`, `.`, `:`, `(`, `)`), spaces to hyphens.
  expect(anchors('docs/flyte-admin-console.md')).toContain('admins-certificate-must-name-00008088');
  expect(anchors('docs/check.md')).toContain('cdk8s-tls-constructs-check-what-it-reads-and-its-limits');
  expect(anchors('docs/network-policies.md')).toContain('admins-neighbours-flyte-v1168-flyte-core');
  expect(anchors('docs/checks.md')).toContain('cel-rules-of-the-gateway-api-crds');
});

test('every page of docs/ can be reached from the README through links', () => {
  const reached = new Set<string>(['README.md']);
  const queue = ['README.md'];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const link of links(file)) {
      const { target } = resolve(link);
      if (target.endsWith('.md') && files.includes(target) && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  expect(files.filter((f) => !reached.has(f))).toEqual([]);
});

test('the README is a landing page of at most 300 lines', () => {
  expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(300);
});
