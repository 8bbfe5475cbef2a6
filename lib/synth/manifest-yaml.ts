/**
 * The YAML text of manifest documents: byte for byte what cdk8s's `Yaml.stringify` writes, over ten
 * times faster. cdk8s hands each document to the `yaml` package (YAML 1.1, no line folding), which
 * first builds a node tree of it and then walks that tree with a context object per value: about
 * 40% of a plain cdk8s synth, and the largest single cost of a short `cdk8s synth`.
 *
 * This writer walks the JSON itself and follows the `yaml` package's own rules (its
 * `stringifyPair`, `stringifyCollection`, `plainString` and `blockString`) for the values manifests
 * are made of: plain objects, lists, strings, booleans, null and safe integers. Whether a string
 * may stay plain is decided by the same schema tests the package uses (taken from the package,
 * not listed here), and a string that needs quotes is quoted by the package itself. Anything else
 * in a document (a fraction, -0, a shared object that the package would write as an alias, an
 * object with a `toJSON` method, a string whose rendering depends on where it stands) sends that
 * document to cdk8s's
 * `Yaml.stringify`, so the text never differs. A test compares the two on the example app's
 * documents, a full stack, edge cases and generated documents.
 */
import * as path from 'path';
import { Yaml } from 'cdk8s';
import type * as YamlModule from 'yaml';

/** A document this writer leaves to cdk8s's `Yaml.stringify`. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();

/** Characters the package writes only double-quoted (control characters and lone surrogates). */
// eslint-disable-next-line no-control-regex -- the package's own test, character for character
const FORCES_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** What may not stand plain: indicators at the start, ': ', ' #', a trailing space or colon (as `plainString`). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** A document marker at a line start: where it is rendered depends on the indentation. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** Trailing newlines inside a block scalar's end (the package's `blockEndNewlines`). */
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

const ARRAY_ITERATOR = Array.prototype[Symbol.iterator];
/** The key by which the package recognises its own nodes (documents, pairs, scalars, collections). */
const YAML_NODE = Symbol.for('yaml.node.type');

/** The schema's tests, built on first use: a constant of the package, not a cache of output. */
let resolvesAsOtherType: ((text: string) => boolean) | undefined;

/**
 * Whether a plain scalar `text` would read back as something other than a string under YAML 1.1
 * (`true`, `on`, `0x1F`, `1:20`, `2001-12-14`, ...): the tests of the schema cdk8s writes with,
 * from the copy of the `yaml` package cdk8s itself loads.
 */
function readsAsOtherType(text: string): boolean {
  if (!resolvesAsOtherType) {
    const yaml = cdk8sYamlPackage();
    const tests = new yaml.Document(null, { version: '1.1' }).schema.tags
      .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test)
      .map((tag) => tag.test!);
    resolvesAsOtherType = (t) => tests.some((re) => re.test(t));
  }
  return resolvesAsOtherType(text);
}

/**
 * The `yaml` package cdk8s loads: its own bundled copy, found as node finds it from cdk8s, or (where
 * that is not on disk, as in a bundled app) this library's copy, the same major version.
 */
function cdk8sYamlPackage(): typeof YamlModule {
  /* eslint-disable @typescript-eslint/no-require-imports -- the copy is chosen at run time */
  try {
    return require(require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] })) as typeof YamlModule;
  } catch {
    return require('yaml') as typeof YamlModule;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The YAML of `docs`, one document each (`undefined` is an empty one), as cdk8s's `Yaml.stringify(...docs)`. */
export function manifestYaml(docs: readonly unknown[]): string {
  const writer = new Writer();
  return docs.map((doc) => (doc === undefined ? '\n' : writer.document(doc))).join('---\n');
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

  public document(doc: unknown): string {
    this.seen = new Set();
    try {
      return `${this.node(doc, '')}\n`;
    } catch (e) {
      if (e !== UNSUPPORTED) throw e;
      return Yaml.stringify(doc);
    }
  }

  /** `value` where the package's context has `indent` (a pair's value, a list item, the document). */
  private node(value: unknown, indent: string): string {
    this.multiline = false;
    switch (typeof value) {
      case 'string': return value.includes('\n') ? blockLiteral(value, indent) : this.scalar(value, indent);
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

  /** A single-line string value: plain where the package leaves it plain, else quoted by the package. */
  private scalar(text: string, indent: string): string {
    // A document marker (`---`, `...`; `%` is quoted anyway) at the start of a whole document's text makes it a block: left to the package.
    if (indent === '' && DOCUMENT_MARKER.test(text)) throw UNSUPPORTED;
    let out = this.values.get(text);
    if (out === undefined) {
      out = plain(text) ? text : quoted(text);
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
    let out = this.keys.get(text);
    if (out === undefined) {
      if (text.includes('\n')) throw UNSUPPORTED;
      out = plain(text) ? text : quoted(text);
      if (out.length > 1024) throw UNSUPPORTED;
      this.keys.set(text, out);
    }
    return out;
  }
}

/** Whether a single-line `text` stands plain (the package's `stringifyString` and `plainString`). */
function plain(text: string): boolean {
  return !FORCES_DOUBLE_QUOTES.test(text) && !NOT_PLAIN.test(text) && !readsAsOtherType(text);
}

/**
 * A single-line string that needs quotes, quoted by the package: without a newline, its single- or
 * double-quoted form does not depend on where it stands (no folding: cdk8s writes with lineWidth 0).
 */
function quoted(text: string): string {
  const out = Yaml.stringify(text).slice(0, -1);
  if (out === text || out.includes('\n')) throw UNSUPPORTED; // not the quoting expected: leave the document to the package
  return out;
}

/**
 * A multi-line string as a literal block scalar (`|`, `|-`, `|+`), as the package's `blockString`
 * writes one at a non-empty indentation without line folding.
 */
function blockLiteral(value: string, indent: string): string {
  // Control characters force a double-quoted scalar and a whitespace-only last line a quoted one,
  // whose line breaks depend on the indentation: left to the package.
  if (FORCES_DOUBLE_QUOTES.test(value) || /\n[\t ]+$/.test(value) || indent === '') throw UNSUPPORTED;
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
