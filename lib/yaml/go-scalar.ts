/**
 * How Go's YAML decoder reads a plain (unquoted) scalar: go-yaml's `resolve` (gopkg.in/yaml.v2
 * v2.4.0 and yaml.v3 v3.0.1, `resolve.go`), on top of Go's `strconv.ParseInt`/`ParseUint` (base 0)
 * and `ParseFloat` and `time.Parse` (Go 1.19, `strconv/atoi.go`, `atof.go`, `time/format.go`).
 * kubectl and the API server read manifests through sigs.k8s.io/yaml, which is yaml.v2's resolver
 * (its own copy of it since v1.4.0); flyteadmin reads its config through viper 1.11, which
 * uses yaml.v2 (viper switched to yaml.v3 in 1.12).
 *
 * This is go-yaml's rule, implemented rather than listed: the first byte picks a hint; a few words
 * are looked up (v2's YAML 1.1 booleans, null, `.inf`/`.nan`); a scalar starting with a digit or
 * a sign is a timestamp if `time.Parse` accepts one of four layouts, else, with every `_` dropped,
 * an integer if `ParseInt`/`ParseUint` accept it in base 0 (`0x`, `0o`, `0b` and a leading `0`
 * for octal, either case, with a sign), else a float if it looks like one and `ParseFloat` accepts
 * it in range, else a binary (and in v3 an octal) with go-yaml's own prefix handling. A test
 * compares this module with both go-yaml versions, built from Debian's packages, on generated strings.
 */

/**
 * What go-yaml resolves a plain scalar to. `timestamp` stays a string in v2 when decoded into
 * `interface{}`. `merge`: v3 tags a plain `<<` as a merge key wherever it stands (v2 only as a key).
 */
export type GoTag = 'str' | 'bool' | 'null' | 'int' | 'float' | 'timestamp' | 'merge';

/** A plain scalar as Go reads it: the tag, and the value as JSON would carry it (integers beyond 2^53 lose precision). */
export interface GoScalar {
  readonly tag: GoTag;
  readonly value: string | number | boolean | null;
}

/** go-yaml v2 (kubectl, the API server, viper before 1.12) or v3 (viper from 1.12). */
export type GoYamlVersion = 'v2' | 'v3';

/** go-yaml's `resolveMap`: each version's words. */
const WORDS: Record<GoYamlVersion, ReadonlyMap<string, GoScalar>> = { v2: words(true), v3: words(false) };

function words(yaml11Booleans: boolean): Map<string, GoScalar> {
  const map = new Map<string, GoScalar>();
  const add = (tag: GoTag, value: GoScalar['value'], list: string) => list.split(' ').forEach((w) => map.set(w, { tag, value }));
  add('bool', true, yaml11Booleans ? 'y Y yes Yes YES true True TRUE on On ON' : 'true True TRUE');
  add('bool', false, yaml11Booleans ? 'n N no No NO false False FALSE off Off OFF' : 'false False FALSE');
  add('null', null, '~ null Null NULL');
  map.set('', { tag: 'null', value: null });
  add('float', NaN, '.nan .NaN .NAN');
  add('float', Infinity, '.inf .Inf .INF +.inf +.Inf +.INF');
  add('float', -Infinity, '-.inf -.Inf -.INF');
  return map;
}

/** go-yaml's `yamlStyleFloat`, which a scalar must match before `ParseFloat` is tried. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** go-yaml's `resolveTable`: the hint its first byte gives ('' = a string, whatever follows). */
function hint(text: string): string {
  if (text === '') return 'N';
  const c = text[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  return c === '.' ? '.' : '';
}

/** How go-yaml `version` reads the plain scalar `text` (go-yaml's `resolve` with no explicit tag). */
export function resolveGoPlain(text: string, version: GoYamlVersion): GoScalar {
  if (text === '<<' && version === 'v3') return { tag: 'merge', value: text };
  const h = hint(text);
  if (h === '') return { tag: 'str', value: text };
  const word = WORDS[version].get(text);
  if (word !== undefined) return word;
  if (h === '.') {
    const f = parseFloat(text);
    return f === undefined ? { tag: 'str', value: text } : { tag: 'float', value: f };
  }
  // A word not looked up, or a sign before anything but a digit or `.` once underscores are
  // dropped (every number, go-yaml's prefixes included, has one there): a string, without the parsers.
  if (h === 'M' || (h === 'S' && !/^._*[0-9.]/.test(text))) return { tag: 'str', value: text };
  if (isTimestamp(text)) return { tag: 'timestamp', value: text };
  const plain = text.replace(/_/g, '');
  const int = parseInt(plain, 0) ?? parseUint(plain, 0);
  if (int !== undefined) return { tag: 'int', value: Number(int) };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = parseFloat(plain);
    if (f !== undefined) return { tag: 'float', value: f };
  }
  // go-yaml's own prefixes, parsed with an explicit base: the rest may carry a sign (`0b-1` is -1).
  const prefixed = (base: number, prefix: string): bigint | undefined => {
    if (plain.startsWith(`0${prefix}`)) return parseInt(plain.slice(2), base) ?? parseUint(plain.slice(2), base);
    if (plain.startsWith(`-0${prefix}`)) return parseInt(`-${plain.slice(3)}`, base);
    return undefined;
  };
  const other = prefixed(2, 'b') ?? (version === 'v3' ? prefixed(8, 'o') : undefined);
  return other === undefined ? { tag: 'str', value: text } : { tag: 'int', value: Number(other) };
}

/**
 * Whether Go (go-yaml v2 and v3, or the `versions` given) reads the plain scalar `text` as that
 * string, decoding it into `interface{}` as kubectl, the API server and viper do: a timestamp is its
 * string to v2 and a time to v3; a `<<` key is a merge key to both.
 */
export function goReadsAsString(text: string, isKey = false, versions: readonly GoYamlVersion[] = ['v2', 'v3']): boolean {
  const v3 = versions.includes('v3');
  if (text === '<<') return !isKey && !v3;
  // v3 resolves as v2 does but for fewer words (all of them v2's too), timestamps (a time, where v2
  // keeps the text) and its octal prefix: one resolution, and a second only for that prefix.
  const tag = resolveGoPlain(text, 'v2').tag;
  if (tag !== 'str') return tag === 'timestamp' && !v3;
  return !v3 || !/^-?0o/.test(text.replace(/_/g, '')) || resolveGoPlain(text, 'v3').tag === 'str';
}

const MAX_UINT64 = (1n << 64n) - 1n;

/**
 * `strconv.ParseUint(s, base, 64)`: base 0 takes the base from the prefix (`0b`, `0o`, `0x`, a
 * leading `0` for octal). Undefined on a syntax or range error. go-yaml drops underscores first,
 * so an underscore is a syntax error here.
 */
function parseUint(s: string, base: number): bigint | undefined {
  if (s === '') return undefined;
  let digits = s;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1].toLowerCase() : '';
      base = p === 'b' ? 2 : p === 'x' ? 16 : 8;
      digits = p === 'b' || p === 'o' || p === 'x' ? s.slice(2) : s.slice(1);
    }
  }
  if (!DIGITS[base].test(digits)) return undefined;
  const n = digits === '' ? 0n : BigInt(`${PREFIX[base]}${digits}`);
  return n > MAX_UINT64 ? undefined : n;
}

/** The digits of each base `ParseUint` is given here (either case), and how BigInt reads them. */
const DIGITS: Record<number, RegExp> = { 2: /^[01]*$/, 8: /^[0-7]*$/, 10: /^[0-9]*$/, 16: /^[0-9a-fA-F]*$/ };
const PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };

/** `strconv.ParseInt(s, base, 64)`: an optional sign, then `ParseUint`, within int64. */
function parseInt(s: string, base: number): bigint | undefined {
  if (s === '') return undefined;
  const neg = s[0] === '-';
  const un = parseUint(s[0] === '+' || neg ? s.slice(1) : s, base);
  if (un === undefined) return undefined;
  const cutoff = 1n << 63n;
  if (neg ? un > cutoff : un >= cutoff) return undefined;
  return neg ? -un : un;
}

/**
 * `strconv.ParseFloat(s, 64)` for the decimal forms go-yaml passes it (a scalar starting with `.`,
 * or one matching `yamlStyleFloat`, so never hexadecimal, `inf` or `nan`): digits with one `.`,
 * an optional exponent, underscores only between digits, the whole string, a finite result.
 */
function parseFloat(s: string): number | undefined {
  let i = s[0] === '+' || s[0] === '-' ? 1 : 0;
  let sawDot = false;
  let sawDigits = false;
  let underscores = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') underscores = true;
    else if (c === '.' && !sawDot) sawDot = true;
    else if (c >= '0' && c <= '9') sawDigits = true;
    else break;
  }
  if (!sawDigits) return undefined;
  if (i < s.length && (s[i] === 'e' || s[i] === 'E')) {
    i++;
    if (s[i] === '+' || s[i] === '-') i++;
    if (!(s[i] >= '0' && s[i] <= '9')) return undefined;
    for (; i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) if (s[i] === '_') underscores = true;
  }
  if (i !== s.length || (underscores && !underscoreOK(s))) return undefined;
  const f = Number(s.replace(/_/g, ''));
  // Out of range is an error (ErrRange); a value too small becomes 0 without one.
  return Number.isFinite(f) ? f : undefined;
}

/** `strconv.underscoreOK`: underscores only between digits (a base prefix counts as one). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1].toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-f]/i.test(c))) {
      saw = '0';
    } else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/**
 * go-yaml's `parseTimestamp`: four digits and `-`, then one of its layouts as `time.Parse` reads
 * them: `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), `2006-1-2 15:4:5.999999999`, `2006-1-2`.
 */
function isTimestamp(s: string): boolean {
  if (!/^[0-9]{4}-/.test(s)) return false;
  return TIMESTAMP_LAYOUTS.some((layout) => parsesAs(s, layout));
}

/** The layouts as `time.Parse` walks them: numbers (`y` year, `M` month, `d` day, `h`, `m`, `s`), fraction `f`, zone `z`, literals. */
const TIMESTAMP_LAYOUTS = ['y-M-dThh:mm:ssfz', 'y-M-dthh:mm:ssfz', 'y-M-d hh:mm:ssf', 'y-M-d'].map((l) => l.replace(/hh|mm|ss/g, (x) => x[0]));

function parsesAs(value: string, layout: string): boolean {
  const num: Record<string, number> = {};
  let v = value;
  for (const item of layout) {
    switch (item) {
      case 'y':
        num.y = Number(v.slice(0, 4)); // four digits: checked before
        v = v.slice(4);
        break;
      case 'M': case 'd': case 'h': case 'm': case 's': {
        // `getnum`: one or two digits.
        const m = /^[0-9][0-9]?/.exec(v);
        if (!m) return false;
        num[item] = Number(m[0]);
        v = v.slice(m[0].length);
        const limit = { M: 13, d: 100, h: 24, m: 60, s: 60 }[item];
        if ((item === 'M' && num.M === 0) || num[item] >= limit) return false;
        break;
      }
      case 'f': {
        // An optional fraction, `.` or `,`, of which `time.Parse` (Go 1.19) takes at most nine digits.
        const m = /^[.,][0-9]{1,9}/.exec(v);
        if (m) v = v.slice(m[0].length);
        break;
      }
      case 'z': {
        // `Z`, or `±hh:mm` where each part is two characters `atoi` accepts (`+1` among them).
        if (v[0] === 'Z') {
          v = v.slice(1);
          break;
        }
        if (!/^[+-]([0-9]{2}|[+-][0-9]):([0-9]{2}|[+-][0-9])/.test(v)) return false;
        v = v.slice(6);
        break;
      }
      case ' ':
        // A space in a layout matches a run of spaces.
        if (v !== '' && v[0] !== ' ') return false;
        v = v.replace(/^ +/, '');
        break;
      default:
        if (v[0] !== item) return false;
        v = v.slice(1);
    }
  }
  return v === '' && num.d >= 1 && num.d <= daysIn(num.M, num.y);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
