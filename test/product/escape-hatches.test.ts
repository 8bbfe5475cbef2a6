import { ApiObject, Testing } from 'cdk8s';
import { fullStack } from '../../bench/full-stack';
import { testApp } from '../support/harness';

// cdk8s convention: `ApiObject.of(construct)` finds a construct's primary object (its defaultChild),
// and every escape-hatch object has an exported type.

test('ApiObject.of finds the primary object of each of the seven constructs', () => {
  const chart = fullStack(testApp(), 'stack');
  const primary = (id: string) => {
    const o = ApiObject.of(chart.node.findChild(id));
    return `${o.kind}/${o.name}`;
  };
  expect(primary('admin')).toBe('Deployment/flyteadmin');
  expect(primary('console')).toBe('Deployment/flyteconsole');
  expect(primary('metrics')).toBe('Deployment/metrics-server');
  expect(primary('numaflow')).toBe('Deployment/numaflow-server');
  expect(primary('template')).toBe('PodTemplate/flyte-template');
  expect(primary('task')).toBe('Pod/copilot-task');
  expect(primary('autoscaler')).toBe('PodAutoscaler/metrics-server');
});

test('a patch through ApiObject.of reaches the output and the synth-time checks', () => {
  const chart = fullStack(testApp(), 'stack');
  ApiObject.of(chart.node.findChild('numaflow')).metadata.addAnnotation('team', 'data');
  const deployment = Testing.synth(chart).find((o: any) => o.kind === 'Deployment' && o.metadata.name === 'numaflow-server');
  expect(deployment.metadata.annotations).toEqual({ team: 'data' });
});

test('escape-hatch objects have exported types', () => {
  const lib = require('../../lib');
  const chart = fullStack(testApp(), 'stack');
  const admin = chart.node.findChild('admin') as any;
  expect(admin.certificate).toBeInstanceOf(lib.CertManagerCertificate);
  expect((chart.node.findChild('autoscaler') as any).resource).toBeInstanceOf(lib.AibrixPodAutoscaler);
  for (const id of ['admin', 'console', 'metrics', 'numaflow']) {
    const server = chart.node.findChild(id) as any;
    expect(server.deployment).toBeInstanceOf(ApiObject);
    expect(server.service.kind).toBe('Service');
    expect(server.serviceAccount.kind).toBe('ServiceAccount');
  }
});
