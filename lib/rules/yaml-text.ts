/**
 * YAML as the checker reads it: ConfigMap files (parsed only by the rules that need them, at most
 * once per text and call) and the `check` command's input. Never throws: a text that cannot be read
 * gives the reason. A document is read as the Go programs that read these texts read it (kubectl,
 * the API server, flyteadmin's viper, on go-yaml v2): plain values resolve as Go resolves them, and
 * the scalars YAML 1.2 reads otherwise are listed (rule `yaml-reading` reports them).
 */
import type * as YamlModule from 'yaml';
import { CheckContext } from './context';
import { goValue, GoReading } from './go-reading';
import { aliasProblem } from './yaml-aliases';

/** The parse options of every YAML text the checker reads. */
export const YAML_OPTIONS = { merge: true, prettyErrors: false, logLevel: 'silent' } as const;

/**
 * A YAML text read: its value as Go reads it and where YAML 1.2 reads otherwise, or why it cannot
 * be read. `syntax`: the text is no YAML at all (it may be another format); otherwise it is YAML
 * that no reader should follow (aliases, depth).
 */
export type ReadYaml = { readonly value: unknown; readonly readings: readonly GoReading[]; readonly problem?: undefined }
  | { readonly problem: string; readonly syntax: boolean };

/** The parser, loaded on first use. */
export function yamlModule(): typeof YamlModule {
  // Most synths parse no YAML (the pass knows what the constructs rendered), and the parser costs
  // ~30 ms to load at every `cdk8s synth`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: import() is asynchronous
  return require('yaml') as typeof YamlModule;
}

/**
 * The value of one parsed document as Go reads it, or why it cannot be read: its first error,
 * aliases that Go's decoders refuse (yaml-aliases.ts; `mayAlias`: its text holds a `*`, without
 * which there is no alias), or nesting deeper than the parser's stack. `text` is the source.
 */
function documentValue(doc: YamlModule.Document, text: string, mayAlias: boolean): ReadYaml {
  try {
    if (doc.errors.length > 0) return unreadable(doc.errors[0]);
    const aliases = mayAlias ? aliasProblem(doc) : undefined;
    if (aliases !== undefined) return { problem: aliases, syntax: false };
    // Go's bound is checked above; the package's own (100 uses of an anchor) would refuse what Go reads.
    return goValue(doc, text, { maxAliasCount: -1 });
  } catch (e) {
    return unreadable(e);
  }
}

/** The documents of a YAML stream, composed one at a time (a document's nodes are freed once the next is read). */
function* documents(text: string): Generator<YamlModule.Document> {
  const { Composer, Parser } = yamlModule();
  yield* new Composer(YAML_OPTIONS).compose(new Parser().parse(text), true, text.length);
}

/**
 * `text` as one YAML document. A second document is a problem: Go's decoders read the first only,
 * so the rest would be lost without a word (and `parseDocument` drops it silently at log level silent).
 */
export function readYamlText(text: string): ReadYaml {
  try {
    const docs = documents(text);
    const first = docs.next();
    if (first.done) return { value: null, readings: [] };
    if (!docs.next().done) return { problem: 'more than one YAML document (Go\'s YAML decoders read only the first)', syntax: true };
    return documentValue(first.value, text, text.includes('*'));
  } catch (e) {
    return unreadable(e);
  }
}

/**
 * The documents of a YAML stream (a manifest file), read one at a time: the memory a document's
 * nodes take is freed before the next is parsed. Ends after the first document that cannot be read.
 */
export function* readYamlStream(text: string): Generator<ReadYaml> {
  const docs = documents(text);
  const mayAlias = text.includes('*');
  for (;;) {
    let next: IteratorResult<YamlModule.Document>;
    try {
      next = docs.next();
    } catch (e) {
      yield unreadable(e);
      return;
    }
    if (next.done) return;
    const read = documentValue(next.value, text, mayAlias);
    yield read;
    if (read.problem !== undefined) return;
  }
}

/** A parser's error or exception as the reason, in one line; an overflow of the parser's stack is nesting, not syntax. */
function unreadable(e: unknown): { readonly problem: string; readonly syntax: boolean } {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  if (e instanceof RangeError || message.includes('Maximum call stack size exceeded')) {
    return { problem: 'nested too deeply to read (deeper than the parser\'s stack holds: a few hundred levels)', syntax: false };
  }
  return { problem: `not YAML: ${message}`, syntax: true };
}

/** The memo table of read texts. */
const READ = {};

/**
 * `text` read as YAML, once per call. A text the caller rendered from a known value is that value:
 * the library's writer writes values every reader reads back (lib/yaml/manifest-yaml.ts).
 */
export function readYaml(ctx: CheckContext, text: string): ReadYaml {
  if (ctx.knownYaml.has(text)) return { value: ctx.knownYaml.get(text), readings: [] };
  return ctx.memo(READ, text, () => readYamlText(text));
}

/** `text` parsed as YAML, as Go reads it: `{ value, readings }`, or undefined when it cannot be read. */
export function parseYaml(ctx: CheckContext, text: string): { readonly value: unknown; readonly readings: readonly GoReading[] } | undefined {
  const read = readYaml(ctx, text);
  return read.problem === undefined ? read : undefined;
}

/** Whether `value` is a YAML mapping as parsed: a plain object (not a list, `!!set`, `!!binary` or timestamp). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
