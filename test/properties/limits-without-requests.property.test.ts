import * as fc from 'fast-check';
import { Console, MetricsServer, NumaflowServer, ObjectStore, SecureAdmin, TlsMode, ValidationError } from '../../lib';
import { parseQuantity } from '../../lib/rules/quantity';
import { DATABASE } from '../support/flyte-invariants';
import { expectValid, synth, testChart } from '../support/harness';
import { params } from './arbitraries';

// Class 8 of issue 23: limits without requests. Kubernetes sets an unset request to its limit;
// the constructs' default requests follow a user's lower limits the same way, and only requests
// the user gave above a limit are refused. Generated resources of every server, outcomes counted.

const CPU = ['5m', '10m', '50m', '100m', '250m', '500m', '1', '2'];
const MEMORY = ['16Mi', '32Mi', '50Mi', '100Mi', '200Mi', '500Mi', '1Gi', '2Gi'];
const quantities = fc.record({ cpu: fc.option(fc.constantFrom(...CPU), { nil: undefined }), memory: fc.option(fc.constantFrom(...MEMORY), { nil: undefined }) });

/** Each server, its defaults (the component's stated resources) and how to build it. */
const SERVERS = [
  { name: 'NumaflowServer', deployment: 'numaflow-server', defaults: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '500m', memory: '1024Mi' } },
    build: (resources: any) => { const c = testChart(); new NumaflowServer(c, 'x', { tls: TlsMode.disabled(), resources }); return c; } },
  { name: 'SecureAdmin', deployment: 'flyteadmin', defaults: { requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '250m', memory: '500Mi' } },
    build: (resources: any) => { const c = testChart(); new SecureAdmin(c, 'x', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ObjectStore.s3({ bucket: 'flyte-data' }), resources }); return c; } },
  { name: 'Console', deployment: 'flyteconsole', defaults: { requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '500m', memory: '250Mi' } },
    build: (resources: any) => {
      const c = testChart();
      new Console(c, 'x', { admin: new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ObjectStore.s3({ bucket: 'flyte-data' }) }), resources });
      return c;
    } },
  { name: 'MetricsServer', deployment: 'metrics-server', defaults: { requests: { cpu: '100m', memory: '200Mi' }, limits: undefined as any },
    build: (resources: any) => { const c = testChart(); new MetricsServer(c, 'x', { tls: TlsMode.selfSigned(), resources }); return c; } },
];

const defined = (q: any) => (q === undefined ? undefined : Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)));

test('limits without requests lower the default requests; only requests the user gave above a limit are refused', () => {
  const seen = { refused: 0, accepted: 0, lowered: 0 };
  fc.assert(fc.property(fc.constantFrom(...SERVERS), fc.option(quantities, { nil: undefined }), fc.option(quantities, { nil: undefined }), (server, requests, limits) => {
    const user = { requests: defined(requests), limits: defined(limits) };
    const effectiveLimits: any = user.limits ?? server.defaults.limits ?? {};
    const above = (r: any) => Object.entries(r ?? {}).some(([k, v]) => effectiveLimits[k] !== undefined && parseQuantity(v)! > parseQuantity(effectiveLimits[k])!);
    let chart;
    try {
      chart = server.build(requests === undefined && limits === undefined ? undefined : user);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).errors[0].prop).toMatch(/^resources\.requests\./);
      expect(user.requests !== undefined && above(user.requests)).toBe(true);
      seen.refused++;
      return;
    }
    expect(user.requests !== undefined && above(user.requests)).toBe(false);
    const objects = synth(chart);
    expectValid(objects, { external: ['Secret/flyte/flyte-db'] });
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === server.deployment);
    const got = deployment.spec.template.spec.containers[0].resources;
    for (const [k, limit] of Object.entries(got.limits ?? {})) {
      if (got.requests?.[k] !== undefined) expect(parseQuantity(got.requests[k])!).toBeLessThanOrEqual(parseQuantity(limit)!);
    }
    if (user.requests) expect(got.requests).toEqual(Object.keys(user.requests).length ? user.requests : undefined);
    if (!user.requests && user.limits) {
      // Each default request, lowered to the user's limit where it was above it.
      const expected: any = {};
      for (const [k, v] of Object.entries(server.defaults.requests)) {
        const limit = (user.limits as any)[k];
        expected[k] = limit !== undefined && parseQuantity(v)! > parseQuantity(limit)! ? limit : v;
        if (expected[k] !== v) seen.lowered++;
      }
      expect(got.requests).toEqual(expected);
    }
    seen.accepted++;
  }), params);
  console.log(`resources: ${seen.accepted} accepted (${seen.lowered} default requests lowered to a limit), ${seen.refused} refused (requests given above a limit)`);
  expect(seen.lowered).toBeGreaterThan(0);
  expect(seen.refused).toBeGreaterThan(0);
});
