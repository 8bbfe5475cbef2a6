/**
 * YAML as the checker reads it: ConfigMap files (parsed only by the rules that need them, at most
 * once per text and call) and the `check` command's input. Never throws: a text that cannot be read
 * gives the reason.
 */
import type * as YamlModule from 'yaml';
import { CheckContext } from './context';
import { aliasProblem } from './yaml-aliases';

/** The parse options of every YAML text the checker reads. */
export const YAML_OPTIONS = { merge: true, prettyErrors: false, logLevel: 'silent' } as const;

/**
 * A YAML text read: its value, or why it cannot be read. `syntax`: the text is no YAML at all (it
 * may be another format); otherwise it is YAML that no reader should follow (aliases, depth).
 */
export type ReadYaml = { readonly value: unknown; readonly problem?: undefined } | { readonly problem: string; readonly syntax: boolean };

/** The parser, loaded on first use. */
export function yamlModule(): typeof YamlModule {
  // Most synths parse no YAML (the pass knows what the constructs rendered), and the parser costs
  // ~30 ms to load at every `cdk8s synth`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: import() is asynchronous
  return require('yaml') as typeof YamlModule;
}

/**
 * The value of one parsed document, or why it cannot be read: its first error, aliases that Go's
 * decoders refuse (yaml-aliases.ts; only a text with a `*` can hold an alias), or nesting deeper than
 * the parser's stack.
 */
export function documentValue(doc: YamlModule.Document, text: string): ReadYaml {
  try {
    if (doc.errors.length > 0) return { problem: `not YAML: ${doc.errors[0].message.split('\n')[0]}`, syntax: true };
    const aliases = text.includes('*') ? aliasProblem(doc) : undefined;
    if (aliases !== undefined) return { problem: aliases, syntax: false };
    // Go's bound is checked above; the package's own (100 uses of an anchor) would refuse what Go reads.
    return { value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (e) {
    return unreadable(e);
  }
}

/**
 * `text` as one YAML document. A second document is a problem: Go's decoders read the first only,
 * so the rest would be lost without a word (and `parseDocument` drops it silently at log level silent).
 */
export function readYamlText(text: string): ReadYaml {
  try {
    const { Composer, Parser } = yamlModule();
    const docs = new Composer(YAML_OPTIONS).compose(new Parser().parse(text), true, text.length);
    const first = docs.next();
    if (first.done) return { value: null };
    if (!docs.next().done) return { problem: 'more than one YAML document (Go\'s YAML decoders read only the first)', syntax: true };
    return documentValue(first.value, text);
  } catch (e) {
    return unreadable(e);
  }
}

/** A parser's exception as the reason, in one line (a RangeError: the parser's stack overflowed). */
export function unreadable(e: unknown): { readonly problem: string; readonly syntax: boolean } {
  if (e instanceof RangeError) return { problem: 'nested too deeply to read', syntax: false };
  return { problem: `not YAML: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`, syntax: true };
}

/** The memo table of read texts. */
const READ = {};

/** `text` read as YAML, once per call (a text the caller rendered from a known value is that value: YAML round-trips JSON values). */
export function readYaml(ctx: CheckContext, text: string): ReadYaml {
  if (ctx.knownYaml.has(text)) return { value: ctx.knownYaml.get(text) };
  return ctx.memo(READ, text, () => readYamlText(text));
}

/** `text` parsed as YAML: `{ value }`, or undefined when it cannot be read. */
export function parseYaml(ctx: CheckContext, text: string): { readonly value: unknown } | undefined {
  const read = readYaml(ctx, text);
  return read.problem === undefined ? read : undefined;
}

/** Whether `value` is a YAML mapping as parsed: a plain object (not a list, `!!set`, `!!binary` or timestamp). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
