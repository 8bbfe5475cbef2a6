// DESIGN §6 items 3 and 4 for a Flyte Admin and its Consoles, checked on the synthesized manifest
// (plain JSON) against what the constructs hand their consumers (endpoints, clientConfig, origins).
import { parse } from 'yaml';
import { Console, SecureAdmin } from '../../lib';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { expectValid, ExpectValidOptions } from './harness';
import { secret } from './refs';

const byName = (objects: readonly any[], kind: string, name: string, namespace: string) =>
  objects.find((o) => o.kind === kind && o.metadata?.name === name && o.metadata?.namespace === namespace);

/** Every config file of `flyte-admin-base-config`, parsed and merged by top-level section. */
export function adminConfigOf(objects: readonly any[], namespace: string): { [section: string]: any } {
  const cm = byName(objects, 'ConfigMap', 'flyte-admin-base-config', namespace);
  if (!cm) return {};
  return Object.values(cm.data as { [file: string]: string }).reduce((all, text) => ({ ...all, ...parse(text) }), {});
}

/** The main container of a Deployment. */
function mainContainer(objects: readonly any[], name: string, namespace: string): any {
  const pod = podOf(byName(objects, 'Deployment', name, namespace));
  return pod && containersOf(pod.spec).find((c) => c.kind === 'containers')?.container;
}

const scheme = (url: string) => new URL(url).protocol.replace(':', '');

/**
 * Item 3: what Admin gives its clients has the scheme of its endpoint and the right port — the Service
 * port for `url()` and `clientConfig()`; the Console's `ADMIN_API_URL` is Admin's publicUrl, whose
 * scheme agrees with the Console's `publicOrigin`; the ssl files Admin is told to load are mounted.
 */
export function checkFlyteAddresses(objects: readonly any[], admin: SecureAdmin, consoles: readonly Console[] = []): string[] {
  const errors: string[] = [];
  const ns = admin.namespace;
  const server = adminConfigOf(objects, ns).server ?? {};
  const secure = server.security?.secure === true;
  const svc = byName(objects, 'Service', 'flyteadmin', ns);
  const main = mainContainer(objects, 'flyteadmin', ns);
  if (!svc || !main) return [`no Service/Deployment flyteadmin in ${ns}`];
  const servicePort = (name: string) => (svc.spec.ports ?? []).find((p: any) => p.name === name);
  const containerPort = (name: string) => (main.ports ?? []).find((p: any) => p.name === name)?.containerPort;

  // The gRPC listener: httpPort when secure (one TLS listener), grpc.port otherwise.
  const grpcListens = secure ? server.httpPort : server.grpc?.port ?? 8089;
  const grpc = admin.grpcEndpoint;
  const client = admin.clientConfig();
  const sp = servicePort(grpc.portName);
  if (!sp) errors.push(`Service flyteadmin has no port ${grpc.portName} for gRPC`);
  else if (client.endpoint !== `dns:///flyteadmin.${ns}.svc:${sp.port}`) errors.push(`clientConfig().endpoint ${client.endpoint} is not the Service port ${sp.port}`);
  if (containerPort(grpc.portName) !== grpcListens) errors.push(`gRPC port ${grpc.portName} is ${containerPort(grpc.portName)}, Admin listens for gRPC on ${grpcListens}`);
  if (client.insecure === secure) errors.push(`clientConfig().insecure is ${client.insecure} while server.security.secure is ${secure}`);
  if (client.insecureSkipVerify && admin.grpcEndpoint.trust.kind !== 'skipVerify') errors.push('clientConfig() skips verification that the trust did not ask for');

  const http = admin.endpoint;
  // Read the URL as text: WHATWG URL parsing drops default ports, and the port is the point here.
  const url = /^(https?):\/\/([^/:]+):(\d+)\//.exec(http.url('/healthcheck'));
  if (!url || url[1] !== (secure ? 'https' : 'http')) errors.push(`endpoint.url() is ${http.url()}, Admin serves ${secure ? 'https' : 'http'}`);
  if (url?.[2] !== `flyteadmin.${ns}.svc`) errors.push(`endpoint.url() ${http.url()} does not address Service flyteadmin.${ns}.svc`);
  if (Number(url?.[3]) !== servicePort(http.portName)?.port) errors.push(`endpoint.url() ${http.url()} does not use the Service port of ${http.portName}`);
  if (containerPort(http.portName) !== server.httpPort) errors.push(`port ${http.portName} is ${containerPort(http.portName)}, server.httpPort is ${server.httpPort}`);

  if (secure) {
    const pod = podOf(byName(objects, 'Deployment', 'flyteadmin', ns))!;
    for (const file of [server.security.ssl?.certificateFile, server.security.ssl?.keyFile]) {
      const mount = (main.volumeMounts ?? []).find((m: any) => typeof file === 'string' && file.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
      const volume = mount && pod.spec.volumes.find((v: any) => v.name === mount.name);
      const inFile = mount && file.slice(mount.mountPath.replace(/\/$/, '').length + 1);
      if (!volume?.secret || !(volume.secret.items ?? []).some((i: any) => i.path === inFile)) errors.push(`ssl file ${file} is not mounted from a Secret`);
    }
  }

  for (const c of consoles) {
    const data = byName(objects, 'ConfigMap', 'flyte-console-config', c.namespace)?.data ?? {};
    if (data.ADMIN_API_URL !== admin.publicUrl) errors.push(`Console ${c.node.path}: ADMIN_API_URL ${data.ADMIN_API_URL} is not Admin's publicUrl ${admin.publicUrl}`);
    else if (scheme(data.ADMIN_API_URL) !== scheme(c.publicOrigin)) errors.push(`Console ${c.node.path}: served at ${c.publicOrigin} but ADMIN_API_URL is ${data.ADMIN_API_URL}`);
    const consoleMain = mainContainer(objects, 'flyteconsole', c.namespace);
    const served = consoleMain?.readinessProbe?.httpGet?.scheme === 'HTTPS' ? 'https' : 'http';
    if ((data.ADMIN_API_USE_SSL === 'https') !== (served === 'https')) errors.push(`Console ${c.node.path}: ADMIN_API_USE_SSL ${data.ADMIN_API_USE_SSL} but it is probed over ${served}`);
  }
  return errors;
}

/** Item 4: Admin's allowedOrigins contains every registered Console origin, with matching scheme; no `*`. */
export function checkAllowedOrigins(objects: readonly any[], admin: SecureAdmin, consoles: readonly Console[] = []): string[] {
  const errors: string[] = [];
  const security = adminConfigOf(objects, admin.namespace).server?.security ?? {};
  const origins: string[] = security.allowedOrigins ?? [];
  // With an empty list gorilla/handlers allows every origin (UPSTREAM §9.5): CORS is on exactly while there are origins.
  if (security.allowCors !== (origins.length > 0)) errors.push(`server.security.allowCors is ${security.allowCors} with ${origins.length} origins`);
  if (origins.some((o) => o.includes('*'))) errors.push(`allowedOrigins ${JSON.stringify(origins)} contains a wildcard`);
  if (JSON.stringify(origins) !== JSON.stringify([...new Set(origins)].sort())) errors.push(`allowedOrigins ${JSON.stringify(origins)} is not deduplicated and sorted`);
  for (const c of consoles) {
    if (!origins.includes(c.publicOrigin)) errors.push(`allowedOrigins ${JSON.stringify(origins)} lacks Console origin ${c.publicOrigin}`);
    if (scheme(c.publicOrigin) !== scheme(admin.publicUrl)) errors.push(`Console origin ${c.publicOrigin} and Admin publicUrl ${admin.publicUrl} differ in scheme`);
  }
  return errors;
}

/** `expectValid` (schema, restricted, items 1, 2, 5, 7) plus items 3 and 4 for the pair. */
export function expectFlyteValid(objects: readonly any[], admin: SecureAdmin, consoles: readonly Console[] = [], options: ExpectValidOptions = {}): void {
  expectValid(objects, {
    ...options,
    endpoints: [admin.endpoint, admin.grpcEndpoint, ...consoles.map((c) => c.endpoint), ...(options.endpoints ?? [])].filter((e, i, all) => all.indexOf(e) === i),
  });
  expect([...checkFlyteAddresses(objects, admin, consoles), ...checkAllowedOrigins(objects, admin, consoles)]).toEqual([]);
}

/** Database and store props the Flyte tests share (the Secrets they name are the user's). */
export const DATABASE = { host: 'postgres.flyte.svc', username: 'flyteadmin', passwordSecret: { secret: secret('flyte-db'), key: 'password' } };
export const STORAGE = {
  type: 'minio' as const,
  bucket: 'flyte-data',
  endpoint: 'http://minio.flyte.svc:9000',
  credentials: { secret: secret('flyte-storage'), accessKeyKey: 'access-key', secretKeyKey: 'secret-key' },
};

/** The Secrets named in props (database password, store keys, fromSecret certificates), for `external`. */
export function userSecrets(namespace: string, ...more: string[]): string[] {
  return ['flyte-db', 'flyte-storage', ...more].map((name) => `Secret/${namespace}/${name}`);
}
