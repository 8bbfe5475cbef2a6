import { SupportedLine } from '../version';

// Upstream facts of the Numaflow UI/API server, from numaproj/numaflow
// (cmd/commands/server.go, config/base/numaflow-server/*.yaml) and numaproj/helm-charts (charts/numaflow).

/** The image repository; the chart pins the tag. */
export const NUMAFLOW_IMAGE = 'quay.io/numaproj/numaflow';
/** The tag the current chart (0.5.3) pins. */
export const NUMAFLOW_DEFAULT_VERSION = 'v1.8.3';
/** Releases the construct models (numaproj/numaflow v1.x; v1.8.3 is the newest). */
export const NUMAFLOW_LINE: SupportedLine = {
  minimum: 'v1.2.0',
  why: 'older servers are not supported (DESIGN §8)',
  newestMajor: 1,
  line: 'Numaflow 1 (v1.2.0 to v1.8.x)',
  laterMajor: 'a later major release may change the server\'s flags and manifests',
};

/** Secure mode: the binary's default port; it self-signs in memory (DNS `localhost`). */
export const SECURE_PORT = 8443;
/** Insecure mode: the port the binary binds when `--port` is not on the command line. */
export const INSECURE_PORT = 8080;
/** Registered at the router root, not under the base href (server/routes/routes.go). */
export const LIVENESS_PATH = '/livez';
/** The pod runs as this user in the upstream manifests. */
export const RUN_AS_USER = 9737;

/** Every flag the construct derives (some only in some configurations): never an extra arg. */
export const DERIVED_FLAGS = ['--insecure', '--port', '--base-href', '--readonly', '--disable-auth', '--server-addr',
  '--namespaced', '--managed-namespace', '--cors-allowed-origins'];
/**
 * The variables the `server` command reads for its settings when the flag is absent
 * (cmd/commands/server.go; `--managed-namespace` falls back to NAMESPACE, which the construct sets).
 */
export const SETTING_ENV = ['NUMAFLOW_SERVER_INSECURE', 'NUMAFLOW_SERVER_PORT_NUMBER', 'NUMAFLOW_SERVER_NAMESPACED',
  'NUMAFLOW_SERVER_MANAGED_NAMESPACE', 'NUMAFLOW_SERVER_BASE_HREF', 'NUMAFLOW_SERVER_READONLY', 'NUMAFLOW_SERVER_DISABLE_AUTH',
  'NUMAFLOW_SERVER_ADDRESS', 'NUMAFLOW_SERVER_CORS_ALLOWED_ORIGINS', 'NUMAFLOW_SERVER_DAEMON_CLIENT_PROTOCOL'] as const;

/** Object names of upstream's kustomize base. */
export const NAMES = {
  deployment: 'numaflow-server',
  service: 'numaflow-server',
  serviceAccount: 'numaflow-server-sa',
  role: 'numaflow-server-role',
  roleBinding: 'numaflow-server-binding',
  secretsRole: 'numaflow-server-secrets-role',
  secretsRoleBinding: 'numaflow-server-secrets-binding',
  rbacConfig: 'numaflow-server-rbac-config',
  metricsProxyConfig: 'numaflow-server-metrics-proxy-config',
  localUserConfig: 'numaflow-server-local-user-config',
  secrets: 'numaflow-server-secrets',
} as const;

/**
 * Cluster-scoped RBAC is named per instance, as flyte-core names Admin's (`<namespace>-flyteadmin`):
 * upstream's fixed `numaflow-server-role` would make a second cluster-wide server's binding take
 * over the first one's role.
 */
export function clusterRbacNames(namespace: string): { role: string; binding: string } {
  return { role: `${namespace}-${NAMES.role}`, binding: `${namespace}-${NAMES.roleBinding}` };
}

/** Where the UI files written by `server-init` and the config maps are mounted. */
export const PATHS = {
  initOutput: '/opt/numaflow',
  uiBuild: '/ui/build',
  rbacConfig: '/etc/numaflow',
  metricsProxyConfig: '/etc/numaflow/metrics-proxy',
} as const;

/** The port of every pipeline's and MonoVertex's daemon service (`<pipeline>-daemon-svc`, `<name>-mv-daemon-svc`), which the UI server calls (DaemonServicePort, MonoVertexDaemonServicePort). */
export const DAEMON_PORT = 4327;
