// Run by .ci/run inside a fresh consumer project that installed the packed tarball:
// only the public API is reachable, and a NumaflowServer synthesizes through it.
'use strict';
const assert = require('assert');
const { App, Chart } = require('cdk8s');
const lib = require('cdk8s-tls-constructs');

assert.throws(() => require('cdk8s-tls-constructs/build/tls/trust'), /ERR_PACKAGE_PATH_NOT_EXPORTED|not defined by "exports"/);

const app = new App({ outdir: 'out' });
const chart = new Chart(app, 'smoke');
const server = new lib.NumaflowServer(chart, 'numaflow', { tls: lib.TlsMode.disabled() });
assert.strictEqual(server.endpoint.url(), 'http://numaflow-server.numaflow-system.svc:8080');
const yaml = app.synthYaml();
for (const expected of ['--insecure=true', '--port=8080', 'scheme: HTTP', 'kind: Service']) {
  assert.ok(yaml.includes(expected), `synthesized YAML lacks ${expected}`);
}
assert.throws(() => new lib.NumaflowServer(chart, 'bad', { tls: lib.TlsMode.fromSecret('x') }), lib.ValidationError);
console.log(`consumer smoke test: ${yaml.split('\n---\n').length} objects synthesized through the public API`);
