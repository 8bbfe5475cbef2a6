import { createHash } from 'crypto';
import { labelValueProblem } from '../names';

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
  return { 'app.kubernetes.io/name': labelValue(id.name), 'app.kubernetes.io/instance': labelValue(id.instance) };
}

/** The longest label value (apimachinery `validation.LabelValueMaxLength`). */
const LABEL_VALUE_MAX = 63;

/**
 * A label value derived from `value`: the value itself where it is one, else a valid value that
 * stays unique to it, its first 52 characters (made of the label alphabet) and 10 hex digits of its
 * SHA-256. A value the user gave validly (a 70-character template name, a long pre-release
 * version) is never refused because of a label this library derives from it; the label only
 * identifies, and the full value stays where it means something (the object name, the image tag).
 */
export function labelValue(value: string): string {
  if (labelValueProblem(value) === undefined) return value;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 10);
  const head = value.slice(0, LABEL_VALUE_MAX - hash.length - 1).replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return head === '' ? hash : `${head}-${hash}`;
}

/** All labels of an object: the user's extra labels, then the standard ones (which win). */
export function standardLabels(id: WorkloadIdentity, extra?: { [key: string]: string }): { [key: string]: string } {
  return {
    ...extra,
    ...selectorLabels(id),
    'app.kubernetes.io/version': labelValue(id.version),
    'app.kubernetes.io/part-of': labelValue(id.partOf),
    ...(id.component ? { 'app.kubernetes.io/component': labelValue(id.component) } : {}),
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
