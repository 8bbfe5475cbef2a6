import { check, configMap, deployment, expectFindings } from './fixtures';

const certificate = (name: string, secretName: string, namespace = 'ns') => ({
  apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name, namespace },
  spec: { secretName, dnsNames: ['web.ns.svc'], issuerRef: { name: 'ca' } },
});
const clusterRole = (namespace?: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', ...(namespace ? { namespace } : {}) }, rules: [],
});
const apiService = () => ({
  apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1beta1.metrics.k8s.io' },
  spec: { group: 'metrics.k8s.io', version: 'v1beta1', service: { name: 'metrics-server', namespace: 'kube-system' } },
});

describe('rule duplicate: one object emitted twice', () => {
  test('objects differing in kind, namespace, name or group are distinct', () => {
    const otherGroup = { ...certificate('web', 'a'), apiVersion: 'example.com/v1' };
    expect(check([
      configMap('web', {}), configMap('web', {}, 'other'), configMap('web2', {}),
      { ...configMap('web', {}), kind: 'Secret' }, certificate('web', 'a'), otherGroup,
    ], 'duplicate')).toEqual([]);
  });

  test('the later occurrence is reported, naming both objects and their sources', () => {
    const findings = check([configMap('web', {}), deployment(), configMap('web', { a: 'b' })], 'duplicate',
      { sources: ['a.yaml#0', 'a.yaml#1', 'b.yaml#4'] });
    expectFindings(findings, 'duplicate', [{
      object: 'ConfigMap/ns/web', field: 'metadata.name', value: 'web', source: 'b.yaml#4',
      message: /ConfigMap\/ns\/web \(v1, from b\.yaml#4\) is the same object as ConfigMap\/ns\/web \(v1, from a\.yaml#0\)/,
      fix: 'emit the object once',
    }]);
    expect(findings[0].message).toContain('overwrites the earlier');
  });

  test('versions of one group are one object', () => {
    const beta = deployment((d) => { d.apiVersion = 'apps/v1beta1'; });
    expectFindings(check([deployment(), beta], 'duplicate'), 'duplicate', [
      { object: 'Deployment/ns/web', field: 'metadata.name', message: '(apps/v1beta1) is the same object as Deployment/ns/web (apps/v1)' },
    ]);
  });

  test('every later occurrence is reported once', () => {
    expectFindings(check([configMap('x', {}), configMap('x', {}), configMap('x', {})], 'duplicate'), 'duplicate', [
      { object: 'ConfigMap/ns/x', field: 'metadata.name' },
      { object: 'ConfigMap/ns/x', field: 'metadata.name' },
    ]);
  });

  test('the namespace of a cluster-scoped kind does not separate objects', () => {
    expectFindings(check([clusterRole('a'), clusterRole('b')], 'duplicate'), 'duplicate', [
      { object: 'ClusterRole/b/reader', field: 'metadata.name', message: 'cluster-scoped ClusterRole: namespaces do not separate them', fix: /another name$/ },
    ]);
    const issuer = (namespace: string) => ({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'ca', namespace }, spec: {} });
    expect(check([issuer('a'), issuer('b')], 'duplicate')).toHaveLength(1);
    // An Issuer is namespaced.
    expect(check([{ ...issuer('a'), kind: 'Issuer' }, { ...issuer('b'), kind: 'Issuer' }], 'duplicate')).toEqual([]);
  });

  test('an APIService is global to the cluster: one metrics-server per cluster', () => {
    expectFindings(check([apiService(), apiService()], 'duplicate'), 'duplicate', [{
      object: 'APIService/v1beta1.metrics.k8s.io', field: 'metadata.name',
      message: /global to the cluster.*only one metrics-server per cluster/, fix: 'once per cluster',
    }]);
  });

  test('with report, a pair is reported when either of it is', () => {
    const objects = [configMap('x', {}), configMap('y', {}), configMap('x', {})];
    expect(check(objects, 'duplicate', { report: [0] })).toHaveLength(1);
    expect(check(objects, 'duplicate', { report: [2] })).toHaveLength(1);
    expect(check(objects, 'duplicate', { report: [1] })).toEqual([]);
  });
});

describe('rule duplicate: Certificates sharing a Secret', () => {
  test('Certificates with their own Secrets, or in other namespaces, pass', () => {
    expect(check([certificate('a', 'a-tls'), certificate('b', 'b-tls'), certificate('c', 'a-tls', 'other')], 'duplicate')).toEqual([]);
  });

  test('two Certificates issuing into one Secret of one namespace overwrite each other', () => {
    expectFindings(check([certificate('a', 'shared-tls'), certificate('b', 'shared-tls')], 'duplicate'), 'duplicate', [{
      object: 'Certificate/ns/b', field: 'spec.secretName', value: 'shared-tls',
      message: "issues into Secret ns/shared-tls like Certificate/ns/a (cert-manager.io/v1): each Certificate rewrites the Secret with its own key pair, so they overwrite each other's key",
      fix: 'give each Certificate its own spec.secretName',
    }]);
  });

  test('a Certificate emitted twice is reported once', () => {
    expectFindings(check([certificate('a', 'tls'), certificate('a', 'tls')], 'duplicate'), 'duplicate', [
      { object: 'Certificate/ns/a', field: 'metadata.name' },
    ]);
  });
});
