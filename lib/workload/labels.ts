/** The identity of a workload, from which its labels follow. */
export interface WorkloadIdentity {
  /** `app.kubernetes.io/name`. */
  readonly name: string;
  /** `app.kubernetes.io/instance`. */
  readonly instance: string;
  /** `app.kubernetes.io/version`. */
  readonly version: string;
  /** `app.kubernetes.io/part-of`. */
  readonly partOf: string;
  /** `app.kubernetes.io/component`. */
  readonly component?: string;
}

export const MANAGED_BY = 'cdk8s-tls-constructs';

/**
 * Selector labels: only `name` + `instance`. Selectors are immutable, so nothing that changes with
 * a refactor or an upgrade (construct path, version) may be in them.
 */
export function selectorLabels(id: WorkloadIdentity): { [key: string]: string } {
  return { 'app.kubernetes.io/name': id.name, 'app.kubernetes.io/instance': id.instance };
}

/** All labels of an object: the user's extra labels, then the standard ones (which win). */
export function standardLabels(id: WorkloadIdentity, extra?: { [key: string]: string }): { [key: string]: string } {
  return {
    ...extra,
    ...selectorLabels(id),
    'app.kubernetes.io/version': id.version,
    'app.kubernetes.io/part-of': id.partOf,
    ...(id.component ? { 'app.kubernetes.io/component': id.component } : {}),
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** Metadata of any namespaced object of a component: standard labels, the user's labels and annotations. */
export function componentMetadata(
  id: WorkloadIdentity,
  user: { readonly labels?: { [key: string]: string }; readonly annotations?: { [key: string]: string } },
  namespace: string | undefined,
  name: string,
): { name: string; namespace?: string; labels: { [key: string]: string }; annotations?: { [key: string]: string } } {
  return { name, namespace, labels: standardLabels(id, user.labels), annotations: user.annotations };
}
