import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  checkManifests, checkRestricted, Console, CopilotPod, Endpoint, FlytePodTemplate, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy,
  SecureAdmin, TlsMode, ValidationError,
} from '../../lib';
import { formatValue } from '../../lib/errors';
import { ADMIN_STORE } from '../bad-input-case';
import { DATABASE } from '../support/flyte-invariants';
import { testChart } from '../support/harness';
import { params, RUNS } from './arbitraries';

// Class 7 of issue 23: a refusal names the prop that caused it, once. Tables of every entry point
// and every construct generate the cases; each refusal is checked for the prop it names and the
// form of its message. Outcomes are counted.

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (e) {
    if (e instanceof ValidationError) return e.errors[0];
    throw e;
  }
  throw new Error('not refused');
}

const admin = (c: Chart, id = 'admin', props: any = {}) => new SecureAdmin(c, id, { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE, ...props });
const STORE = ObjectStore.s3({ bucket: 'flyte-data' });

/** Every entry point whose props can be null or unset as a whole, and the one prop it needs most. */
const ENTRY_POINTS: { name: string; prop: string; call: (c: Chart, props: any) => unknown }[] = [
  { name: 'NumaflowServer', prop: 'tls', call: (c, p) => new NumaflowServer(c, 'x', p) },
  { name: 'MetricsServer', prop: 'tls', call: (c, p) => new MetricsServer(c, 'x', p) },
  { name: 'SecureAdmin', prop: 'tls', call: (c, p) => new SecureAdmin(c, 'x', p) },
  { name: 'Console', prop: 'admin', call: (c, p) => new Console(c, 'x', p) },
  { name: 'FlytePodTemplate', prop: 'objectStore', call: (c, p) => new FlytePodTemplate(c, 'x', p) },
  { name: 'CopilotPod', prop: 'image', call: (c, p) => new CopilotPod(c, 'x', p) },
  { name: 'PodAutoscaler', prop: 'target', call: (c, p) => new PodAutoscaler(c, 'x', p) },
  { name: 'ObjectStore.s3', prop: 'bucket', call: (_c, p) => ObjectStore.s3(p) },
  { name: 'ObjectStore.minio', prop: 'bucket', call: (_c, p) => ObjectStore.minio(p) },
  { name: 'TlsMode.certManager', prop: 'issuer.name', call: (_c, p) => TlsMode.certManager(p) },
  { name: 'Endpoint', prop: 'mode', call: (_c, p) => new Endpoint(p) },
  { name: 'exposeViaGateway', prop: 'listener', call: (c, p) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }).exposeViaGateway(p) },
];

test('props null or unset as a whole: refused as the one prop the entry point needs, not a list of every prop', () => {
  const counts: { [name: string]: number } = {};
  for (const entry of ENTRY_POINTS) {
    for (const props of [undefined, null]) {
      const e = refusal(() => entry.call(testChart(), props));
      expect({ entry: entry.name, prop: e.prop }).toEqual({ entry: entry.name, prop: entry.prop });
      expect(e.message).toMatch(new RegExp(`: ${entry.prop.replace('.', '\\.')} \\(unset\\) is not allowed: .*(${entry.prop} is )?required`));
      // The allowed part describes the one prop: it lists no other prop name.
      expect(e.allowed.length).toBeLessThan(120);
      counts[entry.name] = (counts[entry.name] ?? 0) + 1;
    }
  }
  // Entry points whose props are all optional accept null and undefined (defaults).
  for (const accept of [() => checkManifests([], undefined), () => checkRestricted([], undefined)]) expect(accept).not.toThrow();
  console.log(`props null or unset: ${Object.values(counts).reduce((a, b) => a + b, 0)} refusals, each naming its prop (${ENTRY_POINTS.map((e) => `${e.name} → ${e.prop}`).join(', ')})`);
});

/** Props of a run-time type, and constructs to give them to. */
const TYPED_PROPS: { name: string; prop: string; call: (c: Chart, value: unknown) => unknown }[] = [
  ...['readonly', 'disableAuth', 'namespaced', 'adminEnabled'].map((prop) => ({ name: `NumaflowServer.${prop}`, prop, call: (c: Chart, v: unknown) => new NumaflowServer(c, 'x', { tls: TlsMode.disabled(), [prop]: v }) })),
  { name: 'MetricsServer.kubeletInsecureTls', prop: 'kubeletInsecureTls', call: (c, v) => new MetricsServer(c, 'x', { tls: TlsMode.selfSigned(), kubeletInsecureTls: v as any }) },
  { name: 'SecureAdmin.useAuth', prop: 'useAuth', call: (c, v) => admin(c, 'x', { useAuth: v }) },
  { name: 'CopilotPod.allowPtrace', prop: 'allowPtrace', call: (c, v) => new CopilotPod(c, 'x', { image: 'alpine:3.20', objectStore: STORE, allowPtrace: v as any }) },
  { name: 'NumaflowServer.replicas', prop: 'replicas', call: (c, v) => new NumaflowServer(c, 'x', { tls: TlsMode.disabled(), replicas: v as any }) },
  { name: 'NumaflowServer.namespace', prop: 'namespace', call: (c, v) => new NumaflowServer(c, 'x', { tls: TlsMode.disabled(), namespace: v as any }) },
  { name: 'NumaflowServer.extraArgs', prop: 'extraArgs', call: (c, v) => new NumaflowServer(c, 'x', { tls: TlsMode.disabled(), extraArgs: v as any }) },
  { name: 'NumaflowServer.labels', prop: 'labels', call: (c, v) => new NumaflowServer(c, 'x', { tls: TlsMode.disabled(), labels: v as any }) },
];

test('a value of the wrong type: the reason says what it is, the allowed part what to use, and neither repeats the other', () => {
  let refused = 0;
  const wrong = fc.constantFrom<unknown>('false', 'true', 'yes', 1, 0, 1.5, NaN, [], ['x', 1], {}, { a: 1 }, 'x');
  fc.assert(fc.property(fc.constantFrom(...TYPED_PROPS), wrong, (entry, value) => {
    let e: ValidationError;
    try {
      entry.call(testChart(), value);
      return; // a value of the right type (a string for namespace, a list for extraArgs ...) may pass or fail on its merits
    } catch (x) {
      if (!(x instanceof ValidationError)) throw x;
      e = x.errors[0];
    }
    refused++;
    expect(e.prop.startsWith(entry.prop)).toBe(true);
    const reason = e.message.slice(`${e.path}: ${e.prop} ${formatValue(e.value)} is not allowed: `.length, e.message.lastIndexOf(`; use ${e.allowed}`));
    expect(reason).not.toContain(e.allowed);
    expect(e.message.split(e.allowed).length).toBe(2);
  }), { ...params, numRuns: RUNS });
  console.log(`wrong types: ${refused} refusals, none repeating the allowed type`);
  expect(refused).toBeGreaterThan(RUNS / 2);
});

test('two constructs emitting one object: refused as the prop that names it, on the second construct', () => {
  const rows: { name: string; build: (c: Chart) => void; path: string; prop: string }[] = [
    { name: 'two Admins', build: (c) => { admin(c, 'a1'); admin(c, 'a2'); }, path: 'a2', prop: 'namespace' },
    { name: 'two Numaflow servers', build: (c) => { new NumaflowServer(c, 'n1', { tls: TlsMode.disabled() }); new NumaflowServer(c, 'n2', { tls: TlsMode.disabled() }); }, path: 'n2', prop: 'namespace' },
    { name: 'two Consoles', build: (c) => { const a = admin(c); new Console(c, 'k1', { admin: a }); new Console(c, 'k2', { admin: a, publicOrigin: 'http://localhost:8081' }); }, path: 'k2', prop: 'namespace' },
    { name: 'two templates', build: (c) => { new FlytePodTemplate(c, 't1', { objectStore: STORE, name: 'tpl' }); new FlytePodTemplate(c, 't2', { objectStore: STORE, name: 'tpl' }); }, path: 't2', prop: 'name' },
    { name: 'two pods', build: (c) => {
      const podTemplate = new FlytePodTemplate(c, 't', { objectStore: STORE });
      new CopilotPod(c, 'p1', { image: 'a', podTemplate, name: 'job' }); new CopilotPod(c, 'p2', { image: 'a', podTemplate, name: 'job' });
    }, path: 'p2', prop: 'name' },
    { name: 'two Certificates into one Secret', build: (c) => {
      const tls = TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'shared-tls' });
      admin(c, 'a1', { tls });
      new MetricsServer(c, 'ms', { tls, namespace: 'flyte' });
    }, path: 'ms', prop: 'tls' },
  ];
  for (const row of rows) {
    const chart = testChart();
    row.build(chart);
    const e = refusal(() => Testing.synth(chart));
    expect({ row: row.name, path: e.path, prop: e.prop }).toEqual({ row: row.name, path: `test/${row.path}`, prop: row.prop });
  }
  console.log(`duplicates: ${rows.length} refusals, each naming the second construct's prop`);
});

test('autoscalers: a second one on a target is refused as its target, whatever the names', () => {
  const seen = { refused: 0 };
  fc.assert(fc.property(fc.option(fc.constantFrom('a', 'b', 'numaflow-server'), { nil: undefined }), fc.option(fc.constantFrom('a', 'c'), { nil: undefined }), (n1, n2) => {
    const chart = testChart();
    const target = new NumaflowServer(chart, 't', { tls: TlsMode.disabled() });
    const common = { strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 };
    new PodAutoscaler(chart, 'p1', { target: ScaleTarget.fromServer(target), name: n1, ...common });
    new PodAutoscaler(chart, 'p2', { target: ScaleTarget.fromServer(target), name: n2, ...common });
    const e = refusal(() => Testing.synth(chart));
    expect({ path: e.path, prop: e.prop }).toEqual({ path: 'test/p2', prop: 'target' });
    seen.refused++;
  }), { ...params, numRuns: Math.ceil(RUNS / 4) });
  console.log(`autoscalers of one target: ${seen.refused} refused as target`);
});

test('a CopilotPod named like a copilot container of its Flyte version is refused as its name', () => {
  const seen = { accepted: 0, refused: 0 };
  fc.assert(fc.property(fc.constantFrom('v1.13.3', 'v1.14.0', 'v1.15.3', 'v1.16.8'), fc.constantFrom('flyte-copilot-downloader', 'flyte-copilot-uploader', 'flyte-copilot-sidecar', 'copilot-task'), (flyteVersion, name) => {
    const native = flyteVersion === 'v1.16.8';
    const uploader = flyteVersion < 'v1.14.0' ? 'flyte-copilot-sidecar' : 'flyte-copilot-uploader';
    const clash = name === 'flyte-copilot-downloader' || name === uploader;
    const chart = testChart();
    const podTemplate = new FlytePodTemplate(chart, 't', { objectStore: STORE, flyteVersion });
    try {
      new CopilotPod(chart, 'task', { image: 'alpine:3.20', podTemplate, name, allowPtrace: !native || undefined });
    } catch (e) {
      // Flyte before v1.14 has no init-container templates: such pods are refused as their template, whatever their name.
      expect({ name, refusedAs: (e as ValidationError).errors[0].prop }).toEqual({ name, refusedAs: clash ? 'name' : 'podTemplate' });
      seen.refused++;
      return;
    }
    expect(clash).toBe(false);
    seen.accepted++;
  }), { ...params, numRuns: Math.ceil(RUNS / 2) });
  console.log(`CopilotPod names: ${seen.accepted} accepted, ${seen.refused} refused as name`);
  expect(seen.refused).toBeGreaterThan(0);
});
