/**
 * The YAML text of manifest documents: what cdk8s's `Yaml.stringify` writes, byte for byte, except
 * where cdk8s's text would be read back as something else, and over ten times faster. cdk8s hands
 * each document to the `yaml` package (YAML 1.1, no line folding), which first builds a node tree of
 * it and then walks that tree with a context object per value: about 40% of a plain cdk8s synth,
 * and the largest single cost of a short `cdk8s synth`.
 *
 * This writer walks the JSON itself and follows the package's own rules (its `stringifyPair`,
 * `stringifyCollection`, `plainString` and `blockString`, copied in lib/yaml/yaml-package.ts) for
 * the values manifests are made of: plain objects, lists, strings, booleans, null and safe
 * integers. A string that needs quotes is quoted by the package itself. Where cdk8s's text differs
 * from what every reader reads back (lib/yaml/scalar-readers.ts), this writer writes the string
 * double-quoted instead: a plain string that Go or YAML 1.2 reads as another type (`0o17`, `0B101`,
 * `1e1_0`), and a string holding a character Go refuses or reads as a line break, escaped. A lone
 * surrogate cannot be written at all: it is refused, naming the object and field. Anything else in
 * a document (a fraction, -0, a shared object that the package would write as an alias, an object
 * with a `toJSON` method, a string whose rendering depends on where it stands) sends that document
 * to cdk8s's `Yaml.stringify`, so the text never differs; a document sent there that holds a string
 * cdk8s would write wrongly is refused instead. A test compares the two on the example app's
 * documents, a full stack, edge cases and generated documents, and expects differences exactly
 * where cdk8s's text is read otherwise.
 */
import { Yaml } from 'cdk8s';
import { ValidationError } from '../errors';
import { objectRef } from '../rules/pod-specs';
import { cdk8sHazardToAnyReader, ESCAPED_OR_LONE, findStrings, LONE_SURROGATE, othersReadPlain } from './scalar-readers';
import { BLOCK_END_NEWLINES, DOCUMENT_MARKER, FORCES_DOUBLE_QUOTES, packageWritesPlain, YAML_NODE } from './yaml-package';

/** A document this writer leaves to cdk8s's `Yaml.stringify`. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();

/** A string no YAML text can hold (a lone surrogate): the document is refused. */
class Unwritable {
  constructor(public readonly text: string) {}
}

const ARRAY_ITERATOR = Array.prototype[Symbol.iterator];

/**
 * Characters that change how a string is written: those the package double-quotes (control
 * characters, surrogates) and those Go reads otherwise (`ESCAPED`). One quick test for the common
 * string, which has none; paired surrogates (an emoji) match too and are told apart after.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const SPECIAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]/;

/**
 * The YAML of `docs`, one document each (`undefined` is an empty one), as cdk8s's
 * `Yaml.stringify(...docs)` except where every reader must read the strings back (see above).
 * `sources[i]` names document `i` in a refusal (a construct path); by default its kind and name.
 * @throws ValidationError for a document holding a string that cannot be written faithfully
 */
export function manifestYaml(docs: readonly unknown[], sources: readonly (string | undefined)[] = []): string {
  const writer = new Writer();
  return docs.map((doc, i) => (doc === undefined ? '\n' : writer.document(doc, sources[i]))).join('---\n');
}

/** One call's writer: its memo of rendered strings lives as long as the call. */
class Writer {
  /** The rendering of each single-line string seen, as a value and as a key. */
  private readonly values = new Map<string, string>();
  private readonly keys = new Map<string, string>();
  /** The objects of the current document: one seen twice would be an alias. */
  private seen = new Set<object>();
  /** Whether the last `node` was a collection with items (written on lines of its own). */
  private multiline = false;

  public document(doc: unknown, source: string | undefined): string {
    this.seen = new Set();
    try {
      return `${this.node(doc, '')}\n`;
    } catch (e) {
      if (e instanceof Unwritable) throw refusal(doc, source, (text, isKey) => (text === e.text ? cdk8sHazardToAnyReader(text, isKey) : undefined));
      if (e !== UNSUPPORTED) throw e;
      // cdk8s writes this document: refused if cdk8s would write one of its strings wrongly.
      if (findStrings(doc, cdk8sHazardToAnyReader, 1).length > 0) throw refusal(doc, source, cdk8sHazardToAnyReader);
      return Yaml.stringify(doc);
    }
  }

  /** `value` where the package's context has `indent` (a pair's value, a list item, the document). */
  private node(value: unknown, indent: string): string {
    this.multiline = false;
    switch (typeof value) {
      case 'string': return value.includes('\n') ? multiline(value, indent) : this.scalar(value, indent);
      case 'boolean': return value ? 'true' : 'false';
      // -0 is written `-0`: left to the package with fractions and the rest.
      case 'number': if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value); throw UNSUPPORTED;
      case 'object': break;
      default: throw UNSUPPORTED;
    }
    if (value === null) return 'null';
    if (this.seen.has(value)) throw UNSUPPORTED;
    this.seen.add(value);
    // The package writes what a `toJSON` method returns (own or inherited, enumerable or not), and
    // takes a value marked as its own node as it is: both are left to it.
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function' || YAML_NODE in value) throw UNSUPPORTED;
    if (Array.isArray(value)) {
      // The package iterates a list: one with an iterator of its own is left to it.
      if (value[Symbol.iterator] !== ARRAY_ITERATOR) throw UNSUPPORTED;
      if (value.length === 0) return '[]';
      const itemIndent = `${indent}  `;
      let text = '';
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw UNSUPPORTED;
        text += `${i === 0 ? '' : `\n${indent}`}- ${this.node(value[i], itemIndent)}`;
      }
      this.multiline = true;
      return text;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw UNSUPPORTED;
    // The package writes an iterable object as a list.
    if (Symbol.iterator in value) throw UNSUPPORTED;
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const pairIndent = `${indent}  `;
    let text = '';
    for (let i = 0; i < keys.length; i++) {
      const key = this.key(keys[i], indent);
      const item = this.node((value as Record<string, unknown>)[keys[i]], pairIndent);
      // After `key:`, a collection with items starts on the next line, anything else after a space.
      text += `${i === 0 ? '' : `\n${indent}`}${key}:${this.multiline ? `\n${pairIndent}` : ' '}${item}`;
    }
    this.multiline = true;
    return text;
  }

  /** A single-line string value: plain where the package leaves it plain and every reader agrees, else quoted. */
  private scalar(text: string, indent: string): string {
    // A document marker (`---`, `...`; `%` is quoted anyway) at the start of a whole document's text makes it a block: left to the package.
    if (indent === '' && DOCUMENT_MARKER.test(text)) throw UNSUPPORTED;
    let out = this.values.get(text);
    if (out === undefined) {
      out = single(text, false);
      this.values.set(text, out);
    }
    return out;
  }

  /**
   * A key of a map at `indent`: as a value, except that a newline, a document marker starting a
   * key of the top-level map, or over 1,024 characters change its form (left to the package).
   */
  private key(text: string, indent: string): string {
    if (indent === '' && DOCUMENT_MARKER.test(text)) throw UNSUPPORTED;
    // A key of the root map starts a line, where Go skips U+FEFF as a byte-order mark.
    if (indent === '' && text[0] === '\ufeff') return escaped(text);
    let out = this.keys.get(text);
    if (out === undefined) {
      if (text.includes('\n') && !ESCAPED_OR_LONE.test(text)) throw UNSUPPORTED;
      out = single(text, true);
      if (out.length > 1024) throw UNSUPPORTED;
      this.keys.set(text, out);
    }
    return out;
  }
}

/**
 * A string on one line: plain where the package writes it plain and every reader reads it back;
 * quoted by the package where it quotes it; escaped in double quotes where the package's text
 * would be read otherwise.
 */
function single(text: string, isKey: boolean): string {
  if (SPECIAL.test(text) && ESCAPED_OR_LONE.test(text)) return escaped(text);
  // Plain where YAML 1.2 and Go read it back too (`<<` is a merge key to YAML 1.1 itself).
  if (packageWritesPlain(text)) return text !== '<<' && othersReadPlain(text, isKey) ? text : escaped(text);
  const out = Yaml.stringify(text).slice(0, -1);
  if (out === text || out.includes('\n')) throw UNSUPPORTED; // not the quoting expected: leave the document to the package
  return out;
}

/** Escapes of the characters Go reads otherwise (lib/yaml/scalar-readers.ts `ESCAPED`); YAML 1.1 and 1.2 read them all. */
const ESCAPES: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P', '\ufeff': '\\uFEFF', '\ufffe': '\\uFFFE', '\uffff': '\\uFFFF' };
/** The package's short escapes of control characters (`doubleQuotedString`). */
const SHORT_ESCAPES: Record<string, string> = { '0000': '\\0', '0007': '\\a', '000b': '\\v', '001b': '\\e' };

/**
 * `text` double-quoted on one line, as the package writes a double-quoted string (JSON's escapes,
 * control characters as `\xNN`), with the characters Go reads otherwise escaped too, and line
 * breaks as `\n`. A lone surrogate has no escape that Go accepts: the string cannot be written.
 */
function escaped(text: string): string {
  if (LONE_SURROGATE.test(text)) throw new Unwritable(text);
  return JSON.stringify(text)
    // JSON's `\u00NN` as the package writes it; `\\` is a backslash, skipped as a pair.
    .replace(/\\u00([0-9a-f]{2})|\\./g, (escape, hex?: string) => (hex === undefined ? escape : SHORT_ESCAPES[`00${hex}`] ?? `\\x${hex}`))
    .replace(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (ch) => ESCAPES[ch] ?? `\\x${ch.charCodeAt(0).toString(16)}`);
}

/**
 * The refusal of `doc` for its first string `hazard` names: no text of it is written (cdk8s would
 * write it wrongly, or nothing can hold it).
 */
function refusal(doc: unknown, source: string | undefined, hazard: (text: string, isKey: boolean) => string | undefined): ValidationError {
  const [found] = findStrings(doc, hazard, 1);
  const where = source ?? objectRef(doc);
  if (found === undefined) return new ValidationError(where, 'manifest', undefined, 'a string cannot be written faithfully', 'strings without lone surrogates');
  const { field, isKey, text, found: why } = found;
  const lone = LONE_SURROGATE.test(text);
  return new ValidationError(where, field, text, `${isKey ? 'the key' : 'the value'} cannot be written as YAML that Go reads back: ${why}`,
    lone ? 'well-formed text (a lone surrogate is half of a character, often a string cut in the middle of an emoji)'
      : 'the same string in an object this writer writes without cdk8s (no fraction, -0, shared object or toJSON method in the document)');
}

/**
 * A multi-line string: escaped where it holds a character Go reads otherwise; left to the package
 * where it holds one the package double-quotes (its line breaks then depend on the indentation);
 * else a literal block.
 */
function multiline(value: string, indent: string): string {
  if (SPECIAL.test(value)) {
    if (ESCAPED_OR_LONE.test(value)) return escaped(value);
    if (FORCES_DOUBLE_QUOTES.test(value)) throw UNSUPPORTED;
  }
  return blockLiteral(value, indent);
}

/**
 * A multi-line string as a literal block scalar (`|`, `|-`, `|+`), as the package's `blockString`
 * writes one at a non-empty indentation without line folding.
 */
function blockLiteral(value: string, indent: string): string {
  // A whitespace-only last line makes a quoted scalar (as control characters do, see `multiline`),
  // whose line breaks depend on the indentation: left to the package.
  if (/\n[\t ]+$/.test(value) || indent === '') throw UNSUPPORTED;
  let endStart = value.length;
  while (endStart > 0) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
    --endStart;
  }
  let end = value.substring(endStart);
  const endNewline = end.indexOf('\n');
  // Chomping: strip without a final newline, clip with one, keep with more.
  const chomp = endNewline === -1 ? '-' : value === end || endNewline !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNewline = -1;
  for (; startEnd < body.length; ++startEnd) {
    const ch = body[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNewline = startEnd;
    else break;
  }
  let start = body.substring(0, startNewline < startEnd ? startNewline + 1 : startEnd);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  // A leading space needs an explicit indentation indicator (2: the indentation step).
  const header = (startWithSpace ? '2' : '') + chomp;
  return `|${header}\n${indent}${start}${body.replace(/\n+/g, `$&${indent}`)}${end}`;
}
