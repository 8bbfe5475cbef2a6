/**
 * The value an environment variable of a container will have, resolved from the objects given:
 * `envFrom` sources in order, then `env` entries (later ones win), literal values and
 * ConfigMap/Secret references. Anything the objects cannot tell (a ConfigMap that is not among
 * them, a `fieldRef`, a `$(VAR)` expansion) makes the value unknown, so the rules that need it skip.
 */
import { Json, list, obj } from './json';
import { CheckContext, ObjectEntry } from './context';
import { item } from './paths';
import { ContainerInfo } from './pods';

/** An environment variable's value: set (with where), not set, or not knowable from the objects. */
export type EnvValue =
  | { readonly state: 'set'; readonly value: string; readonly path: string }
  | { readonly state: 'unset' }
  | { readonly state: 'unknown' };

const UNSET: EnvValue = { state: 'unset' };
const UNKNOWN: EnvValue = { state: 'unknown' };

/** A key of a ConfigMap or Secret: its text, absent, or unknown (a value that is not a string). */
function keyOf(source: ObjectEntry, key: string): string | null | undefined {
  const json = source.json;
  if (source.kind === 'Secret') {
    // The API server merges stringData over data.
    const text = obj(json.stringData)[key];
    if (typeof text === 'string') return text;
    const data = obj(json.data)[key];
    if (data === undefined) return null;
    return typeof data === 'string' ? Buffer.from(data, 'base64').toString('utf8') : undefined;
  }
  const data = obj(json.data)[key];
  if (typeof data === 'string') return data;
  const binary = obj(json.binaryData)[key];
  if (typeof binary === 'string') return Buffer.from(binary, 'base64').toString('utf8');
  return data === undefined && binary === undefined ? null : undefined;
}

/** A reference to a key of a ConfigMap or Secret (`configMapKeyRef`, `secretKeyRef`). */
function fromKeyRef(ctx: CheckContext, namespace: string, ref: Json, secret: boolean, path: string, previous: EnvValue): EnvValue {
  const source = secret ? ctx.secret(namespace, ref.name) : ctx.configMap(namespace, ref.name);
  if (source === undefined || typeof ref.key !== 'string') return UNKNOWN;
  const value = keyOf(source, ref.key);
  if (value === undefined) return UNKNOWN;
  // A missing optional key leaves the variable as it was; a missing required one keeps the pod from starting.
  if (value === null) return ref.optional === true ? previous : UNKNOWN;
  return { state: 'set', value, path };
}

/** The value of variable `name` in `container` of a pod in `namespace`. */
export function envValue(ctx: CheckContext, namespace: string, container: ContainerInfo, name: string): EnvValue {
  let result: EnvValue = UNSET;
  list(container.spec.envFrom).forEach((raw, i) => {
    const source = obj(raw);
    const prefix = typeof source.prefix === 'string' ? source.prefix : '';
    if (!name.startsWith(prefix)) return;
    const key = name.slice(prefix.length);
    const isSecret = typeof source.secretRef === 'object' && source.secretRef !== null;
    const ref = obj(isSecret ? source.secretRef : source.configMapRef);
    const found = isSecret ? ctx.secret(namespace, ref.name) : ctx.configMap(namespace, ref.name);
    if (found === undefined) {
      result = UNKNOWN;
      return;
    }
    const value = keyOf(found, key);
    if (value === undefined) result = UNKNOWN;
    else if (value !== null) result = { state: 'set', value, path: item(`${container.path}.envFrom`, i) };
  });
  list(container.spec.env).forEach((raw, i) => {
    const variable = obj(raw);
    if (variable.name !== name) return;
    const path = item(`${container.path}.env`, i);
    const from = variable.valueFrom;
    if (typeof from === 'object' && from !== null) {
      const f = obj(from);
      if (typeof f.configMapKeyRef === 'object' && f.configMapKeyRef !== null) {
        result = fromKeyRef(ctx, namespace, obj(f.configMapKeyRef), false, `${path}.valueFrom`, result);
      } else if (typeof f.secretKeyRef === 'object' && f.secretKeyRef !== null) {
        result = fromKeyRef(ctx, namespace, obj(f.secretKeyRef), true, `${path}.valueFrom`, result);
      } else {
        result = UNKNOWN; // fieldRef, resourceFieldRef: known only in the cluster
      }
      return;
    }
    const value = variable.value;
    if (value === undefined || value === null) result = { state: 'set', value: '', path };
    // `$(VAR)` expands to another variable's value (when that one is defined before it).
    else if (typeof value === 'string' && !value.includes('$(')) result = { state: 'set', value, path: `${path}.value` };
    else result = UNKNOWN;
  });
  return result;
}
