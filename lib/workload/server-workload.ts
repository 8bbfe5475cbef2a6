import { createHash } from 'crypto';
import { ApiObject, Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, RunAs } from '../security/security-context';
import { rendering, synthPass } from '../synth-pass';
import { Endpoint } from '../tls/endpoint';
import { checkEffectiveResources, Resources, resourcesJson, WorkloadUserProps } from './common-props';
import { mergeEnv } from './derived-settings';
import { checkExtraArgs, Flag, renderFlags } from './flags';
import { componentMetadata, selectorLabels, standardLabels, WorkloadIdentity } from './labels';
import { HttpProbe, httpProbeJson } from './probes';
import type { KnownServer } from '../rules/servers';
import { Scheme } from '../tls/scheme';
import { APP_PROTOCOL_H2C } from '../web/app-protocol';

/** One container of a workload, as a component describes it; security, resources and env merging are added here. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly command?: string[];
  /** Positional arguments (a subcommand), before the flags. */
  readonly args?: string[];
  /** Derived flags: extra args may not set them again. */
  readonly flags?: Flag[];
  /** Flags derived from registrations made after construction (main container only), produced at synth. */
  readonly lateFlags?: () => Flag[];
  /** Flags the construct may derive (e.g. only once something registers), refused in extra args either way. */
  readonly reservedFlags?: string[];
  /** Short flags of the binary and the long flag each sets (`-p` → `--port`), so neither spelling slips past. */
  readonly flagAliases?: { [short: string]: string };
  /** Derived env: extra env may not repeat their names. */
  readonly env?: k8s.EnvVar[];
  /** Whole ConfigMaps/Secrets as env (e.g. a generated config ConfigMap). */
  readonly envFrom?: k8s.EnvFromSource[];
  readonly volumeMounts?: k8s.VolumeMount[];
  /** Absolute paths the container writes: each gets an emptyDir (the root filesystem is read-only). */
  readonly writablePaths?: string[];
  readonly resources: Resources;
  /** Set only for the main container: the user's overrides. */
  readonly userResources?: Resources;
  /** Native sidecar (`restartPolicy: Always` on an init container). */
  readonly restartPolicy?: string;
}

/** A Service port of the workload: the endpoint gives its name, number, target and the container port. */
export interface ServedPort {
  readonly endpoint: Endpoint;
  /** `appProtocol` of the Service port. @default - none */
  readonly appProtocol?: string;
}

/** Everything the builder needs from a component. */
export interface ServerWorkloadProps {
  /** Object name of the Deployment and the Service. */
  readonly name: string;
  readonly namespace: string;
  readonly identity: WorkloadIdentity;
  /** The user's common props (labels, scheduling, extra args/env, replicas ...). */
  readonly common: WorkloadUserProps;
  readonly runAs: RunAs;
  /** ServiceAccount name; its token is mounted when `callsApi` (servers with RBAC bindings call the API). */
  readonly serviceAccountName: string;
  readonly callsApi: boolean;
  /** Ports, each from an endpoint; the first is the primary one. */
  readonly ports: ServedPort[];
  readonly liveness?: HttpProbe;
  readonly readiness?: HttpProbe;
  readonly main: ContainerSpec;
  readonly initContainers?: ContainerSpec[];
  readonly volumes?: k8s.Volume[];
  readonly strategy?: k8s.DeploymentStrategy;
  /** Component defaults for scheduling when the user gives none. */
  readonly defaultNodeSelector?: { [key: string]: string };
  readonly defaultPriorityClassName?: string;
  /** Image pull policy for every container. @default 'IfNotPresent' */
  readonly imagePullPolicy?: string;
}

/**
 * The one builder of Deployment + Service + ServiceAccount. Container ports, Service ports,
 * probes and selector labels all come from the endpoints; security contexts from one place.
 */
/** A workload whose props and the user's extra args, env and resources have been checked. */
export interface ResolvedWorkload {
  readonly props: ServerWorkloadProps;
  /** The main container's env: the derived variables, then the user's. */
  readonly env: k8s.EnvVar[];
}

export class ServerWorkload extends Construct {
  /**
   * Checks everything a workload takes from the user, building nothing, so that a construct can
   * resolve all its props before it builds: extra args against the derived and reserved flags,
   * extra env against the derived variables, and resources against the component's defaults.
   */
  public static resolve(path: string, props: ServerWorkloadProps): ResolvedWorkload {
    const main = props.main;
    const derived = new Map<string, string>();
    for (const f of main.flags ?? []) derived.set(f.name, renderFlags([f])[0]);
    // Flags derived only in some configurations, or late, are never the user's either.
    for (const name of main.reservedFlags ?? []) if (!derived.has(name)) derived.set(name, name);
    checkExtraArgs(path, derived, props.common.extraArgs, main.flagAliases);
    for (const c of [main, ...(props.initContainers ?? [])]) checkEffectiveResources(path, 'resources', c.resources, c.userResources);
    return { props, env: mergeEnv(path, main.env ?? [], props.common.extraEnv) };
  }

  /** The Deployment; its spec is rendered at synth, so registrations made after construction land. */
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly selector: { [key: string]: string };
  private readonly props: ServerWorkloadProps;
  private replicasManagedElsewhere = false;
  private readonly appProtocols = new Map<string, string>();
  private readonly server?: KnownServer;
  private readonly fixed: FixedSpec;

  /**
   * @param resolved from `ServerWorkload.resolve`
   * @param configMaps the ConfigMaps the pods read: a checksum of their data rolls the pods on change
   * @param server the known server the main container runs (its name in the rules, and the
   * ConfigMaps it reads with a test of their data): what it listens on is derived from the ports,
   * and the synth-time pass takes that while the Deployment holds what was rendered, instead of
   * reading the flags and config again
   */
  constructor(scope: Construct, id: string, private readonly resolved: ResolvedWorkload, private readonly configMaps: ApiObject[] = [],
    server?: { readonly name: string; readonly configMaps?: KnownServer['configMaps'] }) {
    super(scope, id);
    const props = this.props = resolved.props;
    this.server = server && knownServer(props.ports, server);
    this.selector = selectorLabels(props.identity);
    this.fixed = this.fixedSpec();
    this.serviceAccount = new ApiObject(this, 'ServiceAccount', { ...k8s.KubeServiceAccount.GVK,
      metadata: this.metadata(props.serviceAccountName),
      automountServiceAccountToken: props.callsApi,
    });
    this.deployment = new ApiObject(this, 'Deployment', {
      ...k8s.KubeDeployment.GVK,
      metadata: this.metadata(props.name),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.service = new ApiObject(this, 'Service', { ...k8s.KubeService.GVK,
      metadata: this.metadata(props.name),
      spec: {
        type: 'ClusterIP',
        selector: this.selector,
        // Read at synth: an exposure made after construction may set a port's appProtocol.
        ports: Lazy.any({
          produce: () => props.ports.map((p) => ({
            name: p.endpoint.portName,
            port: p.endpoint.servicePort,
            targetPort: p.endpoint.portName,
            protocol: 'TCP',
            appProtocol: this.appProtocols.get(p.endpoint.portName) ?? p.appProtocol,
          })),
        }),
      },
    });
    // The invariants of the final manifest (DESIGN §6) are checked by the synth-time pass.
    synthPass(this).register(this);
  }

  /**
   * Declares `appProtocol` on the Service port named `portName`: a hint a gateway implementation
   * reads (Istio takes the upstream protocol from it). A port that declares its own keeps it.
   */
  public setAppProtocol(portName: string, appProtocol: string): void {
    const port = this.props.ports.find((p) => p.endpoint.portName === portName);
    if (port === undefined || port.appProtocol !== undefined) throw new Error(`no Service port ${portName} without an appProtocol`);
    this.appProtocols.set(portName, appProtocol);
  }

  /**
   * The Deployment spec as manifest JSON, rendered at synth: the parts fixed at construction
   * (`fixedSpec`) with what registrations after construction change (late flags, replicas) and
   * the checksums of the ConfigMaps as this synth renders them. Written directly in the schema's
   * key order (the order `k8s.toJson_DeploymentSpec` gives, which CDK8S_DISABLE_SORT shows): that
   * typed conversion rebuilt every object of the spec key by key, a few percent of a synth.
   */
  private renderSpec(): Json {
    const { props } = this;
    const fixed = this.fixed;
    // Flags are rendered now (a flag may take a value set after construction); the user's extra args stand last.
    const main = { ...fixed.main, args: nonEmpty([...args(props.main), ...renderFlags(props.main.lateFlags?.() ?? []), ...fixed.extraArgs]) };
    const checksums: { [key: string]: string } = {};
    // During a synth, the ConfigMap's rendering of that synth: what is checked and written, rendered once.
    for (const cm of this.configMaps) checksums[`checksum/${cm.name}`] = sha256(rendering(cm).data);
    const pod = fixed.podSpec;
    if (this.server) synthPass(this).renderedServer(main, pod.volumes, this.server);
    return {
      replicas: this.replicasManagedElsewhere ? undefined : props.common.replicas ?? 1,
      selector: fixed.selector,
      strategy: fixed.strategy,
      template: {
        metadata: { annotations: { ...props.common.annotations, ...checksums }, labels: fixed.labels },
        spec: {
          affinity: pod.affinity,
          automountServiceAccountToken: pod.automountServiceAccountToken,
          containers: [main],
          imagePullSecrets: pod.imagePullSecrets,
          initContainers: pod.initContainers?.map((c: Json, i: number) => ({ ...c, args: nonEmpty(args(props.initContainers![i])) })),
          nodeSelector: pod.nodeSelector,
          priorityClassName: pod.priorityClassName,
          securityContext: pod.securityContext,
          serviceAccountName: pod.serviceAccountName,
          tolerations: pod.tolerations,
          volumes: pod.volumes,
        },
      },
    };
  }

  /**
   * The parts of the Deployment spec that nothing after construction changes, converted once:
   * every rendering (the synth-time pass's, then cdk8s's for its writer) copies them as it walks.
   */
  private fixedSpec(): FixedSpec {
    const { props } = this;
    const common = props.common;
    const extraArgs = common.extraArgs ?? [];
    // Without args: flags are rendered at synth.
    const main = this.container(props.main, {
      env: this.resolved.env,
      ports: props.ports.map((p) => ({ containerPort: p.endpoint.port, name: p.endpoint.portName, protocol: 'TCP' })),
      livenessProbe: props.liveness && httpProbeJson(props.liveness),
      readinessProbe: props.readiness && httpProbeJson(props.readiness),
    });
    const emptyDirs: Json[] = [props.main, ...(props.initContainers ?? [])]
      .flatMap((c) => c.writablePaths ?? [])
      .filter((p, i, all) => all.indexOf(p) === i)
      .map((p) => ({ emptyDir: {}, name: emptyDirName(p) }));
    return {
      main,
      extraArgs,
      selector: { matchLabels: { ...this.selector } },
      strategy: k8s.toJson_DeploymentStrategy(props.strategy),
      labels: standardLabels(props.identity, common.labels),
      podSpec: {
        affinity: k8s.toJson_Affinity(common.affinity),
        automountServiceAccountToken: props.callsApi,
        imagePullSecrets: common.imagePullSecrets?.map((secret) => ({ name: secret.name })),
        initContainers: nonEmpty(props.initContainers?.map((c) => this.container(c, { env: c.env }))),
        nodeSelector: copyMap(common.nodeSelector ?? props.defaultNodeSelector),
        priorityClassName: common.priorityClassName ?? props.defaultPriorityClassName,
        securityContext: restrictedPodSecurityContext(props.runAs),
        serviceAccountName: props.serviceAccountName,
        tolerations: common.tolerations?.map((t) => k8s.toJson_Toleration(t)),
        volumes: nonEmpty([...(props.volumes ?? []).map((v) => k8s.toJson_Volume(v)), ...emptyDirs]),
      },
    };
  }

  /** The standard `app.kubernetes.io/*` labels of this component's objects (without the user's). */
  public get standardLabels(): { [key: string]: string } {
    return standardLabels(this.props.identity);
  }

  /** Metadata for any namespaced object of this component (standard labels, the user's annotations). */
  public metadata(name: string): k8s.ObjectMeta {
    return componentMetadata(this.props.identity, this.props.common, this.props.namespace, name);
  }

  /** Metadata for a cluster-scoped object of this component. */
  public clusterMetadata(name: string): k8s.ObjectMeta {
    return { ...this.metadata(name), namespace: undefined };
  }

  /** The Deployment as an autoscaler's `scaleTargetRef`. */
  public get scaleTarget(): { apiVersion: string; kind: string; name: string; namespace: string } {
    return { apiVersion: this.deployment.apiVersion, kind: this.deployment.kind, name: this.props.name, namespace: this.props.namespace };
  }

  /** Leaves `replicas` out of the Deployment, for a workload that an autoscaler scales. */
  public omitReplicas(): void {
    this.replicasManagedElsewhere = true;
  }

  /** All the objects of this workload. */
  public get objects(): ApiObject[] {
    return [this.serviceAccount, this.deployment, this.service];
  }

  /** `k8s.Container` JSON, in the schema's key order. */
  private container(spec: ContainerSpec, extra: { args?: string[]; env?: k8s.EnvVar[]; ports?: Json[]; livenessProbe?: Json; readinessProbe?: Json }): Json {
    return {
      args: nonEmpty(extra.args),
      command: spec.command,
      env: nonEmpty(extra.env)?.map((e) => k8s.toJson_EnvVar(e)),
      envFrom: nonEmpty(spec.envFrom)?.map((e) => k8s.toJson_EnvFromSource(e)),
      image: spec.image,
      imagePullPolicy: this.props.imagePullPolicy ?? 'IfNotPresent',
      livenessProbe: extra.livenessProbe,
      name: spec.name,
      ports: extra.ports,
      readinessProbe: extra.readinessProbe,
      resources: resourcesJson(spec.resources, spec.userResources),
      restartPolicy: spec.restartPolicy,
      securityContext: restrictedContainerSecurityContext(this.props.runAs),
      volumeMounts: nonEmpty([
        ...(spec.volumeMounts ?? []).map((m) => k8s.toJson_VolumeMount(m)),
        ...(spec.writablePaths ?? []).map((p) => ({ mountPath: p, name: emptyDirName(p) })),
      ]),
    };
  }
}

/** A container's positional arguments, then its derived flags. */
function args(spec: ContainerSpec): string[] {
  return [...(spec.args ?? []), ...renderFlags(spec.flags ?? [])];
}

/** Manifest JSON (see `renderSpec`). */
type Json = any;

/** The parts of a Deployment spec fixed at construction (see `fixedSpec`). */
interface FixedSpec {
  /** The main container without its args (rendered at synth). */
  readonly main: Json;
  /** The user's extra args. */
  readonly extraArgs: readonly string[];
  readonly selector: Json;
  readonly strategy: Json;
  readonly labels: Json;
  /** The pod spec's fields other than its containers; its init containers without their args. */
  readonly podSpec: Json;
}

/** `/tmp` → `tmp`, `/var/run/x` → `var-run-x`. */
export function emptyDirName(path: string): string {
  return path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'root';
}

/** A copy of a string map (the typed conversion copied it too), or undefined. */
function copyMap(map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  return map === undefined ? undefined : { ...map };
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list?.length ? list : undefined;
}

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value ?? {})).digest('hex');
}

/**
 * The server a workload's main container runs, as its plan derived it: every port it serves, in
 * the scheme its endpoint derived; plain gRPC where the port declares HTTP/2 with prior knowledge
 * (an HTTP GET gets no answer there).
 */
function knownServer(ports: readonly ServedPort[], server: { readonly name: string; readonly configMaps?: KnownServer['configMaps'] }): KnownServer {
  const listeners = ports.map((p) => ({ port: p.endpoint.port, tls: p.endpoint.scheme === Scheme.HTTPS, ...(p.appProtocol === APP_PROTOCOL_H2C ? { grpcOnly: true } : {}) }));
  return { server: { name: server.name, listeners }, configMaps: server.configMaps };
}
