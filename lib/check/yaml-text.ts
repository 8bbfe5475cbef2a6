/**
 * YAML documents inside manifests (ConfigMap files): parsed only by the rules that need them,
 * at most once per text and call, and never throwing (a text that does not parse reads as undefined).
 * A document is read as the Go programs that read these files read it (flyteadmin's viper, on
 * go-yaml v2): plain values resolve as Go resolves them, and the scalars YAML 1.2 reads otherwise
 * are listed (rule `yaml-reading` reports them).
 */
import type * as YamlModule from 'yaml';
import { CheckContext } from './context';
import { goValue, GoReading } from './go-reading';

/** The memo table of parsed texts. */
const PARSED = {};
/** A text that is not one valid YAML document. */
const INVALID = Symbol('invalid YAML');

/** A parsed text: its value as Go reads it, and where YAML 1.2 reads otherwise. */
interface Parsed {
  readonly value: unknown;
  readonly readings: readonly GoReading[];
}

/** The value of the YAML document `text`, or `INVALID`. */
function parse(text: string): Parsed | typeof INVALID {
  try {
    // Loaded on first use: most synths parse no YAML (the pass knows what the constructs rendered),
    // and the parser costs ~30 ms to load at every `cdk8s synth`.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: import() is asynchronous
    const { parseDocument } = require('yaml') as typeof YamlModule;
    const doc = parseDocument(text, { merge: true, prettyErrors: false, logLevel: 'silent' });
    if (doc.errors.length > 0) return INVALID;
    // The alias limit stops "billion laughs" documents.
    return goValue(doc, text, { maxAliasCount: 100 });
  } catch {
    return INVALID;
  }
}

/** `text` parsed as YAML, as Go reads it: `{ value, readings }`, or undefined when it is not valid YAML. */
export function parseYaml(ctx: CheckContext, text: string): Parsed | undefined {
  // A text the caller rendered from a known value is that value: the library's writer writes
  // values every reader reads back (lib/synth/manifest-yaml.ts).
  if (ctx.knownYaml.has(text)) return { value: ctx.knownYaml.get(text), readings: [] };
  const parsed = ctx.memo(PARSED, text, () => parse(text));
  return parsed === INVALID ? undefined : parsed;
}

/** Whether `value` is a YAML mapping as parsed: a plain object (not a list, `!!set`, `!!binary` or timestamp). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
