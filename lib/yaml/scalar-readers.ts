/**
 * Whether the readers of the library's YAML read a string back as it was written. They are the
 * `yaml` package reading YAML 1.1 (cdk8s's version) and YAML 1.2 core (its default), and Go's
 * go-yaml (v2: kubectl, the API server through sigs.k8s.io/yaml, viper before 1.12; v3: viper
 * from 1.12), which reads YAML 1.1's line breaks and refuses characters the others accept.
 */
import { GoScalar, goReadsAsString, resolveGoPlain } from './go-scalar';
import { FORCES_DOUBLE_QUOTES, packageWritesPlain, YAML_11_TESTS, YAML_12_CORE_TESTS } from './yaml-package';

/**
 * Characters written raw by the `yaml` package that Go reads otherwise: DEL and the C1 controls
 * (refused by go-yaml's reader), U+0085 (a line break in YAML 1.1: it ends a plain scalar and is
 * folded to a space in quotes), U+2028 and U+2029 (line breaks outside quotes), U+FFFE and U+FFFF
 * (refused). The library's writer escapes them in double quotes wherever they stand. (U+FEFF is
 * read as written, except at the start of a line: see `hazard`.)
 */
export const ESCAPED = /[\x7f-\x9f\u2028\u2029\ufffe\uffff]/;

/** Half of a surrogate pair without the other: not a Unicode character, so no YAML text can hold it. */
export const LONE_SURROGATE = /[\u{D800}-\u{DFFF}]/u;

/** A character of `ESCAPED` or a lone surrogate: one test for the common case, a string with neither. */
export const ESCAPED_OR_LONE = /[\x7f-\x9f\u2028\u2029\ufffe\uffff\u{D800}-\u{DFFF}]/u;

/**
 * The first characters of every plain scalar that Go or YAML 1.2 reads as another type (or `<<`, a
 * merge key): Go's hints (a sign, a digit, `.`, `yYnNtTfFoO~`) cover YAML 1.2's types. (YAML 1.1
 * also reads `e5` as a float: `packageWritesPlain` knows.)
 */
const MAY_RESOLVE = /^[-+0-9.yYnNtTfFoO~<]|^$/;

/** `ESCAPED_OR_LONE` or `MAY_RESOLVE`, in one test: a string neither matches is written and read back by every writer and reader. */
const MAY_BE_HAZARD = /^[-+0-9.yYnNtTfFoO~<]|^$|[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u{D800}-\u{DFFF}]/u;

/**
 * Whether `text` may be a hazard to a reader, before any per-string table is asked (a synth holds
 * thousands of strings, and hashing a long one costs more than this). Narrower than
 * `MAY_BE_HAZARD` at the start: a letter counts only as one of the whole words that go-yaml and
 * YAML 1.2 resolve (booleans, null), so `flyte` or `name` passes at once. Wider at the characters:
 * without the Unicode flag it also matches a well-formed surrogate pair, and the full test decides.
 */
export function mayBeHazard(text: string): boolean {
  return MAY_BE_HAZARD_QUICK.test(text);
}

const MAY_BE_HAZARD_QUICK = /^(?:[-+0-9.~<]|$|(?:[yY](?:es|ES)?|[nN](?:o|O|ull|ULL)?|[tT](?:rue|RUE)|[fF](?:alse|ALSE)|[oO](?:n|N|ff|FF))$)|[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;

/** Whether YAML 1.1, YAML 1.2 core and Go all read the plain scalar `text` (a key, or a value) as that string. */
export function plainReadsAsString(text: string, isKey: boolean): boolean {
  return !YAML_11_TESTS.some((re) => re.test(text)) && othersReadPlain(text, isKey);
}

/**
 * Whether YAML 1.2 core and Go read the plain scalar `text` as that string (what YAML 1.1 makes of
 * it is the package's own test, `packageWritesPlain`). A word YAML 1.2 reads as another type
 * (`null`, `true`) is one to Go too: only a number can be one to YAML 1.2 alone (`1e400`, Infinity
 * to YAML 1.2, a string to Go, whose ParseFloat is out of range).
 */
export function othersReadPlain(text: string, isKey: boolean): boolean {
  if (!MAY_RESOLVE.test(text)) return true;
  if (!goReadsAsString(text, isKey)) return false;
  return !/^[-+0-9.]/.test(text) || !YAML_12_CORE_TESTS.some((re) => re.test(text));
}

/**
 * Why cdk8s's writer (`Yaml.stringify`) writes `text` so that Go as kubectl and the API server read
 * manifests (go-yaml v2) reads something else, or undefined when it reads it back: a lone
 * surrogate; a character of `ESCAPED`, written raw; a single-line string written plain that Go reads
 * as another type (`0o17`). The synth-time pass refuses these in manifests cdk8s writes.
 */
export function cdk8sHazard(text: string, isKey: boolean, atRoot = false): string | undefined {
  return hazard(text, isKey, atRoot, false);
}

/**
 * `cdk8sHazard` for every reader: also go-yaml v3 (viper from 1.12: timestamps, `0o-7`, a `<<`
 * value) and YAML 1.2 alone (`1e400`, an octal beyond 64 bits). What the library's writer holds
 * against a document it would leave to cdk8s's writer.
 */
export function cdk8sHazardToAnyReader(text: string, isKey: boolean, atRoot = false): string | undefined {
  return hazard(text, isKey, atRoot, true);
}

/** `atRoot`: a key of the document's root map, which stands at the start of a line. */
function hazard(text: string, isKey: boolean, atRoot: boolean, anyReader: boolean): string | undefined {
  // The common case first: no character to escape, and a start no reader resolves.
  if (!MAY_BE_HAZARD.test(text)) return undefined;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `it holds a lone surrogate (${codePoint(surrogate[0])}), which no YAML text can hold`;
  const refused = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/.exec(text);
  if (refused) return `cdk8s's writer writes ${codePoint(refused[0])} raw, and Go's YAML reader refuses it as a control character`;
  // U+0085 is a line break to Go wherever it stands (folded to a space in quotes); U+2028 and U+2029
  // only outside quotes (Go keeps them in a quoted scalar, as kubectl shows).
  const lineBreak = /\u0085/.exec(text) ?? (writtenUnquoted(text, isKey) ? /[\u2028\u2029]/.exec(text) : null);
  if (lineBreak) return `cdk8s's writer writes ${codePoint(lineBreak[0])} raw, and Go's YAML reader reads it as a line break`;
  if (atRoot && text[0] === '\ufeff') return 'cdk8s\'s writer writes this key at the start of a line, where Go\'s YAML reader skips U+FEFF as a byte-order mark';
  // A multi-line string is a block literal (a key with a newline, quoted): neither is resolved.
  if (text.includes('\n')) return undefined;
  const goOther = !goReadsAsString(text, isKey, anyReader ? ['v2', 'v3'] : ['v2']);
  if (!goOther && (!anyReader || othersReadPlain(text, isKey))) return undefined;
  // A reader reads the plain scalar otherwise: a hazard where cdk8s writes it plain.
  if (!packageWritesPlain(text)) return undefined;
  return goOther ? `cdk8s's writer writes it plain, and Go's YAML decoder reads ${goReading(text, isKey)}`
    : 'cdk8s\'s writer writes it plain, and YAML 1.2 readers read it as another type';
}

/**
 * Whether cdk8s's writer writes `text` plain or as a block literal: plain where the package leaves
 * a single-line string plain; a block for a multi-line value, unless a control character forces
 * double quotes or its last line is white space only (then quoted); a key with a line break is quoted.
 */
function writtenUnquoted(text: string, isKey: boolean): boolean {
  if (!text.includes('\n')) return packageWritesPlain(text);
  return !isKey && !FORCES_DOUBLE_QUOTES.test(text) && !/\n[\t ]+$/.test(text);
}

/** What Go makes of the plain scalar `text`, for messages: `the number 15`, `true`, `null`, `a timestamp`. */
export function goReading(text: string, isKey = false): string {
  if (isKey && text === '<<') return 'a merge key';
  const v2 = resolveGoPlain(text, 'v2');
  return describeGoScalar(v2.tag !== 'str' && v2.tag !== 'timestamp' ? v2 : resolveGoPlain(text, 'v3'));
}

/** A value Go read, for messages: `the number 15`, `the boolean true`, `null`. */
export function describeGoScalar(s: GoScalar): string {
  switch (s.tag) {
    case 'int': case 'float': return `the number ${s.value}`;
    case 'bool': return `the boolean ${s.value}`;
    case 'null': return 'null';
    case 'timestamp': return 'a timestamp (go-yaml v3)';
    case 'merge': return 'a merge key';
    default: return `the string ${JSON.stringify(s.value)}`;
  }
}

function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A string found in JSON: where (`metadata.annotations[a]`), whether it is a key there, and the text. */
export interface FoundString {
  readonly field: string;
  readonly isKey: boolean;
  readonly text: string;
}

/**
 * The strings of `json` (values, and keys of objects) for which `test` says something, at most
 * `limit` of them; `atRoot` for a key of the root object. A field is spelt only for a string found.
 */
export function findStrings<T>(json: unknown, test: (text: string, isKey: boolean, atRoot: boolean) => T | undefined, limit = Infinity): (FoundString & { readonly found: T })[] {
  const out: (FoundString & { readonly found: T })[] = [];
  // The objects being walked (a cycle is not walked again; a shared object is walked where it stands).
  const ancestors: object[] = [];
  const path: (string | number)[] = [];
  const field = () => path.reduce<string>((f, s) => (typeof s === 'number' ? `${f}[${s}]` : childField(f, s)), '');
  const walk = (value: unknown): void => {
    if (out.length >= limit) return;
    if (typeof value === 'string') {
      const found = test(value, false, false);
      if (found !== undefined) out.push({ field: field(), isKey: false, text: value, found });
      return;
    }
    if (typeof value !== 'object' || value === null || ancestors.includes(value)) return;
    ancestors.push(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
    } else {
      for (const key of Object.keys(value)) {
        path.push(key);
        const found = test(key, true, path.length === 1);
        if (found !== undefined && out.length < limit) out.push({ field: field(), isKey: true, text: key, found });
        walk((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
    ancestors.pop();
  };
  walk(json);
  return out;
}

/** Fields of Kubernetes objects that are maps: their keys are written `[key]`, as Kubernetes' `field.Path` writes them. */
const MAP_FIELDS = /(^|\.)(annotations|labels|data|stringData|binaryData|matchLabels|nodeSelector|limits|requests)$/;

/** The field of `key` in the object at `path`: `spec.template` for a field, `annotations[a]` for a map entry or a key that is no name. */
export function childField(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key) || MAP_FIELDS.test(path)) return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}
