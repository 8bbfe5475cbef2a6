import { ApiObject } from 'cdk8s';
import type { ISecret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { requireSubdomain } from '../names';
import { defineType } from './prop-shapes';
import { rendering } from '../synth-pass';

// References to existing Secrets and ConfigMaps are cdk8s-plus `ISecret` / `IConfigMap`, as
// cdk8s-plus takes them (`Secret.fromSecretName(scope, id, name)`, or a cdk8s-plus `Secret`).
// The name is read when the construct is made; the namespace, when the reference knows one (a
// cdk8s-plus object made in a namespaced chart or with its own), at synth (`namespaceErrors`).
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

/** The run-time type of an ISecret prop: its name checked, the reference itself kept. */
defineType('cdk8s-plus-28.ISecret', {
  description: SECRET.noun, accepts: 'cdk8s-plus-28.ISecret', check: (path, prop, value) => { secretName(path, prop, value); return value as ISecret; },
});

/** A referenced Secret or ConfigMap a construct's output reads, and the namespaces it is read from. */
export interface RefUse {
  /** The prop that carries the reference (for messages). */
  readonly prop: string;
  /** The reference: an ISecret or IConfigMap (undefined: none given). */
  readonly ref: unknown;
  /** The namespaces that read it: one object can live in only one of them. */
  readonly readers: readonly string[];
  /** Who reads it and why it must be local, for messages. @default - pods read only their own namespace's */
  readonly why?: string;
}

/**
 * The namespace a reference is known to live in: the emitted `metadata.namespace` (after patches) of
 * a cdk8s object of this program, which a cdk8s-plus `Secret`/`ConfigMap` takes from its own metadata
 * or its chart. A reference by name (`Secret.fromSecretName`, the `…Name` factories) knows none.
 */
export function knownNamespace(ref: unknown): string | undefined {
  const metadata = (ref as { metadata?: { namespace?: unknown } } | undefined)?.metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  let namespace = metadata.namespace;
  if (Construct.isConstruct(ref)) {
    // A cdk8s-plus resource's ApiObject is its default child (id `Resource`).
    const object = ref.node.defaultChild;
    if (object && ApiObject.isApiObject(object)) namespace = rendering(object)?.metadata?.namespace;
  }
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

/**
 * Refuses each reference whose known namespace is not every reader's: a pod mounts, and reads
 * variables from, Secrets and ConfigMaps of its own namespace only. Judged at synth, on the
 * referenced object's final namespace; references by name are not judged (the object is the user's).
 */
export function namespaceErrors(path: string, uses: readonly RefUse[]): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const use of uses) {
    const namespace = use.ref === undefined ? undefined : knownNamespace(use.ref);
    const reader = namespace === undefined ? undefined : use.readers.find((r) => r !== namespace);
    if (reader === undefined) continue;
    const ref = use.ref as { kind: string; name: string };
    const factory = ref.kind === 'Secret' ? `Secret.fromSecretName(scope, id, "${ref.name}")` : `ConfigMap.fromConfigMapName(scope, id, "${ref.name}")`;
    const local = use.readers.length === 1
      ? `a ${ref.kind} in namespace "${reader}" (made in a chart of that namespace, or with metadata.namespace "${reader}"), or ${factory} for one that exists there`
      : `${factory}, a reference by name, with a ${ref.kind} of that name in each of ${use.readers.map((r) => `"${r}"`).join(', ')}`;
    errors.push(new ValidationError(path, use.prop, `${ref.kind}/${ref.name}`,
      `the ${ref.kind} lives in namespace "${namespace}", and it is read from namespace "${reader}": ${use.why ?? `a pod reads ${ref.kind}s of its own namespace only`}`, local));
  }
  return errors;
}
