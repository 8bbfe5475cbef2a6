import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { CopilotPod, FlytePodTemplate, ObjectStore, Trust, ValidationError, writeKustomization, writeStacks } from '../../lib';
import { outputFolderKind } from '../../lib/synth/output-folder';
import { tempDir } from '../support/temp-dirs';

// The pipeline path is plain `cdk8s synth`: the app (apps/main.ts, writeStacks) writes the
// complete output itself, and what the CLI's other modes print or package is manifests only.
const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'node_modules/.bin/cdk8s');
const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o);

function cdk8s(args: string[]) {
  const result = spawnSync(cli, ['synth', '--no-check-upgrade', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(result.stderr).not.toMatch(/Error/);
  expect(result.status).toBe(0);
  return result;
}

/** Every file under `dir`, relative, with its text. */
function tree(dir: string): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

test('plain `cdk8s synth` writes the committed dist/ byte for byte, kustomization.yaml and alternatives included', () => {
  const out = path.join(tempDir('pipeline-'), 'dist');
  cdk8s(['--output', out]);
  expect(tree(out)).toEqual(tree(path.join(root, 'dist')));
  expect(Object.keys(tree(out))).toContain('kustomization.yaml');
}, 60_000);

test('`cdk8s synth --stdout` prints the cluster\'s manifests only: no kustomization, alternative or preview', () => {
  const objects = parse(cdk8s(['--stdout']).stdout);
  const expected = Object.entries(tree(path.join(root, 'dist')))
    .filter(([file]) => !file.includes('/') && file.endsWith('.k8s.yaml'))
    .flatMap(([, text]) => parse(text));
  expect(objects.length).toBe(expected.length);
  expect(objects.every((o) => typeof o.apiVersion === 'string' && typeof o.kind === 'string')).toBe(true);
  expect(objects.filter((o) => o.kind === 'Kustomization' || o.kind === 'Pod')).toEqual([]);
  expect(objects.filter((o) => o.kind === 'APIService')).toHaveLength(1);
}, 60_000);

// `cdk8s synth --format helm` (templates/ holds the cluster's manifests only, no kustomization) is
// tested through `npm run synth:helm`, which runs it, in outputs.test.ts.

test('previews go to previews/, never to dist/, its kustomization or the Helm chart; `kubectl kustomize dist` lists no Pod', () => {
  expect(Object.keys(tree(path.join(root, 'previews')))).toEqual(['copilot-task.k8s.yaml']);
  expect(parse(fs.readFileSync(path.join(root, 'previews/copilot-task.k8s.yaml'), 'utf8')).map((o) => o.kind)).toEqual(['Pod']);
  const all = Object.values(tree(path.join(root, 'dist'))).flatMap(parse);
  expect(all.filter((o) => o.kind === 'Pod')).toEqual([]);
  const built = spawnSync('kubectl', ['kustomize', path.join(root, 'dist')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(built.status).toBe(0);
  expect(parse(built.stdout).filter((o) => o.kind === 'Pod')).toEqual([]);
}, 60_000);

describe('writeStacks', () => {
  const store = ObjectStore.s3({ bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', trust: Trust.caFromConfigMapName('bundle') });
  const taskStack = { id: 'task', createChart: (s: any, id: string) => {
    const chart = new Chart(s, id);
    const podTemplate = new FlytePodTemplate(chart, 'template', { objectStore: store });
    new CopilotPod(chart, 'pod', { podTemplate, image: 'alpine:3.20' });
    return chart;
  } };
  const emptyStack = { id: 'empty', createChart: (s: any, id: string) => new Chart(s, id) };

  test('refuses a preview among the cluster\'s stacks, and writes nothing', () => {
    const dir = tempDir('out-');
    expect(() => writeStacks([taskStack], { outdir: dir })).toThrow(ValidationError);
    expect(() => writeStacks([taskStack], { outdir: dir })).toThrow(/task\/pod is a preview of a pod Flyte builds.*; use the stack in the previews of writeStacks/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('writes previews to their own folder, replacing it as a whole', () => {
    const base = tempDir('out-');
    const previewsDir = path.join(base, 'previews');
    fs.mkdirSync(previewsDir);
    fs.writeFileSync(path.join(previewsDir, 'stale.k8s.yaml'), '');
    writeStacks([emptyStack], { outdir: path.join(base, 'dist'), previews: [taskStack], previewsDir });
    expect(fs.readdirSync(previewsDir)).toEqual(['task.k8s.yaml']);
    expect(fs.readdirSync(path.join(base, 'dist')).sort()).toEqual(['empty.k8s.yaml', 'kustomization.yaml']);
  });

  test('in a Helm chart\'s templates/ and a `--stdout` folder it writes the cluster\'s manifests only', () => {
    const chart = tempDir('chart-');
    fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\n');
    const templates = path.join(chart, 'templates');
    const previewsDir = path.join(chart, 'previews');
    writeStacks([emptyStack], { outdir: templates, alternatives: [{ ...emptyStack, id: 'alt' }], previews: [taskStack], previewsDir });
    expect(fs.readdirSync(templates)).toEqual(['empty.k8s.yaml']);
    expect(fs.existsSync(previewsDir)).toBe(false);
  });

  test('the output folder kinds, as the cdk8s CLI makes them', () => {
    const chart = tempDir('chart-');
    fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\n');
    expect(outputFolderKind(path.join(chart, 'templates'))).toBe('helm');
    expect(outputFolderKind(path.join(os.tmpdir(), 'cdk8s-a1B2c3'))).toBe('stdout');
    expect(outputFolderKind('dist')).toBe('cluster');
    expect(outputFolderKind(path.join(os.tmpdir(), 'templates'))).toBe('cluster');
  });
});

test('writeKustomization lists a folder\'s manifests for apps that call app.synth() themselves', () => {
  const dir = tempDir('kust-');
  fs.writeFileSync(path.join(dir, 'b.k8s.yaml'), '');
  fs.writeFileSync(path.join(dir, 'a.k8s.yaml'), '');
  fs.writeFileSync(path.join(dir, 'notes.txt'), '');
  expect(writeKustomization(dir)).toEqual(['a.k8s.yaml', 'b.k8s.yaml']);
  expect(parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'))[0]).toEqual({
    apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['a.k8s.yaml', 'b.k8s.yaml'],
  });
});
