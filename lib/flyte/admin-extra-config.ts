import { ValidationError } from '../errors';

/**
 * Additional flyteadmin configuration, by top-level section (`logger`, `flyteadmin`, `auth`,
 * `cluster_resources`, ...). The `server`, `database` and `storage` sections are deep-merged into
 * `server.yaml`, `db.yaml` and `storage.yaml`; every other section becomes `<section>.yaml`. A key
 * the construct derives (or one that would bypass a derived key) is refused.
 */
export interface AdminExtraConfig {
  readonly [section: string]: { readonly [key: string]: unknown };
}

/** The derived sections and their files, as flyte-core names them. */
export const DERIVED_FILES = { server: 'server.yaml', database: 'db.yaml', storage: 'storage.yaml' } as const;
export type DerivedSection = keyof typeof DERIVED_FILES;

/** Keys that are not derived but would contradict or bypass what is, with the reason. */
function bypassReasons(tlsEnabled: boolean): Map<string, string> {
  const deprecatedDb = 'deprecated top-level database keys override database.postgres.* (flytestdlib/database/config.go)';
  return new Map<string, string>([
    ['server.grpcPort', 'deprecated and ignored: server.grpc.port always wins (flyteadmin/pkg/config/config.go)'],
    ...(tlsEnabled ? [['server.grpc.port', 'with TLS on, Admin serves gRPC on httpPort; nothing listens on grpc.port']] as [string, string][] : []),
    ['database.postgres.password', 'a plain-text password in a ConfigMap'],
    ...['host', 'port', 'dbname', 'username', 'password', 'passwordPath'].map((k) => [`database.${k}`, deprecatedDb] as [string, string]),
    ['storage.connection.access-key', 'credentials inlined in a ConfigMap'],
    ['storage.connection.secret-key', 'credentials inlined in a ConfigMap'],
    ['storage.stow', 'a stow section replaces the connection derived from the storage prop (flytestdlib/storage/stow_store.go)'],
  ]);
}

/** The prop that owns a derived key, for the message's alternative. */
function ownerOf(key: string): string {
  if (key === 'config') return 'extraConfig (Admin loads every file of flyte-admin-base-config)';
  if (/^server\.security\.(allowedOrigins|allowCors)/.test(key)) return 'the allowedOrigins prop or admin.allowOrigin()';
  if (key.startsWith('server.security.allowedHeaders')) return 'the allowedHeaders prop';
  if (key.startsWith('server.security.useAuth')) return 'the useAuth prop';
  if (key.startsWith('server.')) return 'the tls prop (TlsMode): ports, secure and ssl follow from it';
  if (key.startsWith('database.')) return 'the database prop (password: database.passwordSecret)';
  return 'the storage prop (credentials: storage.credentials, a Secret)';
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Merges `extra` into `derived` (section `section`), refusing any key whose value the construct
 * derives and any key in `bypassReasons`. Pure: called at construction to refuse early, and again at
 * synth with the final derived values.
 */
export function mergeSection(path: string, section: string, derived: { [key: string]: unknown }, extra: unknown, tlsEnabled: boolean): { [key: string]: unknown } {
  const bypass = bypassReasons(tlsEnabled);
  const walk = (base: { [key: string]: unknown } | undefined, add: { [key: string]: unknown }, at: string): { [key: string]: unknown } => {
    const out: { [key: string]: unknown } = base ? { ...base } : {};
    for (const [key, value] of Object.entries(add)) {
      const here = `${at}.${key}`;
      const why = bypass.get(here);
      if (why) throw new ValidationError(path, `extraConfig.${here}`, value, why, ownerOf(here));
      const own = base?.[key];
      if (own !== undefined && !(isPlainObject(own) && isPlainObject(value))) {
        throw new ValidationError(path, `extraConfig.${here}`, value, `the construct derives ${here} (${JSON.stringify(own)})`, ownerOf(here));
      }
      out[key] = isPlainObject(value) ? walk(isPlainObject(own) ? own : undefined, value, here) : clone(value);
    }
    return out;
  };
  if (extra === undefined) return derived;
  if (!isPlainObject(extra)) {
    throw new ValidationError(path, `extraConfig.${section}`, extra, 'a config section is a map of keys', `an object, e.g. { ${section}: { key: value } }`);
  }
  return walk(derived, extra, section);
}

/** Checks the sections that are not derived and returns them with their file names. */
export function extraFiles(path: string, extra: AdminExtraConfig | undefined, tlsEnabled: boolean): { file: string; section: string; body: { [key: string]: unknown } }[] {
  const out: { file: string; section: string; body: { [key: string]: unknown } }[] = [];
  for (const [section, body] of Object.entries(extra ?? {})) {
    if (section in DERIVED_FILES) continue;
    if (!/^[A-Za-z0-9_-]+$/.test(section) || section === 'db') {
      throw new ValidationError(path, 'extraConfig', section, 'a section name becomes the file <section>.yaml and must not clash with server.yaml, db.yaml or storage.yaml',
        'a flyteadmin section name such as "logger" or "flyteadmin" (the database section is "database")');
    }
    out.push({ file: `${section}.yaml`, section, body: mergeSection(path, section, {}, body, tlsEnabled) });
  }
  return out;
}

/** The dotted key of every leaf under `value` (lists are leaves). */
export function leafKeys(value: unknown, at: string): string[] {
  if (!isPlainObject(value)) return [at];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, `${at}.${k}`));
}

/**
 * Refuses an extra arg that sets `--config` or a derived key: flytestdlib registers every config key
 * as a flag of the same dotted name, and a flag that is set wins over the config file.
 */
export function checkExtraArgs(path: string, args: readonly string[] | undefined, derivedKeys: readonly string[]): void {
  (args ?? []).forEach((arg, i) => {
    const name = typeof arg === 'string' ? /^--?([A-Za-z0-9][-A-Za-z0-9_.]*)/.exec(arg)?.[1] : undefined;
    if (!name) return;
    const clash = name === 'config' ? 'config' : derivedKeys.find((k) => k === name || k.startsWith(`${name}.`) || name.startsWith(`${k}.`));
    if (clash) {
      throw new ValidationError(path, `extraArgs[${i}]`, arg, `the construct derives ${clash} (a flag would override the config file)`, ownerOf(clash));
    }
  });
}
