/**
 * Alias expansion as Go's YAML decoders bound it. gopkg.in/yaml.v2 (which sigs.k8s.io/yaml, so
 * kubectl and the API server, builds on) and yaml.v3 (viper) count, while decoding one document,
 * every node they decode and every node decoded inside an alias; past 100 of the latter and 1,000 of
 * the former, a share of alias-driven nodes above 99% (up to 400,000 nodes, falling to 10% at
 * 4,000,000) fails with "document contains excessive aliasing", and an alias inside its own anchor
 * with "anchor '…' value contains itself" (yaml.v2 decode.go, `allowedAliasRatio`, `unmarshal`,
 * `alias`). A "billion laughs" document fails after a few hundred thousand nodes; any document Go
 * accepts expands to a bounded size, so the checker reads exactly what Go reads.
 *
 * Works on the `yaml` package's document nodes without importing the package (it is loaded lazily):
 * nodes carry their type under `Symbol.for('yaml.node.type')`.
 */
import type { Document } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');
const ALIAS = Symbol.for('yaml.alias');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
const PAIR = Symbol.for('yaml.pair');

/** yaml.v2's bounds (decode.go). */
const RATIO_LOW = 400_000;
const RATIO_HIGH = 4_000_000;

/** The share of alias-driven nodes Go allows after `decoded` nodes. */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= RATIO_LOW) return 0.99;
  if (decoded >= RATIO_HIGH) return 0.10;
  return 0.99 - 0.89 * ((decoded - RATIO_LOW) / (RATIO_HIGH - RATIO_LOW));
}

type Node = { [NODE_TYPE]?: symbol; anchor?: string; source?: string; items?: unknown[]; key?: unknown; value?: unknown };
const typeOf = (node: unknown): symbol | undefined => (typeof node === 'object' && node !== null ? (node as Node)[NODE_TYPE] : undefined);

/** Each alias node's anchored node, as Go resolves it: the last anchor of that name before the alias (a collection's own anchor counts from its start). */
function resolveAliases(root: unknown): Map<Node, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node | undefined>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node | null | undefined;
    const type = typeOf(node);
    if (type === undefined) continue;
    if (node!.anchor) anchors.set(node!.anchor, node!);
    if (type === ALIAS) targets.set(node!, anchors.get(node!.source!));
    else pushChildren(stack, node!, type);
  }
  return targets;
}

/** Pushes the children of `node` so that they pop in document order (a pair: key, then value). */
function pushChildren(stack: unknown[], node: Node, type: symbol): void {
  if (type === PAIR) {
    stack.push(node.value, node.key);
  } else if (type === MAP || type === SEQ) {
    const items = node.items!;
    for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
  }
}

/** A node being decoded, and the alias expansions it is inside (innermost first; Go's `d.aliases`). */
interface Frame {
  readonly node: unknown;
  readonly aliases?: AliasChain;
}
interface AliasChain {
  readonly alias: Node;
  readonly outer?: AliasChain;
}

/** Whether `alias` is being expanded already (an alias inside its own anchor). */
function expanding(chain: AliasChain | undefined, alias: Node): boolean {
  for (let c = chain; c; c = c.outer) if (c.alias === alias) return true;
  return false;
}

/** Whether `pair` is a `<<` merge key: Go decodes its value, never the key. */
const isMergeKey = (pair: Node) => (pair.key as { value?: unknown } | null)?.value === '<<';

/**
 * Why Go's decoders refuse `doc` for its aliases, or undefined when they accept it. Counts nodes in
 * Go's order, expanding aliases, and stops at the first refusal: the work is bounded by what Go
 * accepts (a few hundred thousand alias-driven nodes), whatever the document.
 */
export function aliasProblem(doc: Document): string | undefined {
  const targets = resolveAliases(doc.contents);
  if (targets.size === 0) return undefined;
  let decoded = 1; // the document node
  let aliased = 0;
  const stack: Frame[] = [{ node: doc.contents }];
  while (stack.length > 0) {
    const { node, aliases } = stack.pop()!;
    const type = typeOf(node);
    if (type === PAIR) {
      // A pair is no node of Go's: its key and value are.
      const pair = node as Node;
      stack.push({ node: pair.value, aliases });
      if (!isMergeKey(pair)) stack.push({ node: pair.key, aliases });
      continue;
    }
    decoded++;
    if (aliases) aliased++;
    if (aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded)) {
      return `its aliases expand beyond what Go's YAML decoders accept (${aliased} of ${decoded} nodes from aliases): "document contains excessive aliasing"`;
    }
    if (type === ALIAS) {
      const alias = node as Node;
      if (expanding(aliases, alias)) return `anchor "${alias.source}" contains an alias of itself: "anchor '${alias.source}' value contains itself"`;
      const target = targets.get(alias);
      if (target) stack.push({ node: target, aliases: { alias, outer: aliases } });
    } else if (type === MAP || type === SEQ) {
      const items = (node as Node).items!;
      for (let i = items.length - 1; i >= 0; i--) stack.push({ node: items[i], aliases });
    }
  }
  return undefined;
}
