/**
 * `checkRestricted`: the Pod Security Standards *restricted* profile (lib/rules/restricted-pod.ts)
 * as a public function, with its arguments checked for JavaScript callers.
 */
import { ValidationError } from '../errors';
import { checkProps } from '../props/prop-shapes';
import { CHECKS, PodSecurityCheck, restrictedViolations, RestrictedViolation } from '../rules/restricted-pod';

export { PodSecurityCheck, RestrictedViolation } from '../rules/restricted-pod';

/** Options. */
export interface CheckRestrictedOptions {
  /** Checks to skip (a user's explicit, named opt-out). @default - none */
  readonly skip?: string[];
}

/**
 * Checks Kubernetes objects (plain JSON manifests, e.g. from `Chart.toJson()` or parsed YAML)
 * against the Pod Security Standards restricted profile, policy version v1.28.
 *
 * Pods and the pod templates of PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job and CronJob are checked, with all their containers, init containers
 * and ephemeral containers; other kinds, and entries that are not objects with a `kind`, are ignored.
 *
 * @param objects the manifests to check
 * @param options checks to skip
 * @returns every violation: one per container and check when the check is about a container
 * (pod-level and container-level findings of one check are separate), else one per object and check;
 * empty when all objects are allowed
 * @throws ValidationError when `options.skip` names an unknown check
 */
export function checkRestricted(objects: any[], options: CheckRestrictedOptions = {}): RestrictedViolation[] {
  if (!Array.isArray(objects)) throw new ValidationError('checkRestricted', 'objects', objects, 'not a list', 'a list of manifest objects');
  options = checkProps('checkRestricted', 'options', options ?? {}, 'CheckRestrictedOptions', 'options of checkRestricted') as CheckRestrictedOptions;
  const skip = new Set<string>(options.skip ?? []);
  for (const name of skip) {
    if (!Object.prototype.hasOwnProperty.call(CHECKS, name)) {
      throw new ValidationError('checkRestricted', 'skip', name, 'not a Pod Security check',
        `one of ${Object.keys(CHECKS).join(', ')}`);
    }
  }
  return restrictedViolations(objects, skip as ReadonlySet<PodSecurityCheck>);
}
