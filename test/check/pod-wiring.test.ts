import { check, configMap, container, deployment, expectFindings, main, pod, service } from './fixtures';

const D = 'Deployment/ns/web';
const S = 'Service/ns/web';
const M = 'spec.template.spec.containers[0]';

describe('rule service-target-port', () => {
  test('a named or numbered target that a selected container declares passes; so does a default target', () => {
    expect(check([deployment(), service()], 'service-target-port')).toEqual([]);
    expect(check([deployment(), service((s) => { s.spec.ports[0].targetPort = 8080; })], 'service-target-port')).toEqual([]);
    expect(check([deployment(), service((s) => { s.spec.ports[0] = { name: 'http', port: 8080 }; })], 'service-target-port')).toEqual([]);
  });

  test('a port name no selected container declares is a finding', () => {
    expectFindings(check([deployment(), service((s) => { s.spec.ports[0].targetPort = 'https'; })], 'service-target-port'), 'service-target-port', [{
      object: S, field: 'spec.ports[0].targetPort', value: 'https',
      message: `Service port "http" targets port name "https", which no container of ${D} declares: the Service gets no endpoints for it`,
      fix: 'name a port that container "main" declares ("http" (8080))',
    }]);
  });

  test('a number no selected container declares is a finding, also when it is the default target', () => {
    expectFindings(check([deployment(), service((s) => { s.spec.ports = [{ name: 'a', port: 80, targetPort: 9090 }, { name: 'b', port: 8443 }]; })], 'service-target-port'), 'service-target-port', [
      { object: S, field: 'spec.ports[0].targetPort', value: 9090, message: 'targets 9090, which no container', fix: 'target a containerPort that container "main" declares' },
      { object: S, field: 'spec.ports[1].port', value: 8443, message: 'targets 8443' },
    ]);
  });

  test('a selector that matches no pod is a finding only for a complete set', () => {
    const other = service((s) => { s.spec.selector = { app: 'other' }; });
    expect(check([deployment(), other], 'service-target-port')).toEqual([]);
    expectFindings(check([deployment(), other], 'service-target-port', { complete: true }), 'service-target-port', [{
      object: S, field: 'spec.selector', value: { app: 'other' }, message: 'selects no pod among the objects in namespace ns', fix: 'labels of the pod template',
    }]);
  });

  test('pods of another namespace and PodTemplate objects are not selected', () => {
    const template = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'web', namespace: 'ns' }, template: deployment().spec.template };
    expect(check([deployment(() => {}, 'web', 'other'), template, service()], 'service-target-port', { complete: true }))
      .toEqual([expect.objectContaining({ field: 'spec.selector' })]);
  });

  test('every selector label must match; any selected pod may declare the port', () => {
    const canary = deployment((d) => {
      d.spec.template.metadata.labels.track = 'canary';
      main(d).ports = [{ name: 'metrics', containerPort: 9090 }];
      main(d).readinessProbe.httpGet.port = 'metrics';
    }, 'canary');
    const metrics = service((s) => { s.spec.ports = [{ name: 'metrics', port: 9090, targetPort: 'metrics' }]; }, 'metrics');
    expect(check([deployment(), canary, metrics], 'service-target-port')).toEqual([]);
    const stable = service((s) => { s.spec.selector.track = 'stable'; s.spec.ports[0].targetPort = 'metrics'; }, 'stable');
    expectFindings(check([deployment(), canary, stable], 'service-target-port', { complete: true }), 'service-target-port', [
      { object: 'Service/ns/stable', field: 'spec.selector' },
    ]);
  });

  test('native sidecars serve; other init containers do not', () => {
    const withInit = (restartPolicy?: string) => deployment((d) => {
      pod(d).initContainers = [container('proxy', { ports: [{ name: 'proxy', containerPort: 15000 }], readinessProbe: undefined, ...(restartPolicy ? { restartPolicy } : {}) })];
    });
    const proxy = service((s) => { s.spec.ports[0].targetPort = 'proxy'; });
    expect(check([withInit('Always'), proxy], 'service-target-port')).toEqual([]);
    expectFindings(check([withInit(), proxy], 'service-target-port'), 'service-target-port', [
      { object: S, field: 'spec.ports[0].targetPort', value: 'proxy' },
    ]);
  });

  test('a Service without a selector has hand-made endpoints and is not checked', () => {
    expect(check([service((s) => { delete s.spec.selector; s.spec.ports[0].targetPort = 'x'; })], 'service-target-port', { complete: true })).toEqual([]);
  });
});

describe('rule probe-port', () => {
  test('probes on declared ports, by name or number, pass', () => {
    const d = deployment((x) => {
      main(x).livenessProbe = { tcpSocket: { port: 8080 } };
      main(x).startupProbe = { grpc: { port: 8080 } };
    });
    expect(check([d], 'probe-port')).toEqual([]);
  });

  test('a probe on a port the container does not declare is a finding', () => {
    const d = deployment((x) => {
      main(x).readinessProbe.httpGet.port = 'https';
      main(x).livenessProbe = { tcpSocket: { port: 9090 } };
      main(x).startupProbe = { grpc: { port: 8081 } };
    });
    expectFindings(check([d], 'probe-port'), 'probe-port', [
      { object: D, field: `${M}.livenessProbe.tcpSocket.port`, value: 9090, message: 'livenessProbe of container "main" targets port 9090, which the container does not declare' },
      { object: D, field: `${M}.readinessProbe.httpGet.port`, value: 'https', message: 'cannot resolve the name', fix: 'target a port that container "main" declares ("http" (8080))' },
      { object: D, field: `${M}.startupProbe.grpc.port`, value: 8081 },
    ]);
  });

  test('a port another container declares does not count; a probe without a port is a finding', () => {
    const d = deployment((x) => {
      pod(x).containers.push(container('side', { ports: [{ name: 'admin', containerPort: 9901 }], readinessProbe: { httpGet: { path: '/' } }, volumeMounts: [] }));
      main(x).readinessProbe.httpGet.port = 'admin';
    });
    expectFindings(check([d], 'probe-port'), 'probe-port', [
      { object: D, field: `${M}.readinessProbe.httpGet.port`, value: 'admin' },
      { object: D, field: 'spec.template.spec.containers[1].readinessProbe.httpGet.port', message: 'has no httpGet.port' },
    ]);
  });
});

describe('rule volume-mount', () => {
  test('mounts of the pod\'s volumes at distinct paths pass', () => {
    const d = deployment((x) => {
      pod(x).volumes.push({ name: 'tmp', emptyDir: {} });
      main(x).volumeMounts.push({ name: 'tmp', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/other', subPath: 'a' });
    });
    expect(check([d, configMap('web-config', {})], 'volume-mount')).toEqual([]);
  });

  test('a mount of a volume the pod does not define is a finding', () => {
    const d = deployment((x) => { main(x).volumeMounts.push({ name: 'certs', mountPath: '/etc/tls' }); });
    expectFindings(check([d], 'volume-mount'), 'volume-mount', [{
      object: D, field: `${M}.volumeMounts[1].name`, value: 'certs',
      message: 'container "main" mounts volume "certs", which the pod does not define', fix: 'mount one of the pod\'s volumes ("config")',
    }]);
  });

  test('two mounts of one container at one path are a finding; across containers they are fine', () => {
    const d = deployment((x) => {
      pod(x).volumes.push({ name: 'tmp', emptyDir: {} });
      main(x).volumeMounts.push({ name: 'tmp', mountPath: '/etc/web' });
      pod(x).containers.push(container('side', { ports: [], readinessProbe: undefined }));
    });
    expectFindings(check([d], 'volume-mount'), 'volume-mount', [
      { object: D, field: `${M}.volumeMounts[1].mountPath`, value: '/etc/web', message: 'mounts two volumes at "/etc/web"', fix: 'its own mountPath' },
    ]);
  });

  test('container names are unique across all three lists; volume names are unique', () => {
    const d = deployment((x) => {
      pod(x).initContainers = [container('main', { ports: [], readinessProbe: undefined })];
      pod(x).ephemeralContainers = [{ name: 'main', image: 'busybox' }];
      pod(x).volumes.push({ name: 'config', emptyDir: {} });
    });
    expectFindings(check([d], 'volume-mount'), 'volume-mount', [
      { object: D, field: 'spec.template.spec.volumes[1].name', value: 'config', message: 'volume name "config" is used twice' },
      { object: D, field: M + '.name', value: 'main', message: 'container name "main" is used twice' },
      { object: D, field: 'spec.template.spec.ephemeralContainers[0].name', value: 'main', fix: 'its own name' },
    ]);
  });
});
