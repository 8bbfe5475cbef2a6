import { Chart } from 'cdk8s';
import { Endpoint, TlsMode, ValidationError } from '../../lib';
import { ServerWorkload, ServerWorkloadProps } from '../../lib/workload/server-workload';
import { expectValid, only, synth, testApp } from '../support/harness';

function workload(overrides: Partial<ServerWorkloadProps> = {}, tls = TlsMode.selfSigned()) {
  const chart = new Chart(testApp(), 'c');
  const endpoint = new Endpoint({ mode: tls, serviceName: 'svc', namespace: 'ns', port: 8443, servicePort: 443 });
  const w = new ServerWorkload(chart, 'w', ServerWorkload.resolve('c/w', {
    name: 'svc', namespace: 'ns',
    identity: { name: 'svc', instance: 'one', version: 'v1.0.0', partOf: 'test' },
    common: {}, runAs: { user: 1000 }, serviceAccountName: 'svc', callsApi: false,
    ports: [{ endpoint, appProtocol: tls.scheme }],
    liveness: { endpoint, path: '/livez' },
    main: { name: 'main', image: 'img:1', resources: { requests: { cpu: '10m' } }, writablePaths: ['/tmp', '/cache'] },
    ...overrides,
  }));
  return { chart, w, endpoint };
}

describe('ServerWorkload', () => {
  test('derives container port, Service port, probe and labels from the endpoint', () => {
    const { chart, endpoint } = workload();
    const objects = synth(chart);
    expectValid(objects, { endpoints: [endpoint] });
    const c = only(objects, 'Deployment').spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ name: 'https', containerPort: 8443, protocol: 'TCP' }]);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/livez', port: 'https', scheme: 'HTTPS' });
    expect(only(objects, 'Service').spec.ports).toEqual([{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', appProtocol: 'https' }]);
  });

  test('plain HTTP endpoints get HTTP probes', () => {
    const { chart } = workload({}, TlsMode.disabled());
    const c = only(synth(chart), 'Deployment').spec.template.spec.containers[0];
    expect(c.livenessProbe.httpGet.scheme).toBe('HTTP');
    expect(c.ports[0].name).toBe('http');
  });

  test('does not mount the token of a ServiceAccount that needs none', () => {
    const objects = synth(workload().chart);
    expect(only(objects, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(only(objects, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('every writable path gets its own emptyDir', () => {
    const pod = only(synth(workload().chart), 'Deployment').spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }, { name: 'cache', emptyDir: {} }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'cache', mountPath: '/cache' }]);
  });

  test('only the stated resources, no cdk8s-plus defaults', () => {
    const c = only(synth(workload().chart), 'Deployment').spec.template.spec.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '10m' } });
  });

  test('omitReplicas leaves replicas to an autoscaler, even when called after construction', () => {
    const { chart, w } = workload({ common: { replicas: 3 } });
    expect(only(synth(chart), 'Deployment').spec.replicas).toBe(3);
    w.omitReplicas();
    expect(only(synth(chart), 'Deployment').spec).not.toHaveProperty('replicas');
  });

  test('a mount without a volume fails synthesis with the construct path', () => {
    const { chart } = workload({ main: { name: 'main', image: 'i', resources: {}, volumeMounts: [{ name: 'nope', mountPath: '/x' }] } });
    expect(() => synth(chart)).toThrow(/^c\/w\/Deployment: spec\.template\.spec\.containers\[0\]\.volumeMounts\[0\]\.name "nope" is not allowed: Deployment\/ns\/svc breaks rule volume-mount: container "main" mounts volume "nope", which the pod does not define/);
    expect(() => synth(chart)).toThrow(ValidationError);
  });

  test('a container name used twice fails synthesis', () => {
    const { chart } = workload({ initContainers: [{ name: 'main', image: 'i', resources: {} }] });
    expect(() => synth(chart)).toThrow(/container name "main" is used twice in the pod/);
  });
});
