/**
 * Checks synthesized manifests against the Pod Security Standards *restricted* profile, policy
 * version v1.28 (every baseline check plus every restricted check), the way the namespace label
 * `pod-security.kubernetes.io/enforce: restricted` with `enforce-version: v1.28` would judge them,
 * so that a refusal shows up at synth/test time instead of as a ReplicaSet that never gets pods.
 * The checks mirror `k8s.io/pod-security-admission` (see pss-baseline.ts and pss-restricted.ts).
 */
import { podOf } from './pod-specs';
import { BASELINE_CHECKS, PodCheck, PodSecurityCheck, podView } from './pss-baseline';
import { RESTRICTED_CHECKS } from './pss-restricted';

export { PodSecurityCheck } from './pss-baseline';

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

/** Every check, baseline first; the compiler insists that each `PodSecurityCheck` has one. */
export const CHECKS: Readonly<Record<PodSecurityCheck, PodCheck>> = { ...BASELINE_CHECKS, ...RESTRICTED_CHECKS };
const ALL_CHECKS = Object.entries(CHECKS) as [PodSecurityCheck, PodCheck][];

/** The violations of the restricted profile in `objects`, minus the checks in `skip` (`checkRestricted` checks its arguments, then calls this). */
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
