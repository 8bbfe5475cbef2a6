import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { CopilotPod, FlytePodTemplate, ObjectStore, ValidationError, writeKustomization, writeStacks } from '../../lib';
import { tempDir } from '../support/temp-dirs';

// Previews (a CopilotPod: the pod Flyte builds) never reach a folder that is applied: App.synth()
// refuses them (it writes every chart into the output folder), writeStacks writes them apart.
function withPreview(scope: App | Chart, id = 'platform'): Chart {
  const chart = new Chart(scope, id);
  const podTemplate = new FlytePodTemplate(chart, 'template', { objectStore: ObjectStore.s3({ bucket: 'flyte-data' }) });
  new CopilotPod(chart, 'task', { podTemplate, image: 'alpine:3.20' });
  return chart;
}

test('App.synth() refuses a preview in a chart, naming the chart and `previews`, and writes no manifest', () => {
  const outdir = path.join(tempDir('previews-'), 'dist');
  const app = new App({ outdir });
  withPreview(app);
  let error: unknown;
  try {
    app.synth();
    writeKustomization(app.outdir); // the quick start's old path: never reached
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const refusal = error as ValidationError;
  expect([refusal.path, refusal.prop, refusal.value]).toEqual(['platform/task', 'chart', 'platform']);
  expect(refusal.message).toMatch(/a preview .* in chart platform, which App\.synth\(\) writes into .*dist\/, where `kubectl apply -k` or `-R -f` would run it; use StackSynth\.writeStacks with the chart's stack in `previews`/);
  expect(fs.readdirSync(outdir)).toEqual([]);
});

test('a preview synthesizes where nothing is written to the cluster\'s folder: Testing.synth, synthYaml, writeStacks previews', () => {
  expect(Testing.synth(withPreview(Testing.app())).map((o) => o.kind)).toContain('Pod');
  const app = new App({ outdir: tempDir('previews-') });
  withPreview(app);
  expect(app.synthYaml()).toContain('kind: Pod\n');
  const base = tempDir('previews-');
  writeStacks([], { outdir: path.join(base, 'dist'), previews: [{ id: 'task', createChart: (s, id) => withPreview(s as App, id) }] });
  expect(fs.readdirSync(path.join(base, 'previews'))).toEqual(['task.k8s.yaml']);
  expect(fs.readdirSync(path.join(base, 'dist'))).toEqual(['kustomization.yaml']);
});

test.each([
  ['the output folder itself', (base: string) => path.join(base, 'dist')],
  ['a folder inside it', (base: string) => path.join(base, 'dist', 'previews')],
  ['a folder around it', (base: string) => base],
])('writeStacks refuses a previewsDir that is %s, and writes nothing', (_name, previewsDir) => {
  const base = tempDir('previews-');
  const options = { outdir: path.join(base, 'dist'), previews: [{ id: 'task', createChart: (s: any, id: string) => withPreview(s, id) }], previewsDir: previewsDir(base) };
  expect(() => writeStacks([], options)).toThrow(ValidationError);
  expect(() => writeStacks([], options)).toThrow(/writeStacks: previewsDir ".*" is not allowed: previews would be written (into|around) the output folder .*; use a folder apart from the output folder/);
  expect(fs.readdirSync(base)).toEqual([]);
});
