/**
 * Checks synthesized manifests against the Pod Security Standards *restricted* profile, policy
 * version v1.28 (every baseline check plus every restricted check), the way the namespace label
 * `pod-security.kubernetes.io/enforce: restricted` with `enforce-version: v1.28` would judge them,
 * so that a refusal shows up at synth/test time instead of as a ReplicaSet that never gets pods.
 * The checks mirror `k8s.io/pod-security-admission` (see pss-baseline.ts and pss-restricted.ts).
 */
import { ValidationError } from '../errors';
import { checkProps } from '../input/prop-shapes';
import { podOf } from './pod-specs';
import { BASELINE_CHECKS, PodCheck, podView } from './pss-baseline';
import { RESTRICTED_CHECKS } from './pss-restricted';

/** Names of the upstream Pod Security Admission checks (as the conformance fixture files spell them). */
export type PodSecurityCheck =
  | 'allowprivilegeescalation' | 'apparmorprofile' | 'capabilities_baseline' | 'capabilities_restricted'
  | 'hostnamespaces' | 'hostpathvolumes' | 'hostports' | 'privileged' | 'procmount' | 'restrictedvolumes'
  | 'runasnonroot' | 'runasuser' | 'seccompprofile_baseline' | 'seccompprofile_restricted' | 'selinuxoptions'
  | 'sysctls' | 'windowshostprocess';

/** One way an object fails the restricted profile. */
export interface RestrictedViolation {
  /** `<Kind>/<name>` of the object (with `<namespace>/` before the name when the object has one), e.g. `Deployment/flyte/flyteadmin`. */
  readonly object: string;
  /** The container (any kind: containers, initContainers, ephemeralContainers), when the violation is about one container. */
  readonly container?: string;
  /** The upstream check that fails (a `PodSecurityCheck` name, e.g. `runasnonroot`). */
  readonly rule: string;
  /** Human-readable: what field has what value and what restricted allows. */
  readonly message: string;
}

/** Options. */
export interface CheckRestrictedOptions {
  /** Checks to skip (a user's explicit, named opt-out). @default - none */
  readonly skip?: string[];
}

/** Every check, baseline first; the compiler insists that each `PodSecurityCheck` has one. */
const CHECKS: Readonly<Record<PodSecurityCheck, PodCheck>> = { ...BASELINE_CHECKS, ...RESTRICTED_CHECKS };
const ALL_CHECKS = Object.entries(CHECKS) as [PodSecurityCheck, PodCheck][];

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

/** `checkRestricted` for callers that checked their arguments (the manifest checker, per object). */
export function restrictedViolations(objects: readonly unknown[], skip: ReadonlySet<PodSecurityCheck>): RestrictedViolation[] {
  const checks = skip.size === 0 ? ALL_CHECKS : ALL_CHECKS.filter(([rule]) => !skip.has(rule));
  const violations: RestrictedViolation[] = [];
  for (const entry of objects) {
    const found = podOf(entry);
    if (found === undefined) continue;
    const pod = podView(found.metadata, found.spec);
    const object = found.object;
    for (const [rule, check] of checks) {
      const findings = check(pod);
      if (findings.length === 0) continue; // the usual case: nothing to group (this runs at every synth)
      // Several findings of one check about one container (e.g. AppArmor field and annotation) make one violation.
      const byContainer = new Map<string | undefined, string[]>();
      for (const { container, message } of findings) {
        byContainer.set(container, [...byContainer.get(container) ?? [], message]);
      }
      for (const [container, messages] of byContainer) {
        violations.push({ object, ...(container === undefined ? {} : { container }), rule, message: messages.join('; ') });
      }
    }
  }
  return violations;
}
