import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { rollback } from '../construct-rollback';
import { ValidationError } from '../errors';
import { checkFields, T } from '../input/prop-types';
import { OutputPass } from '../synth/output-pass';
import { requirePort } from '../names';
import { Endpoint } from '../tls/endpoint';
import { parseGoDuration } from '../tls/go-duration';
import { ServerTls } from '../tls/server-tls';
import { TlsMode } from '../tls/tls-mode';
import { supportedVersion, Version } from '../version';
import { COMMON_FIELDS, Resources, ServerCommonProps, validateCommonProps } from '../workload/common-props';
import { standardLabels } from '../workload/labels';
import { ServerWorkload } from '../workload/server-workload';
import { apiServiceTrust } from './api-service-trust';
import * as C from './constants';
import { addMetricsServerRbac } from './metrics-server-rbac';
import { ScalableServer } from '../workload/scalable-server';

/** Props of `MetricsServer`. */
export interface MetricsServerProps extends ServerCommonProps {
  /**
   * The serving certificate. metrics-server always serves HTTPS: `disabled()` and `selfSigned()`
   * both mean its self-made certificate; `fromSecret` needs `Trust.caPem`; `certManager` injects the CA.
   */
  readonly tls: TlsMode;
  /** @default 'kube-system' */
  readonly namespace?: string;
  /** @default 'v0.9.0' */
  readonly version?: string;
  /**
   * The port the container listens on (every arg, probe and autoscaler follows it).
   * @default - derived from the version: 10250 from v0.7, 4443 for v0.6
   */
  readonly securePort?: number;
  /** @default 1 */
  readonly replicas?: number;
  /**
   * How often metrics are scraped from the kubelets (Go duration, at least 10s).
   * @default '15s'
   */
  readonly metricResolution?: string;
  /**
   * Kubelet address types, in order of preference.
   * @default ['InternalIP', 'ExternalIP', 'Hostname']
   */
  readonly kubeletPreferredAddressTypes?: string[];
  /**
   * Skip verification of the kubelets' serving certificates (`--kubelet-insecure-tls`). Development
   * clusters only: kubelet verification is a property of the cluster, not of this TLS mode.
   * @default false
   */
  readonly kubeletInsecureTls?: boolean;
  /** @default 'system-cluster-critical' */
  readonly priorityClassName?: string;
  /** @default - requests cpu 100m, memory 200Mi (the official manifests') */
  readonly resources?: Resources;
}

/** Run-time types of MetricsServerProps. */
const METRICS_SERVER_FIELDS = {
  ...COMMON_FIELDS,
  tls: T.instance('TlsMode', (v) => v instanceof TlsMode, 'one of the TlsMode factories, e.g. TlsMode.selfSigned()'),
  securePort: T.port,
  metricResolution: T.string,
  kubeletPreferredAddressTypes: T.array(T.string),
  kubeletInsecureTls: T.boolean,
};

/** metrics-server, with its serving certificate and the APIService's trust derived from one TLS mode. */
export class MetricsServer extends ScalableServer {
  /** Where metrics-server serves: always HTTPS, the container port (not the Service's 443). */
  public readonly endpoint: Endpoint;
  /** The TLS mode the serving certificate and the APIService's trust follow. */
  public readonly tls: TlsMode;
  /** The namespace of every namespaced object (the auth-reader RoleBinding is always in kube-system). */
  public readonly namespace: string;
  /** The metrics-server release (drives the image tag and the default port). */
  public readonly version: Version;
  /** The port the container listens on. */
  public readonly securePort: number;
  /** The Deployment, Service and ServiceAccount (typed objects, for inspection and wiring). */
  public readonly workload: ServerWorkload;
  /** The `v1beta1.metrics.k8s.io` APIService. */
  public readonly apiService: k8s.KubeApiService;
  /** Replicas fixed by the `replicas` prop, if any. */
  public readonly fixedReplicas?: number;
  private readonly allowedPaths: string[] = [];

  constructor(scope: Construct, id: string, props: MetricsServerProps) {
    super(scope, id);
    try {
      const path = this.node.path;
      props = checkFields(path, '', props, METRICS_SERVER_FIELDS, [], 'props of MetricsServer') as unknown as MetricsServerProps;
      ServerTls.requireMode(path, props.tls, ['disabled', 'selfSigned', 'secret', 'certManager'], 'unknown mode', 'a TlsMode factory');
      validateCommonProps(path, props);
      this.tls = props.tls;
      this.namespace = props.namespace ?? 'kube-system';
      this.version = supportedVersion(path, 'version', props.version ?? C.METRICS_SERVER_DEFAULT_VERSION, C.METRICS_SERVER_LINE);
      this.securePort = props.securePort === undefined ? C.defaultSecurePort(path, this.version) : requirePort(path, 'securePort', props.securePort);
      if (this.securePort < 1024) {
        throw new ValidationError(path, 'securePort', this.securePort, 'a non-root container without NET_BIND_SERVICE cannot bind ports below 1024', 'a port >= 1024, e.g. 10250 or 4443');
      }
      this.fixedReplicas = props.replicas;
      const resolution = props.metricResolution ?? '15s';
      if (parseGoDuration(path, 'metricResolution', resolution) < 10) {
        throw new ValidationError(path, 'metricResolution', resolution, 'metrics-server refuses resolutions below 10s', 'a duration of at least "10s"');
      }
      const addressTypes = props.kubeletPreferredAddressTypes ?? ['InternalIP', 'ExternalIP', 'Hostname'];
      addressTypes.forEach((t, i) => {
        if (!(C.ADDRESS_TYPES as readonly string[]).includes(t)) {
          throw new ValidationError(path, `kubeletPreferredAddressTypes[${i}]`, t, 'not a node address type', C.ADDRESS_TYPES.join(', '));
        }
      });

      // metrics-server has no plain-HTTP mode: "disabled" still serves HTTPS with its own certificate.
      const serving = this.tls.enabled ? this.tls : TlsMode.selfSigned();
      const identity = { name: 'metrics-server', instance: props.instance ?? C.NAMES.workload, version: this.version.tag, partOf: 'metrics-server' };
      const common = { ...props, labels: { 'k8s-app': 'metrics-server', ...props.labels } };
      const serverTls = new ServerTls(this, 'Tls', {
        mode: serving, serviceName: C.NAMES.workload, namespace: this.namespace, clusterDomain: props.clusterDomain, labels: standardLabels(identity, common.labels),
      });
      this.endpoint = new Endpoint({
        mode: serving, serviceName: C.NAMES.workload, namespace: this.namespace, port: this.securePort, servicePort: C.SERVICE_PORT, portName: 'https', trust: serverTls.trust,
      });
      const trust = apiServiceTrust(path, serverTls, this.namespace);
      const cert = serverTls.certificateFiles('certs', C.TLS_CERT_DIR);
      const certArgs = cert ? [`--tls-cert-file=${cert.certFile}`, `--tls-private-key-file=${cert.keyFile}`] : ['--cert-dir=/tmp'];

      this.workload = new ServerWorkload(this, 'Workload', {
        name: C.NAMES.workload,
        namespace: this.namespace,
        identity,
        common,
        runAs: { user: C.RUN_AS_USER },
        serviceAccountName: C.NAMES.workload,
        callsApi: true,
        ports: [{ endpoint: this.endpoint, appProtocol: 'https' }],
        liveness: { endpoint: this.endpoint, path: '/livez', periodSeconds: 10, failureThreshold: 3 },
        readiness: { endpoint: this.endpoint, path: '/readyz', initialDelaySeconds: 20, periodSeconds: 10, failureThreshold: 3 },
        strategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0) } },
        defaultNodeSelector: { 'kubernetes.io/os': 'linux' },
        defaultPriorityClassName: 'system-cluster-critical',
        main: {
          name: 'metrics-server',
          image: props.image ?? `${C.METRICS_SERVER_IMAGE}:${this.version.tag}`,
          args: [
            ...certArgs,
            `--secure-port=${this.securePort}`,
            `--kubelet-preferred-address-types=${addressTypes.join(',')}`,
            '--kubelet-use-node-status-port',
            `--metric-resolution=${resolution}`,
            ...(props.kubeletInsecureTls ? ['--kubelet-insecure-tls'] : []),
          ],
          lateArgs: () => this.allowPathsArgs(),
          reservedFlags: ['--cert-dir', '--tls-cert-file', '--tls-private-key-file', '--kubelet-insecure-tls', '--authorization-always-allow-paths'],
          resources: { requests: { cpu: '100m', memory: '200Mi' } },
          userResources: props.resources,
          writablePaths: ['/tmp'],
          volumeMounts: cert ? [cert.mount] : [],
        },
        volumes: cert ? [cert.volume] : [],
      });
      addMetricsServerRbac(this.workload, C.NAMES.workload, this.namespace);

      this.apiService = new k8s.KubeApiService(this, 'ApiService', {
        metadata: { ...this.workload.clusterMetadata(C.NAMES.apiService), annotations: { ...props.annotations, ...trust.annotations } },
        spec: {
          group: 'metrics.k8s.io',
          version: 'v1beta1',
          groupPriorityMinimum: 100,
          versionPriority: 100,
          service: { name: C.NAMES.workload, namespace: this.namespace, port: C.SERVICE_PORT },
          insecureSkipTlsVerify: trust.insecureSkipTLSVerify,
          caBundle: trust.caBundle,
        },
      });
      if ((props.replicas ?? 1) > 1) {
        new k8s.KubePodDisruptionBudget(this, 'Pdb', {
          metadata: this.workload.metadata(C.NAMES.workload),
          spec: { minAvailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: this.workload.selector } },
        });
      }
      OutputPass.of(this).register(this);
    } catch (error) {
      throw rollback(this, error);
    }
  }

  /** Why `path` cannot be allowed (see `allowPath`), or undefined: checked before anything is wired. */
  public static allowPathProblem(path: unknown): string | undefined {
    return typeof path === 'string' && /^\/[^\s,]*$/.test(path) ? undefined : 'not a URL path';
  }

  /**
   * Lets unauthenticated scrapers read `path` (e.g. an AIbrix autoscaler reading `/metrics`).
   * The flag replaces the binary's default list, so the probe paths are kept in it.
   */
  public allowPath(path: string): void {
    if (MetricsServer.allowPathProblem(path) !== undefined) {
      throw new ValidationError(this.node.path, 'allowPath', path, 'not a URL path', 'a path starting with "/" without spaces or commas, e.g. "/metrics"');
    }
    if (!this.allowedPaths.includes(path)) this.allowedPaths.push(path);
  }

  private allowPathsArgs(): string[] {
    if (this.allowedPaths.length === 0) return [];
    const paths = [...C.DEFAULT_ALLOW_PATHS, ...this.allowedPaths].filter((p, i, all) => all.indexOf(p) === i);
    return [`--authorization-always-allow-paths=${paths.join(',')}`];
  }
}
