import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { main } from '../../lib/cli/main';
import { tempDir } from '../support/temp-dirs';

// `cdk8s-tls-constructs check <files or folders>`: the manifest rules on any YAML, with object,
// field, rule and fix per finding; exit 0 clean, 1 findings, 2 unreadable input.
const root = path.resolve(__dirname, '../..');
const UPSTREAM = path.join(root, 'test/data/upstream-manifests');

function check(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(['check', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  const findings = out.filter((l) => /: \[[a-z-]+(\/[a-z_]+)?\] /.test(l)).map((l) => {
    const m = /^(\S+): (\S+) (\S+): \[([a-z-]+)(?:\/([a-z_]+))?\] /.exec(l)!;
    return { source: m[1], object: m[2], field: m[3], rule: m[4], check: m[5] };
  });
  return { code, out, err, findings };
}

const read = (file: string) => parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()).filter((o) => o);
function write(objects: unknown[]): string {
  const file = path.join(tempDir('check-'), 'manifests.yaml');
  fs.writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
  return file;
}

describe('upstream manifests, exactly', () => {
  test('metrics-server\'s release manifests: no finding', () => {
    const r = check(path.join(UPSTREAM, 'metrics-server-release.yaml'));
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${path.join(UPSTREAM, 'metrics-server-release.yaml')}: 9 objects checked, 0 findings`);
  });

  test('Numaflow\'s server manifests: not restricted in any container, and port 8443 declared nowhere', () => {
    const file = path.join(UPSTREAM, 'numaflow-server.yaml');
    const r = check(file);
    expect(r.code).toBe(1);
    const d = 'Deployment/numaflow-server';
    const c = (list: string, i: number) => `spec.template.spec.${list}[${i}]`;
    expect(r.findings.map(({ object, field, rule, check: name }) => [object, field, rule, name])).toEqual([
      ['Service/numaflow-server', 'spec.ports[0].targetPort', 'service-target-port', undefined],
      [d, `${c('containers', 0)}.livenessProbe.httpGet.port`, 'probe-port', undefined],
      ...['allowprivilegeescalation', 'seccompprofile_restricted', 'capabilities_restricted'].flatMap((name) => [
        [d, c('initContainers', 0), 'restricted', name], [d, c('initContainers', 1), 'restricted', name], [d, c('containers', 0), 'restricted', name],
      ]),
    ]);
    expect(r.findings.every((f) => f.source.startsWith(`${file}#`))).toBe(true);
    // Every finding comes with its fix.
    expect(r.out.filter((l) => l.includes('\n    fix: '))).toHaveLength(11);
  });
});

describe('planted defects: each gives exactly its own finding', () => {
  const base = read(path.join(UPSTREAM, 'metrics-server-release.yaml'));
  const deployment = () => base.findIndex((o) => o.kind === 'Deployment');
  const plant = (edit: (objects: any[]) => void) => {
    const objects = JSON.parse(JSON.stringify(base));
    edit(objects);
    return check(write(objects));
  };
  const main0 = (o: any[]) => o[deployment()].spec.template.spec.containers[0];

  test.each<[string, (o: any[]) => void, string, string]>([
    ['an APIService with skip-verify and a CA', (o) => { o.find((x) => x.kind === 'APIService').spec.caBundle = 'Y2E='; }, 'apiservice-trust', 'APIService/v1beta1.metrics.k8s.io'],
    ['a probe speaking HTTP to the HTTPS port', (o) => { main0(o).readinessProbe.httpGet.scheme = 'HTTP'; }, 'probe-scheme', 'Deployment/kube-system/metrics-server'],
    ['a Service port targeting an undeclared port', (o) => { o.find((x) => x.kind === 'Service').spec.ports[0].targetPort = 'metrics'; }, 'service-target-port', 'Service/kube-system/metrics-server'],
    ['a mount without a volume', (o) => { main0(o).volumeMounts.push({ name: 'certs', mountPath: '/certs' }); }, 'volume-mount', 'Deployment/kube-system/metrics-server'],
    ['a limit below its request', (o) => { main0(o).resources.limits = { memory: '100Mi' }; }, 'resources', 'Deployment/kube-system/metrics-server'],
    ['host networking', (o) => { o[deployment()].spec.template.spec.hostNetwork = true; }, 'restricted', 'Deployment/kube-system/metrics-server'],
    ['a literal token in the environment', (o) => { main0(o).env = [{ name: 'API_TOKEN', value: 'abc123' }]; }, 'inline-secret', 'Deployment/kube-system/metrics-server'],
    ['an object emitted twice', (o) => { o.push(JSON.parse(JSON.stringify(o.find((x) => x.kind === 'ServiceAccount')))); }, 'duplicate', 'ServiceAccount/kube-system/metrics-server'],
    ['a label value with a space', (o) => { o.find((x) => x.kind === 'ClusterRole').metadata.labels.team = 'sig instrumentation'; }, 'labels', 'ClusterRole/system:aggregated-metrics-reader'],
    ['a Deployment name with capitals', (o) => { o[deployment()].metadata.name = 'Metrics-Server'; }, 'name', 'Deployment/kube-system/Metrics-Server'],
  ])('%s', (_what, edit, rule, object) => {
    const r = plant(edit);
    expect(r.findings.map((f) => [f.rule, f.object])).toEqual([[rule, object]]);
    expect(r.code).toBe(1);
  });

  test('an open CORS origin in Numaflow\'s flags (on the construct\'s own, clean, manifest)', () => {
    const objects = read(path.join(root, 'dist/numaflow-plain.k8s.yaml'));
    expect(check(write(objects)).findings).toEqual([]);
    const args = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].args;
    args.push('--cors-allowed-origins=*');
    expect(check(write(objects)).findings.map((f) => f.rule)).toEqual(['open-cors']);
  });
});

describe('folders, skips and exit codes', () => {
  test('`check dist` is clean; dist/alternatives/ and dist/alternatives/istio/ are sets of their own, and the kustomization is skipped', () => {
    const r = check(path.join(root, 'dist'));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`skipped ${path.join(root, 'dist/kustomization.yaml')}: a kustomization, not a manifest`);
    expect(r.out.filter((l) => / objects checked, 0 findings$/.test(l)).map((l) => l.split(':')[0]))
      .toEqual([path.join(root, 'dist'), path.join(root, 'dist/alternatives'), path.join(root, 'dist/alternatives/istio')]);
  });

  test('objects of unknown kinds are skipped and listed', () => {
    const r = check(write([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }]));
    expect(r.out.some((l) => /skipped .*#1: Widget \(example\.com\/v1\), a kind the checker does not know/.test(l))).toBe(true);
    expect(r.code).toBe(0);
  });

  test.each([
    ['a missing path', () => ['/nonexistent/manifests']],
    ['a file that is not YAML', () => [(() => { const f = write([]); fs.writeFileSync(f, 'a: [unclosed\n'); return f; })()]],
    ['no path at all', () => []],
  ])('%s exits 2', (_what, args) => {
    const r = check(...args());
    expect(r.code).toBe(2);
    expect(r.err.length).toBeGreaterThan(0);
  });

  test('as a process: the exit codes reach the shell', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/run-ts.js'), path.join(root, 'scripts/cli.ts'), ...args], { cwd: root, encoding: 'utf8' }).status;
    expect(run('check', 'dist')).toBe(0);
    expect(run('check', path.join(UPSTREAM, 'numaflow-server.yaml'))).toBe(1);
    expect(run('check', '/nonexistent')).toBe(2);
    expect(run('frobnicate')).toBe(2);
  }, 30_000);
});
