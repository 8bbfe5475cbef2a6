import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

// `cdk8s-tls-constructs generate`, the command of the Argo CD config management plugin
// (gitops/argocd/plugin.yaml): the cluster's manifests on stdout and nothing else; a refusal on
// stderr, nothing on stdout, exit code 1.
const root = path.resolve(__dirname, '../..');
const cli = [path.join(root, 'bin/run-ts.js'), path.join(root, 'scripts/cli.ts'), 'generate'];

function generate(env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, cli, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
}

test('prints exactly the objects of dist/ (the kustomization\'s files) as one YAML stream, which Go reads too', () => {
  const result = generate();
  expect(result.status).toBe(0);
  const documents = parseAllDocuments(result.stdout);
  expect(documents.flatMap((d) => d.errors)).toEqual([]);
  const printed = documents.map((d) => d.toJS());
  const committed = fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.k8s.yaml')).sort()
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(root, 'dist', f), 'utf8')).map((d) => d.toJS()));
  expect(printed).toEqual(committed);
  expect(printed.filter((o) => o.kind === 'Pod' || o.kind === 'Kustomization')).toEqual([]); // no preview, no kustomization
  // kubectl's (Go's) decoder reads the same stream object by object.
  const go = spawnSync('kubectl', ['annotate', '--local', '-f', '-', 'generate-test=read', '-o', 'name'], { input: result.stdout, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(go.stderr).toBe('');
  expect(go.stdout.trim().split('\n')).toHaveLength(committed.length);
  // Everything else went to stderr: the CLI's report, with no path of the temporary folder.
  expect(result.stderr).toContain('Synthesizing application');
  expect(result.stdout).not.toContain('Synthesizing');
}, 60_000);

test('a refused app: the refusal on stderr, nothing on stdout, exit code 1', () => {
  const result = generate({ SYNTH_APP: `node ${path.join(root, 'bin/run-ts.js')} ${path.join(root, 'test/fixtures/refused-app.ts')}`, REFUSE: 'construction' });
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^ValidationError: platform\/numaflow: tls TlsMode\.fromSecretName\("numaflow-tls"\) is not allowed: /m);
  expect(result.stderr.trimEnd().split('\n').pop()).toBe('generate: the synth failed (exit 1); no manifests printed');
}, 60_000);
