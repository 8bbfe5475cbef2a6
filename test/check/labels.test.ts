import { check, configMap, deployment, expectFindings, service } from './fixtures';

const D = 'Deployment/ns/web';

describe('rule labels: label keys and values', () => {
  test('qualified keys with DNS-subdomain prefixes and short values pass; empty values too', () => {
    const d = deployment((x) => { x.metadata.labels = { 'app.kubernetes.io/name': 'web', tier: '', 'example.com/v': 'v1.2_3-a' }; });
    expect(check([d, service()], 'labels')).toEqual([]);
  });

  test('a key with a bad name part, a bad prefix, or two slashes is refused', () => {
    const cm = { ...configMap('c', {}), metadata: { name: 'c', namespace: 'ns', labels: { '-app': 'x', 'Example_Com/app': 'x', 'a/b/c': 'x', [`${'k'.repeat(64)}`]: 'x' } } };
    expectFindings(check([cm], 'labels'), 'labels', [
      { object: 'ConfigMap/ns/c', field: 'metadata.labels[-app]', value: '-app', message: 'name part', fix: 'optional DNS-1123 subdomain prefix' },
      { object: 'ConfigMap/ns/c', field: 'metadata.labels[Example_Com/app]', message: 'prefix that is not a DNS-1123 subdomain' },
      { object: 'ConfigMap/ns/c', field: 'metadata.labels[a/b/c]', message: 'name part' },
      { object: 'ConfigMap/ns/c', field: `metadata.labels[${'k'.repeat(64)}]`, message: 'longer than 63' },
    ]);
  });

  test('a value that is too long, has bad characters, or is not a string is refused', () => {
    const d = deployment((x) => { x.metadata.labels = { a: 'v'.repeat(64), b: 'has space', c: true, d: 3 }; });
    expectFindings(check([d], 'labels'), 'labels', [
      { object: D, field: 'metadata.labels[a]', message: 'longer than 63 characters', fix: 'at most 63' },
      { object: D, field: 'metadata.labels[b]', value: 'has space', message: 'not letters, digits' },
      { object: D, field: 'metadata.labels[c]', value: true, message: 'not a string', fix: 'quote numbers and booleans' },
      { object: D, field: 'metadata.labels[d]', value: 3, message: 'not a string' },
    ]);
  });

  test('labels that are not a map are refused', () => {
    const cm = { ...configMap('c', {}), metadata: { name: 'c', labels: ['a=b'] } };
    expectFindings(check([cm], 'labels'), 'labels', [
      { object: 'ConfigMap/c', field: 'metadata.labels', message: 'not a map of strings', fix: 'map from keys to string values' },
    ]);
  });

  test('pod template labels, Service selectors and matchLabels are checked too', () => {
    const d = deployment((x) => {
      x.spec.template.metadata.labels.version = 'v1/2';
      x.spec.selector.matchLabels.version = 'v1/2';
    });
    const s = service((x) => { x.spec.selector.version = 'v1/2'; });
    const pdb = {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'ns' },
      spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web server' } } },
    };
    expectFindings(check([d, s, pdb], 'labels'), 'labels', [
      { object: D, field: 'spec.template.metadata.labels[version]', message: 'pod template label "version"' },
      { object: D, field: 'spec.selector.matchLabels[version]', message: 'selector "version"' },
      { object: 'Service/ns/web', field: 'spec.selector[version]', message: 'selector "version"' },
      { object: 'PodDisruptionBudget/ns/web', field: 'spec.selector.matchLabels[app.kubernetes.io/name]' },
    ]);
  });
});

describe('rule labels: annotations', () => {
  test('qualified keys with string values pass', () => {
    const d = deployment((x) => {
      x.metadata.annotations = { 'checksum/config': 'abc', 'example.com/note': 'any text: at all, even / and spaces' };
      x.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/default-container': 'main' };
    });
    expect(check([d], 'labels')).toEqual([]);
  });

  test('a bad key and a value that is not a string are refused, on the object and its pod template', () => {
    const d = deployment((x) => {
      x.metadata.annotations = { 'bad key': 'x', replicas: 3 };
      x.spec.template.metadata.annotations = { enabled: false };
    });
    expectFindings(check([d], 'labels'), 'labels', [
      { object: D, field: 'metadata.annotations[bad key]', message: 'annotation key "bad key"' },
      { object: D, field: 'metadata.annotations[replicas]', value: 3, message: 'not a string', fix: 'use a string value' },
      { object: D, field: 'spec.template.metadata.annotations[enabled]', value: false },
    ]);
  });

  test("one object's annotations may total 256 KiB (keys and values, in bytes)", () => {
    const within = { ...configMap('a', {}), metadata: { name: 'a', annotations: { k: 'x'.repeat(256 * 1024 - 1) } } };
    expect(check([within], 'labels')).toEqual([]);
    // Two-byte characters count twice.
    const over = { ...configMap('b', {}), metadata: { name: 'b', annotations: { k: 'é'.repeat(128 * 1024) } } };
    expectFindings(check([over], 'labels'), 'labels', [
      { object: 'ConfigMap/b', field: 'metadata.annotations', value: 256 * 1024 + 1, message: '262144-byte limit', fix: 'ConfigMap' },
    ]);
  });
});
