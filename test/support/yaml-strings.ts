import * as fc from 'fast-check';

/**
 * Strings that YAML readers may read otherwise than written, for the reader tests: numbers of every
 * form Go's parser accepts (signs, base prefixes in either case, underscores anywhere, fractions,
 * exponents, values beyond int64 and uint64, go-yaml's own signed prefixes), YAML 1.1's words in
 * mixed case, timestamps in and out of range, characters Go refuses or reads as line breaks, and
 * YAML's indicators. Which of them a reader reads otherwise is for the readers to say.
 */

const pick = <T>(...items: T[]) => fc.constantFrom(...items);
const digits = (alphabet: string, max = 6) => fc.array(fc.constantFrom(...alphabet.split('')), { minLength: 0, maxLength: max }).map((d) => d.join(''));
/** Underscores inserted at random positions (go-yaml drops them; ParseFloat of a `.` scalar does not). */
const underscored = (s: fc.Arbitrary<string>) => fc.tuple(s, fc.array(fc.nat(8), { maxLength: 2 })).map(([t, at]) => at.reduce((x, i) => `${x.slice(0, i)}_${x.slice(i)}`, t));

export const integer = underscored(fc.tuple(pick('', '+', '-'), pick('', '0', '0x', '0X', '0o', '0O', '0b', '0B', '00'), digits('0123456789abcdefABCDEF', 22)).map((p) => p.join('')));
export const float = underscored(fc.tuple(pick('', '+', '-'), digits('0123456789', 4), pick('', '.'), digits('0123456789', 4), pick('', 'e', 'E', 'e+', 'e-', 'E-'), digits('0123456789', 4))
  .map((p) => p.join('')));
export const huge = fc.tuple(pick('', '-', '0x', '0b', '0o'), pick('1', '9', 'f', '7'), fc.integer({ min: 15, max: 70 }), pick('', 'e400', 'e-400', '.5'))
  .map(([p, d, n, e]) => `${p}${d.repeat(n)}${e}`);
/** Near and beyond the int64 and uint64 limits, in each base. */
export const wide = fc.tuple(fc.bigInt({ min: 2n ** 62n, max: 2n ** 65n }), pick(['', 10], ['0x', 16], ['0o', 8], ['0b', 2], ['0', 8]), pick('', '-'))
  .map(([n, [prefix, base], sign]) => `${sign}${prefix}${n.toString(base as number)}`);
/** go-yaml's own binary and (v3) octal prefixes, whose rest is parsed with a sign of its own. */
export const signedRest = fc.tuple(pick('0b', '0o', '-0b', '-0o', '0B', '0O'), pick('', '-', '+', '--'), digits('01234567', 4)).map((p) => p.join(''));
export const word = fc.tuple(pick('y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', '~', '.inf', '+.inf', '-.inf', '.nan', 'nan', 'inf', 'infinity', 'o', 't', 'f', '<<'),
  fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), pick('all', 'none', 'first', 'mixed'))
  .map(([w, flips, how]) => [...w].map((c, i) => (how === 'all' || (how === 'first' && i === 0) || (how === 'mixed' && flips[i]) ? c.toUpperCase() : c)).join(''));
const two = (max: number) => fc.integer({ min: 0, max }).chain((n) => pick(String(n), String(n).padStart(2, '0')));
export const timestamp = fc.tuple(
  fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')), two(14), two(33),
  fc.option(fc.tuple(pick('T', 't', ' ', '  ', 'x'), two(25), two(61), two(61), pick('', '.5', ',123', '.1234567890', '.'),
    pick('', 'Z', '+01:00', '-05:30', '+1:00', '-+1:00', '+99:99', '+0100', ' Z')), { nil: undefined }),
).map(([y, m, d, t]) => `${y}-${m}-${d}${t ? `${t[0]}${t[1]}:${t[2]}:${t[3]}${t[4]}${t[5]}` : ''}`);
export const numberish = digits('0123456789+-._eExXoObBaAfFnNyYtT~:', 10);

/** Plain scalars Go may resolve: the generators above. */
export const goScalar = fc.oneof(integer, float, huge, wide, signedRest, { arbitrary: word, weight: 2 }, timestamp, numberish);

/** Characters Go refuses or reads otherwise (DEL, C1 controls, line breaks of YAML 1.1, byte-order mark, non-characters), and others YAML writes specially. */
const SPECIAL_CHARS = ['\u007f', '\u0080', '\u0085', '\u009f', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\t', '\r', '\u0001', '\u001b', '\u00a0', 'é', '😀'];
const INDICATORS = [': ', ' #', '#', '- ', '-', '? ', ':', '"', "'", '!', '&', '*', '|', '>', '%', '@', '`', '[', '{', ',', ' ', '\n', '---', '...'];

/** A mixture: Go's numbers and words with special characters and indicators around or inside. */
export const readerString = fc.oneof(
  { weight: 6, arbitrary: goScalar },
  { weight: 3, arbitrary: fc.tuple(goScalar, pick(...SPECIAL_CHARS), fc.nat(12)).map(([s, c, i]) => `${s.slice(0, i)}${c}${s.slice(i)}`) },
  { weight: 2, arbitrary: fc.tuple(pick(...INDICATORS), goScalar, pick('', ...INDICATORS)).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.array(pick(...SPECIAL_CHARS, 'a', 'x'), { minLength: 1, maxLength: 4 }).map((c) => c.join('')) },
);

/** Strings with a lone surrogate (half of a character): no YAML text can hold them. */
export const loneSurrogate = fc.tuple(pick('\ud800', '\udbff', '\udc00', '\udfff'), goScalar).map(([c, s]) => `${s}${c}`);
