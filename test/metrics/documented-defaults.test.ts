import { Duration } from 'cdk8s';
import { MetricsServer, NumaflowServer, PodAutoscaler, ScaleTarget, ScalingStrategy, TlsMode } from '../../lib';
import { goDuration } from '../../lib/tls/go-duration';
import { documentedDefaults } from '../support/documented-defaults';
import { container, only, synth, testChart } from '../support/harness';

// Documented literal @default values against what is synthesized without the prop.
const chart = testChart();
const ms = new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
const nf = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() });
const pa = new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(nf), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 });
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
    metricResolution: () => flag('metric-resolution')!,
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

/** A documented `Duration.<unit>(<amount>)` default as the Go duration the construct writes (`Duration.seconds(15)` → `15s`). */
function asGoDuration(literal: string): string {
  const call = /^Duration\.(millis|seconds|minutes|hours|days)\((\d+(?:\.\d+)?)\)$/.exec(literal);
  if (!call) return `(not a Duration factory call: ${literal})`;
  return goDuration('@default', literal, Duration[call[1] as 'millis' | 'seconds' | 'minutes' | 'hours' | 'days'](Number(call[2])));
}

/** Documented defaults that are not written as they read: how the synthesized value renders them (by `<interface>.<prop>`). */
const RENDERED: { [prop: string]: (literal: string) => string } = {
  'MetricsServerProps.metricResolution': asGoDuration,
};

describe.each(cases)('%s %s', (file, iface, observed) => {
  const defaults = documentedDefaults(file, iface);
  test('every literal @default is checked', () => expect([...defaults.keys()].sort()).toEqual(Object.keys(observed).sort()));
  test.each(Object.keys(observed))('%s', (prop) => {
    const literal = defaults.get(prop)!;
    expect(observed[prop]()).toBe((RENDERED[`${iface}.${prop}`] ?? ((l: string) => l))(literal));
  });
});

test('the documented metricResolution default is a Duration, written as metrics-server\'s 15s', () => {
  expect(documentedDefaults('lib/metrics/metrics-server-props.ts', 'MetricsServerProps').get('metricResolution')).toBe('Duration.seconds(15)');
  expect(flag('metric-resolution')).toBe('15s');
  expect(asGoDuration('Duration.minutes(1)')).toBe('1m');
  expect(asGoDuration('\'15s\'')).toMatch(/^\(not a Duration factory call/);
});
