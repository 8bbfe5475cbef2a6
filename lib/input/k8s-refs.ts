import type { IConfigMap, ISecret } from 'cdk8s-plus-28';
import { ValidationError } from '../errors';
import { requireSubdomain } from '../names';
import type { PropType } from './prop-types';

// References to existing Secrets and ConfigMaps are cdk8s-plus `ISecret` / `IConfigMap`, as
// cdk8s-plus takes them (`Secret.fromSecretName(scope, id, name)`, or a cdk8s-plus `Secret`).
// Only the name is read: the Secret is the user's, in the namespace of the pods that use it.
// TypeScript checks the interface at compile time; JavaScript callers, JSON-loaded settings and
// `as any` may pass a plain string or a ConfigMap where a Secret belongs, so the kind is checked too.

interface Ref { readonly kind: string; readonly noun: string; readonly factory: string }
const SECRET: Ref = { kind: 'Secret', noun: 'an ISecret', factory: 'Secret.fromSecretName(scope, id, "name") of cdk8s-plus-28' };
const CONFIG_MAP: Ref = { kind: 'ConfigMap', noun: 'an IConfigMap', factory: 'ConfigMap.fromConfigMapName(scope, id, "name") of cdk8s-plus-28' };

function refName(ref: Ref, path: string, prop: string, value: unknown, alternative?: string): string {
  const v = value as { kind?: unknown; name?: unknown } | null | undefined;
  if (typeof v !== 'object' || v === null || v.kind !== ref.kind || typeof v.name !== 'string') {
    const what = typeof v === 'object' && v !== null && typeof v.kind === 'string' && v.kind !== ref.kind ? `a ${v.kind}, not a ${ref.kind}` : `not ${ref.noun}`;
    throw new ValidationError(path, prop, typeof value === 'object' && value !== null ? describeRef(value) : value,
      `it is ${what}`, `${ref.factory}${alternative ? `, or ${alternative}` : ''}`);
  }
  return requireSubdomain(path, `${prop}.name`, v.name);
}

/** A referenced object as the user would recognise it in a message (its kind and name, not its construct). */
function describeRef(value: object): unknown {
  const v = value as { kind?: unknown; name?: unknown };
  return typeof v.kind === 'string' && typeof v.name === 'string' ? `${v.kind}/${v.name}` : value;
}

/** The name of the Secret `value` refers to (checked: an ISecret whose name is an object name). */
export function secretName(path: string, prop: string, value: unknown, alternative?: string): string {
  return refName(SECRET, path, prop, value, alternative);
}

/** The name of the ConfigMap `value` refers to (checked: an IConfigMap whose name is an object name). */
export function configMapName(path: string, prop: string, value: unknown, alternative?: string): string {
  return refName(CONFIG_MAP, path, prop, value, alternative);
}

/** Run-time types for `checkFields`: an ISecret / IConfigMap, its name checked. The reference itself is kept. */
export const REF_TYPES: { readonly secret: PropType; readonly configMap: PropType } = {
  secret: { description: SECRET.noun, check: (path, prop, value) => { secretName(path, prop, value); return value as ISecret; } },
  configMap: { description: CONFIG_MAP.noun, check: (path, prop, value) => { configMapName(path, prop, value); return value as IConfigMap; } },
};
