import { schemaErrors } from '../support/schema';

// The harness's schema check must catch what kubernetes-models alone lets through.
const pod = (container: any, extra: any = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' },
  spec: { containers: [{ name: 'c', image: 'i', ...container }], ...extra },
});

test('a valid pod passes, native sidecar restartPolicy included', () => {
  expect(schemaErrors([pod({ ports: [{ name: 'http', containerPort: 80 }] }, { initContainers: [{ name: 's', image: 'i', restartPolicy: 'Always' }] })])).toEqual([]);
});

test('a misspelt field is reported with its path', () => {
  expect(schemaErrors([pod({ imagePullPolicyy: 'Always' })])).toEqual(['Pod/ns/p: unknown field /spec/containers/0/imagePullPolicyy']);
});

test('a wrong type is reported by the OpenAPI schema', () => {
  expect(schemaErrors([pod({ ports: [{ containerPort: 'http' }] })])[0]).toMatch(/containerPort must be integer/);
});

test('a misspelt APIService field is reported', () => {
  const api = { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: { group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, insecureSkipTlsVerify: true } };
  expect(schemaErrors([api])).toContain('APIService/v1beta1.metrics.k8s.io: unknown field /spec/insecureSkipTlsVerify');
});

test('a kind without any schema is reported', () => {
  expect(schemaErrors([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toEqual(['Widget/w: no schema known for example.com/v1 Widget']);
});
