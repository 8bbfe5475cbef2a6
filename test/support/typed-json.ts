import { k8s } from 'cdk8s-plus-28';

/**
 * Manifest JSON → the props of the typed L1 classes (`k8s.Kube*`), the inverse of their `toJson_*`
 * functions: the typed API wants `Quantity` and `IntOrString` objects where JSON has plain strings
 * and numbers, and spells a few fields differently. Used where a model works on JSON (Flyte's pod
 * merge) and the result becomes a typed object again.
 */
type Json = any;

/** Maps whose every value is a Quantity, and single Quantity fields (core/v1 of Kubernetes 1.28). */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'overhead']);
const QUANTITY_FIELDS = new Set(['sizeLimit', 'divisor']);
/** IntOrString fields; `port` is one only under probe and lifecycle handlers (elsewhere a number). */
const INT_OR_STRING_FIELDS = new Set(['targetPort', 'maxUnavailable', 'maxSurge', 'minAvailable']);
const INT_OR_STRING_PORT_PARENTS = new Set(['httpGet', 'tcpSocket']);
/** Maps with user keys: copied as they are. */
const VERBATIM_MAPS = new Set(['labels', 'annotations', 'data', 'stringData', 'binaryData', 'selector', 'matchLabels', 'nodeSelector']);
/** JSON field names the typed API spells differently. */
const RENAMED: { [json: string]: string } = { insecureSkipTLSVerify: 'insecureSkipTlsVerify' };

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
  // Entries of `ports` inside a list entry: NetworkPolicy rules' NetworkPolicyPort (`port` is an IntOrString); container ports have no `port`.
  if (Array.isArray(value)) return value.map((v) => revive(v, field === 'ports' && parent === '' ? 'networkPolicyPort' : '', field));
  if (typeof value !== 'object' || value === null) {
    if (QUANTITY_FIELDS.has(field)) return quantity(value);
    if (INT_OR_STRING_FIELDS.has(field) || (field === 'port' && INT_OR_STRING_PORT_PARENTS.has(parent))) return intOrString(value);
    return value;
  }
  if (field === 'networkPolicyPort') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'port' ? intOrString(v) : v]));
  }
  if (VERBATIM_MAPS.has(field)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[RENAMED[key] ?? key] = QUANTITY_MAPS.has(field) ? quantity(v) : revive(v, key, field);
  }
  return out;
}

/** The typed props of a whole manifest object (its `apiVersion` and `kind` left out). */
export function typedProps(object: Json): Json {
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = object;
  return revive(rest, '', '');
}

/** Manifest JSON of a pod spec → the typed `k8s.PodSpec` (the inverse of `k8s.toJson_PodSpec`). */
export function typedPodSpec(spec: Json): k8s.PodSpec {
  return revive(spec, 'spec', '') as k8s.PodSpec;
}
