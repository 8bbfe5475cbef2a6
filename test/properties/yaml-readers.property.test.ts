import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { NumaflowServer, ObjectStore, SecureAdmin, synthStacks, TlsMode, ValidationError } from '../../lib';
import { isDnsSubdomain, labelValueProblem, qualifiedNameProblem } from '../../lib/names';
import { manifestYaml } from '../../lib/yaml/manifest-yaml';
import { OutputPass } from '../../lib/synth/output-pass';
import { DATABASE, STORAGE } from '../support/flyte-invariants';
import { kubectlRead, READ_ANNOTATION, runGoYamlReader } from '../support/go-readers';
import { refusalOf } from '../support/harness';
import { tempDir } from '../support/temp-dirs';
import { loneSurrogate, readerString } from '../support/yaml-strings';
import { RUNS, SEED } from './arbitraries';

/**
 * Every reader reads back what the library writes. Generated strings (Go's numbers of every form,
 * YAML 1.1's words, timestamps, characters Go refuses or reads as line breaks, indicators) go into
 * every field a user controls: annotations (keys and values), labels where valid, env values, args,
 * Admin's `extraConfig` values and database host (config files read by viper), a route host and the
 * image, where valid. Each stack is written as synthStacks writes it, and read back
 * - by the `yaml` package, as YAML 1.1 and as YAML 1.2: the whole objects;
 * - by kubectl (`annotate --local`, sigs.k8s.io/yaml on go-yaml v2): the whole objects;
 * - Admin's config files by viper (as flyteadmin reads them) and by go-yaml v3: the whole files.
 * Then the same stacks go through cdk8s's own writer (`Testing.synth`): kubectl, reading what cdk8s
 * writes of each string, says which strings it reads otherwise, and the synth-time pass must refuse
 * exactly those. No expected value comes from a list: the readers give them. kubectl and Go are
 * required (the test fails without them); `.ci/run` installs Go.
 */

/** Ten stacks of 14 strings in `npm test`; `npm run test:deep` (PROPERTY_RUNS=2200) reads 110. */
const BATCHES = Math.max(1, Math.round(RUNS / 20));
const PER_BATCH = 14;

const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

const valid = {
  annotationKey: (s: string) => qualifiedNameProblem(s, true) === undefined,
  labelKey: (s: string) => qualifiedNameProblem(s) === undefined,
  labelValue: (s: string) => labelValueProblem(s) === undefined,
  // Extra args: not empty (nor white space only).
  arg: (s: string) => s.trim() !== '',
  // `requireImage` and Admin's database host: non-empty, no white space.
  word: (s: string) => s.trim() !== '' && !/\s/.test(s),
  // A route host: a lower-case DNS name with a dot, not an address.
  routeHost: (s: string) => s === s.toLowerCase() && isDnsSubdomain(s) && s.includes('.') && !/^[0-9.]+$/.test(s),
};

interface Batch {
  readonly id: string;
  readonly strings: readonly string[];
  /** The strings also used as keys (annotation and label keys where valid). */
  readonly keys: readonly string[];
  readonly host?: string;
  readonly image?: string;
  readonly routeHost?: string;
}

function makeBatch(id: string, strings: string[]): Batch {
  return {
    id, strings,
    keys: strings.filter((s) => valid.annotationKey(s)),
    host: strings.find(valid.word), image: [...strings].reverse().find(valid.word), routeHost: strings.find(valid.routeHost),
  };
}

/** The stack of a batch: an Admin holding every string, and a Numaflow server behind a route to the route host. */
function build(scope: Chart, b: Batch): void {
  const annotations: Record<string, string> = {};
  const labels: Record<string, string> = {};
  b.strings.forEach((s, i) => {
    annotations[`example.com/v${i}`] = s;
    if (valid.labelValue(s)) labels[`example.com/l${i}`] = s;
  });
  for (const s of b.keys) annotations[s] = 'key';
  for (const s of b.keys) if (valid.labelKey(s)) labels[s] = 'key';
  new SecureAdmin(scope, 'admin', {
    tls: TlsMode.disabled(), namespace: b.id, database: { ...DATABASE, host: b.host ?? DATABASE.host }, objectStore: OBJECT_STORE,
    ...(b.image ? { image: b.image } : {}), annotations, labels,
    extraEnv: b.strings.map((s, i) => ({ name: `E${i}`, value: s })), extraArgs: b.strings.filter(valid.arg),
    extraConfig: { custom: Object.fromEntries(b.strings.map((s, i) => [`k${i}`, s])) },
  });
  if (b.routeHost) {
    new NumaflowServer(scope, 'nf', { tls: TlsMode.disabled(), namespace: b.id }).exposeViaGateway({ listener: { gatewayName: 'gw', gatewayNamespace: 'gateways' }, host: b.routeHost });
  }
}

/** The documents of a batch's stack, and its text as synthStacks writes it (the library's writer). */
function written(b: Batch): { docs: any[]; text: string } {
  const app = new App();
  OutputPass.of(app).writtenByLibraryWriter();
  const chart = new Chart(app, b.id);
  build(chart, b);
  const docs = chart.toJson();
  return { docs, text: manifestYaml(docs) };
}

const refOf = (o: any) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
const withAnnotation = (o: any) => ({ ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [READ_ANNOTATION.key]: READ_ANNOTATION.value } } });
const lowerKeys = (v: any): any => (Array.isArray(v) ? v.map(lowerKeys)
  : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)])) : v);

describe('what the library writes, every reader reads back', () => {
  // A few inputs every seed holds (where go-yaml v2 and v3 differ, and the examples), then generated ones.
  const pinned = ['<<', '0o-7', '2001-12-14', '2001-12-14 21:59:43.10', 'on', 'y', '0o17', '0B101', '1e1_0', '\u2028', 'a\u0085b', 'x\u007f', '1.5e3'];
  const strings = [...new Set([...pinned, ...fc.sample(readerString, { numRuns: BATCHES * PER_BATCH * 2, seed: SEED })])]
    .filter((s) => !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))).slice(0, BATCHES * PER_BATCH);
  const batches = Array.from({ length: BATCHES }, (_, i) => makeBatch(`b${i}`, strings.slice(i * PER_BATCH, (i + 1) * PER_BATCH)));
  const stacks = batches.map((b) => ({ batch: b, ...written(b) }));

  test('the strings reach every field (the generators are not vacuous)', () => {
    expect(strings.length).toBe(BATCHES * PER_BATCH);
    const all = batches.flatMap((b) => b.strings);
    // The classes the readers disagree on are all there.
    for (const re of [/^[-+]?0[oObBxX]/, /_/, /[eE][-+]?[0-9]/, /^(y|yes|on|off|no|n)$/i, /\u2028|\u2029|\u0085/, /\u007f|[\u0080-\u009f]/, /\ufeff|\ufffe|\uffff/, /^[0-9]{4}-/]) {
      expect([String(re), all.filter((s) => re.test(s)).length >= 2]).toEqual([String(re), true]);
    }
    expect(batches.filter((b) => b.routeHost).length).toBeGreaterThan(0);
    expect(batches.flatMap((b) => b.keys).length).toBeGreaterThan(10);
    // synthStacks writes exactly this text.
    expect(synthStacks([{ id: batches[0].id, createChart: (scope, id) => { const c = new Chart(scope, id); build(c, batches[0]); return c; } }]).get(batches[0].id)).toBe(stacks[0].text);
  });

  test('YAML 1.1 and YAML 1.2 (the yaml package) read back the whole objects', () => {
    for (const { docs, text } of stacks) {
      for (const version of ['1.1', '1.2'] as const) {
        const read = parseAllDocuments(text, { version });
        expect(read.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
        expect(read.map((d) => d.toJS())).toEqual(docs);
      }
    }
  });

  test('kubectl (Go, as the API server) reads back the whole objects', () => {
    const dir = tempDir('yaml-readers-kubectl-');
    stacks.forEach(({ text }, i) => fs.writeFileSync(path.join(dir, `b${i}.yaml`), text));
    const { objects, errors } = kubectlRead(dir);
    expect([...errors.values()]).toEqual([]);
    const expected = stacks.flatMap((s) => s.docs).map(withAnnotation);
    expect(new Set(expected.map(refOf)).size).toBe(expected.length);
    const byRef = new Map(objects.map((o) => [refOf(o), o]));
    for (const o of expected) expect(byRef.get(refOf(o))).toEqual(o);
    expect(objects.length).toBe(expected.length);
  });

  test('viper (as flyteadmin reads its config) and go-yaml v3 read back Admin\'s config files', () => {
    const dir = tempDir('yaml-readers-viper-');
    const files: { file: string; text: string; batch: Batch }[] = [];
    stacks.forEach(({ docs, batch }) => {
      const configMap = docs.find((o) => o.kind === 'ConfigMap' && o.data?.['custom.yaml'] !== undefined);
      for (const [key, text] of Object.entries(configMap.data as Record<string, string>)) {
        const file = path.join(dir, `${batch.id}-${key}`);
        fs.writeFileSync(file, text);
        files.push({ file, text, batch });
      }
    });
    const read = runGoYamlReader(['config', ...files.map((f) => f.file)]);
    expect(read.length).toBe(files.length);
    read.forEach((r, i) => {
      const { text, batch } = files[i];
      const value = parseAllDocuments(text)[0].toJS();
      expect(r).toEqual({ file: files[i].file, viper: lowerKeys(value), v3: value });
      if (text.startsWith('custom:')) expect(r.viper.custom).toEqual(Object.fromEntries(batch.strings.map((s, j) => [`k${j}`, s])));
      if (text.startsWith('database:')) expect(r.viper.database.postgres.host).toBe(batch.host ?? DATABASE.host);
    });
  });

  test('where cdk8s\'s own writer writes them, exactly the strings kubectl reads otherwise are refused', () => {
    // What kubectl reads of cdk8s's text of each string, as a value and as a key.
    const dir = tempDir('yaml-readers-cdk8s-');
    const all = [...new Set(batches.flatMap((b) => b.strings))];
    const keys = new Set(batches.flatMap((b) => b.keys));
    all.forEach((s, i) => {
      const doc = (name: string, data: object) => Yaml.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'oracle' }, data });
      fs.writeFileSync(path.join(dir, `v${i}.yaml`), doc(`v${i}`, { v: s }));
      if (keys.has(s)) fs.writeFileSync(path.join(dir, `k${i}.yaml`), doc(`k${i}`, { [s]: 'k' }));
    });
    const { objects, errors } = kubectlRead(dir);
    const byName = new Map(objects.map((o) => [o.metadata.name, o]));
    const readOtherwise = { value: new Set<string>(), key: new Set<string>() };
    all.forEach((s, i) => {
      if (errors.has(`v${i}.yaml`) || byName.get(`v${i}`)?.data?.v !== s) readOtherwise.value.add(s);
      if (keys.has(s) && (errors.has(`k${i}.yaml`) || JSON.stringify(Object.keys(byName.get(`k${i}`)?.data ?? {})) !== JSON.stringify([s]))) readOtherwise.key.add(s);
    });
    // Both outcomes, often: the readers disagree on many of these strings, and agree on many.
    console.log(`${all.length} strings: kubectl reads ${readOtherwise.value.size} otherwise as values in cdk8s's text, `
      + `${readOtherwise.key.size} of ${keys.size} as keys; each must be refused, and no other`);
    expect(readOtherwise.value.size).toBeGreaterThan(all.length / 10);
    expect(all.length - readOtherwise.value.size).toBeGreaterThan(all.length / 10);
    expect(readOtherwise.key.size).toBeGreaterThan(0);
    expect(keys.size - readOtherwise.key.size).toBeGreaterThan(0);

    for (const b of batches) {
      const chart = new Chart(new App(), b.id);
      build(chart, b);
      let refused: ValidationError[] = [];
      try {
        Testing.synth(chart);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        refused = e.errors;
      }
      expect(refused.filter((e) => !/breaks rule yaml-reading/.test(e.message)).map((e) => e.message)).toEqual([]);
      const values = new Set(refused.filter((e) => /: the value /.test(e.message)).map((e) => e.value));
      const asKeys = new Set(refused.filter((e) => /: the key /.test(e.message)).map((e) => e.value));
      expect({ batch: b.id, values: [...values].sort() }).toEqual({ batch: b.id, values: b.strings.filter((s) => readOtherwise.value.has(s)).sort() });
      expect({ batch: b.id, keys: [...asKeys].sort() }).toEqual({ batch: b.id, keys: b.keys.filter((s) => readOtherwise.key.has(s)).sort() });
    }
  });

  test('a string no YAML can hold (a lone surrogate) is refused, naming the object and field, by every entry point', () => {
    const samples = fc.sample(loneSurrogate, { numRuns: 5, seed: SEED });
    for (const s of samples) {
      const create = (scope: any, id: string) => {
        const c = new Chart(scope, id);
        new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), annotations: { 'example.com/x': s } });
        return c;
      };
      for (const synth of [() => synthStacks([{ id: 'lone', createChart: create }]), () => Testing.synth(create(new App(), 'lone'))]) {
        const first = refusalOf(synth).errors[0];
        expect([first.path, first.prop, first.value]).toEqual([expect.stringMatching(/^lone\/nf\//), 'metadata.annotations[example.com/x]', s]);
        expect(first.message).toMatch(/lone surrogate/);
      }
    }
    // In Admin's config, the prop is refused at construction.
    expect(() => new SecureAdmin(new Chart(new App(), 'c'), 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE, extraConfig: { custom: { k: samples[0] } } }))
      .toThrow(/extraConfig\.custom\.k .* lone surrogate/);
  });
});
