/**
 * Rule `gateway-backend`: the hop from a Gateway to a server, as the objects say it (after every
 * patch). A route reaches a Service port that exists; a gateway speaks TLS to exactly the ports
 * that serve TLS (a BackendTLSPolicy on a plain port, or none on a TLS port, fails every request);
 * a BackendTLSPolicy names one source of trust, never a Secret; a GRPCRoute's plain port does not
 * declare an `appProtocol` other than HTTP/2; no HTTPRoute and GRPCRoute share a listener and a host. Rules
 * within one object that the CRDs' CEL rules state are rule `gateway-api-cel`'s (cel-gateway-api.ts).
 */
import { formatValue } from '../errors';
import { Json, list, obj } from './json';
import { APP_PROTOCOL_H2C } from '../web/app-protocol';
import { CheckContext, ObjectEntry } from './context';
import { declares } from './pod-wiring';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute']);
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
/** `appProtocol` values under which a gateway speaks HTTP/2 with prior knowledge to a plain port: KEP-3726's, and the names meshes use. */
const CLEARTEXT_GRPC = new Set([APP_PROTOCOL_H2C, 'grpc', 'h2c', 'http2']);

/** Runs rule `gateway-backend`. */
export function checkGatewayBackends(ctx: CheckContext): void {
  const policies = ctx.entries.filter((e) => e.group === GATEWAY_GROUP && e.kind === 'BackendTLSPolicy');
  for (const entry of ctx.entries) {
    if (entry.group !== GATEWAY_GROUP || !ctx.reports(entry.index)) continue;
    if (ROUTE_KINDS.has(entry.kind)) checkRoute(ctx, entry, policies);
    if (entry.kind === 'GRPCRoute') checkCrossServing(ctx, entry);
    if (entry.kind === 'BackendTLSPolicy') checkPolicy(ctx, entry);
  }
}

/**
 * An HTTPRoute and a GRPCRoute on one listener with intersecting hostnames: the implementation
 * MUST accept exactly one of them (GRPCRoute, "Cross Serving"). exposeViaGateway refuses this for
 * one server's routes; here it is found between servers, and in objects made by hand.
 */
function checkCrossServing(ctx: CheckContext, grpc: ObjectEntry): void {
  for (const http of ctx.entries) {
    if (http.group !== GATEWAY_GROUP || http.kind !== 'HTTPRoute') continue;
    const listener = sharedListener(grpc, http);
    const host = listener && sharedHost(grpc, http);
    if (!listener || host === undefined) continue;
    ctx.add(grpc, 'gateway-backend', {
      field: 'spec.hostnames', value: obj(grpc.json.spec).hostnames,
      message: `${grpc.ref} and ${http.ref} both attach to ${listener} and both match host ${formatValue(host)}: the Gateway API accepts only one of them, so one server's traffic is dropped`,
      fix: 'a host of its own for the gRPC route (e.g. grpc.<host>), or another listener',
    });
  }
}

interface ParentRef { readonly gateway: string; readonly section?: string; readonly port?: unknown }

function gatewayParents(route: ObjectEntry): ParentRef[] {
  return list(obj(route.json.spec).parentRefs).map(obj)
    .filter((p) => (p.group === undefined || p.group === GATEWAY_GROUP) && (p.kind === undefined || p.kind === 'Gateway'))
    .map((p) => ({ gateway: `Gateway/${typeof p.namespace === 'string' ? p.namespace : route.namespace}/${String(p.name)}`, section: typeof p.sectionName === 'string' ? p.sectionName : undefined, port: p.port }));
}

/** The listener both routes attach to, if any (a parent ref without sectionName attaches to every listener). */
export function sharedListener(a: ObjectEntry, b: ObjectEntry): string | undefined {
  for (const pa of gatewayParents(a)) {
    for (const pb of gatewayParents(b)) {
      if (pa.gateway !== pb.gateway) continue;
      if (pa.section !== undefined && pb.section !== undefined && pa.section !== pb.section) continue;
      if (pa.port !== undefined && pb.port !== undefined && pa.port !== pb.port) continue;
      const section = pa.section ?? pb.section;
      return section === undefined ? pa.gateway : `${pa.gateway} listener ${section}`;
    }
  }
  return undefined;
}

/** A host both routes match (no hostnames matches every host; `*.x` matches names under x). */
function sharedHost(a: ObjectEntry, b: ObjectEntry): string | undefined {
  const hostsOf = (e: ObjectEntry) => list(obj(e.json.spec).hostnames).filter((h): h is string => typeof h === 'string');
  const [ha, hb] = [hostsOf(a), hostsOf(b)];
  if (ha.length === 0) return hb[0] ?? '*';
  if (hb.length === 0) return ha[0];
  const covers = (pattern: string, host: string) => pattern === host || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1);
  for (const x of ha) {
    for (const y of hb) {
      if (covers(x, y)) return y;
      if (covers(y, x)) return x;
    }
  }
  return undefined;
}

function isService(ref: Json): boolean {
  return (ref.group === undefined || ref.group === '') && (ref.kind === undefined || ref.kind === 'Service');
}

function checkRoute(ctx: CheckContext, route: ObjectEntry, policies: readonly ObjectEntry[]): void {
  list(obj(route.json.spec).rules).forEach((rule, i) => {
    list(obj(rule).backendRefs).forEach((backend, j) => {
      const ref = obj(backend);
      if (!isService(ref)) return;
      const field = `spec.rules[${i}].backendRefs[${j}]`;
      // No port ("Must have port for Service reference") or not a number: rule gateway-api-cel's.
      if (typeof ref.port !== 'number') return;
      const namespace = typeof ref.namespace === 'string' ? ref.namespace : route.namespace;
      const service = ctx.entries.find((e) => e.kind === 'Service' && e.group === '' && e.name === ref.name && e.namespace === namespace);
      if (!service) return; // a Service of someone else's
      const port = list(obj(service.json.spec).ports).map(obj).find((p) => p.port === ref.port);
      if (!port) {
        const known = list(obj(service.json.spec).ports).map((p) => formatValue(obj(p).port)).join(', ');
        ctx.add(route, 'gateway-backend', {
          field: `${field}.port`, value: ref.port,
          message: `${service.ref} has no port ${ref.port}: the gateway has no backend for this route`,
          fix: `one of the Service's ports (${known})`,
        });
        return;
      }
      const scheme = servedScheme(ctx, service, port);
      const policy = policies.find((p) => targets(p, service, port));
      if (scheme === 'HTTPS' && !policy) {
        ctx.add(route, 'gateway-backend', {
          field: `${field}.port`, value: ref.port,
          message: `port ${ref.port} of ${service.ref} serves TLS and no BackendTLSPolicy targets it: the gateway speaks plain HTTP to a TLS listener and every request fails`,
          fix: 'a BackendTLSPolicy for the Service port (exposeViaGateway makes it), or a server with TLS off behind the gateway',
        });
      }
      if (route.kind === 'GRPCRoute' && !policy && typeof port.appProtocol === 'string' && !CLEARTEXT_GRPC.has(port.appProtocol)) {
        ctx.add(route, 'gateway-backend', {
          field: `${field}.port`, value: ref.port,
          message: `port ${ref.port} of ${service.ref} has appProtocol ${formatValue(port.appProtocol)}, which a gateway honours (GEP-1911): it would not speak HTTP/2 with prior knowledge to a plain gRPC server, and every call fails`,
          fix: `appProtocol ${APP_PROTOCOL_H2C} on the Service port (SecureAdmin sets it), or none`,
        });
      }
      if (scheme === 'HTTP' && policy) {
        ctx.add(route, 'gateway-backend', {
          field: `${field}.port`, value: ref.port,
          message: `port ${ref.port} of ${service.ref} serves plain HTTP, and ${policy.ref} makes the gateway speak TLS to it: every request fails`,
          fix: 'no BackendTLSPolicy for a plain port, or a server with TLS on',
        });
      }
    });
  });
}

/** Whether `policy` targets `port` of `service` (a targetRef without sectionName targets every port). */
function targets(policy: ObjectEntry, service: ObjectEntry, port: Json): boolean {
  if (policy.namespace !== service.namespace) return false;
  return list(obj(policy.json.spec).targetRefs).map(obj).some((t) => isService(t) && t.name === service.name
    && (t.sectionName === undefined || t.sectionName === port.name));
}

/**
 * The scheme the pods behind a Service port serve, from the probes on the port it targets:
 * `HTTPS`, `HTTP`, or undefined when no selected container probes it over HTTP(S).
 */
function servedScheme(ctx: CheckContext, service: ObjectEntry, port: Json): 'HTTP' | 'HTTPS' | undefined {
  const selector = Object.entries(obj(obj(service.json.spec).selector));
  if (selector.length === 0) return undefined;
  const target = port.targetPort ?? port.port;
  for (const entry of ctx.entries) {
    if (!entry.pod?.runs || entry.namespace !== service.namespace) continue;
    const labels = obj(entry.pod.metadata.labels);
    if (!selector.every(([k, v]) => labels[k] === v)) continue;
    for (const c of entry.pod.containers) {
      if (!declares(c.spec, target)) continue;
      const declared = list(c.spec.ports).map(obj).find((p) => p.name === target || p.containerPort === target);
      for (const probe of PROBES) {
        const get = obj(obj(c.spec[probe]).httpGet);
        if (get.port === undefined || (get.port !== declared?.name && get.port !== declared?.containerPort)) continue;
        return get.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP';
      }
    }
  }
  return undefined;
}

function checkPolicy(ctx: CheckContext, policy: ObjectEntry): void {
  const validation = obj(obj(policy.json.spec).validation);
  const refs = list(validation.caCertificateRefs).map(obj);
  // Exactly one of caCertificateRefs and wellKnownCACertificates: the CRD's CEL rules (gateway-api-cel).
  if (typeof validation.hostname !== 'string' || validation.hostname === '') {
    ctx.add(policy, 'gateway-backend', { field: 'spec.validation.hostname', value: validation.hostname, message: 'the gateway needs the name to verify the server\'s certificate by', fix: 'a DNS name the certificate carries, e.g. <service>.<namespace>.svc' });
  }
  refs.forEach((ref, i) => {
    if (ref.kind === 'Secret') {
      ctx.add(policy, 'gateway-backend', {
        field: `spec.validation.caCertificateRefs[${i}].kind`, value: ref.kind,
        message: 'a CA in a Secret: the gateway would be given read access to Secrets, and an issued Secret also holds the server\'s tls.key',
        fix: 'publish the CA as a ConfigMap with key ca.crt (trust-manager)',
      });
      return;
    }
    const configMap = ref.kind === 'ConfigMap' ? ctx.configMap(policy.namespace, ref.name) : undefined;
    if (configMap && typeof obj(configMap.json.data)['ca.crt'] !== 'string') {
      ctx.add(policy, 'gateway-backend', {
        field: `spec.validation.caCertificateRefs[${i}]`, value: ref.name,
        message: `${configMap.ref} has no key ca.crt, the one key core BackendTLSPolicy support reads`,
        fix: 'the CA bundle under ca.crt',
      });
    }
  });
}
