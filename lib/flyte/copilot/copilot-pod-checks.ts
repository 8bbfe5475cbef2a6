import { ValidationError } from '../../errors';
import { PodSecurityCheck, restrictedViolations } from '../../rules/restricted-pod';
import { Trust } from '../../tls/trust';
import { Version } from '../../version';
import { containerTrustsCa } from '../../storage/store-ca';
import { SINCE } from './constants';
import { FlyteMergeResult, Json, podApiProblems } from './pod-template-merge';
import { plainJson } from '../../plain-json';

/** What the checks of a merged copilot pod need to know. */
export interface CopilotPodFacts {
  readonly path: string;
  readonly flyteVersion: Version;
  /** The prop that gave the template (`podTemplate`, or `podTemplateSpec` for a raw spec), for messages. */
  readonly templateProp: string;
  /** How the template shows in messages (`podTemplate <value> is not allowed`). */
  readonly templateValue: unknown;
  readonly primary: string;
  readonly downloader?: string;
  readonly uploader?: string;
}

function refuse(facts: CopilotPodFacts, reason: string, alternative: string): never {
  throw new ValidationError(facts.path, facts.templateProp, facts.templateValue, reason, alternative);
}

/** Refuses a template entry named after a container that Flyte, at this version, does not merge into it. */
export function refuseUnusableEntries(facts: CopilotPodFacts, merged: FlyteMergeResult): void {
  const e = merged.unusable[0];
  if (e) throw new ValidationError(facts.path, `${facts.templateProp}.${e.list}[${e.index}].name`, e.name, e.reason, e.alternative);
}

/** Refuses a merged pod the API server would reject (duplicate names, mounts without volume, two mounts on one path). */
export function refuseApiInvalid(facts: CopilotPodFacts, pod: { metadata: Json; spec: Json }): void {
  const problems = podApiProblems(pod);
  if (problems.length) {
    refuse(facts, `the API server would reject the pod Flyte builds with it: ${problems.join('; ')}`,
      'template volumes and mounts whose names and paths do not collide with the task\'s and copilot\'s, and a volume for every mount');
  }
}

/** With a CA-bundle trust, every copilot container must end up with the CA where Go reads trust from. */
export function refuseMissingCa(facts: CopilotPodFacts, spec: Json, trust: Trust, pemConfigMapName: string | undefined): void {
  const all: Json[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const name of [facts.downloader, facts.uploader]) {
    const container = all.find((c) => c.name === name);
    if (name === undefined || !container || containerTrustsCa(container, spec.volumes ?? [], trust, pemConfigMapName)) continue;
    const isInit = (spec.initContainers ?? []).some((c: Json) => c.name === name);
    refuse(facts,
      `copilot container "${name}" would not trust the object store: no volume of ${trust} is mounted in /etc/ssl/certs `
      + '(or where SSL_CERT_FILE / SSL_CERT_DIR point), and copilot has no other CA setting',
      `a read-only volumeMount of the CA (e.g. subPath into /etc/ssl/certs/<name>.pem) in the template's "${isInit ? 'default-init' : 'default'}" entry, as FlytePodTemplate makes`);
  }
}

/** The template entry that reaches a container, for the message of a failed check. */
function fixingEntry(facts: CopilotPodFacts, spec: Json, container: string | undefined): string {
  if (container === undefined) return 'the template\'s pod-level securityContext';
  if ((spec.initContainers ?? []).some((c: Json) => c.name === container)) {
    if (facts.flyteVersion.below(SINCE.initTemplates)) {
      return `none at Flyte ${facts.flyteVersion.tag}: templates reach init containers only from v1.14.0 ("default-init", PR #5750)`;
    }
    return container === facts.downloader ? 'template entry "default-init" (or "primary-init")' : 'template entry "default-init"';
  }
  return container === facts.primary ? 'template entry "default" (or "primary")' : 'template entry "default"';
}

/** The capability checks SYS_PTRACE fails: the only ones `allowPtrace` accepts. */
export const PTRACE_CHECKS: readonly PodSecurityCheck[] = ['capabilities_baseline', 'capabilities_restricted'];

/**
 * Refuses a merged pod that fails Pod Security restricted (v1.28), naming each container, check and
 * the template entry that fixes it. With `allowPtrace`, the pod is judged without the SYS_PTRACE
 * the plugin adds to the primary container, so nothing but that capability may fail.
 */
export function refuseNonRestricted(facts: CopilotPodFacts, pod: { metadata: Json; spec: Json }, allowPtrace: boolean): void {
  // A copy only to take SYS_PTRACE out: the merged pod is the one emitted.
  const judged = allowPtrace ? plainJson(pod) : pod;
  if (allowPtrace) {
    const primary = (judged.spec.containers ?? []).find((c: Json) => c.name === facts.primary);
    const add: string[] | undefined = primary?.securityContext?.capabilities?.add;
    const at = add?.lastIndexOf('SYS_PTRACE') ?? -1;
    if (at >= 0) add!.splice(at, 1);
  }
  const violations = restrictedViolations([{ apiVersion: 'v1', kind: 'Pod', ...judged }], new Set());
  if (violations.length === 0) return;
  const lines = violations.map((v) => `${v.container === undefined ? 'the pod' : `container "${v.container}"`} fails ${v.rule} `
    + `(${v.message}), fixed by ${fixingEntry(facts, pod.spec, v.container)}`);
  refuse(facts, `the pod Flyte builds with it is not Pod Security restricted: ${lines.join('; ')}`,
    'a template with the restricted security context on "default" and "default-init" and a restricted pod securityContext (a FlytePodTemplate has them)');
}
