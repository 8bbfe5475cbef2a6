import { looksSecret } from '../../rules/inline-secrets';
import { ValidationError } from '../../errors';
import { refuseUrlCredentials } from '../../input/secrets';
import { plainJson } from '../../plain-json';
import { LONE_SURROGATE } from '../../yaml/scalar-readers';

/** Additional flyteadmin configuration by top-level section (see `SecureAdminProps.extraConfig`). */
export type AdminExtraConfig = { [section: string]: any };

/** The derived sections and their files, as flyte-core names them. */
export const DERIVED_FILES = { server: 'server.yaml', database: 'db.yaml', storage: 'storage.yaml', flyteadmin: 'flyteadmin.yaml' } as const;
export type DerivedSection = keyof typeof DERIVED_FILES;

type Tree = { [key: string]: unknown };

// How flyteadmin reads its configuration (flytestdlib config + viper, UPSTREAM §9.6): keys are
// case-insensitive (`Server.Security.AllowCors` is `server.security.allowcors`), a dotted key is the
// same as nested keys, every file in /etc/flyte/config is merged whatever its name, every key is also
// a command-line flag of the same dotted name and an environment variable of the upper-cased dotted
// name (`SERVER.SECURITY.ALLOWEDORIGINS`, flytestdlib/config/viper/viper.go `BindEnv`). So every
// check below compares lower-cased dotted key paths.

/** Keys that are not derived but would contradict or bypass what is, with the reason (lower-cased paths). */
function bypassReasons(tlsEnabled: boolean): Map<string, string> {
  const deprecatedDb = 'deprecated top-level database keys override database.postgres.* (flytestdlib/database/config.go)';
  return new Map<string, string>([
    ['server.grpcport', 'deprecated and ignored: server.grpc.port always wins (flyteadmin/pkg/config/config.go)'],
    ...(tlsEnabled ? [['server.grpc.port', 'with TLS on, Admin serves gRPC on httpPort; nothing listens on grpc.port']] as [string, string][] : []),
    ['database.postgres.password', 'a plain-text password in a ConfigMap'],
    ...['host', 'port', 'dbname', 'username', 'password', 'passwordpath'].map((k) => [`database.${k}`, deprecatedDb] as [string, string]),
    ['storage.connection.access-key', 'credentials inlined in a ConfigMap'],
    ['storage.connection.secret-key', 'credentials inlined in a ConfigMap'],
    ['storage.stow', 'a stow section replaces the connection derived from the objectStore prop (flytestdlib/storage/stow_store.go)'],
  ]);
}

/** The prop that owns a derived key (lower-cased path), for the message's alternative. */
function ownerOf(key: string): string {
  if (key === 'config') return 'extraConfig (Admin loads every file of flyte-admin-base-config)';
  if (/^server\.security\.(allowedorigins|allowcors)/.test(key)) return 'the allowedOrigins prop or admin.allowOrigin()';
  if (key.startsWith('server.security.allowedheaders')) return 'the allowedHeaders prop';
  if (key.startsWith('server.security.useauth')) return 'the useAuth prop';
  if (key.startsWith('server.')) return 'the tls prop (TlsMode): ports, secure and ssl follow from it';
  if (key.startsWith('database.')) return 'the database prop (password: database.passwordSecret)';
  if (key.startsWith('flyteadmin.')) return 'flyte-core\'s metrics port 10254 (metricsEndpoint), which the container port, the Service port and allowMetricsFrom follow';
  return 'the objectStore prop (its credentials: a Secret)';
}

/** A map of keys: a plain object, not a Date, Map or class instance (which would render as `{}`). */
function isPlainObject(value: unknown): value is Tree {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value YAML renders as written: strings (whole characters), finite numbers, booleans, lists and maps of them. */
function requireYamlValue(path: string, prop: string, value: unknown): void {
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
    throw new ValidationError(path, prop, value, 'it holds a lone surrogate (half of a character), which no YAML text can hold',
      'well-formed text (often a string cut in the middle of an emoji)');
  }
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => requireYamlValue(path, `${prop}[${i}]`, v));
    return;
  }
  if (isPlainObject(value)) return;
  throw new ValidationError(path, prop, value, 'a config value must be a string, a finite number, a boolean, a list or a map', 'a YAML value');
}

/** The user's config as flyteadmin reads it, and where each key came from in the props. */
export interface NormalisedConfig {
  /** Sections of nested keys (each spelled as first written). */
  readonly tree: Tree;
  /** Lower-cased dotted key → the prop the user wrote it as (`database.postgres.password` → `extraConfig.Database.Postgres.Password`). */
  readonly props: Map<string, string>;
}

/**
 * The user's config as flyteadmin reads it: dotted keys split into nested keys, keys that differ
 * only by case merged into one (spelled as first written), and refused when two of them would set
 * one leaf. Every leaf is checked to be a YAML value with no URL credentials.
 */
export function normaliseExtraConfig(path: string, extra: unknown): NormalisedConfig {
  const props = new Map<string, string>();
  if (extra === undefined) return { tree: {}, props };
  if (!isPlainObject(extra)) {
    throw new ValidationError(path, 'extraConfig', extra, 'extraConfig is a map of config sections', 'an object, e.g. { logger: { level: 4 } }');
  }
  const out: Tree = {};
  const insert = (tree: Tree, segments: string[], value: unknown, prop: string, at: string[]) => {
    const [head, ...rest] = segments;
    if (head === '' || !/^[A-Za-z0-9_-]+$/.test(head)) {
      throw new ValidationError(path, prop, value, `${JSON.stringify(head)} is not a config key`, 'keys of letters, digits, "_" and "-", nested as maps or joined with "."');
    }
    const existing = Object.keys(tree).find((k) => k.toLowerCase() === head.toLowerCase());
    const key = existing ?? head;
    const here = [...at, key.toLowerCase()];
    if (rest.length > 0) {
      if (existing !== undefined && !isPlainObject(tree[key])) {
        throw new ValidationError(path, prop, value, `${here.join('.')} is set twice (Flyte config keys ignore case, and a dotted key is a nested key)`, 'one spelling of each key');
      }
      tree[key] ??= {};
      insert(tree[key] as Tree, rest, value, prop, here);
      return;
    }
    if (isPlainObject(value)) {
      if (existing !== undefined && !isPlainObject(tree[key])) {
        throw new ValidationError(path, prop, value, `${here.join('.')} is set twice (Flyte config keys ignore case, and a dotted key is a nested key)`, 'one spelling of each key');
      }
      tree[key] ??= {};
      if (!props.has(here.join('.'))) props.set(here.join('.'), prop);
      for (const [k, v] of Object.entries(value)) insert(tree[key] as Tree, k.split('.'), v, `${prop}.${k}`, here);
      return;
    }
    if (existing !== undefined) {
      throw new ValidationError(path, prop, value, `${here.join('.')} is set twice (Flyte config keys ignore case, and a dotted key is a nested key)`, 'one spelling of each key');
    }
    if (value === undefined || value === null) return;
    requireYamlValue(path, prop, value);
    (Array.isArray(value) ? value : [value]).forEach((v) => refuseUrlCredentials(path, prop, v));
    props.set(here.join('.'), prop);
    tree[key] = plainJson(value);
  };
  for (const [section, body] of Object.entries(extra)) {
    // `{ 'server.security.secure': true }` is a key of section server, as viper reads it.
    if (!isPlainObject(body) && !section.includes('.')) {
      throw new ValidationError(path, `extraConfig.${section}`, body, 'a config section is a map of keys', `an object, e.g. { ${section}: { key: value } }`);
    }
    insert(out, section.split('.'), body, `extraConfig.${section}`, []);
  }
  return { tree: out, props };
}

/**
 * Refuses a secret literal anywhere in a section the user set (after the derived and bypass checks,
 * whose messages are more precise): a ConfigMap is readable by anyone who can read the namespace's config.
 */
function refuseSecretLeaves(path: string, at: string, value: unknown, props: Map<string, string>): void {
  if (!isPlainObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const here = `${at}.${key.toLowerCase()}`;
    if (isPlainObject(v)) {
      refuseSecretLeaves(path, here, v, props);
    } else if (looksSecret(key) && v !== '' && !(Array.isArray(v) && v.length === 0)) {
      throw new ValidationError(path, props.get(here) ?? `extraConfig.${here}`, '(redacted)', `${key} looks like a secret, and a ConfigMap is readable by anyone who can read the namespace's config`,
        'a key that names a file of a Secret the construct mounts (database.passwordSecret; authSecret with useAuth at /etc/secrets/)');
    }
  }
}

/** The key in `tree` spelled any case as `key`. */
function keyLike(tree: Tree | undefined, key: string): string | undefined {
  if (!tree) return undefined;
  const lower = key.toLowerCase();
  return Object.keys(tree).find((k) => k.toLowerCase() === lower);
}

/**
 * Merges the user's (normalised) section into the derived one, refusing any key whose value the
 * construct derives and any key in `bypassReasons`. The derived spelling wins for keys of both.
 */
export function mergeSection(path: string, section: string, derived: Tree, extra: Tree | undefined, tlsEnabled: boolean, props: Map<string, string>): Tree {
  const bypass = bypassReasons(tlsEnabled);
  const walk = (base: Tree | undefined, add: Tree, at: string): Tree => {
    const out: Tree = base ? { ...base } : {};
    for (const [key, value] of Object.entries(add)) {
      const ownKey = keyLike(base, key);
      const here = `${at}.${ownKey ?? key}`;
      const lower = here.toLowerCase();
      const prop = props.get(lower) ?? `extraConfig.${here}`;
      const why = bypass.get(lower);
      // A refused secret is never echoed back.
      if (why) throw new ValidationError(path, prop, looksSecret(key) ? '(redacted)' : value, why, ownerOf(lower));
      const own = ownKey === undefined ? undefined : base![ownKey];
      if (own !== undefined && !(isPlainObject(own) && isPlainObject(value))) {
        throw new ValidationError(path, prop, value, `the construct derives ${here} (${JSON.stringify(own)})`, ownerOf(lower));
      }
      out[ownKey ?? key] = isPlainObject(value) ? walk(isPlainObject(own) ? own : undefined, value, here) : value;
    }
    return out;
  };
  if (extra === undefined) return derived;
  const merged = walk(derived, extra, section);
  refuseSecretLeaves(path, section, extra, props);
  return merged;
}

/** Splits the normalised config into the derived sections' parts and the other sections with their files. */
export function splitSections(path: string, config: NormalisedConfig): { derived: { [S in DerivedSection]?: Tree }; files: { file: string; section: string; body: Tree }[] } {
  const derived: { [S in DerivedSection]?: Tree } = {};
  const files: { file: string; section: string; body: Tree }[] = [];
  for (const [section, body] of Object.entries(config.tree)) {
    const lower = section.toLowerCase();
    if (lower in DERIVED_FILES) {
      derived[lower as DerivedSection] = body as Tree;
      continue;
    }
    if (lower === 'db') {
      throw new ValidationError(path, 'extraConfig', section, 'a section name becomes the file <section>.yaml and must not clash with server.yaml, db.yaml or storage.yaml',
        'a flyteadmin section name such as "logger" or "flyteadmin" (the database section is "database")');
    }
    refuseSecretLeaves(path, lower, body, config.props);
    files.push({ file: `${lower}.yaml`, section, body: body as Tree });
  }
  return { derived, files };
}

/** The dotted key of every leaf under `value` (lists are leaves). */
export function leafKeys(value: unknown, at: string): string[] {
  if (!isPlainObject(value)) return [at];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, `${at}.${k}`));
}

/** Why a config key (any case, dotted) may not be set from outside the config files, or undefined. */
function configKeyClash(key: string, derivedKeys: readonly string[], tlsEnabled: boolean): { clash: string; why: string } | undefined {
  const name = key.toLowerCase();
  if (name === 'config') return { clash: 'config', why: 'the construct derives config (--config: a flag would replace the config files)' };
  const bypass = [...bypassReasons(tlsEnabled)].find(([k]) => k === name || name.startsWith(`${k}.`) || k.startsWith(`${name}.`));
  if (bypass) return { clash: bypass[0], why: bypass[1] };
  const derived = derivedKeys.find((spelled) => {
    const k = spelled.toLowerCase();
    return k === name || k.startsWith(`${name}.`) || name.startsWith(`${k}.`);
  });
  return derived ? { clash: derived.toLowerCase(), why: `the construct derives ${derived}, and a flag or environment variable wins over the config file` } : undefined;
}

/**
 * Refuses an extra arg that sets `--config` or a derived (or bypassing) key: flytestdlib registers
 * every config key as a flag of the same dotted name, and a flag that is set wins over the file.
 */
export function checkExtraArgs(path: string, args: readonly string[] | undefined, derivedKeys: readonly string[], tlsEnabled: boolean): void {
  (args ?? []).forEach((arg, i) => {
    const name = typeof arg === 'string' ? /^--?([A-Za-z0-9][-A-Za-z0-9_.]*)/.exec(arg)?.[1] : undefined;
    const clash = name && configKeyClash(name, derivedKeys, tlsEnabled);
    if (clash) throw new ValidationError(path, `extraArgs[${i}]`, arg, clash.why, ownerOf(clash.clash));
  });
}

/**
 * Refuses an extra env var that sets a derived (or bypassing) config key: flytestdlib binds every
 * config key to the environment variable of its upper-cased dotted name, which wins over the file.
 */
export function checkExtraEnvKeys(path: string, env: readonly { name: string }[] | undefined, derivedKeys: readonly string[], tlsEnabled: boolean): void {
  (env ?? []).forEach((e, i) => {
    if (typeof e?.name !== 'string' || !e.name.includes('.')) return;
    const clash = configKeyClash(e.name, derivedKeys, tlsEnabled);
    if (clash) throw new ValidationError(path, `extraEnv[${i}]`, e.name, clash.why, ownerOf(clash.clash));
  });
}
