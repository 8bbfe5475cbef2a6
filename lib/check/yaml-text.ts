/**
 * YAML documents inside manifests (ConfigMap files): parsed only by the rules that need them,
 * at most once per text and call, and never throwing (a text that does not parse reads as undefined).
 */
import type * as YamlModule from 'yaml';
import { CheckContext } from './context';

/** The memo table of parsed texts. */
const PARSED = {};
/** A text that is not one valid YAML document. */
const INVALID = Symbol('invalid YAML');

/** The value of the YAML document `text`, or `INVALID`. */
function parse(text: string): unknown {
  try {
    // Loaded on first use: most synths parse no YAML (the pass knows what the constructs rendered),
    // and the parser costs ~30 ms to load at every `cdk8s synth`.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: import() is asynchronous
    const { parseDocument } = require('yaml') as typeof YamlModule;
    const doc = parseDocument(text, { merge: true, prettyErrors: false, logLevel: 'silent' });
    if (doc.errors.length > 0) return INVALID;
    // The alias limit stops "billion laughs" documents.
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return INVALID;
  }
}

/** `text` parsed as YAML: `{ value }`, or undefined when it is not valid YAML. */
export function parseYaml(ctx: CheckContext, text: string): { readonly value: unknown } | undefined {
  // A text the caller rendered from a known value is that value (YAML round-trips JSON values).
  if (ctx.knownYaml.has(text)) return { value: ctx.knownYaml.get(text) };
  const value = ctx.memo(PARSED, text, () => parse(text));
  return value === INVALID ? undefined : { value };
}

/** Whether `value` is a YAML mapping as parsed: a plain object (not a list, `!!set`, `!!binary` or timestamp). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
