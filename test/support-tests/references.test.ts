import { checkReferences } from '../support/references';

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

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x-config', namespace: 'ns' } };

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
