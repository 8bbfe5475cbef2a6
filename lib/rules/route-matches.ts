/**
 * Part of rule `gateway-backend`: two routes of one kind that attach to one listener, name one
 * host and match the very same requests (path type and value, method, headers, query parameters;
 * for gRPC the service and method). The Gateway API then gives the requests to the older route,
 * then to the first by namespace/name (HTTPRoute and GRPCRoute "rules" precedence), so one
 * server silently receives the other's traffic: Numaflow at `/` on Admin's host, a Console with
 * `baseUrl: '/'` there. Routes whose matches differ (the Console at `/console` beside Admin at
 * `/`) are the longest-prefix rule at work and pass.
 */
import { formatValue } from '../errors';
import { Json, list, obj } from './json';
import { CheckContext, ObjectEntry } from './context';
import { sharedListener } from './gateway-backends';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** One match of a route, in a canonical text (defaults filled in, order of headers ignored), and where it stands. */
interface Match { readonly key: string; readonly field: string; readonly shown: unknown }

/** Runs the identical-route check over every pair of routes of one kind. */
export function checkIdenticalRoutes(ctx: CheckContext): void {
  const routes = ctx.entries.filter((e) => e.group === GATEWAY_GROUP && (e.kind === 'HTTPRoute' || e.kind === 'GRPCRoute'));
  for (let j = 1; j < routes.length; j++) {
    for (let i = 0; i < j; i++) {
      const [earlier, later] = [routes[i], routes[j]];
      if (earlier.kind !== later.kind || !(ctx.reports(earlier.index) || ctx.reports(later.index))) continue;
      const host = sameHost(earlier, later);
      const listener = host === undefined ? undefined : sharedListener(earlier, later);
      if (listener === undefined) continue;
      const theirs = new Set(matches(earlier).map((m) => m.key));
      const same = matches(later).find((m) => theirs.has(m.key));
      if (same === undefined) continue;
      ctx.addForPair(later, 'gateway-backend', {
        field: same.field, value: same.shown,
        message: `${later.ref} and ${earlier.ref} both attach to ${listener}, both match host ${formatValue(host)} and the same requests (${same.key}): `
          + 'the Gateway API gives them to the older route (then the first by namespace/name), so one server receives the other\'s traffic',
        fix: 'a path of its own on the shared host (e.g. the Console at "/console" beside Admin at "/"), another host, or another listener',
      });
    }
  }
}

/** A host both routes name exactly (`*` for two routes without hostnames), or undefined: a more precise host takes precedence. */
function sameHost(a: ObjectEntry, b: ObjectEntry): string | undefined {
  const hostsOf = (e: ObjectEntry) => list(obj(e.json.spec).hostnames).filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase());
  const [ha, hb] = [hostsOf(a), hostsOf(b)];
  if (ha.length === 0 || hb.length === 0) return ha.length === hb.length ? '*' : undefined;
  return ha.find((h) => hb.includes(h));
}

/** The matches of every rule of a route; a rule without matches matches every request. */
function matches(route: ObjectEntry): Match[] {
  const grpc = route.kind === 'GRPCRoute';
  return list(obj(route.json.spec).rules).flatMap((rule, i) => {
    const given = list(obj(rule).matches);
    const field = `spec.rules[${i}]`;
    if (given.length === 0) return [{ key: grpc ? 'every gRPC method' : 'PathPrefix "/"', field, shown: undefined }];
    return given.map((m, j) => ({ key: grpc ? grpcKey(obj(m)) : httpKey(obj(m)), field: `${field}.matches[${j}]`, shown: m }));
  });
}

/** Header matches, in order of name (names are case-insensitive), with their default type Exact. */
function headersKey(headers: unknown): string {
  return list(headers).map(obj).map((h) => `${String(h.name).toLowerCase()} ${String(h.type ?? 'Exact')} ${formatValue(h.value)}`).sort().join(', ');
}

function httpKey(m: Json): string {
  const path = obj(m.path);
  const type = String(path.type ?? 'PathPrefix');
  let value = typeof path.value === 'string' ? path.value : '/';
  // A PathPrefix matches whole path elements and ignores a trailing "/" (HTTPPathMatch).
  if (type === 'PathPrefix' && value.length > 1) value = value.replace(/\/+$/, '') || '/';
  const query = list(m.queryParams).map(obj).map((q) => `${String(q.name)} ${String(q.type ?? 'Exact')} ${formatValue(q.value)}`).sort().join(', ');
  return [`${type} ${formatValue(value)}`, ...(m.method ? [`method ${String(m.method)}`] : []),
    ...(list(m.headers).length ? [`headers ${headersKey(m.headers)}`] : []), ...(query ? [`query ${query}`] : [])].join('; ');
}

function grpcKey(m: Json): string {
  const method = obj(m.method);
  const target = m.method === undefined ? 'every gRPC method' : `${String(method.type ?? 'Exact')} ${String(method.service ?? '*')}/${String(method.method ?? '*')}`;
  return [target, ...(list(m.headers).length ? [`headers ${headersKey(m.headers)}`] : [])].join('; ');
}
