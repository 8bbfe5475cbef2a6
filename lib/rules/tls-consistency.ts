/**
 * Rules `probe-scheme` and `apiservice-trust`: TLS settings that must agree with each other.
 *
 * probe-scheme: a known server (servers.ts) listens where and how its flags, env and config say;
 * an httpGet probe must hit one of those ports with the scheme the port serves (HTTP probes of a
 * TLS port, or HTTPS probes of a plain one, fail and the kubelet restarts the container), and a
 * declared container port the server does not listen on leads Services and readers astray.
 *
 * apiservice-trust: kube-aggregator's validation refuses an APIService with both
 * `insecureSkipTLSVerify: true` and a `caBundle`.
 */
import { formatValue } from '../errors';
import { list, obj } from './json';
import { CheckContext } from './context';
import { field, item } from './paths';
import { containerLabel } from './pods';
import { Listener, serverOf } from './servers';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

function scheme(listener: Listener): 'HTTP' | 'HTTPS' {
  return listener.tls ? 'HTTPS' : 'HTTP';
}

/** Runs rule `probe-scheme` on every container of a known server in a reported pod. */
export function checkProbeSchemes(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (entry.pod === undefined || !ctx.reports(entry.index)) continue;
    for (const c of entry.pod.containers) {
      const server = serverOf(ctx, entry, c);
      const listeners = server?.listeners;
      if (server === undefined || listeners === undefined) continue;
      const served = listeners.filter((l) => !l.grpcOnly);
      const advice = served.map((l) => `port ${l.port} with scheme ${scheme(l)}`).join(' or ');
      const who = `${server.name} in ${containerLabel(c)}`;
      for (const probeName of PROBES) {
        const get = obj(obj(c.spec[probeName]).httpGet);
        if (Object.keys(get).length === 0) continue;
        const port = typeof get.port === 'number' ? get.port
          : obj(list(c.spec.ports).map(obj).find((p) => p.name === get.port)).containerPort;
        // A name the container does not declare is rule probe-port's.
        if (typeof port !== 'number') continue;
        const path = `${c.path}.${probeName}.httpGet`;
        const listener = listeners.find((l) => l.port === port);
        if (listener === undefined || listener.grpcOnly) {
          ctx.add(entry, 'probe-scheme', {
            field: `${path}.port`, value: get.port,
            message: `${probeName} probes port ${port}, ${listener === undefined ? 'but' : 'where'} ${who} `
              + `${listener === undefined ? '' : 'serves plain gRPC, which answers no HTTP GET; it '}serves ${server.basis?.()}: the probe fails and the kubelet restarts the container`,
            fix: `probe ${advice}`,
          });
          continue;
        }
        const used = get.scheme === undefined || get.scheme === null ? 'HTTP' : get.scheme;
        if (used === scheme(listener)) continue;
        ctx.add(entry, 'probe-scheme', {
          field: `${path}.scheme`, ...(get.scheme === undefined ? {} : { value: get.scheme }),
          message: `${probeName} speaks ${formatValue(used)}${get.scheme === undefined ? ' (the default)' : ''} to port ${port}, but ${who} serves ${server.basis?.()}: `
            + 'the probe fails and the kubelet restarts the container',
          fix: `set ${probeName}.httpGet.scheme to ${scheme(listener)}`,
        });
      }
      list(c.spec.ports).forEach((raw, j) => {
        const port = obj(raw).containerPort;
        if (typeof port !== 'number' || listeners.some((l) => l.port === port)) return;
        ctx.add(entry, 'probe-scheme', {
          field: field(item(`${c.path}.ports`, j), 'containerPort'), value: port,
          message: `${containerLabel(c)} declares port ${port}, but ${server.name} serves ${server.basis?.()}: `
            + 'a Service or probe targeting the declared port gets connection refused',
          fix: `declare the ports it listens on instead (${listeners.map((l) => `${l.port}, ${l.grpcOnly ? 'plain gRPC' : scheme(l)}`).join('; ')})`,
        });
      });
    }
  }
}

/** Runs rule `apiservice-trust`. */
export function checkApiServiceTrust(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (entry.kind !== 'APIService' || entry.group !== 'apiregistration.k8s.io' || !ctx.reports(entry.index)) continue;
    const spec = obj(entry.json.spec);
    const ca = spec.caBundle;
    if (spec.insecureSkipTLSVerify !== true || ca === undefined || ca === null || ca === '') continue;
    ctx.add(entry, 'apiservice-trust', {
      field: 'spec.insecureSkipTLSVerify', value: true,
      message: 'spec.insecureSkipTLSVerify is true while spec.caBundle is set: the API server refuses the APIService '
        + '(kube-aggregator: "may not be true if caBundle is present")',
      fix: 'drop insecureSkipTLSVerify and keep the caBundle that signs the server\'s certificate (or drop the caBundle to skip verification)',
    });
  }
}
