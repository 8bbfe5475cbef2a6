import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { expectValid } from '../support/harness';
import { tempDir } from '../support/temp-dirs';

// The committed outputs: dist/ (one YAML per stack + kustomization.yaml), its kustomize build, and
// the Helm packaging of the same app.
const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const manifests = fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml')).sort();
const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o);
const objectsOf = (file: string) => parse(fs.readFileSync(path.join(dist, file), 'utf8'));
const allObjects = manifests.flatMap(objectsOf);
const alternatives = fs.readdirSync(path.join(dist, 'alternatives')).filter((f) => f.endsWith('.k8s.yaml')).sort().map((f) => `alternatives/${f}`);
const key = (o: any) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Secrets the example stacks name in props (created outside the stacks). */
const EXTERNAL: { [file: string]: string[] } = {
  'flyte-tls.k8s.yaml': ['Secret/flyte/flyte-tls', 'Secret/flyte/flyte-db'],
  'flyte-cert-manager.k8s.yaml': ['Secret/flyte-cm/flyte-db'],
  'flyte-plain.k8s.yaml': ['Secret/flyte-dev/flyte-db', 'Secret/flyte-dev/flyte-storage'],
  'copilot-template.k8s.yaml': ['ConfigMap/flyte/my-cert-bundle'],
  'copilot-task.k8s.yaml': ['ConfigMap/flyte/my-cert-bundle', 'Secret/flyte/flyte-storage'],
};

test('dist/ holds the example app output and a kustomization listing every manifest', () => {
  expect(manifests.length).toBeGreaterThan(0);
  const kustomization = parse(fs.readFileSync(path.join(dist, 'kustomization.yaml'), 'utf8'))[0];
  expect(kustomization.resources).toEqual(manifests);
});

test.each([...manifests, ...alternatives])('%s passes expectValid', (file) => {
  expectValid(objectsOf(file), { external: EXTERNAL[file] ?? [] });
});

test('the stacks of dist/ can share one cluster: no object is emitted twice', () => {
  const keys = allObjects.map(key);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
});

test('every namespace the stacks use exists on a fresh cluster (kube-system) or is created, enforcing restricted', () => {
  const created = allObjects.filter((o) => o.kind === 'Namespace');
  const used = [...new Set(allObjects.map((o) => o.metadata.namespace).filter((n) => n))].sort();
  expect(used.filter((n) => n !== 'kube-system')).toEqual(created.map((o) => o.metadata.name).sort());
  for (const ns of created) expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
});

test('the alternatives replace a stack of the cluster (same kinds), and hold every metrics-server mode', () => {
  expect(alternatives).toEqual(['alternatives/metrics-cert-manager.k8s.yaml']);
  const certManager = objectsOf('alternatives/metrics-cert-manager.k8s.yaml');
  expect(certManager.find((o) => o.kind === 'APIService').metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': 'kube-system/metrics-server' });
  expect(certManager.map((o) => o.kind)).toEqual(expect.arrayContaining(['Certificate', 'PodAutoscaler']));
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const kustomizeTest = kubectl.status === 0 ? test : test.skip;
if (kubectl.status !== 0) console.log('kubectl not on PATH: skipping the `kubectl kustomize dist` test');

kustomizeTest('`kubectl kustomize dist` builds every object of dist/', () => {
  const result = spawnSync('kubectl', ['kustomize', dist], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const built = parse(result.stdout);
  expect(built.length).toBe(allObjects.length);
  expect(built.map(key).sort()).toEqual(allObjects.map(key).sort());
}, 60_000);

test('`npm run synth:helm` packages the same objects as a chart named after the package', () => {
  const out = path.join(tempDir('helm-'), 'chart');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/synth-helm.js')], { cwd: root, encoding: 'utf8', env: { ...process.env, HELM_OUTDIR: out } });
  expect(result.status).toBe(0);
  const chart = parse(fs.readFileSync(path.join(out, 'Chart.yaml'), 'utf8'))[0];
  const pkg = require(path.join(root, 'package.json'));
  expect(chart).toMatchObject({ apiVersion: 'v2', name: pkg.name, version: pkg.version });
  expect(fs.existsSync(path.join(out, 'crds'))).toBe(false);
  const templates = fs.readdirSync(path.join(out, 'templates')).sort();
  // The cluster's manifests only: no kustomization, alternative or preview.
  expect(templates).toEqual(manifests);
  expect(fs.existsSync(path.join(out, 'templates', 'kustomization.yaml'))).toBe(false);
  for (const file of templates) {
    const text = fs.readFileSync(path.join(out, 'templates', file), 'utf8');
    // Helm would evaluate "{{": every template must be plain YAML.
    expect(text).not.toContain('{{');
    expect(parse(text)).toEqual(objectsOf(file));
  }
}, 60_000);
