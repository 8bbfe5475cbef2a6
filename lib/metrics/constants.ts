// Upstream facts of metrics-server, from kubernetes-sigs/metrics-server (manifests/base/*.yaml,
// release overlay pinning v0.9.0; docs/command-line-flags.txt; charts/metrics-server 3.13.1).
import { ValidationError } from '../errors';
import { SupportedLine, Version } from '../version';

export const METRICS_SERVER_IMAGE = 'registry.k8s.io/metrics-server/metrics-server';
/** The release the official manifests pin. */
export const METRICS_SERVER_DEFAULT_VERSION = 'v0.9.0';
/** Releases the construct models: the v0 line (v0.9.0 is the newest); v0.5 and older listen on 443. */
export const METRICS_SERVER_LINE: SupportedLine = {
  minimum: 'v0.6.0',
  why: 'releases before v0.6.0 listen on 443, which a restricted non-root container cannot bind',
  newestMajor: 0,
  line: 'metrics-server v0.6.0 to v0.9.x',
  laterMajor: 'a v1 release may change flags, ports and manifests',
};
/** The AIbrix release the PodAutoscaler assumes unless told (the newest). */
export const AIBRIX_DEFAULT_VERSION = 'v0.7.0';
/** AIbrix releases the PodAutoscaler models: the v0 line (v0.7.0 is the newest); before v0.2.0 (PR #530) no HTTPS scraping. */
export const AIBRIX_LINE: SupportedLine = {
  minimum: 'v0.2.0',
  why: 'before v0.2.0 (PR #530) the autoscaler could not scrape HTTPS pods',
  newestMajor: 0,
  line: 'AIbrix v0.2.0 to v0.7.x',
  laterMajor: 'a v1 release may change how pods are scraped',
};
/** The user of the official manifests' securityContext. */
export const RUN_AS_USER = 1000;
/** The Service port the APIService calls. */
export const SERVICE_PORT = 443;
/** `--authorization-always-allow-paths` default of the binary; the flag replaces it, so we repeat it. */
export const DEFAULT_ALLOW_PATHS = ['/healthz', '/readyz', '/livez'];
/** Where the serving certificate is mounted in fromSecret/certManager mode (the chart's path). */
export const TLS_CERT_DIR = '/tmp/tls-certs';
/** The Role the auth-reader RoleBinding refers to exists only in kube-system. */
export const AUTH_NAMESPACE = 'kube-system';
export const ADDRESS_TYPES = ['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP'] as const;

export const NAMES = {
  workload: 'metrics-server',
  aggregatedReader: 'system:aggregated-metrics-reader',
  clusterRole: 'system:metrics-server',
  authDelegator: 'metrics-server:system:auth-delegator',
  authReader: 'metrics-server-auth-reader',
  apiService: 'v1beta1.metrics.k8s.io',
} as const;

/**
 * The container port of a release: 10250 from v0.7.0 (PR #1054), 4443 in v0.6.x. v0.5 and older
 * listen on 443, which a non-root container without NET_BIND_SERVICE cannot bind.
 */
export function defaultSecurePort(path: string, version: Version): number {
  if (version.atLeast('v0.7.0')) return 10250;
  if (version.atLeast('v0.6.0')) return 4443;
  throw new ValidationError(path, 'version', version.tag, 'releases before v0.6.0 listen on 443, which a restricted non-root container cannot bind',
    'version >= v0.6.0');
}

/** The kubelet port metrics-server scrapes on every node (`--kubelet-use-node-status-port`: the port the node reports, 10250 by default). */
export const KUBELET_PORT = 10250;
