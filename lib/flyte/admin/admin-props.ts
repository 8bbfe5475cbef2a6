import type { ISecret } from 'cdk8s-plus-28';
import { needed, refineFields } from '../../props/prop-shapes';
import { T } from '../../props/prop-types';
import { TlsMode } from '../../tls/tls-mode';
import { Resources, ServerCommonProps } from '../../workload/common-props';
import { ObjectStore } from '../../storage/object-store';
import { NetworkPeer } from '../../network/network-flows';
import { AdminDatabase } from './admin-config';
import { FlyteScheduler } from './admin-peers';
import { AdminClusterRole } from './admin-rbac';

/** Props of `SecureAdmin`. */
export interface SecureAdminProps extends ServerCommonProps {
  /** The TLS mode: `disabled()`, `fromSecret(...)` or `certManager(...)` (Admin cannot make its own certificate). */
  readonly tls: TlsMode;
  /** @default 'flyte' */
  readonly namespace?: string;
  /** @default 'v1.16.8' */
  readonly version?: string;
  /** @default - `cr.flyte.org/flyteorg/flyteadmin:<version>` */
  readonly image?: string;
  /** @default - flyte-core's: requests cpu 10m / memory 50Mi, limits cpu 250m / memory 500Mi */
  readonly resources?: Resources;
  /** PriorityClass of the pods. @default - none */
  readonly priorityClassName?: string;
  /**
   * The URL the browser reaches Admin at (an origin: scheme, host, optional port). The Console's
   * `ADMIN_API_URL`; in certManager mode its host joins the certificate.
   * @default - `<scheme>://localhost:8088` (port-forward), the scheme following `tls`
   */
  readonly publicUrl?: string;
  /**
   * Browser origins allowed to call Admin, besides those registered with `allowOrigin()` (exact origins; no `*`).
   * @default - none
   */
  readonly allowedOrigins?: string[];
  /**
   * In-cluster clients of Admin's gRPC and HTTP ports, which `StackNetworkPolicies` admits. The usual
   * one is FlytePropeller (flyte-core: namespace `flyte`, pods labelled `app.kubernetes.io/name:
   * flytepropeller`), and flyteclusterresourcesync when it runs standalone. Not datacatalog: it has
   * no Admin client (flyte v1.16.8). flytescheduler is `scheduler`'s.
   * @default - none (with StackNetworkPolicies, only a gateway of `exposeViaGateway`, the scheduler and `allowMetricsFrom` reach Admin)
   */
  readonly allowFrom?: NetworkPeer[];
  /**
   * Flyte's native scheduler, which `StackNetworkPolicies` admits to Admin's gRPC port: it launches
   * scheduled launch plans through Admin's `CreateExecution`.
   * @default - `FlyteScheduler.flyteCore()`: pods labelled `app.kubernetes.io/name: flytescheduler` in Admin's namespace
   */
  readonly scheduler?: FlyteScheduler;
  /**
   * Scrapers of Admin's metrics port (`http-metrics`, 10254: plain HTTP whatever the TLS mode, with
   * `/metrics` and Go's `/debug/pprof`), which `StackNetworkPolicies` admits, e.g. Prometheus.
   * @default - none (with StackNetworkPolicies, nothing reaches the metrics port)
   */
  readonly allowMetricsFrom?: NetworkPeer[];
  /**
   * The ClusterRole of Admin's ServiceAccount.
   * @default - `AdminClusterRole.flyteCore()`: flyte-core's rules, which amount to cluster-admin (docs/security.md)
   */
  readonly clusterRole?: AdminClusterRole;
  /**
   * Request headers browsers may send cross-origin (Admin always adds `Content-Type`). A given
   * list replaces the default, as flyteadmin's own config does: keep `flyte-authorization` in it
   * for a Console with auth. Names are matched literally (no `*`).
   * @default ['Content-Type', 'flyte-authorization']
   */
  readonly allowedHeaders?: string[];
  /**
   * Enforce authentication (`server.security.useAuth`); needs `authSecret` and an `auth` section in `extraConfig`.
   * @default false
   */
  readonly useAuth?: boolean;
  /**
   * The Secret with Admin's auth keys (as `flyteadmin secrets init` writes them), mounted at
   * `/etc/secrets/`, e.g. `Secret.fromSecretName(scope, id, 'flyte-admin-secrets')`. Only with `useAuth`.
   * @default - none
   */
  readonly authSecret?: ISecret;
  /** Admin's PostgreSQL database; the password comes from a Secret, as a file. */
  readonly database: AdminDatabase;
  /**
   * Admin's object store (the one task pods reach through copilot). Credentials come from a Secret,
   * as environment variables; a private CA (its `trust`) is mounted where Go reads trust from.
   */
  readonly objectStore: ObjectStore;
  /**
   * Additional flyteadmin configuration, by top-level section (`logger`, `flyteadmin`, `auth`,
   * `cluster_resources`, ...), each a map. The `server`, `database` and `storage` sections are
   * deep-merged into `server.yaml`, `db.yaml` and `storage.yaml`; every other section becomes
   * `<section>.yaml`. A key the construct derives (or one that would bypass a derived key) is refused.
   * @default - none
   */
  readonly extraConfig?: { [section: string]: any };
}

/** SecureAdminProps: why Admin needs its database; `extraConfig` holds config sections (each checked as YAML by the plan). */
export const ADMIN_PROPS = refineFields('SecureAdminProps', {
  database: needed('AdminDatabase', { why: 'Admin needs its PostgreSQL database', wanted: '{ host, username, passwordSecret: { secret, key } }' }),
  extraConfig: T.map(T.any('a config section (a map)')),
});
