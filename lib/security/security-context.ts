import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';

/** What a component states about the user it runs as. */
export interface RunAs {
  /** The non-root user the image runs as. */
  readonly user: number;
  /** The group. @default - the image's */
  readonly group?: number;
  /** The group that owns mounted volumes. @default - none */
  readonly fsGroup?: number;
}

/**
 * The pod-level half of Pod Security "restricted": non-root with a fixed non-zero user, and the
 * runtime's default seccomp profile for every container.
 */
export function restrictedPodSecurityContext(runAs: RunAs): k8s.PodSecurityContext {
  // In the schema's key order, without typed values: ServerWorkload emits this object as JSON.
  return {
    fsGroup: runAs.fsGroup,
    runAsGroup: runAs.group,
    runAsNonRoot: true,
    runAsUser: runAs.user,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Options of `restrictedContainerSecurityContext`. */
export interface ContainerHardening {
  /**
   * Mount the root filesystem read-only (writable paths then come from emptyDir mounts).
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /** Capabilities the user explicitly asked to add. @default - none */
  readonly addCapabilities?: readonly string[];
}

/**
 * The container-level half: no privilege escalation, every capability dropped (none added unless
 * asked for), non-root, RuntimeDefault seccomp and a read-only root filesystem.
 */
export function restrictedContainerSecurityContext(runAs: RunAs, hardening: ContainerHardening = {}): k8s.SecurityContext {
  // In the schema's key order, without typed values: ServerWorkload emits this object as JSON.
  return {
    allowPrivilegeEscalation: false,
    capabilities: { add: hardening.addCapabilities?.length ? [...hardening.addCapabilities] : undefined, drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: hardening.readOnlyRootFilesystem ?? true,
    runAsGroup: runAs.group,
    runAsNonRoot: true,
    runAsUser: runAs.user,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
