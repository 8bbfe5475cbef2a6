/**
 * The public shape of `checkManifests` findings: one problem of one manifest object, named by the
 * rule that found it, with the field, what is wrong and what would be accepted instead.
 */

/** The rules `checkManifests` runs, in the order findings of one object are reported. */
export type ManifestRule =
  | 'name' | 'labels' | 'field-type' | 'duplicate' | 'service-target-port' | 'probe-port' | 'volume-mount'
  | 'resources' | 'restricted' | 'probe-scheme' | 'apiservice-trust' | 'gateway-api-cel' | 'gateway-backend' | 'inline-secret' | 'open-cors' | 'yaml-reading';

/** Every rule, in report order; the compiler insists the list names each `ManifestRule` exactly once. */
export const MANIFEST_RULES = [
  'name', 'labels', 'field-type', 'duplicate', 'service-target-port', 'probe-port', 'volume-mount',
  'resources', 'restricted', 'probe-scheme', 'apiservice-trust', 'gateway-api-cel', 'gateway-backend', 'inline-secret', 'open-cors', 'yaml-reading',
] as const satisfies readonly ManifestRule[];

// Fails to compile when a rule is added to the union but not to the list.
type Missing = Exclude<ManifestRule, (typeof MANIFEST_RULES)[number]>;
const allListed: Missing extends never ? true : Missing = true;
void allListed;

/** One problem of one manifest object. */
export interface ManifestFinding {
  /** `<Kind>/<namespace>/<name>` (objectRef of lib/rules/pod-specs.ts); `objects[i]` for an entry that is not a Kubernetes object. */
  readonly object: string;
  /** Where the object came from, when the caller said (options.sources[i]). */
  readonly source?: string;
  /** JSON path of the offending field, dotted with [i] indexes, e.g. `spec.template.spec.containers[0].livenessProbe.httpGet.scheme`; `metadata.name` etc. */
  readonly field: string;
  /** The rule that found the problem. */
  readonly rule: ManifestRule;
  /** For rule 'restricted': the Pod Security check (PodSecurityCheck). */
  readonly check?: string;
  /** The offending value (as found; redacted for rule 'inline-secret'). */
  readonly value?: unknown;
  /** What is wrong and why it breaks in a cluster (one sentence, no trailing period needed). */
  readonly message: string;
  /** What would be accepted instead (imperative, e.g. `name a port that container "main" declares`). */
  readonly fix: string;
}
