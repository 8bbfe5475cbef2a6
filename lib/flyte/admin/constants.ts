// Upstream facts of Flyte Admin, from flyteorg/flyte at tag v1.16.8:
// charts/flyte-core/templates/admin/{deployment,service,rbac,configmap}.yaml and values.yaml,
// flyteadmin/pkg/config/config.go and flyteadmin/pkg/server/service.go (ports, security keys),
// flytestdlib/database/config.go (database.postgres.*), flytestdlib/storage/config.go (storage.*).

/** The image repository of flyte-core's `flyteadmin.image`. */
export const ADMIN_IMAGE = 'cr.flyte.org/flyteorg/flyteadmin';
/**
 * Before this release Admin sent no CORS headers with `secure: true` (flyte#5790; fixed by PR #5855,
 * backported by PR #5890 into v1.13.3).
 */
export const CORS_UNDER_TLS_SINCE = 'v1.13.3';

/** `server.httpPort`: the HTTP gateway; with `secure: true` the one TLS port for HTTP and gRPC. */
export const HTTP_PORT = 8088;
/** `server.grpc.port`: plain gRPC; nothing listens on it with `secure: true`. */
export const GRPC_PORT = 8089;
/**
 * The name Admin's REST gateway gives its own gRPC server when TLS is on: `0.0.0.0:<httpPort>`
 * (flyteadmin/pkg/config/config.go `GetHostAddress`, used as `tls.Config.ServerName` by
 * `serveGatewaySecure` in flyteadmin/pkg/server/service.go). Go verifies it as a DNS SAN equal to
 * this exact string, so the serving certificate must carry it (UPSTREAM §9.1).
 */
export function gatewayDialName(httpPort: number): string {
  return `0.0.0.0:${httpPort}`;
}
/**
 * `flyteadmin.profilerPort`: the profiling server Admin's `serve` always starts (code default 10254,
 * flyteadmin/pkg/runtime/application_config_provider.go), plain HTTP whatever the TLS mode: `/metrics`,
 * `/healthcheck`, `/version`, `/config` and Go's `/debug/pprof` (flytestdlib/profutils/server.go).
 * flyte-core declares it as a container port and as the Service port `http-metrics` 10254, which its
 * ServiceMonitor scrapes (templates/admin/deployment.yaml, service.yaml, service-monitor.yaml).
 */
export const METRICS = { port: 10254, portName: 'http-metrics', configKey: 'profilerPort' } as const;
/** flyte-core's Service ports: `http` 80 and `grpc` 81; we serve TLS as `https` 443. */
export const SERVICE_PORTS = { http: 80, grpc: 81, https: 443 } as const;
/** Registered on the HTTP mux (`healthCheckFunc`), served over TLS when `secure: true`. */
export const HEALTH_PATH = '/healthcheck';

/** Object names of flyte-core. */
export const NAMES = {
  deployment: 'flyteadmin',
  service: 'flyteadmin',
  serviceAccount: 'flyteadmin',
  configMap: 'flyte-admin-base-config',
  mainContainer: 'flyteadmin',
  migrations: 'run-migrations',
  /** The ConfigMap of a `Trust.caPem` store CA. */
  storeCa: 'flyteadmin-storage-ca',
} as const;

/** flyte-core names the ClusterRole and its binding after the namespace: `<ns>-flyteadmin[-binding]`. */
export function clusterRoleName(namespace: string): string {
  return `${namespace}-flyteadmin`;
}

/** Mount paths. `/etc/tls` is where flyte#5790's reporter mounted the certificate; `/etc/db` is flyte-core's. */
export const PATHS = {
  config: '/etc/flyte/config',
  configGlob: '/etc/flyte/config/*.yaml',
  tls: '/etc/tls',
  db: '/etc/db',
  dbPasswordFile: 'pass.txt',
  authSecrets: '/etc/secrets/',
  sharedData: '/srv/flyte',
  tmp: '/tmp',
} as const;

/** flyte-core's `flyteadmin.securityContext`. */
export const RUN_AS = { user: 1001, fsGroup: 65534 } as const;

/** flyte-core's `flyteadmin.resources` (cpu and memory; its ephemeral-storage values are not a prop here). */
export const ADMIN_RESOURCES = { requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '250m', memory: '500Mi' } };

/** The code default and flyte-core's `allowedHeaders`. */
export const DEFAULT_ALLOWED_HEADERS = ['Content-Type', 'flyte-authorization'];

/** flyte-core's `db.admin.database` defaults. */
export const DB_DEFAULTS = { port: 5432, dbName: 'flyteadmin' } as const;

/** The AWS SDK's default credential chain reads these first (stow's `auth_type: iam` uses that chain). */
export const AWS_ENV = { accessKey: 'AWS_ACCESS_KEY_ID', secretKey: 'AWS_SECRET_ACCESS_KEY' } as const;
