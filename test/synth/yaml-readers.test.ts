import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { NumaflowServer, ObjectStore, SecureAdmin, StackSynth, synthStacks, TlsMode, writeStacks } from '../../lib';
import { DATABASE, STORAGE } from '../support/flyte-invariants';
import { refusalOf, testApp } from '../support/harness';
import { tempDir } from '../support/temp-dirs';

// Where cdk8s's own writer writes the library's objects, a string it writes in a form Go reads
// otherwise is refused at synth; synthStacks and writeStacks write it so that every reader reads it.

const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

function numaflow(scope: Chart, annotations: { [key: string]: string }) {
  return new NumaflowServer(scope, 'nf', { tls: TlsMode.disabled(), annotations });
}

describe('cdk8s\'s writer: strings Go reads otherwise are refused', () => {
  const entryPoints: [string, (app: App, chart: Chart) => unknown][] = [
    ['Testing.synth', (_, chart) => Testing.synth(chart)],
    ['app.synthYaml()', (app) => app.synthYaml()],
    ['chart.toJson()', (_, chart) => chart.toJson()],
    ['app.synth()', (app) => app.synth()],
  ];
  test.each(entryPoints)('%s refuses an annotation `0o17`, naming the object, the field and writeStacks', (_, synth) => {
    const app = new App({ outdir: tempDir('yaml-readers-') });
    const chart = new Chart(app, 'c');
    numaflow(chart, { 'example.com/mode': '0o17' });
    const e = refusalOf(() => synth(app, chart));
    const refusals = e.errors.filter((x) => x.value === '0o17');
    // Every object carries the annotation: each is refused, at its own construct path.
    expect(refusals.length).toBeGreaterThan(2);
    expect(refusals.map((x) => x.prop)).toEqual(expect.arrayContaining(['metadata.annotations[example.com/mode]']));
    expect(refusals.every((x) => x.path.startsWith('c/nf/'))).toBe(true);
    expect(refusals[0].message).toMatch(/breaks rule yaml-reading: the value "0o17" is not read back as written: cdk8s's writer writes it plain, and Go's YAML decoder reads the number 15; use the fix: write the manifests with StackSynth.writeStacks/);
  });

  test('each kind of string cdk8s writes wrongly, as a key or a value; none other', () => {
    const chart = new Chart(testApp(), 'c');
    numaflow(chart, { a: '0B101', b: 'on\u2028', c: 'x\u007f', '0X1F': 'key', d: '1e1_0', e: 'fine', f: '0x1F', g: 'yes', h: '1_000', i: 'a\u0085' });
    const e = refusalOf(() => Testing.synth(chart));
    const deployment = e.errors.filter((x) => x.path === 'c/nf/Workload/Deployment' && x.prop.startsWith('metadata.annotations'));
    expect(Object.fromEntries(deployment.map((x) => [x.prop, x.message.replace(/.*is not read back as written: (.*?); use.*/s, '$1')]))).toEqual({
      'metadata.annotations[a]': 'cdk8s\'s writer writes it plain, and Go\'s YAML decoder reads the number 5',
      'metadata.annotations[b]': 'cdk8s\'s writer writes U+2028 raw, and Go\'s YAML reader reads it as a line break',
      'metadata.annotations[c]': 'cdk8s\'s writer writes U+007F raw, and Go\'s YAML reader refuses it as a control character',
      'metadata.annotations[0X1F]': 'cdk8s\'s writer writes it plain, and Go\'s YAML decoder reads the number 31',
      'metadata.annotations[d]': 'cdk8s\'s writer writes it plain, and Go\'s YAML decoder reads the number 10000000000',
      'metadata.annotations[i]': 'cdk8s\'s writer writes U+0085 raw, and Go\'s YAML reader reads it as a line break',
    });
  });

  test('a string patched into an object of the library is refused too; users\' own objects are not scanned', () => {
    const chart = new Chart(testApp(), 'c');
    const server = numaflow(chart, {});
    new ApiObject(chart, 'mine', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mine', annotations: { a: '0o17' } } });
    expect(() => Testing.synth(chart)).not.toThrow();
    server.deployment.addJsonPatch(JsonPatch.add('/metadata/annotations', { x: '-0B1' }));
    const e = refusalOf(() => Testing.synth(chart));
    expect(e.errors.map((x) => [x.path, x.prop, x.value])).toEqual([['c/nf/Workload/Deployment', 'metadata.annotations[x]', '-0B1']]);
  });

  test('a lone surrogate is refused by every entry point: no YAML can hold it', () => {
    const chart = new Chart(testApp(), 'c');
    numaflow(chart, { a: 'x\ud800' });
    expect(refusalOf(() => Testing.synth(chart)).errors[0].message).toMatch(/it holds a lone surrogate \(U\+D800\), which no YAML text can hold; use the fix: well-formed text/);
    const e = refusalOf(() => synthStacks([{ id: 's', createChart: (scope, id) => { const c = new Chart(scope, id); numaflow(c, { a: 'x\ud800' }); return c; } }]));
    expect(e.message).toMatch(/^s\/nf\/[^:]+: metadata\.annotations\[a\] "x\\ud800" is not allowed: the value cannot be written as YAML that Go reads back: it holds a lone surrogate/m);
  });
});

describe('synthStacks and writeStacks write those strings so that every reader reads them', () => {
  const stack = (annotations: { [key: string]: string }) => ({ id: 'nf', createChart: (scope: any, id: string) => { const c = new Chart(scope, id); numaflow(c, annotations); return c; } });
  const strings = { a: '0o17', b: '0B101', c: 'x\u2028y', d: 'x\u007f', '0X1F': 'key', e: '<<', f: '1e1_0', g: 'a\nb\u2029\n' };

  test('synthStacks: no refusal, and the text reads back under YAML 1.1 and 1.2', () => {
    const text = synthStacks([stack(strings)]).get('nf')!;
    for (const version of ['1.1', '1.2'] as const) {
      const deployment = parseAllDocuments(text, { version }).map((d) => d.toJS()).find((o) => o.kind === 'Deployment');
      expect(deployment.metadata.annotations).toEqual(expect.objectContaining(strings));
    }
    expect(text).toContain('a: "0o17"');
    expect(text).toContain('"0X1F": key');
    expect(text).toContain('c: "x\\Ly"');
    expect(text).toContain('d: "x\\x7f"');
    expect(text).toContain('g: "a\\nb\\P\\n"');
  });

  test('writeStacks and StackSynth write the same text', () => {
    const out = tempDir('yaml-readers-write-');
    writeStacks([stack(strings)], { outdir: out, kustomization: false });
    expect(fs.readFileSync(path.join(out, 'nf.k8s.yaml'), 'utf8')).toBe(synthStacks([stack(strings)]).get('nf'));
    expect(StackSynth.synthStacks([stack(strings)]).nf).toBe(synthStacks([stack(strings)]).get('nf'));
  });

  test('a stack of several charts is written by the library\'s writer too, in app.synthYaml()\'s order', () => {
    const several = { id: 'two', createChart: (scope: any, id: string) => {
      const c = new Chart(scope, id);
      numaflow(new Chart(c, 'inner'), { a: '0o17' });
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' } });
      return c;
    } };
    const text = synthStacks([several]).get('two')!;
    expect(text).toContain('a: "0o17"');
    // The same documents as cdk8s's synthYaml (which refuses the annotation; without it, the same text).
    const app = new App();
    const plain = { ...several, createChart: (scope: any, id: string) => {
      const c = new Chart(scope, id);
      numaflow(new Chart(c, 'inner'), { a: 'x' });
      new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' } });
      return c;
    } };
    plain.createChart(app, 'two');
    expect(synthStacks([plain]).get('two')).toBe(app.synthYaml());
  });

  test('Admin\'s config files are written so that viper reads them as written; a lone surrogate in extraConfig is refused', () => {
    const chart = new Chart(testApp(), 'c');
    new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE, extraConfig: { custom: { mode: '0o17', flag: 'on', odd: 'x\u2028' } } });
    const config = Testing.synth(chart).find((o) => o.kind === 'ConfigMap' && o.data?.['custom.yaml']).data['custom.yaml'];
    expect(config).toBe('custom:\n  mode: "0o17"\n  flag: "on"\n  odd: "x\\L"\n');
    expect(() => new SecureAdmin(new Chart(testApp(), 'c'), 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE, extraConfig: { custom: { mode: 'x\udc00' } } }))
      .toThrow('c/admin: extraConfig.custom.mode "x\\udc00" is not allowed: it holds a lone surrogate (half of a character), which no YAML text can hold');
  });
});
