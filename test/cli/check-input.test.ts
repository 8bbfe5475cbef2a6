import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { main } from '../../lib/cli/main';
import { MAX_SET_BYTES } from '../../lib/cli/read-manifests';
import { params } from '../properties/arbitraries';
import { tempDir } from '../support/temp-dirs';

// `check` under attack (docs/check.md): hostile YAML, links, empty folders, oversized input. Input
// that cannot be read exits 2 with one line, never a stack trace; what can be read is read whole.

function check(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(['check', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
const configMap = (name: string, data: Record<string, string> = { a: 'b' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data });
const file = (dir: string, name: string, text: string) => {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
/** A document with a ladder of `depth` anchors, each a list of `width` aliases of the previous one. */
const bomb = (depth: number, width: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol, namespace: ns}\ndata:\n  l0: &l0 lol\n`
  + Array.from({ length: depth }, (_, i) => `  x${i + 1}: &l${i + 1} [${Array(width).fill(`*l${i}`).join(', ')}]\n`).join('');

describe('usage', () => {
  test.each(['--help', '-h'])('check %s prints the usage on stdout and exits 0', (flag) => {
    const r = check(flag);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/^usage: cdk8s-tls-constructs check/);
    expect(r.out.join('\n')).toMatch(new RegExp(`at most\\s+${MAX_SET_BYTES / 2 ** 20} MiB`));
    expect(r.err).toEqual([]);
  });
});

describe('YAML as Go reads it', () => {
  test('alias ladders of every depth and width: a document Go refuses exits 2 with one line, a small one is read; outcomes counted', () => {
    const dir = tempDir('check-bomb-');
    const outcomes = { refused: 0, read: 0 };
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (depth, width) => {
      const r = check(file(dir, 'bomb.yaml', bomb(depth, width)));
      // Nodes Go decodes: each rung expands `width` times the one below it.
      const expanded = Array.from({ length: depth }, (_, i) => width ** (i + 1)).reduce((a, b) => a + b, 0);
      if (r.code === 2) {
        outcomes.refused++;
        expect(r.err).toHaveLength(1);
        expect(r.err[0]).toMatch(/^unreadable input: .*bomb\.yaml#1: its aliases expand beyond what Go's YAML decoders accept \(\d+ of \d+ nodes from aliases\): "document contains excessive aliasing"$/);
        expect(expanded).toBeGreaterThan(1000); // Go refuses nothing smaller
      } else {
        outcomes.read++;
        expect(r.code).toBe(0);
        expect(expanded).toBeLessThan(10_000_000); // nor accepts a billion laughs
      }
    }), params);
    console.log(`alias ladders: ${outcomes.refused} refused (exit 2), ${outcomes.read} read`);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.read).toBeGreaterThan(0);
  });

  test('an anchor inside itself, nesting too deep, a broken document: exit 2, one line each', () => {
    const dir = tempDir('check-hostile-');
    const cases: [string, RegExp][] = [
      ['apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x, labels: *m}\n', /value contains itself/],
      [`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: ${'['.repeat(5000)}${']'.repeat(5000)}}\n`, /nested too deeply to read/],
      ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n', /not YAML: /],
    ];
    cases.forEach(([text, problem], i) => {
      const r = check(file(dir, `case${i}.yaml`, text));
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(problem);
      expect(r.err[0]).not.toContain('\n');
    });
  });

  test('an anchor used 500 times, which Go reads, is read', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: ns, labels: &l {team: a}}\ndata:\n${Array.from({ length: 500 }, (_, i) => `  k${i}: &v${i} x`).join('\n')}\n---\n`
      + Array.from({ length: 3 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y${i}, namespace: ns}\n`).join('---\n');
    const r = check(file(tempDir('check-anchors-'), 'a.yaml', text.replace('labels: &l {team: a}', `labels: &l {team: a}, annotations: {${Array.from({ length: 500 }, (_, i) => `a${i}: b`).join(', ')}}`)));
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/: 4 objects checked, 0 findings$/);
  });
});

describe('links', () => {
  test('a folder mounted from a ConfigMap (every file a link into a hidden folder) is read, its hidden folders skipped', () => {
    const dir = tempDir('check-mounted-');
    const data = path.join(dir, '..2026_08_01_00_00_00.000000001');
    file(data, 'app.yaml', stringify(configMap('app')));
    file(data, 'more.yaml', stringify(configMap('more')));
    fs.symlinkSync(path.basename(data), path.join(dir, '..data'));
    for (const name of ['app.yaml', 'more.yaml']) fs.symlinkSync(path.join('..data', name), path.join(dir, name));
    const r = check(dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${dir}: 2 objects checked, 0 findings`);
    expect(r.out).toEqual(expect.arrayContaining([`skipped ${data}: a hidden folder`, `skipped ${path.join(dir, '..data')}: a hidden folder`]));
  });

  test('generated link graphs with loops: the walk ends, every real manifest is read, no folder is read twice; outcomes counted', () => {
    let loops = 0;
    let seconds = 0;
    const graph = fc.record({
      depth: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
      links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 6 }),
    });
    fc.assert(fc.property(graph, ({ depth, links }) => {
      const root = tempDir('check-links-');
      // Real folders: a chain per entry of `depth`, each with one manifest.
      const folders = [root];
      depth.forEach((d, i) => {
        let at = root;
        for (let j = 0; j <= d; j++) {
          at = path.join(at, `f${i}-${j}`);
          folders.push(at);
        }
      });
      const manifests = folders.map((f, i) => file(f, `m${i}.yaml`, stringify(configMap(`m${i}`))));
      // Links from one folder to another (to an ancestor: a loop) or to another folder's file.
      // (A folder never holds two names of one manifest: that would be a duplicate object.)
      const named = new Set<string>();
      links.forEach(([from, to, toFile], i) => {
        const at = folders[from % folders.length];
        const target = toFile ? manifests[to % manifests.length] : folders[to % folders.length];
        if (toFile && (path.dirname(target) === at || named.has(`${at} ${target}`))) return;
        named.add(`${at} ${target}`);
        fs.symlinkSync(target, path.join(at, toFile ? `link${i}.yaml` : `link${i}`));
      });
      const r = check(root);
      expect(r.code).toBe(0);
      const sets = r.out.filter((l) => / objects checked, /.test(l)).map((l) => fs.realpathSync(l.slice(0, l.lastIndexOf(': '))));
      expect(new Set(sets).size).toBe(sets.length);
      const checked = r.out.filter((l) => / objects checked, /.test(l)).reduce((n, l) => n + Number(/: (\d+) objects/.exec(l)![1]), 0);
      expect(checked).toBeGreaterThanOrEqual(manifests.length);
      loops += r.out.filter((l) => /read already/.test(l)).length;
      seconds += r.out.filter((l) => /read already/.test(l)).length > 0 ? 1 : 0;
    }), { ...params, numRuns: Math.min(params.numRuns, 100) });
    console.log(`link graphs: ${loops} folders reached again (loops or second links), in ${seconds} graphs`);
    expect(loops).toBeGreaterThan(0);
  });

  test('a link to nothing, a loop of links, and a FIFO named like a manifest exit 2', () => {
    const dir = tempDir('check-badlinks-');
    fs.symlinkSync('/nonexistent/x.yaml', path.join(dir, 'gone.yaml'));
    expect(check(path.join(dir, 'gone.yaml')).err).toEqual([`unreadable input: ${path.join(dir, 'gone.yaml')}: a link to a missing file`]);
    fs.symlinkSync('b.yaml', path.join(dir, 'a.yaml'));
    fs.symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
    expect(check(path.join(dir, 'a.yaml')).err).toEqual([`unreadable input: ${path.join(dir, 'a.yaml')}: a loop of links`]);
    expect(check(dir).code).toBe(2);
    // Links under other names lead nowhere that matters: skipped without a word, never followed forever.
    const other = tempDir('check-otherlinks-');
    file(other, 'a.yaml', stringify(configMap('a')));
    fs.symlinkSync('y', path.join(other, 'x'));
    fs.symlinkSync('x', path.join(other, 'y'));
    fs.symlinkSync('/nonexistent', path.join(other, 'README'));
    expect(check(other).code).toBe(0);
  });
});

describe('nothing to check is a finding', () => {
  test.each<[string, (dir: string) => void, string]>([
    ['an empty folder', () => {}, 'no YAML or JSON file in it'],
    ['a folder of empty and comment-only files', (d) => { file(d, 'a.yaml', ''); file(d, 'b.yaml', '# nothing\n---\n'); }, 'no Kubernetes object in its files'],
    ['a folder holding only a kustomization', (d) => file(d, 'kustomization.yaml', 'resources: [a.yaml]\n'), 'no Kubernetes object in its files'],
  ])('%s exits 1 with a no-objects finding', (_what, fill, message) => {
    const dir = tempDir('check-nothing-');
    fill(dir);
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${dir}: 0 objects checked, 1 findings`);
    expect(r.out.find((l) => l.includes('[no-objects]'))).toContain(message);
  });

  test('objects of kinds the checker skips are listed, not a finding', () => {
    const dir = tempDir('check-unknown-');
    file(dir, 'w.yaml', stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }));
    const r = check(dir);
    expect(r.code).toBe(0);
    expect(r.out.some((l) => /^skipped .*w\.yaml#1: Widget/.test(l))).toBe(true);
  });
});

test(`a set above ${MAX_SET_BYTES / 2 ** 20} MiB exits 2 with one line, before anything is read`, () => {
  const dir = tempDir('check-size-');
  file(dir, 'small.yaml', stringify(configMap('small')));
  const big = path.join(dir, 'big.yaml');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, MAX_SET_BYTES); // sparse: nothing is written
  const r = check(dir);
  expect(r.code).toBe(2);
  expect(r.err).toEqual([`unreadable input: ${dir}: 64.0 MiB of manifests in one set, above the limit of 64.0 MiB; check its files or sub-folders apart`]);
});
