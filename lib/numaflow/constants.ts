// Upstream facts of the Numaflow UI/API server, from numaproj/numaflow
// (cmd/commands/server.go, config/base/numaflow-server/*.yaml) and numaproj/helm-charts (charts/numaflow).

/** The image repository; the chart pins the tag. */
export const NUMAFLOW_IMAGE = 'quay.io/numaproj/numaflow';
/** The tag the current chart (0.5.3) pins. */
export const NUMAFLOW_DEFAULT_VERSION = 'v1.8.3';
/** The oldest release we support (DESIGN §8). */
export const NUMAFLOW_MIN_VERSION = 'v1.2.0';

/** Secure mode: the binary's default port; it self-signs in memory (DNS `localhost`). */
export const SECURE_PORT = 8443;
/** Insecure mode: the port the binary binds when `--port` is not on the command line. */
export const INSECURE_PORT = 8080;
/** Registered at the router root, not under the base href (server/routes/routes.go). */
export const LIVENESS_PATH = '/livez';
/** The pod runs as this user in the upstream manifests. */
export const RUN_AS_USER = 9737;

/** Object names of upstream's kustomize base. */
export const NAMES = {
  deployment: 'numaflow-server',
  service: 'numaflow-server',
  serviceAccount: 'numaflow-server-sa',
  clusterRole: 'numaflow-server-role',
  clusterRoleBinding: 'numaflow-server-binding',
  secretsRole: 'numaflow-server-secrets-role',
  secretsRoleBinding: 'numaflow-server-secrets-binding',
  rbacConfig: 'numaflow-server-rbac-config',
  metricsProxyConfig: 'numaflow-server-metrics-proxy-config',
  localUserConfig: 'numaflow-server-local-user-config',
  secrets: 'numaflow-server-secrets',
} as const;

/** Where the UI files written by `server-init` and the config maps are mounted. */
export const PATHS = {
  initOutput: '/opt/numaflow',
  uiBuild: '/ui/build',
  rbacConfig: '/etc/numaflow',
  metricsProxyConfig: '/etc/numaflow/metrics-proxy',
} as const;
