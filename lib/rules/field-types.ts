/**
 * Rule `field-type`: the JSON types of the fields the other rules read (replica counts, container
 * and Service ports, probe settings). The API server decodes them into typed Go fields and refuses
 * the object when a number is a string or has a fraction (`replicas: 1.5`, `containerPort: "8080"`);
 * an escape hatch (`addJsonPatch`) writes such values unchecked. Quantities are rule `resources`'.
 */
import { formatValue } from '../errors';
import { kindOf } from '../props/prop-types';
import { Json, list, obj } from './json';
import { CheckContext, ObjectEntry } from './context';

/** Kinds with `spec.replicas` (int32). */
const REPLICA_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
/** Probe fields of Go type int32 (`terminationGracePeriodSeconds` is an int64). */
const PROBE_INTEGERS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'];
const INT32_MAX = 2147483647;
const REFUSED = 'the API server decodes it into a typed field and refuses the object';

type Check = (value: unknown) => string | undefined;

const integer = (min: number, max = INT32_MAX): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `an integer from ${min} to ${max}`;
const port = integer(1, 65535);
/** An IntOrString port: an integer port, or a port name (a string). */
const intOrString: Check = (v) => (typeof v === 'string' ? undefined : port(v) && 'a port number from 1 to 65535 or a port name (a string)');
const string: Check = (v) => (typeof v === 'string' ? undefined : 'a string');
const scheme: Check = (v) => (v === 'HTTP' || v === 'HTTPS' ? undefined : '"HTTP" or "HTTPS"');

/** Runs rule `field-type` on every reported object. */
export function checkFieldTypes(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (!ctx.reports(entry.index)) continue;
    const spec = obj(entry.json.spec);
    if (REPLICA_KINDS.has(entry.kind)) field(ctx, entry, 'spec.replicas', spec.replicas, integer(0));
    if (entry.group === 'autoscaling.aibrix.ai' && entry.kind === 'PodAutoscaler') {
      field(ctx, entry, 'spec.minReplicas', spec.minReplicas, integer(0));
      field(ctx, entry, 'spec.maxReplicas', spec.maxReplicas, integer(1));
    }
    if (entry.kind === 'Service' && entry.group === '') {
      list(spec.ports).forEach((p, i) => {
        const at = `spec.ports[${i}]`;
        field(ctx, entry, `${at}.port`, obj(p).port, port);
        field(ctx, entry, `${at}.targetPort`, obj(p).targetPort, intOrString);
        field(ctx, entry, `${at}.nodePort`, obj(p).nodePort, port);
      });
    }
    for (const c of entry.pod?.containers ?? []) {
      list(c.spec.ports).forEach((p, i) => {
        field(ctx, entry, `${c.path}.ports[${i}].containerPort`, obj(p).containerPort, port);
        field(ctx, entry, `${c.path}.ports[${i}].hostPort`, obj(p).hostPort, port);
      });
      for (const name of PROBES) probe(ctx, entry, `${c.path}.${name}`, c.spec[name]);
    }
  }
}

function probe(ctx: CheckContext, entry: ObjectEntry, at: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const p: Json = obj(value);
  for (const name of PROBE_INTEGERS) field(ctx, entry, `${at}.${name}`, p[name], integer(name === 'initialDelaySeconds' || name === 'terminationGracePeriodSeconds' ? 0 : 1));
  const get = obj(p.httpGet);
  if (p.httpGet !== undefined) {
    field(ctx, entry, `${at}.httpGet.port`, get.port, intOrString);
    field(ctx, entry, `${at}.httpGet.path`, get.path, string);
    field(ctx, entry, `${at}.httpGet.scheme`, get.scheme, scheme);
  }
  if (p.tcpSocket !== undefined) field(ctx, entry, `${at}.tcpSocket.port`, obj(p.tcpSocket).port, intOrString);
  if (p.grpc !== undefined) field(ctx, entry, `${at}.grpc.port`, obj(p.grpc).port, port);
}

/** Reports `value` at `path` unless it is unset or passes `check`. */
function field(ctx: CheckContext, entry: ObjectEntry, path: string, value: unknown, check: Check): void {
  if (value === undefined || value === null) return;
  const wanted = check(value);
  if (wanted === undefined) return;
  ctx.add(entry, 'field-type', {
    field: path, value,
    message: `${path} is ${formatValue(value)} (${kindOf(value)}), where the API wants ${wanted}: ${REFUSED}`,
    fix: `set ${path.split('.').pop()} to ${wanted}`,
  });
}
