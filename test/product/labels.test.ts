import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { RestrictedNamespace, ValidationError } from '../../lib';
import { expectValid, testChart } from '../support/harness';

// Every object the library emits carries the standard app.kubernetes.io labels, with managed-by
// naming this library (see docs/decisions.md).
const root = path.resolve(__dirname, '../..');
const STANDARD = ['name', 'instance', 'version', 'part-of', 'managed-by'].map((k) => `app.kubernetes.io/${k}`);

function manifests(dir: string): { file: string; object: any }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return manifests(full);
    if (!e.name.endsWith('.k8s.yaml')) return [];
    return parseAllDocuments(fs.readFileSync(full, 'utf8')).map((d) => d.toJS()).filter((o) => o).map((object) => ({ file: path.relative(root, full), object }));
  });
}

test('every object of dist/, dist/alternatives/ and previews/ carries the standard labels', () => {
  const all = [...manifests(path.join(root, 'dist')), ...manifests(path.join(root, 'previews'))];
  expect(all.length).toBeGreaterThan(80);
  const missing = all.flatMap(({ file, object }) => STANDARD.filter((k) => !(k in (object.metadata.labels ?? {})))
    .map((k) => `${file}: ${object.kind}/${object.metadata.name} lacks ${k}`));
  expect(missing).toEqual([]);
  expect(new Set(all.map(({ object }) => object.metadata.labels['app.kubernetes.io/managed-by']))).toEqual(new Set(['cdk8s-tls-constructs']));
});

describe('RestrictedNamespace', () => {
  test('enforces, audits and warns at restricted, with the standard labels', () => {
    const chart = testChart();
    new RestrictedNamespace(chart, 'ns', { name: 'flyte', partOf: 'platform', labels: { team: 'ml' } });
    const [ns] = Testing.synth(chart);
    expectValid([ns]);
    expect(ns.metadata.labels).toEqual({
      team: 'ml',
      'app.kubernetes.io/name': 'namespace', 'app.kubernetes.io/instance': 'flyte', 'app.kubernetes.io/version': 'v1.28',
      'app.kubernetes.io/part-of': 'platform', 'app.kubernetes.io/component': 'namespace', 'app.kubernetes.io/managed-by': 'cdk8s-tls-constructs',
      'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.28',
      'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/audit-version': 'v1.28',
      'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/warn-version': 'v1.28',
    });
  });

  test.each([
    [{ name: 'Flyte' }, 'name'],
    [{ name: 'flyte', policyVersion: '1.28' }, 'policyVersion'],
    [{ name: 'flyte', labels: { 'bad key!': 'x' } }, 'labels.bad key!'],
    [{ name: 'flyte', nmae: 'x' }, 'nmae'],
  ])('refuses %j, naming %s', (props, prop) => {
    let error: unknown;
    try {
      new RestrictedNamespace(testChart(), 'ns', props as any);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).prop).toBe(prop);
  });
});
