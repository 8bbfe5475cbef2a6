/**
 * What the API server does to a custom resource before it evaluates the CRD's CEL rules, over the
 * compact schemas of cel-crd-rules.ts: it prunes fields the schema does not know, applies the
 * schema's defaults (structural defaulting, apiextensions-apiserver `schema/defaulting`), checks
 * the OpenAPI constraints whose failure stops CEL validation altogether (`hasBlockingErr` in
 * `registry/customresource/strategy.go`: wrong type, missing required field, value outside an
 * enum, too long, too many items or properties), and binds each node to a CEL value as the
 * Kubernetes CEL type system does (objects as field maps with escaped names, integers as int).
 */

/** One node of a CRD's structural schema, as far as admission and CEL need it (generated). */
export interface CelSchemaNode {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: { readonly [name: string]: CelSchemaNode };
  readonly items?: CelSchemaNode;
  readonly additionalProperties?: CelSchemaNode;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly maxProperties?: number;
}

/** One `x-kubernetes-validations` rule of a served version, where the CRD declares it (generated). */
export interface CelRuleSource {
  readonly kind: string;
  /** The served versions whose schema declares it at `path`. */
  readonly versions: readonly string[];
  /** The schema location, from the object's root: `spec.rules[*].matches[*].path`; `{*}` for a map value. */
  readonly path: string;
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly reason?: string;
  readonly fieldPath?: string;
  readonly optionalOldSelf?: boolean;
}

/** A constraint of the OpenAPI schema whose failure makes the API server skip every CEL rule. */
export interface BlockingError {
  readonly field: string;
  readonly value?: unknown;
  readonly message: string;
}

/** A node that holds rules, bound to its value. */
export interface RuleSite {
  /** The schema location (`spec.listeners[*].tls`), the key of the rules. */
  readonly schemaPath: string;
  /** The field path of this value (`spec.listeners[0].tls`). */
  readonly field: string;
  /** The admitted JSON value (pruned and defaulted). */
  readonly json: unknown;
  /** The value as CEL sees it. */
  readonly cel: unknown;
}

/** CEL's reserved words: a property named like one is `__<name>__` in a rule (k8s.io/apiserver/pkg/cel/escaping.go). */
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);
/** Property names a rule can reach; any other is not visible to CEL. */
const ESCAPABLE = /^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/;

/** The name by which a rule reads property `name`, or undefined when it cannot. */
export function celFieldName(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`;
  if (!ESCAPABLE.test(name)) return undefined;
  return name.replace(/__|[./-]/g, (m) => ({ __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' })[m]!);
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** A JSON object: its prototype is an Object.prototype (of any realm: a test's vm context has its own), or null. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]');
}

/** The JSON type of `value` as the API server's decoder sees it, or undefined for what JSON cannot hold. */
function jsonType(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isPlainObject(value)) return 'object';
  if (typeof value === 'number') return Number.isFinite(value) ? (Number.isInteger(value) ? 'integer' : 'number') : undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value;
  return undefined;
}

function fits(type: string | undefined, actual: string): boolean {
  return type === undefined || type === actual || (type === 'number' && actual === 'integer');
}

/** A deep copy of a schema default (JSON), so that defaulting never shares one value between objects. */
function copy(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

/**
 * How the evaluator wants lists and maps (its own wrappers, made once, so that a rule iterating a
 * list of objects does not wrap every item again at every access).
 */
export interface CelContainers {
  list(items: unknown[]): unknown;
  map(fields: Map<string, unknown>): unknown;
}

/** The result of admitting one object: the blocking errors, or the nodes that hold rules. */
export interface Admitted {
  readonly blocking: readonly BlockingError[];
  readonly sites: readonly RuleSite[];
}

/**
 * Prunes, defaults and type-checks `value` against `root` (the schema of the whole object), and
 * lists the nodes whose schema location has rules (`hasRules`), bound to their CEL values. Null
 * values are dropped as the API server drops them (a non-nullable null, then defaulted), and a null
 * node is never validated. Never throws on any input.
 */
export function admit(value: unknown, root: CelSchemaNode, hasRules: (schemaPath: string) => boolean, containers: CelContainers): Admitted {
  const blocking: BlockingError[] = [];
  const sites: RuleSite[] = [];
  const walk = (v: unknown, s: CelSchemaNode, schemaPath: string, field: string): { json: unknown; cel: unknown } => {
    const actual = jsonType(v);
    if (actual === 'null' && s.nullable) return { json: null, cel: null };
    if (actual === undefined || !fits(s.type, actual)) {
      blocking.push({ field, value: scalar(v), message: `is ${describe(v)}, and the schema wants ${article(s.type)}` });
      return { json: v, cel: null };
    }
    if (s.enum !== undefined && !s.enum.some((e) => e === v)) {
      blocking.push({ field, value: scalar(v), message: `is not one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` });
    }
    // Rules of a node come before those of the nodes under it, as the API server reports them.
    const site = hasRules(schemaPath) ? sites.push({ schemaPath, field, json: undefined, cel: undefined }) - 1 : -1;
    let json: unknown = v;
    let cel: unknown = v;
    if (actual === 'object') {
      ({ json, cel } = walkObject(v as Record<string, unknown>, s, schemaPath, field));
    } else if (actual === 'array') {
      const a = v as unknown[];
      if (s.maxItems !== undefined && a.length > s.maxItems) {
        // Nothing under it is evaluated: the API server stops at this error, and a rule over a list
        // is quadratic in its length.
        blocking.push({ field, message: `has ${a.length} items, more than the ${s.maxItems} allowed` });
        return { json: v, cel: null };
      }
      const items = s.items ?? {};
      const children = a.map((item, i) => walk(item === null && !items.nullable && items.default !== undefined ? copy(items.default) : item, items, `${schemaPath}[*]`, `${field}[${i}]`));
      json = children.map((c) => c.json);
      cel = containers.list(children.map((c) => c.cel));
    } else if (actual === 'integer' && s.type === 'integer') {
      cel = BigInt(v as number);
    } else if (actual === 'string' && s.maxLength !== undefined && (v as string).length > s.maxLength && [...(v as string)].length > s.maxLength) {
      blocking.push({ field, value: v, message: `is ${[...(v as string)].length} characters long, more than the ${s.maxLength} allowed` });
    }
    if (site >= 0) sites[site] = { schemaPath, field, json, cel };
    return { json, cel };
  };
  /** An object: pruned to the schema's properties (or map values), defaulted, then each value walked. */
  const walkObject = (o: Record<string, unknown>, s: CelSchemaNode, schemaPath: string, field: string): { json: unknown; cel: unknown } => {
    // No prototype: a map key `__proto__` is a key like any other.
    const json: Record<string, unknown> = Object.create(null);
    const cel = new Map<string, unknown>();
    const props = s.properties ?? {};
    const map = s.additionalProperties;
    const keys = Object.keys(o).filter((k) => own(props, k) || map !== undefined);
    // A property absent, or null where the schema allows no null, takes its default.
    for (const k of Object.keys(props)) if (props[k].default !== undefined && !own(o, k)) keys.push(k);
    for (const k of keys) {
      const isProp = own(props, k);
      const sub = isProp ? props[k] : map!;
      let item = own(o, k) ? o[k] : undefined;
      if ((item === undefined || (item === null && !sub.nullable)) && sub.default !== undefined) item = copy(sub.default);
      if (item === undefined || (item === null && !sub.nullable && isProp)) continue;
      const child = walk(item, sub, isProp ? join(schemaPath, k) : `${schemaPath}{*}`, isProp ? join(field, k) : `${field}[${k}]`);
      json[k] = child.json;
      const name = isProp ? celFieldName(k) : k;
      if (name !== undefined) cel.set(name, child.cel);
    }
    for (const r of s.required ?? []) if (!own(json, r)) blocking.push({ field: join(field, r), message: 'is required' });
    if (s.maxProperties !== undefined && keys.length > s.maxProperties) blocking.push({ field, message: `has ${keys.length} entries, more than the ${s.maxProperties} allowed` });
    return { json, cel: containers.map(cel) };
  };
  walk(value, root, '', '');
  return { blocking, sites };
}

function join(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}

/** The value a finding shows: scalars only (the API server omits objects and lists too). */
export function scalar(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? undefined : value;
}

function describe(value: unknown): string {
  const t = jsonType(value);
  if (t === undefined) return `a ${typeof value === 'object' ? 'value JSON cannot hold' : typeof value}`;
  return article(t);
}

function article(type: string | undefined): string {
  if (type === undefined) return 'a value';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
