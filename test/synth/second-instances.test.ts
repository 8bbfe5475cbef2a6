import { Chart, Testing } from 'cdk8s';
import { checkManifests, Console, MetricsServer, NumaflowServer, ObjectStore, SecureAdmin, TlsMode, ValidationError } from '../../lib';
import { DATABASE, STORAGE, userSecrets } from '../support/flyte-invariants';
import { expectValid, testChart } from '../support/harness';

/** The shared test store (STORAGE: MinIO over http, keys from flyte-storage) as an ObjectStore. */
const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

// Acceptance 4 of the trust issue: a second instance of a construct in one App is either valid with
// no object emitted twice (cluster-scoped objects included), or refused clearly.

function refusedAtSynth(chart: Chart): ValidationError {
  try {
    Testing.synth(chart);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a refusal');
}

function expectNoDuplicates(objects: any[], namespaces: string[] = []): void {
  expect(checkManifests(objects).filter((f) => f.rule === 'duplicate')).toEqual([]);
  expectValid(objects, { external: namespaces.flatMap((ns) => userSecrets(ns)) });
}

const admin = (chart: Chart, id: string, namespace: string) =>
  new SecureAdmin(chart, id, { tls: TlsMode.disabled(), namespace, database: DATABASE, objectStore: OBJECT_STORE });

describe('two cluster-wide Numaflow servers', () => {
  test('in two namespaces: valid, each with its own ClusterRole and binding', () => {
    const chart = testChart();
    new NumaflowServer(chart, 'a', { tls: TlsMode.disabled(), namespace: 'team-a' });
    new NumaflowServer(chart, 'b', { tls: TlsMode.selfSigned(), namespace: 'team-b' });
    const objects = Testing.synth(chart);
    expectNoDuplicates(objects);
    const bindings = objects.filter((o) => o.kind === 'ClusterRoleBinding');
    expect(bindings.map((b) => [b.metadata.name, b.roleRef.name, b.subjects[0].namespace])).toEqual([
      ['team-a-numaflow-server-binding', 'team-a-numaflow-server-role', 'team-a'],
      ['team-b-numaflow-server-binding', 'team-b-numaflow-server-role', 'team-b'],
    ]);
  });

  test('in one namespace: refused, naming the object both emit', () => {
    const chart = testChart();
    new NumaflowServer(chart, 'a', { tls: TlsMode.disabled() });
    new NumaflowServer(chart, 'b', { tls: TlsMode.disabled() });
    const e = refusedAtSynth(chart);
    expect(e.errors.every((x) => /breaks rule duplicate/.test(x.message))).toBe(true);
    expect(e.message).toMatch(/ClusterRole\/numaflow-system-numaflow-server-role/);
  });
});

describe('two Admins', () => {
  test('in two namespaces: valid (ClusterRoles are <namespace>-flyteadmin)', () => {
    const chart = testChart();
    admin(chart, 'a', 'flyte');
    admin(chart, 'b', 'flyte-two');
    const objects = Testing.synth(chart);
    expectNoDuplicates(objects, ['flyte', 'flyte-two']);
    expect(objects.filter((o) => o.kind === 'ClusterRole').map((o) => o.metadata.name)).toEqual(['flyte-flyteadmin', 'flyte-two-flyteadmin']);
  });

  test('in one namespace: refused', () => {
    const chart = testChart();
    admin(chart, 'a', 'flyte');
    admin(chart, 'b', 'flyte');
    expect(refusedAtSynth(chart).message).toMatch(/Deployment\/flyte\/flyteadmin .*breaks rule duplicate/);
  });
});

describe('two Consoles of one Admin', () => {
  test('in one namespace: refused', () => {
    const chart = testChart();
    const a = admin(chart, 'admin', 'flyte');
    new Console(chart, 'one', { admin: a, publicOrigin: 'http://one.example.com' });
    new Console(chart, 'two', { admin: a, publicOrigin: 'http://two.example.com' });
    expect(refusedAtSynth(chart).message).toMatch(/Deployment\/flyte\/flyteconsole .*breaks rule duplicate/);
  });

  test('in two namespaces: valid, and the Admin allows both origins', () => {
    const chart = testChart();
    const a = admin(chart, 'admin', 'flyte');
    new Console(chart, 'one', { admin: a, publicOrigin: 'http://one.example.com' });
    new Console(chart, 'two', { admin: a, namespace: 'flyte-ui', publicOrigin: 'http://two.example.com' });
    expectNoDuplicates(Testing.synth(chart), ['flyte']);
    expect(a.allowedOrigins).toEqual(['http://one.example.com', 'http://two.example.com']);
  });
});

describe('two metrics-servers', () => {
  test.each([['kube-system', 'kube-system'], ['kube-system', 'monitoring']])('in %s and %s: refused, the APIService is global to the cluster', (nsA, nsB) => {
    const chart = testChart();
    new MetricsServer(chart, 'a', { tls: TlsMode.selfSigned(), namespace: nsA });
    new MetricsServer(chart, 'b', { tls: TlsMode.selfSigned(), namespace: nsB });
    const e = refusedAtSynth(chart);
    expect(e.message).toMatch(/APIService\/v1beta1\.metrics\.k8s\.io .*breaks rule duplicate/);
    expect(e.message).toMatch(/one per cluster|global/);
  });
});
