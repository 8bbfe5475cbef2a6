/**
 * The pod model the Pod Security Standards checks read, and the *baseline* checks of policy
 * version v1.28, mirroring `k8s.io/pod-security-admission/policy/check_*.go` as they apply to v1.28.
 * Manifests are untrusted JSON: every field is read defensively, a wrong type reads as unset.
 */
import { formatValue } from '../errors';
import { isSet, Json, list, obj } from './json';

/** Names of the upstream Pod Security Admission checks (as the conformance fixture files spell them). */
export type PodSecurityCheck =
  | 'allowprivilegeescalation' | 'apparmorprofile' | 'capabilities_baseline' | 'capabilities_restricted'
  | 'hostnamespaces' | 'hostpathvolumes' | 'hostports' | 'privileged' | 'procmount' | 'restrictedvolumes'
  | 'runasnonroot' | 'runasuser' | 'seccompprofile_baseline' | 'seccompprofile_restricted' | 'selinuxoptions'
  | 'sysctls' | 'windowshostprocess';

/** One container (of any kind) as the checks see it. */
export interface ContainerView {
  /** `name` of the container. */
  readonly name: string;
  /** Where it sits in the pod spec, e.g. `spec.initContainers[0]`, for messages. */
  readonly path: string;
  /** The container itself. */
  readonly spec: Json;
  /** Its `securityContext` (`{}` when unset). */
  readonly context: Json;
}

/** One pod (a Pod, or the pod template of a workload) as the checks see it. */
export interface PodView {
  /** The pod spec. */
  readonly spec: Json;
  /** `spec.securityContext` (`{}` when unset). */
  readonly podContext: Json;
  /** The pod's (template's) `metadata.annotations`. */
  readonly annotations: Json;
  /** initContainers, containers, then ephemeralContainers: the order of upstream `visitContainers`. */
  readonly containers: readonly ContainerView[];
  /** `spec.os.name: windows`: upstream exempts these pods from some restricted checks since v1.25. */
  readonly windows: boolean;
}

/** One failed check: about one container, or (without `container`) about the pod as a whole. */
export interface Finding {
  /** The container the finding is about. */
  readonly container?: string;
  /** What field has what value and what restricted allows. */
  readonly message: string;
}

/** One upstream check: all its findings for one pod. */
export type PodCheck = (pod: PodView) => Finding[];

/** Tests one field's value; returns the violation message, or `undefined` when the value is allowed. */
export type FieldTest = (value: unknown, path: string) => string | undefined;

/** Builds the pod view from a pod's (or pod template's) `metadata` and `spec`. */
export function podView(metadata: unknown, spec: unknown): PodView {
  const podSpec = obj(spec);
  const containers = ['initContainers', 'containers', 'ephemeralContainers'].flatMap((field) =>
    list(podSpec[field]).map((entry, index): ContainerView => {
      const container = obj(entry);
      const path = `spec.${field}[${index}]`;
      const name = typeof container.name === 'string' ? container.name : path;
      return { name, path, spec: container, context: obj(container.securityContext) };
    }));
  return {
    spec: podSpec,
    podContext: obj(podSpec.securityContext),
    annotations: obj(obj(metadata).annotations),
    containers,
    windows: obj(podSpec.os).name === 'windows',
  };
}

/** The common message: `<path> is <value>; restricted allows <allowed>`. */
export function notAllowed(path: string, value: unknown, allowed: string): string {
  return `${path} is ${formatValue(value)}; restricted allows ${allowed}`;
}

/** Runs `test` on `securityContext.<field>` of every container; one finding per failing container. */
export function containerFields(pod: PodView, field: string, test: FieldTest, into: Finding[] = []): Finding[] {
  // A loop into one list: this runs for every check, container and synth (the synth-time pass).
  for (const c of pod.containers) {
    const message = test(c.context[field], `${c.path}.securityContext.${field}`);
    if (message !== undefined) into.push({ container: c.name, message });
  }
  return into;
}

/** Like `containerFields`, and first on the pod-level `spec.securityContext.<field>`. */
export function podAndContainerFields(pod: PodView, field: string, test: FieldTest): Finding[] {
  const message = test(pod.podContext[field], `spec.securityContext.${field}`);
  return containerFields(pod, field, test, message === undefined ? [] : [{ message }]);
}

/** Seccomp types allowed wherever a profile is set (upstream `validSeccomp`). */
function validSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** Tests a `seccompProfile` field: when set, its type must be RuntimeDefault or Localhost. */
export const seccompTypeTest: FieldTest = (profile, path) =>
  isSet(profile) && !validSeccompType(obj(profile).type)
    ? notAllowed(`${path}.type`, obj(profile).type, '"RuntimeDefault" or "Localhost"')
    : undefined;

/** check_capabilities_baseline: the container runtime's default set (case-sensitive, no `CAP_` prefix). */
const DEFAULT_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
/** check_sysctls, v1.27 set (the `tcp_keepalive_*` and later additions only apply from v1.29). */
const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports']);
/** check_seLinuxOptions, v1.0 set (`container_engine_t` only from v1.31). */
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** check_appArmorProfile: a set `appArmorProfile` must have type RuntimeDefault or Localhost. */
const appArmorFieldTest: FieldTest = (profile, path) =>
  isSet(profile) && !['RuntimeDefault', 'Localhost'].includes(obj(profile).type as string)
    ? notAllowed(`${path}.type`, obj(profile).type, '"RuntimeDefault" or "Localhost"')
    : undefined;

/** check_seLinuxOptions: type from the allowed set, no user, no role. */
const seLinuxTest: FieldTest = (options, path) => {
  if (!isSet(options)) return undefined;
  const { type, user, role } = obj(options);
  const bad = [
    ...(SELINUX_TYPES.has((type ?? '') as string) ? [] : [`type ${formatValue(type)}`]),
    ...((user ?? '') === '' ? [] : [`user ${formatValue(user)}`]),
    ...((role ?? '') === '' ? [] : [`role ${formatValue(role)}`]),
  ];
  return bad.length === 0 ? undefined
    : `${path} sets ${bad.join(', ')}; restricted allows type ${[...SELINUX_TYPES].filter(Boolean).join(', ')} `
      + 'or empty, and neither user nor role';
};

/**
 * The baseline checks. At the restricted level upstream replaces (`OverrideCheckIDs`)
 * capabilities_baseline and seccompProfile_baseline by their restricted versions, which exempt
 * Windows pods; so those two exempt Windows pods here too, like the restricted level does.
 */
export const BASELINE_CHECKS = {
  hostnamespaces: (pod) => {
    const shared = ['hostNetwork', 'hostPID', 'hostIPC'].filter((field) => pod.spec[field] === true);
    return shared.length === 0 ? []
      : [{ message: `${shared.map((f) => `spec.${f}=true`).join(', ')}; restricted allows false or unset` }];
  },
  privileged: (pod) => containerFields(pod, 'privileged', (value, path) =>
    value === true ? notAllowed(path, value, 'false or unset') : undefined),
  capabilities_baseline: (pod) => (pod.windows ? [] : containerFields(pod, 'capabilities', (caps, path) => {
    const extra = list(obj(caps).add).filter((cap) => !DEFAULT_CAPABILITIES.has(cap as string));
    return extra.length === 0 ? undefined
      : `${path}.add includes ${extra.map(formatValue).join(', ')}, outside the default set `
        + `${[...DEFAULT_CAPABILITIES].join(', ')}; restricted allows adding only NET_BIND_SERVICE`;
  })),
  hostpathvolumes: (pod) => {
    const names = list(pod.spec.volumes).map(obj).filter((v) => isSet(v.hostPath)).map((v) => formatValue(v.name));
    return names.length === 0 ? []
      : [{ message: `spec.volumes ${names.join(', ')} use hostPath; restricted allows no hostPath volume` }];
  },
  hostports: (pod) => pod.containers.flatMap((c) => {
    const hostPorts = list(c.spec.ports).map((port) => obj(port).hostPort).filter((p) => isSet(p) && p !== 0);
    return hostPorts.length === 0 ? [] : [{ container: c.name,
      message: `${c.path}.ports[*].hostPort is ${hostPorts.map(formatValue).join(', ')}; restricted allows 0 or unset` }];
  }),
  apparmorprofile: (pod) => [
    ...podAndContainerFields(pod, 'appArmorProfile', appArmorFieldTest),
    ...Object.entries(pod.annotations)
      .filter(([key, value]) => key.startsWith(APPARMOR_ANNOTATION) && !(value === '' || value === null
        || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'))))
      .map(([key, value]) => ({ container: key.slice(APPARMOR_ANNOTATION.length),
        message: `annotation ${key} is ${formatValue(value)}; `
          + 'restricted allows "runtime/default", "localhost/<profile>" or unset' })),
  ],
  selinuxoptions: (pod) => podAndContainerFields(pod, 'seLinuxOptions', seLinuxTest),
  procmount: (pod) => containerFields(pod, 'procMount', (value, path) =>
    isSet(value) && value !== 'Default' ? notAllowed(path, value, '"Default" or unset') : undefined),
  seccompprofile_baseline: (pod) => (pod.windows ? [] : podAndContainerFields(pod, 'seccompProfile', seccompTypeTest)),
  sysctls: (pod) => {
    const unsafe = list(pod.podContext.sysctls).map((s) => obj(s).name).filter((n) => !SAFE_SYSCTLS.has(n as string));
    return unsafe.length === 0 ? [] : [{ message: `spec.securityContext.sysctls sets ${unsafe.map(formatValue).join(', ')}; `
      + `restricted allows only ${[...SAFE_SYSCTLS].join(', ')}` }];
  },
  windowshostprocess: (pod) => podAndContainerFields(pod, 'windowsOptions', (options, path) =>
    obj(options).hostProcess === true ? notAllowed(`${path}.hostProcess`, true, 'false or unset') : undefined),
} satisfies Partial<Record<PodSecurityCheck, PodCheck>>;
