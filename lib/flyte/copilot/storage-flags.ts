import { k8s } from 'cdk8s-plus-28';
import { ValidationError } from '../../errors';
import { requireSubdomain, requireKey } from '../../names';
import { TlsMode } from '../../tls/tls-mode';
import { Version } from '../../version';
import { COPILOT, SINCE } from './constants';

/** Access keys of the object store, read from a Secret (never written into the pod spec). */
export interface CopilotStorageCredentials {
  /** The Secret, in the pod's namespace. */
  readonly secretName: string;
  /**
   * The key of the access key.
   * @default 'access-key'
   */
  readonly accessKeyKey?: string;
  /**
   * The key of the secret key.
   * @default 'secret-key'
   */
  readonly secretKeyKey?: string;
}

/** The object store copilot reads inputs from and writes outputs to (flytestdlib `storage`). */
export interface CopilotStorage {
  /**
   * `storage.type`: `s3` (AWS S3 or any S3 API) or `minio`.
   * @default 's3'
   */
  readonly type?: 's3' | 'minio';
  /** `storage.container`: the bucket. */
  readonly bucket: string;
  /**
   * `storage.connection.endpoint`; its scheme must be the TLS mode's (`http://` when disabled).
   * @default - none: the provider's own HTTPS endpoint (refused with TlsMode.disabled())
   */
  readonly endpoint?: string;
  /**
   * `storage.connection.region`.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * Access keys from a Secret (`auth-type: accesskey`).
   * @default - IAM (`auth-type: iam`): the pod's cloud identity
   */
  readonly credentials?: CopilotStorageCredentials;
}

/** Environment variables that carry the keys; the flags refer to them as `$(NAME)`, which the kubelet expands. */
export const CREDENTIAL_ENV = { accessKey: 'FLYTE_STORAGE_ACCESS_KEY', secretKey: 'FLYTE_STORAGE_SECRET_KEY' } as const;

/** What the storage settings put into every copilot container. */
export interface CopilotStorageFlags {
  /** The container `command` (copilot.go `CopilotCommandArgs`). */
  readonly command: string[];
  /** `secretKeyRef` variables for the `$(VAR)` references of `command`. */
  readonly env: k8s.EnvVar[];
  /** `s3://<bucket>`: where the preview's data paths live. */
  readonly root: string;
}

/** Validates the storage props against the TLS mode and derives copilot's command and env. */
export function copilotStorageFlags(path: string, storage: CopilotStorage, tls: TlsMode, version: Version): CopilotStorageFlags {
  if (typeof storage !== 'object' || storage === null) {
    throw new ValidationError(path, 'storage', storage, 'copilot needs the object store', '{ bucket: "my-bucket", endpoint: "https://minio.example.com:9000" }');
  }
  const type = storage.type ?? 's3';
  if (type !== 's3' && type !== 'minio') {
    throw new ValidationError(path, 'storage.type', type, 'copilot is set up here through storage.connection, which serves S3 APIs', '"s3" or "minio"');
  }
  if (typeof storage.bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(storage.bucket)) {
    throw new ValidationError(path, 'storage.bucket', storage.bucket, 'not a bucket name', 'lower-case letters, digits, "." and "-", 3 to 63 characters');
  }
  const endpoint = storage.endpoint === undefined ? '' : requireEndpoint(path, storage.endpoint, tls);
  if (endpoint === '' && !tls.enabled) {
    throw new ValidationError(path, 'storage.endpoint', storage.endpoint, 'without an endpoint the SDK goes to the provider\'s HTTPS endpoint, and the TLS mode says http',
      'an http:// endpoint with TlsMode.disabled(), or a TLS mode for the provider\'s HTTPS endpoint');
  }
  const region = storage.region ?? 'us-east-1';
  if (typeof region !== 'string' || !/^[a-z0-9-]+$/.test(region)) {
    throw new ValidationError(path, 'storage.region', region, 'not a region name', 'e.g. "us-east-1"');
  }
  const creds = storage.credentials;
  const env: k8s.EnvVar[] = [];
  if (creds !== undefined) {
    requireSubdomain(path, 'storage.credentials.secretName', creds.secretName);
    const ref = (key: string) => ({ secretKeyRef: { name: creds.secretName, key } });
    env.push({ name: CREDENTIAL_ENV.accessKey, valueFrom: ref(requireKey(path, 'storage.credentials.accessKeyKey', creds.accessKeyKey ?? 'access-key', 'access-key')) });
    env.push({ name: CREDENTIAL_ENV.secretKey, valueFrom: ref(requireKey(path, 'storage.credentials.secretKeyKey', creds.secretKeyKey ?? 'secret-key', 'secret-key')) });
  }
  const command = [
    COPILOT.binary,
    '--storage.limits.maxDownloadMBs=0',
    ...(version.atLeast(SINCE.nativeSidecar) ? [`--logger.level=${COPILOT.loggerLevel}`] : []),
    `--storage.container=${storage.bucket}`,
    `--storage.type=${type}`,
    `--storage.connection.secret-key=${creds ? `$(${CREDENTIAL_ENV.secretKey})` : ''}`,
    `--storage.connection.access-key=${creds ? `$(${CREDENTIAL_ENV.accessKey})` : ''}`,
    `--storage.connection.auth-type=${creds ? 'accesskey' : 'iam'}`,
    `--storage.connection.region=${region}`,
    `--storage.connection.endpoint=${endpoint}`,
  ];
  return { command, env, root: `s3://${storage.bucket}` };
}

/** The endpoint must be a URL whose scheme is the one the TLS mode says the store speaks. */
function requireEndpoint(path: string, endpoint: unknown, tls: TlsMode): string {
  let url: URL | undefined;
  try {
    url = typeof endpoint === 'string' ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  if (url && (url.username || url.password)) {
    throw new ValidationError(path, 'storage.endpoint', `${url.protocol}//***@${url.host}`, 'credentials in a URL are written into the manifest in plain text',
      'the endpoint without credentials, and storage.credentials (a Secret) for the keys');
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.replace(/\/$/, '') !== '' || url.search) {
    throw new ValidationError(path, 'storage.endpoint', endpoint, 'not an http(s) URL of a host', `e.g. "${tls.scheme}://minio.flyte.svc:9000"`);
  }
  if (url.protocol !== `${tls.scheme}:`) {
    throw new ValidationError(path, 'storage.endpoint', endpoint, `${tls} says the store speaks ${tls.scheme}`,
      `a ${tls.scheme}:// endpoint, or the TLS mode the store really serves`);
  }
  // As clients serialise it: scheme and host in lower case, no default port, no trailing slash.
  return `${url.protocol}//${url.host}`;
}
