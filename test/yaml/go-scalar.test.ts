import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { isScalar, parseDocument, Scalar } from 'yaml';
import { resolveGoPlain } from '../../lib/yaml/go-scalar';
import { runGoYamlReader } from '../support/go-readers';
import { tempDir } from '../support/temp-dirs';
import { SEED } from '../properties/arbitraries';
import { goScalar } from '../support/yaml-strings';

/**
 * `resolveGoPlain` against go-yaml itself (v2 and v3, Debian's packages, through
 * test/support/go-yaml-reader): every generated plain scalar must resolve to the same kind of value,
 * and to the same value, in both. The strings come from Go's number syntax (signs, every base
 * prefix in either case, underscores anywhere, fractions and exponents), go-yaml's words in mixed
 * case, timestamps with values in and out of range, and random text from the same characters.
 */

/** Whether `text` stands as a plain scalar with exactly this text, as a list item (YAML's own syntax decides). */
function isPlainItem(text: string): boolean {
  const doc = parseDocument(`- ${text}\n`, { schema: 'failsafe' });
  const item = (doc.contents as any)?.items?.[0];
  return doc.errors.length === 0 && (doc.contents as any)?.items?.length === 1 && isScalar(item) && item.type === Scalar.PLAIN && item.source === text;
}

const GO_TYPES: Record<string, string> = { string: 'str', bool: 'bool', '<nil>': 'null', int: 'int', int64: 'int', uint64: 'int', float64: 'float' };

test('Go reads plain scalars as resolveGoPlain says (go-yaml v2 and v3)', () => {
  const strings = [...new Set(fc.sample(goScalar, { numRuns: 4000, seed: SEED }))].filter(isPlainItem);
  const file = path.join(tempDir('go-scalars-'), 'scalars.yaml');
  fs.writeFileSync(file, `items:\n${strings.map((s) => `  - ${s}\n`).join('')}`);
  const read = runGoYamlReader(['scalars', file]);
  expect(read.map((r) => r.text)).toEqual(strings);
  const wrong: string[] = [];
  const kinds = new Map<string, number>();
  read.forEach(({ text, v2, value, v3 }) => {
    const ours2 = resolveGoPlain(text, 'v2');
    const ours3 = resolveGoPlain(text, 'v3');
    // In v2 a timestamp decodes to its string.
    const tag2 = ours2.tag === 'timestamp' ? 'str' : ours2.tag;
    const goValue = typeof value === 'object' && value !== null ? Number(value.float.replace('Inf', 'Infinity')) : value;
    const sameValue = tag2 === 'str' ? goValue === text : Object.is(goValue, ours2.value) || (Number.isNaN(goValue) && Number.isNaN(ours2.value));
    if (GO_TYPES[v2] !== tag2 || !sameValue) wrong.push(`v2 ${JSON.stringify(text)}: Go ${v2} ${JSON.stringify(value)}, ours ${tag2} ${ours2.value}`);
    if (v3 !== `!!${ours3.tag}`) wrong.push(`v3 ${JSON.stringify(text)}: Go ${v3}, ours ${ours3.tag}`);
    kinds.set(`${v2} ${v3}`, (kinds.get(`${v2} ${v3}`) ?? 0) + 1);
  });
  expect(wrong).toEqual([]);
  // The generators reach every kind of value in both versions, and the versions' differences.
  expect(strings.length).toBeGreaterThan(2500);
  for (const kind of ['string !!str', 'int !!int', 'uint64 !!int', 'float64 !!float', 'bool !!bool', 'bool !!str', '<nil> !!null', 'string !!timestamp', 'string !!int']) {
    expect([kind, (kinds.get(kind) ?? 0) > 3]).toEqual([kind, true]);
  }
});

test('the issue\'s examples: numbers to Go, strings to YAML 1.2', () => {
  for (const text of ['0o17', '0O1_7', '+0o17', '-0X1', '-0B1', '1e1_0', '1e_1', '1.5e1_0', '0B101', '0o644']) {
    expect([text, resolveGoPlain(text, 'v2').tag]).toEqual([text, expect.stringMatching(/^(int|float)$/)]);
  }
  expect(resolveGoPlain('0o644', 'v2').value).toBe(420);
  expect(resolveGoPlain('0B101', 'v2').value).toBe(5);
  expect(resolveGoPlain('1e1_0', 'v2').value).toBe(1e10);
  expect(resolveGoPlain('on', 'v2')).toEqual({ tag: 'bool', value: true });
  expect(resolveGoPlain('on', 'v3').tag).toBe('str');
  expect(resolveGoPlain('1e400', 'v2').tag).toBe('str');
  expect(resolveGoPlain('0b-1', 'v2').value).toBe(-1);
});
