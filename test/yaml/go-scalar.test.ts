import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { isScalar, parseDocument, Scalar } from 'yaml';
import { resolveGoPlain } from '../../lib/yaml/go-scalar';
import { runGoYamlReader } from '../support/go-readers';
import { tempDir } from '../support/temp-dirs';
import { SEED } from '../properties/arbitraries';

/**
 * `resolveGoPlain` against go-yaml itself (v2 and v3, Debian's packages, through
 * test/support/go-yaml-reader): every generated plain scalar must resolve to the same kind of value,
 * and to the same value, in both. The strings come from Go's number syntax (signs, every base
 * prefix in either case, underscores anywhere, fractions and exponents), go-yaml's words in mixed
 * case, timestamps with values in and out of range, and random text from the same characters.
 */

const pick = <T>(...items: T[]) => fc.constantFrom(...items);
const digits = (alphabet: string, max = 6) => fc.array(fc.constantFrom(...alphabet.split('')), { minLength: 0, maxLength: max }).map((d) => d.join(''));
/** Underscores inserted at random positions (go-yaml drops them; ParseFloat of a `.` scalar does not). */
const underscored = (s: fc.Arbitrary<string>) => fc.tuple(s, fc.array(fc.nat(8), { maxLength: 2 })).map(([t, at]) => at.reduce((x, i) => `${x.slice(0, i)}_${x.slice(i)}`, t));

const integer = fc.tuple(pick('', '+', '-'), pick('', '0', '0x', '0X', '0o', '0O', '0b', '0B', '00'), digits('0123456789abcdefABCDEF', 22)).map((p) => p.join(''));
const float = fc.tuple(pick('', '+', '-'), digits('0123456789', 4), pick('', '.'), digits('0123456789', 4), pick('', 'e', 'E', 'e+', 'e-', 'E-'), digits('0123456789', 4))
  .map((p) => p.join(''));
const huge = fc.tuple(pick('', '-', '0x', '0b', '0o'), pick('1', '9', 'f', '7'), fc.integer({ min: 15, max: 70 }), pick('', 'e400', 'e-400', '.5'))
  .map(([p, d, n, e]) => `${p}${d.repeat(n)}${e}`);
const word = fc.tuple(pick('y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', '~', '.inf', '+.inf', '-.inf', '.nan', 'nan', 'inf', 'infinity', 'o', 't', 'f'),
  fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), pick('all', 'none', 'first', 'mixed'))
  .map(([w, flips, how]) => [...w].map((c, i) => (how === 'all' || (how === 'first' && i === 0) || (how === 'mixed' && flips[i]) ? c.toUpperCase() : c)).join(''));
/** Near and beyond the int64 and uint64 limits, in each base. */
const wide = fc.tuple(fc.bigInt({ min: 2n ** 62n, max: 2n ** 65n }), pick(['', 10], ['0x', 16], ['0o', 8], ['0b', 2], ['0', 8]), pick('', '-'))
  .map(([n, [prefix, base], sign]) => `${sign}${prefix}${n.toString(base as number)}`);
/** go-yaml's own binary and (v3) octal prefixes, whose rest is parsed with a sign of its own. */
const signedRest = fc.tuple(pick('0b', '0o', '-0b', '-0o', '0B', '0O'), pick('', '-', '+', '--'), digits('01234567', 4)).map((p) => p.join(''));
const two = (max: number) => fc.integer({ min: 0, max }).chain((n) => pick(String(n), String(n).padStart(2, '0')));
const timestamp = fc.tuple(
  fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')), two(14), two(33),
  fc.option(fc.tuple(pick('T', 't', ' ', '  ', 'x'), two(25), two(61), two(61), pick('', '.5', ',123', '.1234567890', '.'),
    pick('', 'Z', '+01:00', '-05:30', '+1:00', '-+1:00', '+99:99', '+0100', ' Z')), { nil: undefined }),
).map(([y, m, d, t]) => `${y}-${m}-${d}${t ? `${t[0]}${t[1]}:${t[2]}:${t[3]}${t[4]}${t[5]}` : ''}`);
const random = digits('0123456789+-._eExXoObBaAfFnNyYtT~:', 10);
const scalar = fc.oneof(underscored(integer), underscored(float), huge, wide, signedRest, { arbitrary: word, weight: 2 }, timestamp, random);

/** Whether `text` stands as a plain scalar with exactly this text, as a list item (YAML's own syntax decides). */
function isPlainItem(text: string): boolean {
  const doc = parseDocument(`- ${text}\n`, { schema: 'failsafe' });
  const item = (doc.contents as any)?.items?.[0];
  return doc.errors.length === 0 && (doc.contents as any)?.items?.length === 1 && isScalar(item) && item.type === Scalar.PLAIN && item.source === text;
}

const GO_TYPES: Record<string, string> = { string: 'str', bool: 'bool', '<nil>': 'null', int: 'int', int64: 'int', uint64: 'int', float64: 'float' };

test('Go reads plain scalars as resolveGoPlain says (go-yaml v2 and v3)', () => {
  const strings = [...new Set(fc.sample(scalar, { numRuns: 4000, seed: SEED }))].filter(isPlainItem);
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
