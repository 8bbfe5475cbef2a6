import { fullStack } from '../../bench/full-stack';
import * as fs from 'fs';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { MetricsServer, NumaflowServer, ObjectStore, SecureAdmin, synthStacks, TlsMode, ValidationError, writeStacks } from '../../lib';
import { DATABASE, STORAGE } from '../support/flyte-invariants';
import { refusalOf, testApp, testChart } from '../support/harness';
import { tempDir } from '../support/temp-dirs';
import { OutputPass } from '../../lib/synth/output-pass';

/** The shared test store (STORAGE: MinIO over http, keys from flyte-storage) as an ObjectStore. */
const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

// The synth-time pass checks the final JSON of every object the library emits, after every
// escape-hatch patch, and reaches every caller as a ValidationError.

const caught = refusalOf;

function numaflow(chart = testChart(), props = {}) {
  const server = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), ...props });
  return { chart, server, deployment: server.deployment };
}

describe('escape hatches are checked after they apply', () => {
  test('a JSON patch that breaks the container port of a synthesized Deployment is refused at synth', () => {
    const { chart, deployment } = numaflow();
    expect(() => Testing.synth(chart)).not.toThrow();
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/ports/0/name', 'web'));
    const e = caught(() => Testing.synth(chart));
    expect(e.path).toBe('test/nf/Workload/Deployment');
    expect(e.errors.map((x) => x.prop)).toEqual(expect.arrayContaining([
      'spec.template.spec.containers[0].livenessProbe.httpGet.port',
      'spec.template.spec.containers[0].readinessProbe.httpGet.port',
    ]));
    expect(e.message).toMatch(/breaks rule probe-port/);
  });

  test('a patch that moves the probe to another port breaks the server\'s TLS consistency', () => {
    const { chart, deployment } = numaflow();
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/livenessProbe/httpGet/scheme', 'HTTPS'));
    const e = caught(() => Testing.synth(chart));
    expect(e.errors[0]).toMatchObject({ prop: 'spec.template.spec.containers[0].livenessProbe.httpGet.scheme', value: 'HTTPS' });
    expect(e.errors[0].message).toMatch(/breaks rule probe-scheme/);
  });

  test('a patch whose path does not exist is a refusal of that object, not a crash', () => {
    const { chart, deployment } = numaflow();
    deployment.addJsonPatch(JsonPatch.replace('/spec/nope/deeper', 1));
    const e = caught(() => Testing.synth(chart));
    expect(e).toMatchObject({ path: 'test/nf/Workload/Deployment', prop: 'toJson' });
    expect(e.message).toMatch(/cannot be rendered/);
  });

  test('direct edits of exposed objects are checked: an invalid label, a privileged container, requests above limits', () => {
    const { chart, server, deployment } = numaflow();
    server.service.metadata.addLabel('not a key!', 'x');
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true));
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/resources/requests/cpu', '2'));
    const rules = caught(() => Testing.synth(chart)).errors.map((e) => /breaks rule ([a-z-]+)/.exec(e.message)?.[1]);
    expect(rules).toEqual(expect.arrayContaining(['labels', 'restricted', 'resources']));
  });

  test('every synth path gives the same ValidationError: Testing.synth, app.synth, app.synthYaml', () => {
    const app = new App({ outdir: tempDir('pass-') });
    const { deployment } = numaflow(new Chart(app, 'c'));
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
    for (const run of [() => app.synth(), () => app.synthYaml(), () => Testing.synth(app.node.findChild('c') as Chart)]) {
      expect(caught(run).message).toMatch(/^c\/nf\/Workload\/Deployment: spec\.template\.spec .* breaks rule restricted \(hostnamespaces\): spec\.hostNetwork=true/);
    }
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });
});

describe('rendering', () => {
  test('each object of all seven constructs is rendered once by the pass per synth, and once more by cdk8s (toJson is its own); the output is the checked rendering', () => {
    const app = testApp();
    const chart = fullStack(app, 'stack');
    const original = ApiObject.prototype.toJson;
    const renders = new Map<string, number>();
    const spy = jest.spyOn(ApiObject.prototype, 'toJson').mockImplementation(function (this: ApiObject) {
      renders.set(this.node.path, (renders.get(this.node.path) ?? 0) + 1);
      return original.call(this);
    });
    // Renders per object: the pass's, cdk8s's for the output, and, for a ConfigMap a Deployment
    // reads for its checksum, cdk8s's rendering of that Deployment (the pass's reads its own).
    const expected = (objects: any[]) => {
      const checksummed = new Set(objects.flatMap((o) => Object.keys(o.spec?.template?.metadata?.annotations ?? {})
        .filter((k) => k.startsWith('checksum/')).map((k) => `${o.metadata.namespace}/${k.slice('checksum/'.length)}`)));
      return objects.map((o) => (o.kind === 'ConfigMap' && checksummed.has(`${o.metadata.namespace}/${o.metadata.name}`) ? 3 : 2));
    };
    try {
      const objects = Testing.synth(chart);
      expect(new Set(objects.map((o: any) => o.kind))).toEqual(new Set([
        'Certificate', 'ConfigMap', 'ServiceAccount', 'Deployment', 'Service', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding',
        'APIService', 'PodTemplate', 'Pod', 'PodAutoscaler', 'Secret',
      ]));
      expect(renders.size).toBe(objects.length);
      expect(expected(objects)).toContain(3);
      expect([...renders.values()]).toEqual(expected(objects));
      const checked = OutputPass.of(chart).rendered.map((r) => r.json);
      expect(objects).toEqual(checked);
      renders.clear();
      // app.synthYaml validates the App, then again for each chart: the pass checks it once.
      app.synthYaml();
      expect([...renders.values()]).toEqual(expected(objects));
      renders.clear();
      Testing.synth(chart); // a second synth renders afresh
      expect([...renders.values()]).toEqual(expected(objects));
    } finally {
      spy.mockRestore();
    }
  });

  test('a change between two synths is seen by the second (no stale rendering)', () => {
    const chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
    const before = Testing.synth(chart).find((o) => o.kind === 'ConfigMap').data['server.yaml'];
    admin.allowOrigin('https://late.example.com');
    const after = Testing.synth(chart).find((o) => o.kind === 'ConfigMap').data['server.yaml'];
    expect(before).not.toContain('late.example.com');
    expect(after).toContain('https://late.example.com');
  });
});

describe('scope of the checks', () => {
  test('a user\'s own objects are context: not held to restricted, but a clash with ours is a duplicate', () => {
    const chart = testChart();
    numaflow(chart);
    new k8s.KubePod(chart, 'mine', { metadata: { name: 'privileged' }, spec: { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] } });
    expect(() => Testing.synth(chart)).not.toThrow();
    new k8s.KubeServiceAccount(chart, 'clash', { metadata: { name: 'numaflow-server-sa', namespace: 'numaflow-system' } });
    const e = caught(() => Testing.synth(chart));
    expect(e.message).toMatch(/breaks rule duplicate/);
  });

  test('several refusals reach the caller as one ValidationError that carries each', () => {
    const chart = testChart();
    const { deployment } = numaflow(chart);
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/hostPID', true), JsonPatch.add('/metadata/labels/bad key', 'x'));
    const e = caught(() => Testing.synth(chart));
    expect(e.errors.length).toBeGreaterThanOrEqual(2);
    expect(e.message).toMatch(/^\d+ refusals:\n- /);
    expect(e.errors.every((x) => x instanceof ValidationError && x.errors.length === 1)).toBe(true);
    expect(e.path).toBe(e.errors[0].path);
  });
});

describe('stacks share one cluster', () => {
  const adminStack = (id: string, namespace: string) => ({
    id,
    createChart: (scope: Construct, chartId: string) => {
      const chart = new Chart(scope, chartId);
      new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), namespace, database: DATABASE, objectStore: OBJECT_STORE });
      return chart;
    },
  });

  test('two stacks that emit one object are refused, naming both', () => {
    const e = caught(() => synthStacks([adminStack('a', 'flyte'), adminStack('b', 'flyte')]));
    expect(e.errors.length).toBeGreaterThan(1);
    expect(e.errors[0].message).toMatch(/breaks rule duplicate/);
    expect(e.message).toMatch(/ClusterRole\/flyte-flyteadmin/);
    expect(() => synthStacks([adminStack('a', 'flyte'), adminStack('b', 'flyte-two')])).not.toThrow();
  });

  test('writeStacks writes nothing when any stack is refused', () => {
    const dir = tempDir('stacks-');
    expect(() => writeStacks([adminStack('a', 'flyte'), adminStack('b', 'flyte')], { outdir: dir })).toThrow(ValidationError);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a second metrics-server is refused even in another stack: the APIService is global', () => {
    const ms = (id: string, namespace: string) => ({
      id,
      createChart: (scope: Construct, chartId: string) => {
        const chart = new Chart(scope, chartId);
        new MetricsServer(chart, 'ms', { tls: TlsMode.selfSigned(), namespace });
        return chart;
      },
    });
    const e = caught(() => synthStacks([ms('a', 'kube-system'), ms('b', 'monitoring')]));
    expect(e.message).toMatch(/APIService\/v1beta1\.metrics\.k8s\.io/);
  });
});
