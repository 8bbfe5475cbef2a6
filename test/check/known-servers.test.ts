// The derivation runs one way: where a construct rendered a server, the synth-time pass takes what
// its plan derived (the listeners of its ports) instead of reading back the flags and config it
// wrote; it reads them only where the emitted objects differ from what was rendered (a patch).
// The plan's facts must be what the rules read from the same objects: checked here for every
// server construct in every TLS mode it takes.
import { Chart, JsonPatch, Testing } from 'cdk8s';
import { Console, MetricsServer, NumaflowServer, ObjectStore, SecureAdmin, TlsMode, Trust } from '../../lib';
import { CheckContext, readEntry } from '../../lib/rules/context';
import { renderedServerOf, serverOf } from '../../lib/rules/servers';
import { passRegistry } from '../../lib/synth-pass';
import { DATABASE } from '../support/flyte-invariants';
import { testChart } from '../support/harness';
import { CA } from '../bad-input-case';

const STORE = ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' });
const ISSUED = TlsMode.certManager({ issuer: { name: 'ca' } });

/** Each server construct in each mode it takes. */
const STACKS: [string, (chart: Chart) => void][] = [
  ['Admin and Console, TLS off', (c) => new Console(c, 'console', { admin: new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: STORE }) })],
  ['Admin and Console, cert-manager', (c) => new Console(c, 'console', { admin: new SecureAdmin(c, 'admin', { tls: ISSUED, database: DATABASE, objectStore: STORE }) })],
  ['Admin from a Secret, with an origin', (c) => new Console(c, 'console', {
    admin: new SecureAdmin(c, 'admin', { tls: TlsMode.fromSecretName('flyte-tls', { trust: Trust.caPem(CA) }), database: DATABASE, objectStore: STORE }),
    publicOrigin: 'https://console.example.com',
  })],
  ['Numaflow, TLS off', (c) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), corsAllowedOrigins: ['https://ui.example.com'] })],
  ['Numaflow, self-signed', (c) => new NumaflowServer(c, 'nf', { tls: TlsMode.selfSigned() })],
  ['metrics-server, self-signed', (c) => new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() })],
  ['metrics-server, cert-manager, port 4443', (c) => new MetricsServer(c, 'ms', { tls: ISSUED, securePort: 4443 })],
];

/** The server of each library Deployment, read from the objects with and without what the constructs rendered. */
function servers(chart: Chart, objects: any[]) {
  const known = passRegistry(chart).knownServers;
  const entries = objects.map((o, i) => readEntry(o, i, undefined)!);
  const [withKnown, parsed] = [new CheckContext(entries, objects.length, undefined, undefined, known), new CheckContext(entries, objects.length, undefined)];
  return entries.filter((e) => e.kind === 'Deployment').map((e) => {
    const main = e.pod!.containers.find((c) => c.spec.name === 'main' || c.list === 'containers')!;
    return {
      deployment: e.name,
      rendered: renderedServerOf(known, main.spec, e.pod!.spec.volumes) !== undefined,
      known: serverOf(withKnown, e, main),
      parsed: serverOf(parsed, e, main),
    };
  });
}

describe.each(STACKS)('%s', (_name, build) => {
  test('the plan\'s listeners are what the rules read from the emitted objects, and the pass takes the plan\'s', () => {
    const chart = testChart();
    build(chart);
    const found = servers(chart, Testing.synth(chart));
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) {
      expect(s.rendered).toBe(true);
      expect(s.parsed?.listeners).toBeDefined();
      expect(s.known).toEqual({ ...s.parsed, basis: expect.any(Function) });
      expect(s.known!.basis!()).toBe(s.parsed!.basis!());
    }
  });
});

test('a patched flag is read from the objects: the plan\'s listeners no longer hold', () => {
  const chart = testChart();
  const nf = new NumaflowServer(chart, 'nf', { tls: TlsMode.selfSigned() });
  const args: string[] = Testing.synth(chart).find((o: any) => o.kind === 'Deployment').spec.template.spec.containers[0].args;
  nf.deployment.addJsonPatch(JsonPatch.replace(`/spec/template/spec/containers/0/args/${args.indexOf('--port=8443')}`, '--port=9443'));
  const chart2 = chart;
  const objects = (() => {
    try {
      return Testing.synth(chart2);
    } catch (e) {
      return (e as Error).message;
    }
  })();
  // The pass read the patched flag: the probe now targets a port the server does not listen on.
  expect(objects).toMatch(/breaks rule probe-scheme/);
});

test('a patched config file is read from the objects', () => {
  const chart = testChart();
  const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: STORE });
  const data = Testing.synth(chart).find((o: any) => o.kind === 'ConfigMap' && o.metadata.name === admin.configMap.name).data;
  const file = Object.keys(data).find((f) => data[f].includes('httpPort'))!;
  admin.configMap.addJsonPatch(JsonPatch.replace(`/data/${file}`, data[file].replace(/httpPort: 8088/, 'httpPort: 9088')));
  expect(() => Testing.synth(chart)).toThrow(/breaks rule probe-scheme/);
});
