// Run by .ci/run inside a fresh consumer project that installed the packed tarball: only the public
// API is reachable, and all seven constructs synthesize through it.
'use strict';
const assert = require('assert');
const { App, Chart } = require('cdk8s');
const { ConfigMap, Secret } = require('cdk8s-plus-28');
const lib = require('cdk8s-tls-constructs');

assert.throws(() => require('cdk8s-tls-constructs/build/tls/trust'), /ERR_PACKAGE_PATH_NOT_EXPORTED|not defined by "exports"/);

const app = new App({ outdir: 'out' });
const chart = new Chart(app, 'smoke');
const { TlsMode, Trust } = lib;
const issued = TlsMode.certManager({ issuer: { name: 'cluster-ca' } });
const admin = new lib.SecureAdmin(chart, 'admin', {
  tls: issued, publicUrl: 'https://flyte.example.com',
  database: { host: 'postgres.flyte.svc', username: 'flyteadmin', passwordSecret: { secret: Secret.fromSecretName(chart, 'db-password', 'flyte-db'), key: 'password' } },
  objectStore: lib.ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' }),
});
new lib.Console(chart, 'console', { admin, publicOrigin: 'https://console.flyte.example.com' });
const store = lib.ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', credentials: { secret: Secret.fromSecretName(chart, 'storage-keys', 'flyte-storage') },
  trust: Trust.caFromConfigMap(ConfigMap.fromConfigMapName(chart, 'storage-ca', 'ca-bundle')) });
const template = new lib.FlytePodTemplate(chart, 'template', { objectStore: store });
new lib.CopilotPod(chart, 'task', {
  podTemplate: template, image: 'alpine:3.20',
});
const metrics = new lib.MetricsServer(chart, 'metrics', { tls: issued });
new lib.PodAutoscaler(chart, 'pa', {
  target: lib.ScaleTarget.fromServer(metrics), strategy: lib.ScalingStrategy.KPA, metric: { name: 'go_threads', targetValue: 20 }, maxReplicas: 4, aibrixVersion: 'v0.4.1',
});
const numaflow = new lib.NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
assert.strictEqual(numaflow.endpoint.url(), 'http://numaflow-server.numaflow-system.svc:8080');
assert.strictEqual(admin.clientConfig().endpoint, 'dns:///flyteadmin.flyte.svc:443');

const yaml = app.synthYaml();
for (const expected of ['--insecure=true', 'kind: PodAutoscaler', 'kind: APIService', 'kind: PodTemplate', 'kind: Certificate',
  'ADMIN_API_USE_SSL: https', 'https://console.flyte.example.com', '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics']) {
  assert.ok(yaml.includes(expected), `synthesized YAML lacks ${expected}`);
}
assert.throws(() => new lib.NumaflowServer(chart, 'bad', { tls: TlsMode.fromSecretName('x') }), lib.ValidationError);
// The Gateway API CRDs' CEL rules run from the tarball: the evaluator is a bundled dependency.
const cel = lib.checkManifests([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'n' },
  spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'svc' }] }] } }]).filter((f) => f.rule === 'gateway-api-cel');
assert.deepStrictEqual(cel.map((f) => f.field), ['spec.rules[0].backendRefs[0]']);
assert.match(cel[0].message, /^Must have port for Service reference/);
console.log(`consumer smoke test: ${yaml.split('\n---\n').length} objects from all seven constructs, through the public API`);
