import type { SecretValue } from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../../errors';
import { secretName } from '../../props/k8s-refs';
import { needed, refineFields } from '../../props/prop-shapes';
import { T } from '../../props/prop-types';
import { requirePort, requireKey } from '../../names';
import { ObjectStore } from '../../storage/object-store';
import * as C from './constants';

/** Admin's PostgreSQL database (`database.postgres.*` of flytestdlib). */
export interface AdminDatabase {
  /** Host name of the PostgreSQL server. */
  readonly host: string;
  /**
   * Port of the PostgreSQL server.
   * @default 5432
   */
  readonly port?: number;
  /**
   * Database name.
   * @default 'flyteadmin'
   */
  readonly dbName?: string;
  /** The user Admin connects as. */
  readonly username: string;
  /**
   * The Secret key that holds the password, as cdk8s-plus names one:
   * `{ secret: Secret.fromSecretName(scope, id, 'flyte-db'), key: 'password' }` (the Secret in the
   * Admin's namespace). It is mounted as a file and named by `database.postgres.passwordPath`;
   * there is deliberately no plain-text password prop.
   */
  readonly passwordSecret: SecretValue;
}

/** AdminDatabase: the port a TCP port; the password only from a Secret (a plain-text `password`, no field, is refused). */
refineFields('AdminDatabase', {
  port: T.port,
  passwordSecret: needed('cdk8s-plus-28.SecretValue', {
    why: 'flyteadmin reads its database password from a file (database.postgres.passwordPath)',
    wanted: 'database.passwordSecret: { secret: Secret.fromSecretName(scope, id, "name"), key }, a Secret key that holds the password',
  }),
  password: T.redirect('a password in the manifest is readable by anyone who can read the ConfigMap',
    'database.passwordSecret: { secret, key } (mounted as a file for passwordPath)', true),
});

function requireText(path: string, prop: string, value: unknown, example: string): string {
  if (typeof value !== 'string' || value.trim() === '' || /\s/.test(value)) {
    throw new ValidationError(path, prop, value, 'a non-empty value without spaces is required', example);
  }
  return value;
}

/** Checks the values of the database prop (its shape is checked with the props: `passwordSecret` is there). */
export function validateDatabase(path: string, db: AdminDatabase): void {
  requireText(path, 'database.host', db.host, 'a host name such as "postgres.flyte.svc"');
  requireText(path, 'database.username', db.username, 'a user name such as "flyteadmin"');
  if (db.port !== undefined) requirePort(path, 'database.port', db.port);
  if (db.dbName !== undefined) requireText(path, 'database.dbName', db.dbName, 'a database name such as "flyteadmin"');
  const secret = db.passwordSecret;
  secretName(path, 'database.passwordSecret.secret', secret.secret);
  requireKey(path, 'database.passwordSecret.key', secret.key, 'password');
}

/** The `database` section: flytestdlib's `postgres` keys, the password as a file. */
export function databaseSection(db: AdminDatabase): { [key: string]: unknown } {
  return {
    postgres: {
      host: db.host,
      port: db.port ?? C.DB_DEFAULTS.port,
      dbname: db.dbName ?? C.DB_DEFAULTS.dbName,
      username: db.username,
      passwordPath: `${C.PATHS.db}/${C.PATHS.dbPasswordFile}`,
    },
  };
}

/**
 * The `storage` section. Credentials never appear here: stow's `iam` auth type loads the AWS SDK's
 * default chain (flyteorg/stow `s3/config.go`), which reads `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`
 * from the environment first, and falls back to the pod's identity when they are absent.
 */
export function storageSection(store: ObjectStore): { [key: string]: unknown } {
  return {
    type: store.type,
    container: store.bucket,
    connection: {
      'auth-type': 'iam',
      ...(store.region ? { region: store.region } : {}),
      ...(store.endpoint ? { endpoint: store.endpoint } : {}),
    },
  };
}

/** The credential variables, each a `secretKeyRef` (nothing inlined). */
export function storageEnv(store: ObjectStore): k8s.EnvVar[] {
  const creds = store.credentials;
  if (!creds) return [];
  return [
    { name: C.AWS_ENV.accessKey, valueFrom: { secretKeyRef: { name: creds.secret.name, key: creds.accessKeyKey! } } },
    { name: C.AWS_ENV.secretKey, valueFrom: { secretKeyRef: { name: creds.secret.name, key: creds.secretKeyKey! } } },
  ];
}

/** What the `server` section is derived from. */
export interface ServerSectionInput {
  readonly tlsEnabled: boolean;
  /** The mounted certificate and key files (TLS on). */
  readonly certificate?: { readonly certFile: string; readonly keyFile: string };
  readonly useAuth: boolean;
  readonly allowedOrigins: string[];
  readonly allowedHeaders: string[];
}

/**
 * The `server` section (flyteadmin/pkg/config/config.go). With TLS on, one listener on `httpPort`
 * serves HTTP and gRPC and nothing binds `grpc.port`, so `grpc.port` is only written with TLS off;
 * the deprecated `grpcPort` is never written (`grpc.port` always wins over it).
 */
export function serverSection(input: ServerSectionInput): { [key: string]: unknown } {
  return {
    httpPort: C.HTTP_PORT,
    ...(input.tlsEnabled ? {} : { grpc: { port: C.GRPC_PORT } }),
    security: {
      secure: input.tlsEnabled,
      ...(input.certificate ? { ssl: { certificateFile: input.certificate.certFile, keyFile: input.certificate.keyFile } } : {}),
      useAuth: input.useAuth,
      // With allowCors and an empty list, gorilla/handlers (v1.5.1, which flyteadmin pins) allows
      // every origin and answers "*" (UPSTREAM §9.5): CORS is on only while there are origins.
      allowCors: input.allowedOrigins.length > 0,
      // flytestdlib decodes with ZeroFields, so an empty list replaces the code default ["*"].
      allowedOrigins: input.allowedOrigins,
      allowedHeaders: input.allowedHeaders,
    },
  };
}

/** Header names (RFC 9110 tokens), deduplicated in order. */
export function validateHeaders(path: string, headers: readonly string[]): string[] {
  if (!Array.isArray(headers)) throw new ValidationError(path, 'allowedHeaders', headers, 'not a list', "e.g. ['Content-Type', 'flyte-authorization']");
  headers.forEach((h, i) => {
    if (typeof h !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h)) {
      throw new ValidationError(path, `allowedHeaders[${i}]`, h, 'not an HTTP header name', 'e.g. "flyte-authorization"');
    }
    // gorilla/handlers (v1.5.1, which flyteadmin pins) compares header names literally (UPSTREAM
    // §9.5): "*" would allow a header named "*", and preflights for every real header would fail.
    if (h.includes('*')) {
      throw new ValidationError(path, `allowedHeaders[${i}]`, h, 'Admin\'s CORS handler matches header names literally, so "*" is no wildcard and every other header would be refused',
        'the exact header names browsers send, e.g. ["Content-Type", "flyte-authorization"] (the list replaces that default)');
    }
  });
  return [...new Set(headers)];
}

/** Storage credentials come only from the objectStore's `credentials`; a hand-set variable would inline or shadow them. */
export function refuseCredentialEnv(path: string, env: readonly k8s.EnvVar[] | undefined): void {
  (env ?? []).forEach((e, i) => {
    if (e && (e.name === C.AWS_ENV.accessKey || e.name === C.AWS_ENV.secretKey)) {
      throw new ValidationError(path, `extraEnv[${i}]`, e.name, 'storage credentials are derived from the objectStore\'s credentials (never inlined)',
        'objectStore credentials: { secret, accessKeyKey, secretKeyKey }');
    }
    // The SDK's third credential variable: a literal session token is a secret in plain text
    // (its name is not one looksSecret knows, so the generic env check lets it through).
    if (e && e.name === 'AWS_SESSION_TOKEN' && typeof e.value === 'string' && e.value !== '') {
      throw new ValidationError(path, `extraEnv[${i}].value`, '(redacted)', 'AWS_SESSION_TOKEN is a credential, and a literal value would be written into the manifest in plain text',
        'valueFrom.secretKeyRef (a Secret), or the objectStore\'s credentials for the access key pair');
    }
  });
}
