import * as fs from 'fs';
import * as path from 'path';
import { transformSync } from '@swc/core';
import { parseAllDocuments } from 'yaml';
import { checkManifests } from '../../lib';
import { docExamples } from '../../scripts/doc-examples';
import { expectValid } from '../support/harness';
import { tempDir } from '../support/temp-dirs';

// The documentation's examples (README.md and docs/*.md, found by their `<!-- example:<name> -->`
// markers, as scripts/rosetta.js finds them), run as written (the package import mapped to lib/).
const examples = docExamples(path.resolve(__dirname, '../..'));
const example = (name: string) => examples.find((e) => e.name === name);
const block = example('all-seven')?.code;
const quickStart = example('quick-start')?.code;

/** Runs an example as written (the package import mapped to lib/), with the cdk8s CLI's CDK8S_OUTDIR set to `out`. */
function run(code: string, out: string): void {
  const js = transformSync(code, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code;
  const lib = require('../../lib');
  const requireMapped = (id: string) => (id === 'cdk8s-tls-constructs' ? lib : require(id));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = out;
  try {
    new Function('require', 'exports', js)(requireMapped, {});
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
  }
}

test('the quick start is in the README, is the scaffold\'s main.ts, and synthesizes with a kustomization, clean by every manifest rule', () => {
  expect(example('quick-start')?.file).toBe('README.md');
  expect(quickStart).toBe(fs.readFileSync(path.resolve(__dirname, '../../template/main.ts'), 'utf8'));
  const out = path.join(tempDir('quick-'), 'dist');
  run(quickStart!, out);
  expect(fs.readdirSync(out).sort()).toEqual(['kustomization.yaml', 'platform.k8s.yaml']);
  const objects = parseAllDocuments(fs.readFileSync(path.join(out, 'platform.k8s.yaml'), 'utf8')).map((d) => d.toJS());
  expectValid(objects, { external: ['Secret/flyte/flyte-db'] });
  expect(checkManifests(objects)).toEqual([]);
  expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['Certificate', 'Deployment', 'Service']));
});

test('the all-seven example uses all seven constructs in at most 35 lines (classes, so that it translates to every jsii language)', () => {
  expect(block).toBeDefined();
  for (const name of ['SecureAdmin', 'Console', 'FlytePodTemplate', 'CopilotPod', 'MetricsServer', 'PodAutoscaler', 'NumaflowServer']) {
    expect(block).toContain(`new ${name}(`);
  }
  expect(block!.trim().split('\n').length).toBeLessThanOrEqual(35);
  // As few TLS settings as the components allow: one TLS mode for Flyte and metrics-server, one for
  // Numaflow (which cannot load a certificate), and one object store for Admin and copilot.
  expect(block!.match(/TlsMode\.\w+\(/g)).toHaveLength(2);
  expect(block!.match(/ObjectStore\.\w+\(/g)).toHaveLength(1);
});

test('the all-seven example synthesizes valid manifests', () => {
  const base = tempDir('readme-');
  const out = path.join(base, 'dist');
  run(block!, out);
  const read = (file: string) => parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS());
  const objects = read(path.join(out, 'platform.k8s.yaml'));
  expectValid(objects, { external: ['Secret/flyte/flyte-db', 'ConfigMap/flyte/my-cert-bundle', 'Secret/flyte/flyte-storage'] });
  expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['PodAutoscaler', 'APIService', 'PodTemplate', 'Certificate']));
  expect(objects.map((o) => o.kind)).not.toContain('Pod');
  expect(fs.readFileSync(path.join(out, 'kustomization.yaml'), 'utf8')).toContain('  - platform.k8s.yaml');
  // The preview lands beside the output folder, never in it.
  expect(read(path.join(base, 'previews', 'task.k8s.yaml')).map((o) => o.kind)).toContain('Pod');
});
