import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { manifestYaml } from '../../lib/synth/manifest-yaml';
import { RUNS, SEED } from '../properties/arbitraries';

/**
 * `manifestYaml` must write exactly cdk8s's text. Each comparison also counts the documents the
 * writer handed to cdk8s (a `Yaml.stringify` call with an object): a test where every document fell
 * back would compare cdk8s with itself.
 */
function compare(docs: unknown[]): { same: boolean; fallbacks: number } {
  const expected = Yaml.stringify(...docs);
  const spy = jest.spyOn(Yaml, 'stringify');
  try {
    const actual = manifestYaml(docs);
    if (actual !== expected) {
      // Shown on failure: the first differing line.
      const [a, e] = [actual.split('\n'), expected.split('\n')];
      const i = a.findIndex((line, k) => line !== e[k]);
      console.log(`line ${i + 1}: ours ${JSON.stringify(a[i])}, cdk8s ${JSON.stringify(e[i])}`);
    }
    return { same: actual === expected, fallbacks: spy.mock.calls.filter((args) => typeof args[0] === 'object' && args[0] !== null).length };
  } finally {
    spy.mockRestore();
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
  // leaves to cdk8s sends only its own document there. The last number counts those documents.
  const asValues = (values: unknown[]) => values.flatMap((v) => [{ a: v }, { a: [v] }]);
  test.each<[string, unknown[], number]>([
    // The package writes `<<` plain (as a merge key): left to it.
    ['strings YAML 1.1 reads as other types', asValues(['yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'true', '0x1F', '0o7', '017', '0b101', '1_000', '1:20', '1:20.5', '.inf', '-.inf', '.NaN', '1e3', '1.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '+1', '-1', '<<']), 2],
    ['indicators and spaces', asValues(['-', '- a', '-a', '?', '? a', '?a', ':', 'a:', 'a: b', 'a:b', '#a', 'a #b', 'a#b', ' a', 'a ', '\ta', 'a\t', '@a', '`a', '!a', '&a', '*a', '|a', '>a', "'a", '"a', '%a', '[a', ']a', '{a', '}a', ',a', 'a,b', 'a]', 'x: "y"', "it's", 'say "hi"', `both ' and "`, '', '---', '--- a', '...', '...a']), 0],
    ['control characters, unicode and surrogates', asValues(['a\rb', 'a\u0000b', 'a\u0007', 'a\u001bb', 'a\u0085b', 'a\u00a0b', 'a\u2028b', 'é ü 中文', '\ud800', 'a\\nb', 'a\\b']), 0],
    // Over 1,024 characters, a key becomes explicit (`? key`); a document marker changes a top-level key
    // only (the writer also leaves `%x` to the package there, which would quote it anyway).
    ['keys that need quotes or stand plain', [{ 8080: 1, yes: 2, 'a: b': 3, '': 4, '-': 5, 'app.kubernetes.io/name': 6, 'ca.crt': 7, ' lead': 8, '%x': 9, ['x'.repeat(1024)]: 10 },
      { a: { '---': 1, '...b': 2 } }, { '---': 1 }, { ['x'.repeat(1100)]: 1 }], 3],
    // A whitespace-only last line and a control character make a quoted scalar whose breaks depend on the indentation.
    ['literal blocks: chomping, leading spaces and blank lines', asValues(['a\nb', 'a\nb\n', 'a\nb\n\n', 'a\nb\n\n\n', '\na\nb', '\n\na', '  a\nb', ' \na', 'a\n\nb\n',
      'a\n\n\nb', 'a\n  b\n', 'a: b\nc: d\n', '---\na\n', 'a\n---\n...\n', '# x\ny\n', 'a \nb', 'a\n b', 'a\n\t\n', '\n', '\n\n', '%x\ny', 'a\n ', 'a\rb\nc']), 4],
    // Only safe integers other than -0 are written directly.
    ['numbers, booleans, null and empty collections', asValues([0, 1, -1, 2 ** 53 - 1, true, false, null, {}, [], [[]], [{}], { b: {} }, -0, 2 ** 53, 1.5, -2.25, 1e21, 1e-7, NaN, Infinity]), 16],
    ['nested lists and maps', [{ a: [[1, [2, 3]], [{ b: [{ c: 'd' }] }]], e: { f: { g: [] } }, h: [{ i: 'x\ny\n', j: [['k\n']] }] }], 0],
    // A multi-line string as a whole document is written at indentation 0, which the writer leaves to
    // cdk8s (not counted: only documents that are objects or lists are).
    ['top-level lists and scalars', [[1, 2], 'plain', 'on', 3, null, true, 'a\nb\n'], 0],
  ])('%s', (_, docs, fallbacks) => {
    expect(compare(docs)).toEqual({ same: true, fallbacks });
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
      'yes', 'on', 'null', '~', '0x1', '12', '1:2', '.5', '1e3', '2001-12-14', '\u2028', 'é'];
    const rare = ['---', '...', '\r', '\u0085'];
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
    fc.assert(fc.property(docs, (d) => {
      const { same, fallbacks } = compare(d);
      written += d.length - fallbacks;
      fellBack += fallbacks;
      return same;
    }), { numRuns: RUNS, seed: SEED });
    // Falling back is for rare values; with these pieces most documents are written directly.
    expect(written).toBeGreaterThan(2 * fellBack);
    expect(fellBack).toBeGreaterThan(0);
  });
});
