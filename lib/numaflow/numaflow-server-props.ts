import { TlsMode } from '../tls/tls-mode';
import { Resources, ServerCommonProps } from '../workload/common-props';
import { NumaflowUserRbac } from './numaflow-config';

/** Props of `NumaflowServer`. */
export interface NumaflowServerProps extends ServerCommonProps {
  /** The TLS mode: `disabled()` (HTTP 8080) or `selfSigned()` (HTTPS 8443, certificate made in memory). */
  readonly tls: TlsMode;
  /** @default 'numaflow-system' */
  readonly namespace?: string;
  /** @default 'v1.8.3' */
  readonly version?: string;
  /** @default - `quay.io/numaproj/numaflow:<version>` */
  readonly image?: string;
  /** @default - requests cpu 100m / memory 200Mi, limits cpu 500m / memory 1024Mi (upstream's) */
  readonly resources?: Resources;
  /** PriorityClass of the pods. @default - none */
  readonly priorityClassName?: string;
  /**
   * The path the UI is served under (`/livez` stays at the root).
   * @default '/'
   */
  readonly baseHref?: string;
  /**
   * Refuse every change through the UI and API.
   * @default false
   */
  readonly readonly?: boolean;
  /**
   * Turn off login (upstream's base config turns it off).
   * @default true
   */
  readonly disableAuth?: boolean;
  /**
   * Browser origins allowed to call the API (exact origins; no `*`).
   * @default - none (no CORS headers)
   */
  readonly corsAllowedOrigins?: string[];
  /**
   * Watch one namespace only (Role + RoleBinding instead of cluster-wide RBAC).
   * @default false
   */
  readonly namespaced?: boolean;
  /**
   * The namespace watched when `namespaced`.
   * @default - the server's namespace
   */
  readonly managedNamespace?: string;
  /** Authorization policy for the server's users. @default - upstream's policy */
  readonly userRbac?: NumaflowUserRbac;
  /**
   * Content of `config.yaml` of the metrics proxy (Prometheus `url` and query `patterns`): one YAML
   * document the server's Go reader accepts (a text that cannot be read is refused: docs/secrets.md).
   * @default - no Prometheus and no patterns: the UI shows no metrics charts
   */
  readonly metricsProxyConfig?: string;
  /**
   * Allow the local `admin` user (only matters with auth on).
   * @default true
   */
  readonly adminEnabled?: boolean;
  /**
   * The origin users reach the UI at (`--server-addr`): with auth on, Dex's issuer is
   * `<publicUrl>/dex` and its login redirect `<publicUrl><baseHref>login`, so it must be the address
   * the browser uses (an ingress host), not the pod's.
   * @default - `<scheme>://localhost:<port>`: login then works only through a port-forward to the pod's port
   */
  readonly publicUrl?: string;
}
