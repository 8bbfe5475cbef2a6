import { Duration } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../errors';
import { checkProps } from '../props/prop-shapes';
import { requirePort } from '../names';
import { Endpoint } from '../tls/endpoint';
import { goDuration, wholeSeconds } from '../tls/go-duration';
import { ServerTlsPlan } from '../tls/server-tls';
import { TlsMode, TlsModeKind } from '../tls/tls-mode';
import { supportedVersion, Version } from '../version';
import { validateCommonProps } from '../workload/common-props';
import { flag, Flag } from '../workload/flags';
import { standardLabels, WorkloadIdentity } from '../workload/labels';
import { ResolvedWorkload, ServerWorkload } from '../workload/server-workload';
import { apiServiceTrust, ApiServiceTrust } from './api-service-trust';
import * as C from './constants';
import { METRICS_SERVER_PROPS, MetricsServerProps } from './metrics-server-props';

/** Everything a MetricsServer builds, resolved from its props without building anything. */
export interface MetricsServerPlan {
  readonly props: MetricsServerProps;
  readonly namespace: string;
  readonly version: Version;
  readonly securePort: number;
  readonly endpoint: Endpoint;
  readonly tls: ServerTlsPlan;
  readonly apiServiceTrust: ApiServiceTrust;
  readonly workload: ResolvedWorkload;
  /** Paths registered with `allowPath` (after construction too): the late flag follows them. */
  readonly allowedPaths: string[];
}

/** Checks a MetricsServer's props (naming `path`) and derives every setting. Pure. */
export function planMetricsServer(path: string, userProps: MetricsServerProps): MetricsServerPlan {
  const props = checkProps(path, '', userProps, METRICS_SERVER_PROPS, 'props of MetricsServer') as unknown as MetricsServerProps;
  ServerTlsPlan.requireMode(path, props.tls, [TlsModeKind.DISABLED, TlsModeKind.SELF_SIGNED, TlsModeKind.SECRET, TlsModeKind.CERT_MANAGER], 'unknown mode', 'a TlsMode factory');
  validateCommonProps(path, props);
  const namespace = props.namespace ?? 'kube-system';
  const version = supportedVersion(path, 'version', props.version ?? C.METRICS_SERVER_DEFAULT_VERSION, C.METRICS_SERVER_LINE);
  const securePort = props.securePort === undefined ? C.defaultSecurePort(path, version) : requirePort(path, 'securePort', props.securePort);
  if (securePort < 1024) {
    throw new ValidationError(path, 'securePort', securePort, 'a non-root container without NET_BIND_SERVICE cannot bind ports below 1024', 'a port >= 1024, e.g. 10250 or 4443');
  }
  const resolution = props.metricResolution ?? Duration.seconds(15);
  if (wholeSeconds(path, 'metricResolution', resolution) < 10) {
    throw new ValidationError(path, 'metricResolution', resolution, 'metrics-server refuses resolutions below 10s', 'a duration of at least "10s"');
  }
  const addressTypes = props.kubeletPreferredAddressTypes ?? ['InternalIP', 'ExternalIP', 'Hostname'];
  if (addressTypes.length === 0) {
    // An empty list would be an empty flag: metrics-server would try no address of any node.
    throw new ValidationError(path, 'kubeletPreferredAddressTypes', addressTypes, 'an empty list leaves metrics-server no node address to scrape kubelets at',
      `at least one of ${C.ADDRESS_TYPES.join(', ')}, or no prop for the default InternalIP, ExternalIP, Hostname`);
  }
  addressTypes.forEach((t, i) => {
    if (!(C.ADDRESS_TYPES as readonly string[]).includes(t)) {
      throw new ValidationError(path, `kubeletPreferredAddressTypes[${i}]`, t, 'not a node address type', C.ADDRESS_TYPES.join(', '));
    }
  });
  // metrics-server has no plain-HTTP mode: "disabled" still serves HTTPS with its own certificate.
  const serving = props.tls.enabled ? props.tls : TlsMode.selfSigned();
  const identity: WorkloadIdentity = { name: 'metrics-server', instance: props.instance ?? C.NAMES.workload, version: version.tag, partOf: 'metrics-server' };
  const common = { ...props, labels: { 'k8s-app': 'metrics-server', ...props.labels } };
  const tls = ServerTlsPlan.resolve(path, {
    mode: serving, serviceName: C.NAMES.workload, namespace, clusterDomain: props.clusterDomain, labels: standardLabels(identity, common.labels),
  });
  const endpoint = new Endpoint({
    mode: serving, serviceName: C.NAMES.workload, namespace, port: securePort, servicePort: C.SERVICE_PORT, portName: 'https', trust: tls.trust,
  });
  const trust = apiServiceTrust(path, tls, namespace);
  const cert = tls.certificateFiles('certs', C.TLS_CERT_DIR);
  const certFlags = cert ? [flag('--tls-cert-file', cert.certFile), flag('--tls-private-key-file', cert.keyFile)] : [flag('--cert-dir', '/tmp')];
  const allowedPaths: string[] = [];
  const workload = ServerWorkload.resolve(path, {
    name: C.NAMES.workload,
    namespace,
    identity,
    common,
    runAs: { user: C.RUN_AS_USER },
    serviceAccountName: C.NAMES.workload,
    callsApi: true,
    ports: [{ endpoint, appProtocol: 'https' }],
    liveness: { endpoint, path: '/livez', periodSeconds: 10, failureThreshold: 3 },
    readiness: { endpoint, path: '/readyz', initialDelaySeconds: 20, periodSeconds: 10, failureThreshold: 3 },
    strategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0) } },
    defaultNodeSelector: { 'kubernetes.io/os': 'linux' },
    defaultPriorityClassName: 'system-cluster-critical',
    main: {
      name: 'metrics-server',
      image: props.image ?? `${C.METRICS_SERVER_IMAGE}:${version.tag}`,
      flags: [
        ...certFlags,
        flag('--secure-port', securePort),
        flag('--kubelet-preferred-address-types', addressTypes.join(',')),
        flag('--kubelet-use-node-status-port'),
        flag('--metric-resolution', goDuration(path, 'metricResolution', resolution)),
        ...(props.kubeletInsecureTls ? [flag('--kubelet-insecure-tls')] : []),
      ],
      lateFlags: () => allowPathsFlags(allowedPaths),
      reservedFlags: ['--cert-dir', '--tls-cert-file', '--tls-private-key-file', '--kubelet-insecure-tls', '--authorization-always-allow-paths'],
      resources: { requests: { cpu: '100m', memory: '200Mi' } },
      userResources: props.resources,
      writablePaths: ['/tmp'],
      volumeMounts: cert ? [cert.mount] : [],
    },
    volumes: cert ? [cert.volume] : [],
  });
  return { props, namespace, version, securePort, endpoint, tls, apiServiceTrust: trust, workload, allowedPaths };
}

/** `--authorization-always-allow-paths` replaces the binary's default list, so the probe paths are kept in it. */
function allowPathsFlags(allowed: readonly string[]): Flag[] {
  if (allowed.length === 0) return [];
  const paths = [...C.DEFAULT_ALLOW_PATHS, ...allowed].filter((p, i, all) => all.indexOf(p) === i);
  return [flag('--authorization-always-allow-paths', paths.join(','))];
}
