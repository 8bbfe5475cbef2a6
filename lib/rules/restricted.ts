/**
 * Rule `restricted`: the Pod Security Standards *restricted* profile, v1.28 (`checkRestricted`),
 * minus the checks an object opts out of by name in the annotation
 * `cdk8s-tls-constructs/pod-security-exceptions` (comma-separated PodSecurityCheck names, on the
 * object's metadata or its pod template's): the documented, explicit opt-out.
 */
import { formatValue } from '../errors';
import { PodSecurityCheck, restrictedViolations } from './restricted-pod';
import { CheckContext, ObjectEntry } from './context';
import { entry as mapEntry, field } from './paths';

/** The opt-out annotation (the constructs write it, e.g. on copilot pods that need capabilities). */
export const POD_SECURITY_EXCEPTIONS = 'cdk8s-tls-constructs/pod-security-exceptions';

/** Every PodSecurityCheck; the compiler insists on each one (checkRestricted throws on unknown names). */
const KNOWN: Readonly<Record<PodSecurityCheck, true>> = {
  allowprivilegeescalation: true, apparmorprofile: true, capabilities_baseline: true, capabilities_restricted: true,
  hostnamespaces: true, hostpathvolumes: true, hostports: true, privileged: true, procmount: true, restrictedvolumes: true,
  runasnonroot: true, runasuser: true, seccompprofile_baseline: true, seccompprofile_restricted: true, selinuxoptions: true,
  sysctls: true, windowshostprocess: true,
};

function isCheck(name: string): name is PodSecurityCheck {
  return Object.prototype.hasOwnProperty.call(KNOWN, name);
}

/** Runs rule `restricted` on every reported pod-bearing object. */
export function checkRestrictedRule(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    const pod = entry.pod;
    if (pod === undefined || !ctx.reports(entry.index)) continue;
    const skip = new Set<PodSecurityCheck>();
    exceptions(ctx, entry, 'metadata', entry.metadata.annotations, skip);
    if (pod.metadataPath !== 'metadata') exceptions(ctx, entry, pod.metadataPath, pod.metadata.annotations, skip);
    for (const violation of restrictedViolations([entry.json], skip)) {
      ctx.add(entry, 'restricted', {
        field: containerPath(entry, violation.container),
        check: violation.rule,
        message: `${violation.message}: a namespace enforcing Pod Security "restricted" refuses the pod`,
        fix: `make ${violation.container === undefined ? 'the pod' : `container ${JSON.stringify(violation.container)}`} meet the restricted profile, `
          + `or list ${JSON.stringify(violation.rule)} in the ${POD_SECURITY_EXCEPTIONS} annotation and run it in a namespace that allows it`,
      });
    }
  }
}

/** Adds the names listed in the annotation of one metadata to `skip`; reports unknown names. */
function exceptions(ctx: CheckContext, entry: ObjectEntry, metadataPath: string, annotations: unknown,
  skip: Set<PodSecurityCheck>): void {
  if (typeof annotations !== 'object' || annotations === null) return;
  const value = (annotations as Record<string, unknown>)[POD_SECURITY_EXCEPTIONS];
  if (typeof value !== 'string') return;
  for (const raw of value.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (isCheck(name)) {
      skip.add(name);
      continue;
    }
    ctx.add(entry, 'restricted', {
      field: mapEntry(field(metadataPath, 'annotations'), POD_SECURITY_EXCEPTIONS), value: name,
      message: `${POD_SECURITY_EXCEPTIONS} names ${formatValue(name)}, an unknown Pod Security check: the opt-out it meant does not apply`,
      fix: `name checks from: ${Object.keys(KNOWN).join(', ')}`,
    });
  }
}

/** The path of the container a violation is about (by name, or the pod-relative path podView uses for unnamed ones), else the pod spec. */
function containerPath(entry: ObjectEntry, container: string | undefined): string {
  const pod = entry.pod!;
  if (container === undefined) return pod.specPath;
  const named = pod.containers.find((c) => c.name === container);
  if (named !== undefined) return named.path;
  const unnamed = pod.containers.find((c) => c.name === undefined && `spec.${c.list}[${c.index}]` === container);
  return unnamed === undefined ? pod.specPath : unnamed.path;
}
