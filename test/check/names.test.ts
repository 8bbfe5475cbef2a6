import { check, configMap, container, deployment, expectFindings, main, pod, service } from './fixtures';

const obj = (apiVersion: string, kind: string, name: unknown, extra: Record<string, unknown> = {}) =>
  ({ apiVersion, kind, metadata: { name }, ...extra });

describe('rule name: metadata.name', () => {
  test('a missing name, or one that is not a string, is refused', () => {
    expectFindings(check([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }], 'name'), 'name', [
      { object: 'ConfigMap/(unnamed)', field: 'metadata.name', message: 'metadata.name is missing', fix: 'set metadata.name' },
    ]);
    expectFindings(check([obj('v1', 'ConfigMap', 5)], 'name'), 'name', [
      { object: 'ConfigMap/(unnamed)', field: 'metadata.name', value: 5, message: 'not a non-empty string' },
    ]);
    expectFindings(check([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: 'x' }], 'name'), 'name', [
      { object: 'ConfigMap/(unnamed)', field: 'metadata.name', message: 'missing' },
    ]);
  });

  test('a Service name is a DNS-1035 label: it starts with a letter', () => {
    expect(check([obj('v1', 'Service', 'web-1')], 'name')).toEqual([]);
    expectFindings(check([obj('v1', 'Service', '1web')], 'name'), 'name', [
      { object: 'Service/1web', field: 'metadata.name', value: '1web', message: 'not a DNS-1035 label', fix: 'starting with a letter' },
    ]);
    // The same name is fine for kinds named by DNS-1123 subdomains.
    expect(check([obj('v1', 'ConfigMap', '1web')], 'name')).toEqual([]);
  });

  test('a Namespace name is a DNS-1123 label (no dots)', () => {
    expect(check([obj('v1', 'Namespace', 'flyte')], 'name')).toEqual([]);
    expectFindings(check([obj('v1', 'Namespace', 'flyte.dev')], 'name'), 'name', [
      { object: 'Namespace/flyte.dev', field: 'metadata.name', message: 'not a DNS-1123 label', fix: 'at most 63 characters' },
    ]);
    expect(check([obj('v1', 'ConfigMap', 'flyte.dev')], 'name')).toEqual([]);
  });

  test('RBAC names are path segments: `:` is fine, `/`, `%`, `.` and `..` are not', () => {
    for (const kind of ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']) {
      expect(check([obj('rbac.authorization.k8s.io/v1', kind, 'system:metrics-server')], 'name')).toEqual([]);
    }
    expectFindings(check([
      obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'a/b'),
      obj('rbac.authorization.k8s.io/v1', 'Role', '..'),
      obj('rbac.authorization.k8s.io/v1', 'RoleBinding', '50%'),
    ], 'name'), 'name', [
      { object: 'ClusterRole/a/b', field: 'metadata.name', message: "contains '/' or '%'", fix: "no '/' or '%'" },
      { object: 'Role/..', field: 'metadata.name', message: 'not a valid path segment' },
      { object: 'RoleBinding/50%', field: 'metadata.name', message: "contains '/' or '%'" },
    ]);
    // Elsewhere `:` is refused.
    expectFindings(check([obj('v1', 'ServiceAccount', 'system:metrics-server')], 'name'), 'name', [
      { object: 'ServiceAccount/system:metrics-server', field: 'metadata.name', message: 'not a DNS-1123 subdomain' },
    ]);
  });

  test('an APIService is named <version>.<group>', () => {
    const apiService = (name: string, spec: Record<string, unknown> = { group: 'metrics.k8s.io', version: 'v1beta1' }) =>
      obj('apiregistration.k8s.io/v1', 'APIService', name, { spec });
    expect(check([apiService('v1beta1.metrics.k8s.io')], 'name')).toEqual([]);
    expectFindings(check([apiService('metrics'), apiService('v1beta1.metrics.k8s.io', {})], 'name'), 'name', [
      { object: 'APIService/metrics', field: 'metadata.name', message: '"v1beta1.metrics.k8s.io"', fix: 'name the APIService "v1beta1.metrics.k8s.io"' },
      { object: 'APIService/v1beta1.metrics.k8s.io', field: 'metadata.name', message: 'spec.version or spec.group is not a string', fix: 'set spec.group and spec.version' },
    ]);
  });

  test('every other kind, custom resources included, is named by a DNS-1123 subdomain of at most 253 characters', () => {
    expect(check([obj('cert-manager.io/v1', 'Certificate', 'web.example-tls')], 'name')).toEqual([]);
    expectFindings(check([obj('cert-manager.io/v1', 'Certificate', 'Web_TLS'), obj('v1', 'Secret', 'a'.repeat(254))], 'name'), 'name', [
      { object: 'Certificate/Web_TLS', field: 'metadata.name', message: 'not a DNS-1123 subdomain', fix: 'at most 253 characters' },
      { object: `Secret/${'a'.repeat(254)}`, field: 'metadata.name', message: 'not a DNS-1123 subdomain' },
    ]);
  });
});

describe('rule name: metadata.namespace', () => {
  test('a namespace, when present, is a DNS-1123 label', () => {
    expect(check([configMap('web-config', {}, 'flyte'), { ...configMap('x', {}), metadata: { name: 'x', namespace: '' } }], 'name')).toEqual([]);
    expectFindings(check([configMap('a', {}, 'Flyte'), configMap('b', {}, 'a.b'), { ...configMap('c', {}), metadata: { name: 'c', namespace: 7 } }], 'name'), 'name', [
      { object: 'ConfigMap/Flyte/a', field: 'metadata.namespace', value: 'Flyte', message: 'not a DNS-1123 label', fix: 'namespace name' },
      { object: 'ConfigMap/a.b/b', field: 'metadata.namespace', message: 'not a DNS-1123 label' },
      { object: 'ConfigMap/c', field: 'metadata.namespace', value: 7, message: 'not a string' },
    ]);
  });
});

describe('rule name: names inside pod specs and Services', () => {
  test('the library-shaped Deployment and Service pass', () => {
    expect(check([deployment(), service()], 'name')).toEqual([]);
  });

  test('container names of all three lists are DNS-1123 labels, and required', () => {
    const d = deployment((x) => {
      pod(x).initContainers = [container('Init'), { image: 'busybox' }];
      pod(x).containers.push(container('side_car'));
      pod(x).ephemeralContainers = [{ name: 'debug.1', image: 'busybox' }];
    });
    expectFindings(check([d], 'name'), 'name', [
      { object: 'Deployment/ns/web', field: 'spec.template.spec.initContainers[0].name', value: 'Init', message: 'not a DNS-1123 label' },
      { object: 'Deployment/ns/web', field: 'spec.template.spec.initContainers[1].name', message: 'is missing' },
      { object: 'Deployment/ns/web', field: 'spec.template.spec.containers[1].name', value: 'side_car', fix: "lower-case letters, digits and '-'" },
      { object: 'Deployment/ns/web', field: 'spec.template.spec.ephemeralContainers[0].name', value: 'debug.1' },
    ]);
  });

  test('volume names are DNS-1123 labels', () => {
    const d = deployment((x) => {
      pod(x).volumes.push({ name: 'Certs', secret: { secretName: 'tls' } }, { emptyDir: {} });
    });
    expectFindings(check([d], 'name'), 'name', [
      { object: 'Deployment/ns/web', field: 'spec.template.spec.volumes[1].name', value: 'Certs', message: 'the name of volume 1' },
      { object: 'Deployment/ns/web', field: 'spec.template.spec.volumes[2].name', message: 'missing' },
    ]);
  });

  test('container port names are IANA service names: at most 15, a letter, no "--"', () => {
    const named = (...names: string[]) => deployment((x) => {
      main(x).ports = names.map((name, i) => ({ name, containerPort: 8000 + i }));
    });
    expect(check([named('http', 'https-metrics', 'grpc2', 'a-b-c')], 'name')).toEqual([]);
    expectFindings(check([named('metrics-endpoint-1', '8080', 'a--b', 'HTTP', '-x')], 'name'), 'name', [
      { object: 'Deployment/ns/web', field: 'spec.template.spec.containers[0].ports[0].name', message: 'not 1 to 15 characters long', fix: 'at most 15' },
      { object: 'Deployment/ns/web', field: 'spec.template.spec.containers[0].ports[1].name', message: 'has no letter' },
      { object: 'Deployment/ns/web', field: 'spec.template.spec.containers[0].ports[2].name', message: "contains '--'" },
      { object: 'Deployment/ns/web', field: 'spec.template.spec.containers[0].ports[3].name', message: 'port 3 of container "main"' },
      { object: 'Deployment/ns/web', field: 'spec.template.spec.containers[0].ports[4].name' },
    ]);
  });

  test('pods of every pod-bearing kind are read at their own path', () => {
    const cronJob = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'ns' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'Job' }] } } } } },
    };
    const bare = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'P' }] } };
    const template = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { spec: { containers: [{ name: 'T' }] } } };
    expectFindings(check([cronJob, bare, template], 'name'), 'name', [
      { object: 'CronJob/ns/nightly', field: 'spec.jobTemplate.spec.template.spec.containers[0].name' },
      { object: 'Pod/p', field: 'spec.containers[0].name' },
      { object: 'PodTemplate/t', field: 'template.spec.containers[0].name' },
    ]);
  });

  test('Service port names are DNS-1123 labels, required when there are several ports', () => {
    expect(check([service((s) => s.spec.ports.push({ name: 'metrics', port: 9090 }))], 'name')).toEqual([]);
    expect(check([service((s) => { s.spec.ports = [{ port: 80 }]; })], 'name')).toEqual([]);
    expectFindings(check([service((s) => s.spec.ports.push({ name: 'Metrics', port: 9090 }, { port: 9091 }))], 'name'), 'name', [
      { object: 'Service/ns/web', field: 'spec.ports[1].name', value: 'Metrics', message: 'not a DNS-1123 label' },
      { object: 'Service/ns/web', field: 'spec.ports[2].name', message: 'missing' },
    ]);
  });
});
