/**
 * YAML text as Go reads it. The `yaml` package parses YAML 1.2; kubectl, the API server and
 * viper read with go-yaml v2, which resolves plain scalars by its own rule (lib/yaml/go-scalar.ts):
 * `0B101`, `1e1_0` and `on` are numbers and booleans to Go and strings to YAML 1.2, and `017` is
 * 15 to Go and 17 to YAML 1.2. `goValue` turns a parsed document into the value Go reads (each plain
 * value as Go resolves it), and lists where that differs from what YAML 1.2 read: those are the
 * findings of rule `yaml-reading`. It also lists raw characters Go refuses or reads as a line break.
 */
import type * as YamlModule from 'yaml';
import { GoScalar, resolveGoPlain } from '../yaml/go-scalar';
import { ESCAPED } from '../yaml/scalar-readers';

/** One scalar that Go reads otherwise than YAML 1.2. */
export interface GoReading {
  /** Where it stands, from the document's root (or from its List item): keys and list indexes. */
  readonly path: readonly (string | number)[];
  /** Whether it is a key. */
  readonly isKey: boolean;
  /** The scalar as written (plain), or the raw text of a scalar holding a character Go reads otherwise. */
  readonly text: string;
  /** What Go reads, and what YAML 1.2 read. */
  readonly go: GoScalar | undefined;
  readonly yaml: unknown;
  /** A character of the scalar that Go refuses or reads as a line break, written raw. */
  readonly raw?: string;
}

type Node = YamlModule.Node | YamlModule.Pair | null | undefined;

/**
 * The value of a parsed document as Go reads it (plain values resolved as go-yaml v2 does; keys as
 * YAML 1.2 read them, since Go's key is what Go's JSON turns it into), and the scalars Go reads
 * otherwise than YAML 1.2. `source` is the text the document was parsed from.
 */
export function goValue(doc: YamlModule.Document, source: string, toJS: YamlModule.ToJSOptions): { value: unknown; readings: GoReading[] } {
  // Loaded with the document's own parse: a lazy load (import() is asynchronous).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMap, isPair, isScalar, isSeq } = require('yaml') as typeof YamlModule;
  const readings: GoReading[] = [];
  // Depth-first without recursion (a document can nest deeply): node, its path, whether a key.
  const stack: [Node, (string | number)[], boolean][] = [[doc.contents as Node, [], false]];
  while (stack.length > 0) {
    const [node, path, isKey] = stack.pop()!;
    if (isScalar(node)) {
      const reading = readScalar(node, source, path, isKey);
      if (reading !== undefined) {
        readings.push(reading);
        // Values take Go's reading; a key keeps YAML 1.2's (the finding says what Go makes of it).
        if (!isKey && reading.go !== undefined) node.value = reading.go.tag === 'timestamp' ? reading.text : reading.go.value;
      }
    } else if (isMap(node)) {
      // Pushed last to first, so that readings come in document order.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        stack.push([pair.value as Node, [...path, key], false], [pair.key as Node, [...path, key], true]);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push([node.items[i] as Node, [...path, i], false]);
    }
  }
  return { value: doc.toJS(toJS), readings };
}

/** What Go reads otherwise raw inside quotes: it keeps U+2028 and U+2029 there (and folds U+0085 to a space). */
const ESCAPED_IN_QUOTES = /[\x7f-\x9f\ufffe\uffff]/;

function readScalar(node: YamlModule.Scalar, source: string, path: (string | number)[], isKey: boolean): GoReading | undefined {
  const value = node.value;
  if (typeof value === 'string' && ESCAPED.test(value) && node.range) {
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const raw = (quoted ? ESCAPED_IN_QUOTES : ESCAPED).exec(source.slice(node.range[0], node.range[1]));
    if (raw) return { path, isKey, text: value, go: undefined, yaml: value, raw: raw[0] };
  }
  if (node.type !== 'PLAIN' || node.tag !== undefined || typeof node.source !== 'string') return undefined;
  const go = resolveGoPlain(node.source, 'v2');
  const goJs = go.tag === 'timestamp' ? node.source : go.value;
  const same = Object.is(goJs, value) || (typeof goJs === 'number' && goJs === value);
  return same ? undefined : { path, isKey, text: node.source, go, yaml: value };
}
