import { MetricsServer, NumaflowServer, PodAutoscaler, ScalingStrategy, TlsMode } from '../../lib';
import { documentedDefaults } from '../support/documented-defaults';
import { container, only, synth, testChart } from '../support/harness';

// Documented literal @default values against what is synthesized without the prop.
const chart = testChart();
const ms = new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
const nf = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() });
const pa = new PodAutoscaler(chart, 'pa', { target: nf, strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 });
const objects = synth(chart);
const msArgs: string[] = container(objects.filter((o) => o.metadata.namespace === 'kube-system'), 'Deployment', 'metrics-server').args;
const flag = (name: string) => msArgs.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const paSpec = only(objects, 'PodAutoscaler').spec;
const msDeployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'metrics-server');

// clusterDomain shows in the names of a certificate cert-manager issues.
const cmChart = testChart();
new MetricsServer(cmChart, 'metrics', { tls: TlsMode.certManager({ issuer: { name: 'ca' } }) });
const certificate = only(synth(cmChart), 'Certificate');

const cases: [string, string, { [prop: string]: () => string }][] = [
  ['lib/metrics/metrics-server-props.ts', 'MetricsServerProps', {
    namespace: () => `'${msDeployment.metadata.namespace}'`,
    version: () => `'${ms.version.tag}'`,
    metricResolution: () => `'${flag('metric-resolution')}'`,
    kubeletPreferredAddressTypes: () => `[${flag('kubelet-preferred-address-types')!.split(',').map((t) => `'${t}'`).join(', ')}]`,
    kubeletInsecureTls: () => String(msArgs.includes('--kubelet-insecure-tls')),
    priorityClassName: () => `'${msDeployment.spec.template.spec.priorityClassName}'`,
  }],
  ['lib/workload/common-props.ts', 'ServerCommonProps', {
    replicas: () => String(msDeployment.spec.replicas),
    clusterDomain: () => `'${certificate.spec.dnsNames[3].split('.svc.')[1]}'`,
  }],
  ['lib/metrics/pod-autoscaler.ts', 'PodAutoscalerProps', {
    minReplicas: () => String(paSpec.minReplicas),
    path: () => `'${paSpec.metricsSources[0].path}'`,
    aibrixVersion: () => `'${pa.aibrixVersion.tag}'`,
  }],
];

describe.each(cases)('%s %s', (file, iface, observed) => {
  const defaults = documentedDefaults(file, iface);
  test('every literal @default is checked', () => expect([...defaults.keys()].sort()).toEqual(Object.keys(observed).sort()));
  test.each(Object.keys(observed))('%s', (prop) => expect(observed[prop]()).toBe(defaults.get(prop)));
});
