import { checkDuplicates, checkPodInvariants, checkPortWiring, checkReferences } from '../../lib/workload/manifest-invariants';

const labels = { 'app.kubernetes.io/name': 'x', 'app.kubernetes.io/instance': 'x' };

function deployment(containerOverrides: any = {}, podOverrides: any = {}): any {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'ns' },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            name: 'main', image: 'i', ports: [{ name: 'https', containerPort: 8443 }],
            livenessProbe: { httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' } },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/x' }],
            ...containerOverrides,
          }],
          volumes: [{ name: 'cfg', configMap: { name: 'x-config' } }],
          ...podOverrides,
        },
      },
    },
  };
}

function service(targetPort: unknown, selector: any = labels): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', namespace: 'ns' }, spec: { selector, ports: [{ name: 'https', port: 443, targetPort }] } };
}

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x-config', namespace: 'ns' } };

describe('checkPortWiring (DESIGN §6 item 1)', () => {
  test('a named or numbered targetPort that a selected container declares passes', () => {
    expect(checkPortWiring([deployment(), service('https')])).toEqual([]);
    expect(checkPortWiring([deployment(), service(8443)])).toEqual([]);
  });

  test('a targetPort no container declares fails', () => {
    expect(checkPortWiring([deployment(), service('http')])).toEqual([
      'Service/ns/x port https targets "http", which no selected container declares',
    ]);
    expect(checkPortWiring([deployment(), service(8080)])[0]).toMatch(/targets 8080/);
  });

  test('a Service that selects no pod fails', () => {
    expect(checkPortWiring([deployment(), service('https', { app: 'other' })])[0]).toMatch(/selects no pod/);
  });

  test('a probe on an undeclared port fails', () => {
    const bad = deployment({ readinessProbe: { httpGet: { path: '/', port: 'http' } } });
    expect(checkPortWiring([bad])).toEqual(['Deployment/ns/x container main readinessProbe targets port "http", which the container does not declare']);
  });
});

describe('checkPodInvariants (items 5 and 7)', () => {
  test('a mount without a volume fails', () => {
    const bad = deployment({ volumeMounts: [{ name: 'missing', mountPath: '/m' }] });
    expect(checkPodInvariants([bad])).toEqual(['Deployment/ns/x container main mounts volume missing, which the pod does not define']);
  });

  test('two mounts on one path fail', () => {
    const bad = deployment({ volumeMounts: [{ name: 'cfg', mountPath: '/m' }, { name: 'cfg', mountPath: '/m' }] });
    expect(checkPodInvariants([bad])[0]).toMatch(/mounts two volumes at \/m/);
  });

  test('two containers with one name fail, across container kinds', () => {
    const bad = deployment({}, { initContainers: [{ name: 'main', image: 'i' }] });
    expect(checkPodInvariants([bad])).toContain('Deployment/ns/x has two containers named main');
  });

  test('a sound pod passes', () => {
    expect(checkPodInvariants([deployment(), service('https')])).toEqual([]);
  });
});

describe('checkReferences (item 5)', () => {
  test('a ConfigMap the stack creates passes; a missing one fails', () => {
    expect(checkReferences([deployment(), configMap])).toEqual([]);
    expect(checkReferences([deployment()])).toEqual(['Deployment/ns/x references ConfigMap/ns/x-config, which the stack does not create and no prop names']);
  });

  test('a ConfigMap named by the user passes', () => {
    expect(checkReferences([deployment()], ['ConfigMap/ns/x-config'])).toEqual([]);
  });

  test('the same name in another namespace does not count', () => {
    expect(checkReferences([deployment(), { ...configMap, metadata: { name: 'x-config', namespace: 'other' } }])).toHaveLength(1);
  });

  test('env, envFrom and projected references are checked; optional ones are not', () => {
    const pod = deployment({
      env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's1', key: 'k' } } }, { name: 'B', valueFrom: { secretKeyRef: { name: 'opt', key: 'k', optional: true } } }],
      envFrom: [{ configMapRef: { name: 'c2' } }],
    }, { volumes: [{ name: 'cfg', projected: { sources: [{ secret: { name: 's3' } }] } }] });
    expect(checkReferences([pod]).map((m) => m.split(' references ')[1].split(',')[0])).toEqual(['Secret/ns/s3', 'Secret/ns/s1', 'ConfigMap/ns/c2']);
  });

  test('a Secret that a cert-manager Certificate fills counts as created', () => {
    const pod = deployment({}, { volumes: [{ name: 'cfg', secret: { secretName: 'x-tls' } }] });
    const cert = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'x', namespace: 'ns' }, spec: { secretName: 'x-tls' } };
    expect(checkReferences([pod, cert])).toEqual([]);
    expect(checkReferences([pod])).toHaveLength(1);
  });
});

describe('checkDuplicates', () => {
  test('an object emitted twice fails; the same name in another namespace or kind does not', () => {
    expect(checkDuplicates([configMap, { ...configMap }])).toEqual(['ConfigMap/ns/x-config is emitted twice']);
    expect(checkDuplicates([configMap, { ...configMap, metadata: { name: 'x-config', namespace: 'other' } }, { ...configMap, kind: 'Secret' }])).toEqual([]);
  });

  test('two Certificates issuing into one Secret fail', () => {
    const cert = (name: string) => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name, namespace: 'ns' }, spec: { secretName: 'shared-tls' } });
    expect(checkDuplicates([cert('a'), cert('b')])).toEqual(['Certificate/ns/b and Certificate/ns/a both issue into Secret ns/shared-tls']);
  });
});
