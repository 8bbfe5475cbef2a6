/**
 * Known servers, recognised by image repository and command line, and what they listen on as
 * derived from the objects given (flags, env, ConfigMaps), following each binary's own precedence:
 *
 * - Numaflow UI/API server (numaproj/numaflow cmd/commands/server.go): `--insecure` (cobra bool),
 *   else env NUMAFLOW_SERVER_INSECURE; port from `--port`/`-p`, else 8080 when insecure (the
 *   binary ignores a port from env or ConfigMap then), else env NUMAFLOW_SERVER_PORT_NUMBER, else 8443.
 * - metrics-server: HTTPS on `--secure-port` (k8s.io/apiserver secure serving default 443).
 * - Flyte Admin (flyteadmin/pkg/config/config.go, pkg/server/service.go): `server.security.secure`
 *   → one HTTPS listener on `server.httpPort` shared by gRPC; else HTTP on httpPort and plain gRPC
 *   on `server.grpc.port`; CORS from `server.security.allowCors`/`allowedOrigins`.
 * - Flyte Console: env PORT (default 8080), HTTPS iff ADMIN_API_USE_SSL is exactly "https".
 *
 * A value the objects cannot tell leaves the listeners unknown, and the rules skip the server.
 */
import { formatValue } from '../errors';
import { CheckContext, ObjectEntry } from './context';
import { commandLine, CommandLine, FlagSet, goBool, lastFlag, parseFlags, portNumber } from './command-line';
import { envValue } from './env';
import { adminConfig, configValue } from './flyte-admin-config';
import { obj } from './json';
import { KnownServer, Listener, OpenCors, RenderedServers, Server } from './server-facts';

export { KnownServer, Listener, OpenCors, RenderedServer, RenderedServers, Server } from './server-facts';
import { ContainerInfo } from './pods';

/** The servers the rules know, as messages name them. */
export const SERVER_NAMES = { numaflow: 'the Numaflow server', metricsServer: 'metrics-server', flyteAdmin: 'Flyte Admin', flyteConsole: 'Flyte Console' } as const;

/** Flags of `numaflow server` (cmd/commands/server.go). */
const NUMAFLOW_FLAGS: FlagSet = {
  booleans: new Set(['insecure', 'namespaced', 'readonly', 'disable-auth']),
  values: new Set(['port', 'managed-namespace', 'base-href', 'server-addr', 'cors-allowed-origins', 'daemon-client-protocol']),
  shorthands: new Map([['p', 'port'], ['h', 'help']]),
};

/** What a rendered server is looked up by: its container's name and image. */
export function renderedServerKey(container: unknown): string {
  const c = obj(container);
  return `${c.name}\u0000${c.image}`;
}

/** The fields of a container from which the rules tell what its server listens on. */
const SERVER_INPUTS = ['image', 'command', 'args', 'env', 'envFrom', 'volumeMounts'] as const;

/**
 * What the plan derived for the server `container` (of a pod with `volumes`) runs, when a
 * construct rendered exactly these inputs (image, command, arguments, environment, mounts and the
 * pod's volumes): a patched input is read again from the objects.
 */
export function renderedServerOf(servers: RenderedServers, container: unknown, volumes: unknown): KnownServer | undefined {
  const c = obj(container);
  for (const r of servers.get(renderedServerKey(container)) ?? []) {
    const rc = obj(r.container);
    if (SERVER_INPUTS.every((f) => renders(rc[f], c[f])) && renders(r.volumes, volumes)) return r.known;
  }
  return undefined;
}

/**
 * Whether `value`, as a construct produced it, renders as `json` (cdk8s drops unset entries of an
 * object and sorts its keys): how the pass tells that an emitted container or ConfigMap still holds
 * what its construct rendered. Stricter than rendering where it cannot tell (a lazy value or a class
 * instance is never equal): a miss only means the objects are read again.
 */
export function renders(value: unknown, json: unknown): boolean {
  if (value === undefined || value === null) return json === undefined || json === null;
  if (typeof value !== 'object') return value === json;
  if (typeof json !== 'object' || json === null) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(json) || json.length !== value.length) return false;
    for (let i = 0; i < value.length; i++) if (!renders(value[i], json[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || Array.isArray(json)) return false;
  let set = 0;
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || v === null) continue;
    if (!renders(v, (json as Record<string, unknown>)[k])) return false;
    set++;
  }
  return set === Object.keys(json).length;
}

/** The memo table of recognised servers, by container. */
const SERVERS = {};

/**
 * The server `container` runs, when it is a known one (computed once per call): what its construct
 * derived while the objects hold what it rendered, else what the objects tell.
 */
export function serverOf(ctx: CheckContext, entry: ObjectEntry, container: ContainerInfo): Server | undefined {
  return ctx.memo(SERVERS, container, () => (kindOf(container) === undefined ? undefined : rendered(ctx, entry, container) ?? recognise(ctx, entry, container)));
}

/** The known server a container's image names, if any: most containers run none of them. */
function kindOf(container: ContainerInfo): 'numaflow' | 'metrics-server' | 'flyteadmin' | 'flyteconsole' | undefined {
  const image = container.spec.image;
  if (typeof image !== 'string') return undefined;
  return image.includes('numaproj/numaflow') ? 'numaflow' : image.includes('metrics-server') ? 'metrics-server'
    : image.includes('flyteadmin') ? 'flyteadmin' : image.includes('flyteconsole') ? 'flyteconsole' : undefined;
}

/** The facts of a server its construct rendered, when the objects still hold exactly what it rendered. */
function rendered(ctx: CheckContext, entry: ObjectEntry, container: ContainerInfo): Server | undefined {
  if (ctx.knownServers.size === 0 || entry.pod === undefined) return undefined;
  const known = renderedServerOf(ctx.knownServers, container.spec, entry.pod.spec.volumes);
  if (known === undefined) return undefined;
  for (const { name, holds } of known.configMaps ?? []) {
    const configMap = ctx.configMap(entry.namespace, name);
    if (configMap === undefined || !holds(configMap.json.data)) return undefined;
  }
  // Why it listens there is read from the objects only to explain a finding.
  return { ...known.server, basis: () => recognise(ctx, entry, container)?.basis?.() ?? listening(known.server.listeners ?? []) };
}

function recognise(ctx: CheckContext, entry: ObjectEntry, container: ContainerInfo): Server | undefined {
  // The image first: most containers are none of these, and their command lines need no parsing.
  const kind = kindOf(container);
  if (kind === undefined) return undefined;
  const line = commandLine(container);
  if (line === undefined) return undefined;
  if (kind === 'numaflow') return numaflow(ctx, entry, container, line);
  if (kind === 'metrics-server') return metricsServer(line);
  if (kind === 'flyteadmin') return flyteAdmin(ctx, entry, container, line);
  return flyteConsole(ctx, entry, container);
}

function listening(listeners: readonly Listener[]): string {
  return listeners.map((l) => `${l.grpcOnly ? 'plain gRPC' : l.tls ? 'HTTPS' : 'HTTP'} on ${l.port}`).join(' and ');
}

function numaflow(ctx: CheckContext, entry: ObjectEntry, container: ContainerInfo, line: CommandLine): Server | undefined {
  if (line.argv[0]?.value !== 'server') return undefined;
  const name = SERVER_NAMES.numaflow;
  const flags = parseFlags(line.argv.slice(1), NUMAFLOW_FLAGS);
  if (flags === undefined) return { name };
  const env = (variable: string) => envValue(ctx, entry.namespace, container, variable);

  const cors = flags.get('cors-allowed-origins');
  const corsEnv = cors === undefined ? env('NUMAFLOW_SERVER_CORS_ALLOWED_ORIGINS') : undefined;
  const origins = cors !== undefined ? { value: cors.value ?? '', path: cors.word.path, from: '--cors-allowed-origins' }
    : corsEnv?.state === 'set' ? { value: corsEnv.value, path: corsEnv.path, from: 'NUMAFLOW_SERVER_CORS_ALLOWED_ORIGINS' } : undefined;
  const openCors: OpenCors | undefined = origins !== undefined && origins.value.includes('*') ? {
    field: origins.path, value: origins.value,
    detail: `${origins.from} is ${formatValue(origins.value)}, which allows "*"`,
    fix: 'list the exact origins of the UIs that call the API (e.g. --cors-allowed-origins=https://numaflow.example.com)',
  } : undefined;

  // Insecure: the flag, else the env default (LookupEnvBoolOr: empty means unset, a non-boolean panics).
  let insecure: boolean | undefined;
  const reasons: string[] = [];
  const flag = flags.get('insecure');
  if (flag !== undefined) {
    insecure = flag.value === undefined ? true : goBool(flag.value);
    reasons.push(flag.value === undefined ? '--insecure' : `--insecure=${flag.value}`);
  } else {
    const value = env('NUMAFLOW_SERVER_INSECURE');
    if (value.state === 'set' && value.value !== '') {
      insecure = goBool(value.value);
      reasons.push(`NUMAFLOW_SERVER_INSECURE=${value.value}`);
    } else if (value.state !== 'unknown') {
      insecure = false;
    }
  }
  if (insecure === undefined) return { name, ...(openCors ? { openCors } : {}) };

  let port: number | undefined;
  const portFlag = flags.get('port');
  if (portFlag !== undefined) {
    port = portNumber(portFlag.value);
    reasons.push(`--port=${portFlag.value}`);
  } else if (insecure) {
    port = 8080;
    reasons.push('insecure mode binds 8080 unless --port is on the command line');
  } else {
    const value = env('NUMAFLOW_SERVER_PORT_NUMBER');
    if (value.state === 'set' && value.value !== '') {
      port = portNumber(value.value);
      reasons.push(`NUMAFLOW_SERVER_PORT_NUMBER=${value.value}`);
    } else if (value.state !== 'unknown') {
      port = 8443;
    }
  }
  if (port === undefined) return { name, ...(openCors ? { openCors } : {}) };
  const listeners = [{ port, tls: !insecure }];
  return { name, listeners, basis: () => `${listening(listeners)}${reasons.length ? ` (${reasons.join('; ')})` : ' (its defaults)'}`, ...(openCors ? { openCors } : {}) };
}

function metricsServer(line: CommandLine): Server {
  const name = SERVER_NAMES.metricsServer;
  const flag = lastFlag(line.argv, 'secure-port');
  const port = flag === undefined ? 443 : portNumber(flag.value);
  if (port === undefined) return { name };
  const listeners = [{ port, tls: true }];
  return { name, listeners, basis: () => `${listening(listeners)} (${flag === undefined ? 'no --secure-port: the default' : flag.word.value})` };
}

/** A boolean of Admin's config as flytestdlib decodes it (weakly typed: strings via ParseBool, numbers non-zero). */
function configBool(value: unknown, fallback: boolean): boolean | undefined {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return typeof value === 'string' ? (value === '' ? false : goBool(value)) : undefined;
}

function flyteAdmin(ctx: CheckContext, entry: ObjectEntry, container: ContainerInfo, line: CommandLine): Server | undefined {
  const config = lastFlag(line.argv, 'config');
  if (config === undefined || config.value === undefined || !line.argv.some((w) => w.value === 'serve' && w !== config.word)) return undefined;
  const name = SERVER_NAMES.flyteAdmin;
  const loaded = adminConfig(ctx, entry, container, config.value);
  if (loaded === undefined) return { name };
  const from = `from ${loaded.files.join(', ') || 'no file'}`;

  const openCors = adminCors(container, loaded.config, from);
  const secure = configBool(configValue(loaded.config, 'server.security.secure'), false);
  const httpPort = portNumber(configValue(loaded.config, 'server.httpport') ?? 8088);
  const grpcPort = portNumber(configValue(loaded.config, 'server.grpc.port') ?? 8089);
  // `serve` always starts the profiling server (/metrics, pprof), plain HTTP, on flyteadmin.profilerPort
  // (default 10254: flyteadmin/pkg/runtime/application_config_provider.go, cmd/entrypoints/serve.go).
  const profilerPort = portNumber(configValue(loaded.config, 'flyteadmin.profilerport') ?? 10254);
  if (secure === undefined || httpPort === undefined || grpcPort === undefined || profilerPort === undefined) return { name, ...(openCors ? { openCors } : {}) };
  const listeners: Listener[] = [
    ...(secure ? [{ port: httpPort, tls: true }] : [{ port: httpPort, tls: false }, { port: grpcPort, tls: false, grpcOnly: true }]),
    { port: profilerPort, tls: false },
  ];
  return {
    name, listeners,
    basis: () => `${listening(listeners)} (server.security.secure ${secure}${secure ? ', gRPC sharing the HTTPS port' : ''}; metrics on flyteadmin.profilerPort; config ${from})`,
    ...(openCors ? { openCors } : {}),
  };
}

/** Admin's CORS: allowCors defaults to true and allowedOrigins to ["*"]; an empty list lets gorilla/handlers v1.5.1 allow every origin. */
function adminCors(container: ContainerInfo, config: Record<string, unknown>, from: string): OpenCors | undefined {
  const allow = configBool(configValue(config, 'server.security.allowcors'), true);
  if (allow !== true) return undefined;
  const raw = configValue(config, 'server.security.allowedorigins');
  let why: string;
  if (raw === undefined || raw === null) {
    why = 'server.security.allowedOrigins is not set (the code default is ["*"])';
  } else {
    // flytestdlib decodes weakly: a single string is a one-item list, an empty string an empty one.
    const origins = typeof raw === 'string' ? (raw === '' ? [] : [raw]) : Array.isArray(raw) ? raw : undefined;
    if (origins === undefined) return undefined;
    if (origins.length === 0) why = 'server.security.allowedOrigins is empty (gorilla/handlers v1.5.1 then allows every origin and answers "*")';
    else if (origins.includes('*')) why = 'server.security.allowedOrigins includes "*"';
    else return undefined;
  }
  return {
    field: container.path, ...(raw === undefined ? {} : { value: raw }),
    detail: `server.security.allowCors is true and ${why} ${from}`,
    fix: 'set server.security.allowedOrigins to the exact origins of the consoles that call Admin, or allowCors: false',
  };
}

function flyteConsole(ctx: CheckContext, entry: ObjectEntry, container: ContainerInfo): Server {
  const name = SERVER_NAMES.flyteConsole;
  const portEnv = envValue(ctx, entry.namespace, container, 'PORT');
  const sslEnv = envValue(ctx, entry.namespace, container, 'ADMIN_API_USE_SSL');
  if (portEnv.state === 'unknown' || sslEnv.state === 'unknown') return { name };
  const port = portEnv.state === 'set' && portEnv.value !== '' ? portNumber(portEnv.value) : 8080;
  if (port === undefined) return { name };
  const tls = sslEnv.state === 'set' && sslEnv.value === 'https';
  const listeners = [{ port, tls }];
  const ssl = sslEnv.state === 'set' ? `ADMIN_API_USE_SSL=${sslEnv.value}` : 'ADMIN_API_USE_SSL unset';
  return { name, listeners, basis: () => `${listening(listeners)} (${ssl}; ${portEnv.state === 'set' ? `PORT=${portEnv.value}` : 'PORT unset: 8080'})` };
}
