import { SupportedLine } from '../../version';

// Upstream facts of Flyte Console, from flyteorg/flyte v1.16.8 charts/flyte-core/templates/console/*.yaml
// and values.yaml, and flyteorg/flyteconsole (website/console/env/index.ts, src/server/index.ts, Dockerfile).

/** The image repository of flyte-core's `flyteconsole.image`. */
export const CONSOLE_IMAGE = 'cr.flyte.org/flyteorg/flyteconsole';
/** The Console has its own version line: flyte-core v1.16.8 pins v1.21.0 (never derive it from Admin's). */
export const CONSOLE_DEFAULT_VERSION = 'v1.21.0';
/** Console releases the construct models: its own v1 line (flyteorg/flyteconsole; Flyte 2 has no flyteconsole). */
export const CONSOLE_LINE: SupportedLine = {
  minimum: 'v1.10.0',
  why: 'older Console images are not supported (DESIGN §8)',
  newestMajor: 1,
  line: 'the Flyte 1 Console (flyteorg/flyteconsole v1.x)',
  laterMajor: 'there is no Flyte Console after v1 (Flyte 2 has another UI)',
};

/** The image's `PORT`; with `ADMIN_API_USE_SSL=https` the same port serves HTTPS. */
export const CONSOLE_PORT = 8080;
/** Service ports: flyte-core's `http` 80; we serve TLS as `https` 443. */
export const CONSOLE_SERVICE_PORTS = { http: 80, https: 443 } as const;
/** flyte-core's `configmap.console.BASE_URL`; the router answers any GET, so it is also the probe path. */
export const DEFAULT_BASE_URL = '/console';

export const CONSOLE_NAMES = {
  deployment: 'flyteconsole',
  service: 'flyteconsole',
  serviceAccount: 'flyteconsole',
  configMap: 'flyte-console-config',
  container: 'flyteconsole',
} as const;

/** flyte-core's `configmap.console.CONFIG_DIR`. */
export const CONFIG_DIR = '/etc/flyte/config';
/**
 * The certificate directory: the server reads `server.crt`/`server.key` from the hardcoded relative
 * `../../scripts/certificate`, which resolves to this under the image's WORKDIR `/app` (UPSTREAM §2.2).
 */
export const CERTIFICATE_DIR = '/scripts/certificate';
/**
 * Console v1.10.0–v1.10.3 (the tags flyte-core shipped with Flyte v1.10.x and v1.11.0) read
 * `../script/certificate` (flyteorg/flyteconsole `website/env.js`), i.e. this directory (UPSTREAM §9.2).
 */
export const LEGACY_CERTIFICATE_DIR = '/script/certificate';
/** The first Console release that reads CERTIFICATE_DIR (`website/console/env/index.ts`). */
export const SCRIPTS_CERTIFICATE_SINCE = 'v1.11.0';
/** The only value that turns the Console's own listener to HTTPS (a string, not a boolean). */
export const USE_SSL_HTTPS = 'https';

/** Variables the construct derives (or whose absence it derives): extraEnv may not set them. */
export const DERIVED_ENV = ['BASE_URL', 'CONFIG_DIR', 'ADMIN_API_URL', 'ADMIN_API_USE_SSL', 'PORT'];

/** The image runs as USER 1000; flyte-core's `flyteconsole.securityContext` says the same. */
export const CONSOLE_RUN_AS = { user: 1000 } as const;
/** flyte-core's `flyteconsole.resources`. */
export const CONSOLE_RESOURCES = { requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '500m', memory: '250Mi' } };
/** flyte-core mounts an emptyDir at /srv/flyte; Node also writes temporary files under /tmp. */
export const CONSOLE_WRITABLE_PATHS = ['/tmp', '/srv/flyte'];
