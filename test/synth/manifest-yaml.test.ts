import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { ValidationError } from '../../lib';
import { manifestYaml } from '../../lib/yaml/manifest-yaml';
import { cdk8sHazardToAnyReader, ESCAPED_OR_LONE, findStrings, LONE_SURROGATE, plainReadsAsString } from '../../lib/yaml/scalar-readers';
import { packageWritesPlain } from '../../lib/yaml/yaml-package';
import { RUNS, SEED } from '../properties/arbitraries';

/**
 * Whether `doc` holds a string the writer writes otherwise than cdk8s: one whose cdk8s text some
 * reader reads otherwise (Go or YAML 1.2, or for `<<` YAML 1.1, reads it as another type though
 * cdk8s writes it plain), or one with a character the writer always escapes (Go refuses it or
 * reads it as a line break somewhere). There, and only there, the texts differ. (Go's side of these
 * predicates is checked against Go itself in test/yaml and test/properties/yaml-readers.)
 */
const readOtherwise = (doc: unknown) => findStrings(doc, (s, isKey, atRoot) =>
  (ESCAPED_OR_LONE.test(s) || cdk8sHazardToAnyReader(s, isKey, atRoot) !== undefined || (!s.includes('\n') && packageWritesPlain(s) && !plainReadsAsString(s, isKey)) ? true : undefined)).length > 0;

/**
 * `manifestYaml` must write exactly cdk8s's text, except in a document cdk8s writes so that a reader
 * reads it otherwise: there the texts must differ, and ours must read back as the document under
 * YAML 1.1 and 1.2. A document holding a lone surrogate is refused. Each comparison also counts the
 * documents the writer handed to cdk8s (a `Yaml.stringify` call with an object): a test where every
 * document fell back would compare cdk8s with itself.
 */
function compare(docs: unknown[]): { same: boolean; fallbacks: number; differing?: number; refused?: number } {
  const expected = docs.map((d) => Yaml.stringify(d));
  const hasLoneSurrogate = (d: unknown) => findStrings(d, (s) => (LONE_SURROGATE.test(s) ? true : undefined)).length > 0;
  const spy = jest.spyOn(Yaml, 'stringify');
  let same = true;
  let differing = 0;
  let refused = 0;
  let fallbacks: number;
  try {
    docs.forEach((doc, i) => {
      if (hasLoneSurrogate(doc)) {
        expect(() => manifestYaml([doc])).toThrow(ValidationError);
        return;
      }
      let actual: string;
      const callsBefore = spy.mock.calls.length;
      try {
        actual = manifestYaml([doc]);
      } catch (e) {
        // A document only cdk8s's writer can write (a fraction, a key with a newline ...) that holds
        // a string cdk8s writes wrongly is refused.
        if (!(e instanceof ValidationError) || !readOtherwise(doc)) throw e;
        refused++;
        return;
      }
      // A document left to cdk8s is cdk8s's text, which every reader reads back (else it is refused).
      const leftToCdk8s = spy.mock.calls.slice(callsBefore).some((args) => args[0] === doc);
      if (leftToCdk8s && findStrings(doc, cdk8sHazardToAnyReader).length > 0) {
        console.log(`document ${i}: left to cdk8s's writer, which writes one of its strings wrongly: it should have been refused`);
        same = false;
      }
      if (!leftToCdk8s && readOtherwise(doc)) {
        differing++;
        const back = (version: '1.1' | '1.2') => parseAllDocuments(actual, { version }).map((d) => d.toJS())[0];
        if (actual === expected[i] || !isEqual(back('1.1'), doc) || !isEqual(back('1.2'), doc)) {
          console.log(`document ${i}: ours ${JSON.stringify(actual)} should differ from cdk8s's and read back as ${JSON.stringify(doc)}`);
          same = false;
        }
      } else if (actual !== expected[i]) {
        // Shown on failure: the first differing line.
        const [a, e] = [actual.split('\n'), expected[i].split('\n')];
        const k = a.findIndex((line, j) => line !== e[j]);
        console.log(`document ${i} line ${k + 1}: ours ${JSON.stringify(a[k])}, cdk8s ${JSON.stringify(e[k])}`);
        same = false;
      }
    });
  } finally {
    fallbacks = spy.mock.calls.filter((args) => typeof args[0] === 'object' && args[0] !== null).length;
    spy.mockRestore();
  }
  // The whole list at once, as synthStacks writes it, where no document differs.
  if (differing === 0 && refused === 0 && !docs.some(hasLoneSurrogate)) same &&= manifestYaml(docs) === expected.join('---\n');
  return { same, fallbacks, ...(differing > 0 ? { differing } : {}), ...(refused > 0 ? { refused } : {}) };
}

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

/** Every document the example app writes: dist/ (with its alternatives) and previews/ (the CopilotPod). */
const exampleDocs = (): unknown[] => ['dist', 'previews'].flatMap((folder) => {
  const dir = path.join(__dirname, '../..', folder);
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.k8s.yaml'));
  return files.flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()));
});

describe('manifestYaml writes what cdk8s writes', () => {
  test('every document of the example app (dist/, previews/), without falling back', () => {
    const docs = exampleDocs();
    expect(docs.length).toBeGreaterThan(90);
    // Every construct's objects: the CopilotPod's pod comes from previews/.
    for (const kind of ['Deployment', 'Pod', 'PodTemplate', 'ConfigMap', 'APIService', 'PodAutoscaler', 'Certificate']) expect(docs.map((d) => (d as { kind: string }).kind)).toContain(kind);
    expect(compare(docs)).toEqual({ same: true, fallbacks: 0 });
  });

  // Each value stands alone in a document, as a map value and as a list item: one value the writer
  // leaves to cdk8s sends only its own document there. The numbers count the documents left to
  // cdk8s, and those written otherwise than cdk8s writes them (a reader reads cdk8s's text otherwise).
  const asValues = (values: unknown[]) => values.flatMap((v) => [{ a: v }, { a: [v] }]);
  test.each<[string, unknown[], number, number]>([
    // `0o7` is a number to YAML 1.2 and Go; `<<` a merge key to YAML 1.1.
    ['strings YAML 1.1 reads as other types', asValues(['yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'true', '0x1F', '0o7', '017', '0b101', '1_000', '1:20', '1:20.5', '.inf', '-.inf', '.NaN', '1e3', '1.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '+1', '-1', '<<', 'e5', 'E+5']), 0, 4],
    // Go's numbers (its own rule: underscores dropped, base prefixes in either case, signs), which cdk8s leaves plain.
    ['strings only Go (or YAML 1.2) reads as numbers', asValues(['0o17', '0O1_7', '+0o17', '-0X1', '-0B1', '1e1_0', '1e_1', '1.5e1_0', '0B101', '0X1F', '0b-1', '0o-7']), 0, 24],
    ['near misses: strings to every reader', asValues(['0o8', '0b2', '0x', '0xg', '-0o', '1e', 'e1', '0o17a', '1_e', 'x0o17', '0o 17', '1e1_0 ']), 0, 0],
    ['indicators and spaces', asValues(['-', '- a', '-a', '?', '? a', '?a', ':', 'a:', 'a: b', 'a:b', '#a', 'a #b', 'a#b', ' a', 'a ', '\ta', 'a\t', '@a', '`a', '!a', '&a', '*a', '|a', '>a', "'a", '"a', '%a', '[a', ']a', '{a', '}a', ',a', 'a,b', 'a]', 'x: "y"', "it's", 'say "hi"', `both ' and "`, '', '---', '--- a', '...', '...a']), 0, 0],
    // Go refuses DEL, C1 controls, U+FFFE and U+FFFF, and reads U+0085, U+2028 and U+2029 as line breaks.
    ['control characters, unicode and surrogates', asValues(['a\rb', 'a\u0000b', 'a\u0007', 'a\u001bb', 'a\u00a0b', 'é ü 中文', 'a\\nb', 'a\\b', '😀',
      'a\u0085b', 'a\u2028b', '\u2029', 'a\u007fb', '\u0080', 'x\u009f', '\ufeffa', 'a\ufffe', '\uffff', 'a\nb\u2028\n', '\ud800', 'a\udfff']), 0, 18],
    // Over 1,024 characters, a key becomes explicit (`? key`); a document marker changes a top-level key
    // only (the writer also leaves `%x` to the package, which would quote it anyway).
    ['keys that need quotes or stand plain', [{ 8080: 1, yes: 2, 'a: b': 3, '': 4, '-': 5, 'app.kubernetes.io/name': 6, 'ca.crt': 7, ' lead': 8, '%x': 9, ['x'.repeat(1024)]: 10 },
      { a: { '---': 1, '...b': 2 } }, { '---': 1 }, { ['x'.repeat(1100)]: 1 }], 3, 0],
    // U+FEFF is skipped by Go at the start of a line only: in a key of the root map.
    ['keys Go reads otherwise', [{ '0o17': 1 }, { '<<': 1 }, { a: { '0B1': 'x', 'b\u2028': 'y' } }, { 'a\nb\u2028': 1 }, { '\ufeffa': 1 }, { a: { '\ufeffb': 1 } }], 0, 5],
    // A whitespace-only last line and a control character make a quoted scalar whose breaks depend on the indentation.
    ['literal blocks: chomping, leading spaces and blank lines', asValues(['a\nb', 'a\nb\n', 'a\nb\n\n', 'a\nb\n\n\n', '\na\nb', '\n\na', '  a\nb', ' \na', 'a\n\nb\n',
      'a\n\n\nb', 'a\n  b\n', 'a: b\nc: d\n', '---\na\n', 'a\n---\n...\n', '# x\ny\n', 'a \nb', 'a\n b', 'a\n\t\n', '\n', '\n\n', '%x\ny', 'a\n ', 'a\rb\nc']), 4, 0],
    // Only safe integers other than -0 are written directly.
    ['numbers, booleans, null and empty collections', asValues([0, 1, -1, 2 ** 53 - 1, true, false, null, {}, [], [[]], [{}], { b: {} }, -0, 2 ** 53, 1.5, -2.25, 1e21, 1e-7, NaN, Infinity]), 16, 0],
    ['nested lists and maps', [{ a: [[1, [2, 3]], [{ b: [{ c: 'd' }] }]], e: { f: { g: [] } }, h: [{ i: 'x\ny\n', j: [['k\n']] }] }], 0, 0],
    // A multi-line string as a whole document is written at indentation 0, which the writer leaves to
    // cdk8s (not counted: only documents that are objects or lists are).
    ['top-level lists and scalars', [[1, 2], 'plain', 'on', 3, null, true, 'a\nb\n'], 0, 0],
  ])('%s', (_, docs, fallbacks, differing) => {
    expect(compare(docs)).toEqual({ same: true, fallbacks, ...(differing > 0 ? { differing } : {}) });
  });

  test('a string no YAML can hold is refused, naming the object and the field', () => {
    const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n', annotations: { 'example.com/x': 'a\ud83d' } } };
    expect(() => manifestYaml([doc])).toThrow('ConfigMap/n/c: metadata.annotations[example.com/x] "a\\ud83d" is not allowed: the value cannot be written as YAML that Go reads back: it holds a lone surrogate (U+D83D)');
    expect(() => manifestYaml([doc], ['app/chart/config'])).toThrow(/^app\/chart\/config: metadata\.annotations\[example\.com\/x\]/);
    // In a document only cdk8s can write (a fraction), a string cdk8s writes wrongly is refused too.
    expect(() => manifestYaml([{ kind: 'X', metadata: { name: 'y' }, spec: { ratio: 0.5, mode: '0o17' } }]))
      .toThrow('X/y: spec.mode "0o17" is not allowed: the value cannot be written as YAML that Go reads back: cdk8s\'s writer writes it plain, and Go\'s YAML decoder reads the number 15');
  });

  test('values that are not manifest JSON go to cdk8s, which writes them as before', () => {
    const shared = { x: 1 };
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    const odd: unknown[] = [
      { a: shared, b: shared }, // an alias
      { a: undefined },
      { a: sparse },
      { a: new Date(0) },
      { a: 10n },
      { a: 1.5 },
      { a: 'x\u0001\ny' },
      { a: 'x\n  ' },
      { a: { [Symbol.iterator]: function* () { yield 1; }, b: 2 } }, // written as a list by the package
      { a: Object.assign([1, 2], { [Symbol.iterator]: function* () { yield 3; } }) },
      { a: { toJSON: () => 'x' } },
      { a: Object.assign([1], { toJSON: () => 'x' }) }, // the package writes what toJSON returns
      { b: Object.defineProperty({ a: 1 }, 'toJSON', { value: () => ({ c: 2 }) }) }, // not enumerable
      { a: Object.assign([1], { [Symbol.for('yaml.node.type')]: Symbol.for('yaml.document'), contents: 'x' }) },
      undefined,
    ];
    for (const doc of odd) expect(compare([doc])).toEqual({ same: true, fallbacks: doc === undefined ? 0 : 1 });
  });

  test('generated documents: the same text, most of them without falling back', () => {
    // Strings built from the characters and words that change how YAML writes a scalar. The rare
    // pieces send a document to cdk8s (control characters, document markers, newlines in keys).
    const common = ['a', 'b', ' ', '  ', '\t', ':', ': ', '#', ' #', '-', '- ', '?', '"', "'", ',', '[', '{', '*', '&', '!', '|', '>', '%', '@', '`',
      'yes', 'on', 'null', '~', '0x1', '12', '1:2', '.5', '1e3', '2001-12-14', '\u2028', 'é', '0o', '0B', '_', 'e1', '+'];
    const rare = ['---', '...', '\r', '\u0085', '\u007f', '\ufeff'];
    const words = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join(''));
    const key = fc.oneof({ weight: 9, arbitrary: words(common) }, { weight: 1, arbitrary: words([...common, ...rare, '\n']) });
    const text = fc.oneof({ weight: 9, arbitrary: words([...common, '\n', '\n\n']) }, { weight: 1, arbitrary: words([...common, ...rare, '\n']) });
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        { weight: 10, arbitrary: text },
        { weight: 5, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
        { weight: 5, arbitrary: fc.boolean() },
        { weight: 5, arbitrary: fc.constant(null) },
        // Values the writer leaves to the package.
        { weight: 1, arbitrary: fc.constantFrom(-0, 0.5, 2 ** 53, '<<') },
        { weight: 5, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
        { weight: 5, arbitrary: fc.dictionary(key, tie('value'), { maxKeys: 4 }) },
      ),
    }));
    const docs = fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), { minLength: 1, maxLength: 3 });
    let written = 0;
    let fellBack = 0;
    let differed = 0;
    let refusals = 0;
    fc.assert(fc.property(docs, (d) => {
      const { same, fallbacks, differing = 0, refused = 0 } = compare(d);
      written += d.length - fallbacks - refused;
      fellBack += fallbacks;
      differed += differing;
      refusals += refused;
      return same;
    }), { numRuns: RUNS, seed: SEED });
    // Falling back is for rare values; with these pieces most documents are written directly, and
    // many are written otherwise than cdk8s writes them. A document is refused only where it falls
    // back and holds a string cdk8s writes wrongly.
    expect(written).toBeGreaterThan(2 * fellBack);
    expect(fellBack).toBeGreaterThan(0);
    expect(differed).toBeGreaterThan(RUNS / 4);
    expect(refusals).toBeLessThan(fellBack);
  });
});
