/**
 * The final JSON of an ApiObject, as cdk8s's `toJson()` makes it, in one walk (issue #26).
 *
 * The synth-time pass must check the JSON cdk8s writes, and `toJson()` stays cdk8s's own (issue
 * #25), so cdk8s renders the output itself and the pass renders every object once more before it.
 * cdk8s's `toJson()` resolves the props value by value (each value asks `App.of` for the App's
 * resolvers, gets a new context and a new key array), then copies the result again to sort its
 * keys: two thirds of the pass's rendering. This walk does both in one copy, for the case that is
 * every library object: the App's resolvers are cdk8s's three built-in ones, the object's class
 * keeps `ApiObject`'s own `toJson`, it has no JSON patch, and `CDK8S_DISABLE_SORT` is unset. Any
 * other object, and any object this walk cannot render (a value cdk8s refuses), is rendered by
 * `toJson()` itself, so its result or its error is cdk8s's own.
 *
 * What it repeats of cdk8s 2.70 (lib/resolve.js, lib/_util.js, lib/api-object.js): the resolvers
 * in their order (a `Lazy` is produced, an implicit token's `resolve()` is called, a number/string
 * union becomes `{ value }`), each replacement resolved again; arrays and plain objects walked,
 * anything else kept as is; `null`/`undefined` dropped from objects and made `undefined` in arrays;
 * object keys sorted; `apiVersion`, `kind`, `metadata` first. `test/synth/render-json.test.ts`
 * compares it with `toJson()` on every object of every example and on generated values, so a cdk8s
 * upgrade that renders otherwise fails there.
 */
import { ApiObject, ApiObjectMetadataDefinition, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

const OWN_TO_JSON = ApiObject.prototype.toJson;
const OWN_METADATA_TO_JSON = ApiObjectMetadataDefinition.prototype.toJson;

/** The final JSON of `object`: the same value as `object.toJson()`. */
export function renderJson(object: ApiObject): any {
  return walkJson(object) ?? object.toJson();
}

/**
 * `object.toJson()` by the one walk, or `undefined` where the walk leaves it to `toJson()`: an
 * object it does not walk, or a value cdk8s refuses (a class instance it cannot render, a
 * throwing producer), whose error is then cdk8s's own (and, should this walk be wrong, its result).
 */
export function walkJson(object: ApiObject): any {
  if (!walkable(object)) return undefined;
  try {
    plainPrimitives = primitivesArePlain();
    const data = { ...(object as any).props, metadata: metadataJson(object.metadata) };
    const json = value(data, false);
    const result: any = {};
    for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) {
      if (k in json) result[k] = json[k];
    }
    return result;
  } catch {
    return undefined;
  }
}

/** Whether the walk renders `object` as its `toJson()` would. */
function walkable(object: ApiObject): boolean {
  if (object.toJson !== OWN_TO_JSON || process.env.CDK8S_DISABLE_SORT) return false;
  const patches = (object as any).patches;
  if (!Array.isArray(patches) || patches.length > 0) return false;
  const resolvers = (App.of(object) as Partial<App>).resolvers;
  return Array.isArray(resolvers) && resolvers.length === 3 && resolvers[0] instanceof LazyResolver
    && resolvers[1] instanceof ImplicitTokenResolver && resolvers[2] instanceof NumberStringUnionResolver;
}

/**
 * `metadata.toJson()`: its fields resolved and sanitized with empty arrays and objects dropped (as
 * cdk8s 2.70's `ApiObjectMetadataDefinition.toJson`), when the definition is cdk8s's own.
 */
function metadataJson(metadata: ApiObjectMetadataDefinition): any {
  const m = metadata as any;
  if (m.toJson !== OWN_METADATA_TO_JSON || !isRecord(m._additionalAttributes) || !isRecord(m.labels) || !isRecord(m.annotations)
    || !Array.isArray(m.finalizers) || !Array.isArray(m.ownerReferences)) return metadata.toJson();
  return value({
    ...m._additionalAttributes, name: m.name, namespace: m.namespace, annotations: m.annotations,
    finalizers: m.finalizers, ownerReferences: m.ownerReferences, labels: m.labels,
  }, true);
}

function isRecord(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Whether no resolver can act on a string, number or boolean (no `resolve` or `value` on their
 * prototypes, as in every sane program): then they are returned at once.
 */
function primitivesArePlain(): boolean {
  for (const proto of [String.prototype, Number.prototype, Boolean.prototype] as any[]) {
    if (proto.resolve !== undefined || proto.value !== undefined) return false;
  }
  return true;
}

let plainPrimitives = false;

/**
 * A value resolved and sanitized, as `sanitizeValue(resolve([], v), { sortKeys: true })`, or
 * `undefined` where sanitizing drops it; `filterEmpty`: empty arrays and objects are dropped too
 * (the sanitizing of metadata).
 */
function value(v: any, filterEmpty: boolean): any {
  const type = typeof v;
  if (plainPrimitives && (type === 'string' || type === 'number' || type === 'boolean')) return v;
  for (;;) {
    if (v == null) return undefined;
    if (v instanceof Lazy) {
      v = v.produce();
      continue;
    }
    if (typeof v.resolve === 'function') {
      v = v.resolve();
      continue;
    }
    if (v.constructor !== Object) {
      const inner = v.value;
      if (typeof inner === 'number' || typeof inner === 'string') {
        v = { value: inner };
        continue;
      }
    }
    break;
  }
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    if (filterEmpty && v.length === 0) return undefined;
    return v.map((x) => value(x, filterEmpty));
  }
  // cdk8s keeps any other object as it is, and its sanitizing then refuses it: toJson() says so.
  if (v.constructor !== Object) throw new Error('not a plain object');
  const keys = Object.keys(v).sort();
  const out: any = {};
  let any = false;
  for (const k of keys) {
    const x = value(v[k], filterEmpty);
    if (x != null) {
      out[k] = x;
      any = true;
    }
  }
  return filterEmpty && !any ? undefined : out;
}
