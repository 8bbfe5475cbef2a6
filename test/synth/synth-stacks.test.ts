import * as fs from 'fs';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { NumaflowServer, IStack, synthStacks, TlsMode, ValidationError, writeStacks } from '../../lib';
import { expectValid } from '../support/harness';
import { tempDir } from '../support/temp-dirs';

const stack = (id: string, tls = TlsMode.disabled()): IStack => ({
  id,
  createChart: (scope, chartId) => {
    const chart = new Chart(scope, chartId);
    new NumaflowServer(chart, 'nf', { tls, namespace: id });
    return chart;
  },
});

test('each stack synthesizes to the same YAML as in a shared App', () => {
  const yaml = synthStacks([stack('a'), stack('b', TlsMode.selfSigned())]);
  expect([...yaml.keys()]).toEqual(['a', 'b']);
  const shared = new App();
  stack('a').createChart(shared, 'a');
  expect(yaml.get('a')).toBe(shared.synthYaml());
  const objects = parseAllDocuments(yaml.get('b')!).map((d) => d.toJS());
  expectValid(objects);
  expect(objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].args).toContain('--insecure=false');
});

test('values outside manifest JSON, in props or patches, are written as cdk8s writes them', () => {
  // A fraction and -0 in a plain object's props, a multi-line string patched onto a construct's
  // object: synthStacks's writer leaves the documents it does not write to cdk8s's.
  const odd: IStack = { id: 'odd', createChart: (scope, chartId) => {
    const chart = new Chart(scope, chartId);
    const nf = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), namespace: 'odd' });
    nf.deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', { note: 'a\n  b\n' }));
    new ApiObject(chart, 'extra', { apiVersion: 'example.com/v1', kind: 'Tuning', metadata: { name: 'extra', namespace: 'odd' }, spec: { ratio: 0.5, zero: -0 } });
    return chart;
  } };
  const app = new App();
  odd.createChart(app, 'odd');
  const text = synthStacks([odd]).get('odd')!;
  expect(text).toBe(app.synthYaml());
  expect(text).toContain('  ratio: 0.5\n  zero: -0\n');
  expect(text).toContain('        note: |\n          a\n            b\n');
});

test('a stack is written from the checked rendering where cdk8s orders objects as the tree does, and by cdk8s where dependencies reorder them', () => {
  // No dependency: the pass's rendering, in tree order, is what cdk8s writes.
  const plain: IStack = { id: 'plain', createChart: (scope, chartId) => {
    const chart = new Chart(scope, chartId);
    new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), namespace: 'plain' });
    new ApiObject(chart, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'plain' }, data: { a: 'b' } });
    return chart;
  } };
  // A dependency puts the ConfigMap first in cdk8s's order, unlike the tree's.
  const ordered: IStack = { id: 'ordered', createChart: (scope, chartId) => {
    const chart = new Chart(scope, chartId);
    const nf = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), namespace: 'ordered' });
    const extra = new ApiObject(chart, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'ordered' }, data: { a: 'b' } });
    nf.deployment.node.addDependency(extra);
    return chart;
  } };
  for (const s of [plain, ordered]) {
    const app = new App();
    s.createChart(app, s.id);
    expect(synthStacks([s]).get(s.id)).toBe(app.synthYaml());
  }
  const kinds = (text: string) => parseAllDocuments(text).map((d) => (d.toJS() as any).metadata.name);
  expect(kinds(synthStacks([ordered]).get('ordered')!).indexOf('extra')).toBeLessThan(kinds(synthStacks([ordered]).get('ordered')!).indexOf('numaflow-server'));
  expect(kinds(synthStacks([plain]).get('plain')!).indexOf('extra')).toBeGreaterThan(kinds(synthStacks([plain]).get('plain')!).indexOf('numaflow-server'));
});

test('writeStacks writes <id>.k8s.yaml per stack into the output folder', () => {
  const dir = tempDir('stacks-');
  expect(writeStacks([stack('one'), stack('two')], { outdir: dir })).toEqual(['one', 'two']);
  expect(fs.readdirSync(dir).sort()).toEqual(['kustomization.yaml', 'one.k8s.yaml', 'two.k8s.yaml']);
});

test('duplicate or invalid ids are refused', () => {
  expect(() => synthStacks([stack('a'), stack('a')])).toThrow(/synthStacks: id "a" is not allowed: two stacks share this id/);
  expect(() => synthStacks([{ ...stack('x'), id: 'Bad_Id' }])).toThrow(ValidationError);
});

test('a stack that fails validation fails the synthesis with its message', () => {
  const bad: IStack = { id: 'bad', createChart: (scope, id) => {
    const chart = new Chart(scope, id);
    const server = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() });
    server.deployment.node.addValidation({ validate: () => ['broken on purpose'] });
    return chart;
  } };
  expect(() => synthStacks([bad])).toThrow(/broken on purpose/);
});

test('every failing stack is reported, not only the first', () => {
  const bad = (id: string): IStack => ({ id, createChart: (scope, chartId) => {
    const chart = new Chart(scope, chartId);
    const server = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), namespace: id });
    server.deployment.node.addValidation({ validate: () => [`${id} is broken`] });
    return chart;
  } });
  expect(() => synthStacks([bad('a'), stack('ok'), bad('b')])).toThrow(/2 of 3 stacks failed:\nstack a: [\s\S]*a is broken[\s\S]*\nstack b: [\s\S]*b is broken/);
});

test('writeStacks writes each alternative folder as a cluster of its own (duplicates across folders are fine), and refuses a folder name that is not one', () => {
  const dir = tempDir('stacks-');
  writeStacks([stack('one')], { outdir: dir, alternatives: [stack('one')], alternativeFolders: [{ folder: 'istio', stacks: [stack('one'), stack('two')] }] });
  expect(fs.readdirSync(`${dir}/alternatives`).sort()).toEqual(['istio', 'one.k8s.yaml']);
  expect(fs.readdirSync(`${dir}/alternatives/istio`).sort()).toEqual(['one.k8s.yaml', 'two.k8s.yaml']);
  expect(fs.readFileSync(`${dir}/alternatives/istio/one.k8s.yaml`, 'utf8')).toBe(fs.readFileSync(`${dir}/one.k8s.yaml`, 'utf8'));
  const empty = tempDir('stacks-');
  for (const folders of [[{ folder: '../up', stacks: [] }], [{ folder: 'a', stacks: [] }, { folder: 'a', stacks: [] }]]) {
    expect(() => writeStacks([stack('one')], { outdir: empty, alternativeFolders: folders })).toThrow(/alternativeFolders\[\d\]\.folder .* is not allowed/);
  }
  // Within one folder, two stacks emitting one object are refused as in the cluster.
  expect(() => writeStacks([stack('one')], { outdir: empty, alternativeFolders: [{ folder: 'x', stacks: [stack('one'), { ...stack('one'), id: 'again' }] }] })).toThrow(ValidationError);
  expect(fs.readdirSync(empty)).toEqual([]);
});
