import { isIP } from 'net';
import type { ISecret } from 'cdk8s-plus-28';
import { ValidationError } from '../errors';
import { RefUse } from '../props/k8s-refs';
import { checkProps, defineType, refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { requireKey } from '../names';
import { Trust, TrustKind } from '../tls/trust';
import { minioBucketProblem, s3BucketProblem } from './bucket-names';

/** Where an object store's access key pair lives: a Secret, read into the pod as environment variables. */
export interface ObjectStoreCredentials {
  /**
   * The Secret, in the namespace of the pods that use the store, e.g.
   * `Secret.fromSecretName(scope, id, 'flyte-storage')` (only its name is used).
   */
  readonly secret: ISecret;
  /**
   * The key of the access key id.
   * @default 'access-key'
   */
  readonly accessKeyKey?: string;
  /**
   * The key of the secret access key.
   * @default 'secret-key'
   */
  readonly secretKeyKey?: string;
}

/** What every object store has. */
export interface ObjectStoreOptions {
  /** The bucket (flytestdlib `storage.container`). */
  readonly bucket: string;
  /**
   * The region.
   * @default - Admin: flytestdlib's default; copilot: 'us-east-1'
   */
  readonly region?: string;
  /**
   * An access key pair from a Secret.
   * @default - none: the pod's own identity (IAM role, IRSA) through the AWS SDK's default chain
   */
  readonly credentials?: ObjectStoreCredentials;
  /**
   * How clients verify an `https://` store: a private CA (`Trust.caFromSecret`,
   * `caFromConfigMap`, `caPem`) is mounted into every container that talks to the store.
   * @default Trust.systemRoots()
   */
  readonly trust?: Trust;
}

/** Options of `ObjectStore.s3`. */
export interface S3ObjectStoreOptions extends ObjectStoreOptions {
  /**
   * The endpoint, `http(s)://host[:port]`; its scheme is the store's TLS setting.
   * @default - the provider's own HTTPS endpoint for the region
   */
  readonly endpoint?: string;
}

/** Options of `ObjectStore.minio`: MinIO has no default endpoint. */
export interface MinioObjectStoreOptions extends ObjectStoreOptions {
  /** The MinIO URL, `http(s)://host[:port]`; its scheme is the store's TLS setting. */
  readonly endpoint: string;
}

/** The options of both factories: a CA bundle is often a ConfigMap's. */
refineFields('ObjectStoreOptions', {
  trust: T.instance('Trust', (v) => v instanceof Trust, 'one of the Trust factories, e.g. Trust.caFromConfigMapName("my-ca")'),
});

/**
 * The object store Flyte keeps its data in, as Admin and copilot both reach it: type, bucket,
 * region, endpoint, credentials and, for a private-CA store, its `Trust`. The endpoint's scheme is
 * the client-side TLS setting: no Secret of a server is involved. Create with the static factories.
 */
export class ObjectStore {
  /** AWS S3, or any store that speaks its API (flytestdlib `storage.type: s3`). */
  public static s3(options: S3ObjectStoreOptions): ObjectStore {
    return ObjectStore.make('ObjectStore.s3', 's3', options);
  }

  /** MinIO (flytestdlib `storage.type: minio`); the endpoint is required. */
  public static minio(options: MinioObjectStoreOptions): ObjectStore {
    return ObjectStore.make('ObjectStore.minio', 'minio', options);
  }

  private static make(path: string, type: 's3' | 'minio', userOptions: S3ObjectStoreOptions): ObjectStore {
    const options = checkProps(path, '', userOptions, type === 'minio' ? 'MinioObjectStoreOptions' : 'S3ObjectStoreOptions', `options of ${path}`) as unknown as S3ObjectStoreOptions;
    const bucketProblem = (type === 'minio' ? minioBucketProblem : s3BucketProblem)(options.bucket);
    if (bucketProblem !== undefined) {
      throw new ValidationError(path, 'bucket', options.bucket, `not a bucket name ${type === 'minio' ? 'MinIO' : 'S3'} accepts: ${bucketProblem}`,
        `3 to 63 characters of lower-case letters, digits, "." and "-", starting and ending with a letter or digit, no ".." ".-" "-.", not an IP address${
          type === 'minio' ? '' : ', without S3\'s reserved prefixes (xn--, sthree-, amzn-s3-demo-) and suffixes (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)'}, e.g. "flyte-data"`);
    }
    if (options.region !== undefined && !/^[a-z0-9-]+$/.test(options.region)) {
      throw new ValidationError(path, 'region', options.region, 'not a region name', 'e.g. "us-east-1"');
    }
    const endpoint = options.endpoint === undefined ? undefined : normaliseEndpoint(path, options.endpoint);
    const creds = options.credentials;
    const credentials = creds === undefined ? undefined : {
      // The reference is kept (its name was checked with the options).
      secret: creds.secret,
      accessKeyKey: requireKey(path, 'credentials.accessKeyKey', creds.accessKeyKey ?? 'access-key', 'access-key'),
      secretKeyKey: requireKey(path, 'credentials.secretKeyKey', creds.secretKeyKey ?? 'secret-key', 'secret-key'),
    };
    const trust = options.trust ?? Trust.systemRoots();
    if (trust.kind === TrustKind.ISSUED_CA) {
      throw new ValidationError(path, 'trust', trust, 'the CA cert-manager issues with a server\'s certificate is bound to that server\'s Secret, which a store does not name',
        'Trust.caFromSecretName("<the store\'s certificate Secret>", "ca.crt")');
    }
    // Neither flyteadmin nor copilot (flytestdlib storage over stow and the AWS SDK) can skip verification.
    if (!trust.verifies) {
      throw new ValidationError(path, 'trust', trust, 'Flyte\'s storage clients have no skip-verify switch: they always verify the store\'s certificate',
        'Trust.caFromSecret, Trust.caFromConfigMap (or their …Name forms) or Trust.caPem with the CA that signed the store\'s certificate, or Trust.systemRoots()');
    }
    if (endpoint?.startsWith('http:') && trust.isCaBundle) {
      throw new ValidationError(path, 'trust', trust, `the store is reached over plain HTTP (${endpoint}): there is no certificate to verify with a CA`,
        'an https:// endpoint for a store with a private CA, or no trust');
    }
    return new ObjectStore(type, options.bucket, options.region, endpoint, credentials, trust);
  }

  private constructor(
    /** `s3` or `minio` (flytestdlib `storage.type`). */
    public readonly type: string,
    /** The bucket. */
    public readonly bucket: string,
    /** The region, if given. */
    public readonly region: string | undefined,
    /** The endpoint as clients write it (`scheme://host[:port]`, lower case, no default port), if given. */
    public readonly endpoint: string | undefined,
    /** The access key pair's Secret (keys defaulted), if given. */
    public readonly credentials: ObjectStoreCredentials | undefined,
    /** How clients verify the store. */
    public readonly trust: Trust,
  ) {}

  /** Whether clients reach the store over HTTPS (an `https://` endpoint, or the provider's default). */
  public get tlsEnabled(): boolean {
    return !this.endpoint?.startsWith('http:');
  }

  /** The factory call that makes an equal store (for messages). */
  public toString(): string {
    const parts = [`bucket: "${this.bucket}"`, ...(this.endpoint ? [`endpoint: "${this.endpoint}"`] : []), ...(this.trust.isCaBundle ? [`trust: ${this.trust}`] : [])];
    return `ObjectStore.${this.type}({ ${parts.join(', ')} })`;
  }
}

defineType('ObjectStore', T.instance('ObjectStore', (v) => v instanceof ObjectStore, 'ObjectStore.s3({ bucket, ... }) or ObjectStore.minio({ bucket, endpoint, ... })'));

/**
 * The store's Secret and CA as references the pods of `readers` read (see `namespaceErrors`): the
 * credentials, and the CA a client mounts for an `https://` store.
 */
export function storeUses(store: ObjectStore, readers: readonly string[], why?: string): RefUse[] {
  return [
    { prop: 'objectStore.credentials.secret', ref: store.credentials?.secret, readers, why },
    { prop: 'objectStore.trust', ref: store.tlsEnabled ? store.trust._ref : undefined, readers, why },
  ];
}

/** `http(s)://host[:port]` as clients serialise it: scheme and host in lower case, no default port, no trailing slash. */
function normaliseEndpoint(path: string, endpoint: string): string {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url && (url.username || url.password)) {
    throw new ValidationError(path, 'endpoint', `${url.protocol}//***@${url.host}`, 'credentials in a URL are written into the manifest in plain text',
      'the endpoint without credentials, and credentials (a Secret) for the keys');
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.replace(/\/$/, '') !== '' || url.search || url.hash) {
    throw new ValidationError(path, 'endpoint', endpoint, 'not an http(s) URL of a host', 'e.g. "https://minio.flyte.svc:9000"');
  }
  // WHATWG URLs take port 0 and hosts such as `a,b` or `a$b`, which no store client can dial.
  if (url.port === '0') {
    throw new ValidationError(path, 'endpoint', endpoint, 'port 0 is no port a client can connect to', 'a port from 1 to 65535, or none for the scheme\'s default');
  }
  if (!isHostName(url.hostname)) {
    throw new ValidationError(path, 'endpoint', endpoint, `its host ${url.hostname} is neither a DNS name nor an IP address`, 'e.g. "https://minio.flyte.svc:9000"');
  }
  return `${url.protocol}//${url.host}`;
}

/** A DNS name (labels of at most 63 letters, digits and `-`), or an IPv4 or bracketed IPv6 address. */
function isHostName(host: string): boolean {
  if (host.startsWith('[')) return isIP(host.slice(1, -1)) === 6;
  return isIP(host) === 4 || (host.length <= 253 && host.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label)));
}
