import { k8s } from 'cdk8s-plus-28';
import { Json } from './pod-template-merge';

/**
 * The merge model works on manifest JSON (as Flyte works on the API structs); the typed L1
 * classes want `Quantity` and `IntOrString` objects where the JSON has plain strings and numbers.
 * These are the pod-spec fields of those two types (core/v1 of Kubernetes 1.28).
 */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'overhead']);
const QUANTITY_FIELDS = new Set(['sizeLimit', 'divisor']);
/** `port` is an IntOrString under these (probes and lifecycle handlers); elsewhere it is a number. */
const INT_OR_STRING_PARENTS = new Set(['httpGet', 'tcpSocket']);

function quantity(value: unknown): unknown {
  if (typeof value === 'number') return k8s.Quantity.fromNumber(value);
  if (typeof value === 'string') return k8s.Quantity.fromString(value);
  return value;
}

function intOrString(value: unknown): unknown {
  if (typeof value === 'number') return k8s.IntOrString.fromNumber(value);
  if (typeof value === 'string') return k8s.IntOrString.fromString(value);
  return value;
}

function revive(value: Json, field: string, parent: string): Json {
  if (Array.isArray(value)) return value.map((v) => revive(v, '', field));
  if (typeof value !== 'object' || value === null) {
    if (QUANTITY_FIELDS.has(field)) return quantity(value);
    if (field === 'port' && INT_OR_STRING_PARENTS.has(parent)) return intOrString(value);
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = QUANTITY_MAPS.has(field) ? quantity(v) : revive(v, key, field);
  }
  return out;
}

/** Manifest JSON of a pod spec → the typed `k8s.PodSpec` (the inverse of `k8s.toJson_PodSpec`). */
export function typedPodSpec(spec: Json): k8s.PodSpec {
  return revive(spec, 'spec', '') as k8s.PodSpec;
}

/** The typed `k8s.PodTemplateSpec` (or one already in JSON) → manifest JSON without unset fields. */
export function podTemplateJson(template: k8s.PodTemplateSpec | undefined): { metadata?: Json; spec?: Json } | undefined {
  if (template === undefined) return undefined;
  return JSON.parse(JSON.stringify(k8s.toJson_PodTemplateSpec(template) ?? {}));
}
