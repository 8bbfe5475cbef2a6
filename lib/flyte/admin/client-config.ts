import { Endpoint } from '../../tls/endpoint';
import { Scheme } from '../../tls/scheme';
import { Trust, TrustKind } from '../../tls/trust';

/** Where a client mounts Admin's CA bundle unless told otherwise. */
export const DEFAULT_ADMIN_CA_DIRECTORY = '/etc/flyte/admin-ca';

/** Options of `SecureAdmin.clientConfig()`. */
export interface AdminClientConfigOptions {
  /**
   * The directory in the client's pod where it mounts Admin's CA bundle (`caSource`).
   * @default '/etc/flyte/admin-ca'
   */
  readonly caDirectory?: string;
}

/**
 * The admin-client settings FlytePropeller, flytectl and other gRPC clients need for one Admin
 * (flyteidl `clients/go/admin/config.go`: `admin.endpoint`, `insecure`, `insecureSkipVerify`,
 * `caCertFilePath`). Turning TLS on moves gRPC from the `grpc` port to the one TLS port, so every
 * client must take its settings from here rather than from a hand-written address.
 */
export interface AdminClientConfig {
  /** `dns:///<service host>:<service port>` of Admin's gRPC port. */
  readonly endpoint: string;
  /** Plain-text gRPC: true exactly when Admin's TLS is off. */
  readonly insecure: boolean;
  /** Skip certificate verification: true only when Admin's trust is an explicit `Trust.skipVerify()`. */
  readonly insecureSkipVerify: boolean;
  /** The CA bundle file the client must mount from `caSource` (only when the trust is a CA bundle). */
  readonly caCertFilePath?: string;
  /** Where the CA bundle comes from (a Secret, a ConfigMap or inline PEM). */
  readonly caSource?: Trust;
  /** The same settings as the `admin` section of a flytestdlib config file. */
  readonly section: { readonly [key: string]: string | boolean };
}

/** Derives the client settings from Admin's gRPC endpoint and its trust; nothing is re-derived by hand. */
export function adminClientConfig(grpc: Endpoint, options: AdminClientConfigOptions = {}): AdminClientConfig {
  const endpoint = `dns:///${grpc.host}:${grpc.servicePort}`;
  const insecure = grpc.scheme === Scheme.HTTP;
  const trust = grpc.trust;
  const hasCa = !insecure && trust.isCaBundle;
  const directory = (options.caDirectory ?? DEFAULT_ADMIN_CA_DIRECTORY).replace(/\/+$/, '');
  const caCertFilePath = hasCa ? `${directory}/${trust.kind === TrustKind.CA_PEM ? 'ca.crt' : trust.key}` : undefined;
  const insecureSkipVerify = !insecure && trust.kind === TrustKind.SKIP_VERIFY;
  return {
    endpoint,
    insecure,
    insecureSkipVerify,
    caCertFilePath,
    caSource: hasCa ? trust : undefined,
    section: { endpoint, insecure, insecureSkipVerify, ...(caCertFilePath ? { caCertFilePath } : {}) },
  };
}
