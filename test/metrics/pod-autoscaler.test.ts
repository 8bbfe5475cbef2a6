import { Chart } from 'cdk8s';
import { MetricsServer, NumaflowServer, PodAutoscaler, PodAutoscalerProps, ScaleTarget, ScalingStrategy, Scheme, TlsMode, ValidationError } from '../../lib';
import { container, expectValid, only, synth, testChart } from '../support/harness';

const metric = { name: 'go_threads', targetValue: 20 };

describe('PodAutoscaler on metrics-server (the seed scenario, AIbrix v0.4.1)', () => {
  const chart = testChart();
  const metricsServer = new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
  new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(metricsServer), strategy: ScalingStrategy.KPA, metric, minReplicas: 1, maxReplicas: 4, aibrixVersion: 'v0.4.1' });
  const objects = synth(chart);
  const pa = only(objects, 'PodAutoscaler');

  test('all output is valid', () => expectValid(objects, { endpoints: [metricsServer.endpoint] }));

  test('scales the metrics-server Deployment, in its namespace', () => {
    expect(pa.metadata).toMatchObject({ name: 'metrics-server', namespace: 'kube-system' });
    expect(pa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'metrics-server' });
    expect(pa.spec).toMatchObject({ minReplicas: 1, maxReplicas: 4, scalingStrategy: 'KPA' });
  });

  test('scrapes the pods over https on the container port (10250, not the Service 443) at /metrics', () => {
    expect(pa.spec.metricsSources).toEqual([
      { metricSourceType: 'pod', protocolType: 'https', port: '10250', path: '/metrics', targetMetric: 'go_threads', targetValue: '20' },
    ]);
  });

  test('registers /metrics with metrics-server, keeping the probe paths allowed', () => {
    expect(container(objects, 'Deployment', 'metrics-server').args).toContain('--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics');
  });

  test('the target Deployment leaves replicas to the autoscaler', () => {
    expect(only(objects, 'Deployment').spec).not.toHaveProperty('replicas');
  });

  test('the APIService still skips verification without a caBundle', () => {
    const api = only(objects, 'APIService');
    expect(api.spec.insecureSkipTLSVerify).toBe(true);
    expect(api.spec).not.toHaveProperty('caBundle');
  });

  test('snapshot', () => expect(pa).toMatchSnapshot());
});

describe('PodAutoscaler follows its target', () => {
  test('a metrics-server on 4443 (v0.6) is scraped on 4443', () => {
    const chart = testChart();
    const ms = new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned(), version: 'v0.6.2' });
    new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(ms), strategy: ScalingStrategy.HPA, metric, maxReplicas: 3, aibrixVersion: 'v0.4.1' });
    expect(only(synth(chart), 'PodAutoscaler').spec.metricsSources[0].port).toBe('4443');
  });

  test('securePort moves the scraped port too', () => {
    const chart = testChart();
    const ms = new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned(), securePort: 4443 });
    new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(ms), strategy: ScalingStrategy.HPA, metric, maxReplicas: 3, aibrixVersion: 'v0.3.0' });
    const objects = synth(chart);
    expect(only(objects, 'PodAutoscaler').spec.metricsSources[0].port).toBe('4443');
    expect(container(objects, 'Deployment', 'metrics-server').args).toContain('--secure-port=4443');
  });

  test('a plain-HTTP NumaflowServer works with current AIbrix (v0.7): http, port 8080', () => {
    const chart = testChart();
    const nf = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() });
    new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(nf), strategy: ScalingStrategy.APA, metric, maxReplicas: 5 });
    const objects = synth(chart);
    expectValid(objects, { endpoints: [nf.endpoint] });
    const pa = only(objects, 'PodAutoscaler');
    expect(pa.metadata.namespace).toBe('numaflow-system');
    expect(pa.spec.metricsSources[0]).toMatchObject({ protocolType: 'http', port: '8080', path: '/metrics' });
    expect(only(objects, 'Deployment').spec).not.toHaveProperty('replicas');
  });

  test('a raw target', () => {
    const chart = testChart();
    new PodAutoscaler(chart, 'pa', {
      target: ScaleTarget.fromWorkload({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'vllm', namespace: 'llm', scheme: Scheme.HTTP, port: 8000 }),
      strategy: ScalingStrategy.KPA, metric: { name: 'vllm:num_requests_waiting', targetValue: 0.5 }, maxReplicas: 8, name: 'vllm-pa',
    });
    const objects = synth(chart);
    expectValid(objects);
    expect(only(objects, 'PodAutoscaler').spec.metricsSources[0]).toMatchObject({ port: '8000', targetValue: '0.5' });
  });
});

describe('PodAutoscaler refusals', () => {
  const refuse = (props: Partial<PodAutoscalerProps>, pattern: RegExp, target?: any) => {
    const chart = testChart();
    const ms = target ?? new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
    let error: unknown;
    try {
      new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(ms), strategy: ScalingStrategy.KPA, metric, maxReplicas: 4, aibrixVersion: 'v0.4.1', ...props });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^test\/pa: /);
    expect((error as Error).message).toMatch(pattern);
    // Nothing half-wired: the target still has replicas and no registered path.
    const objects = synth(chart);
    expect(objects.filter((o) => o.kind === 'PodAutoscaler')).toEqual([]);
    if (ms.scaleTarget) {
      const deployment = synth(Chart.of(ms)).find((o) => o.kind === 'Deployment' && o.metadata.name === ms.scaleTarget.name);
      expect(deployment.spec.replicas).toBe(ms.fixedReplicas ?? 1);
      expect(JSON.stringify(deployment)).not.toContain('--authorization-always-allow-paths');
    }
  };

  test('AIbrix >= v0.5 (the default v0.7.0) cannot scrape HTTPS metrics-server', () => {
    refuse({ aibrixVersion: undefined }, /target "https:\/\/metrics-server:10250" is not allowed: AIbrix v0\.7\.0 scrapes pods over plain HTTP only \(PR #1487\).*use aibrixVersion <= v0\.4.*HTTP/);
  });

  test('AIbrix >= v0.5 ignores the path', () => {
    const chart = testChart();
    const nf = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() });
    refuse({ aibrixVersion: 'v0.5.0', path: '/custom' }, /path "\/custom" is not allowed: AIbrix v0\.5\.0 ignores the path/, nf);
  });

  test.each([
    [{ minReplicas: -1 }, /minReplicas -1 is not allowed/],
    [{ maxReplicas: 0 }, /maxReplicas 0 is not allowed: AIbrix requires maxReplicas > 0/],
    [{ minReplicas: 5, maxReplicas: 4 }, /minReplicas 5 is not allowed: it is above maxReplicas \(4\)/],
    [{ metric: { name: 'go_threads', targetValue: 0 } }, /metric\.targetValue 0 is not allowed: the AIbrix webhook requires a number > 0/],
    [{ metric: { name: 'go_threads', targetValue: -2 } }, /metric\.targetValue -2/],
    [{ metric: { name: 'bad name', targetValue: 1 } }, /metric\.name "bad name"/],
    [{ strategy: 'XPA' as any }, /strategy "XPA" is not allowed: not an AIbrix scaling strategy/],
    [{ aibrixVersion: 'v0.1.0' }, /aibrixVersion "v0.1.0" is not allowed: older than v0.2.0/],
    [{ path: 'metrics' }, /path "metrics" is not allowed: not a URL path/],
  ])('refuses %o', (props, pattern) => refuse(props, pattern));

  test('a target that fixes more replicas than allowed', () => {
    const chart = testChart();
    const ms = new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned(), replicas: 6 });
    refuse({}, /target "Deployment\/metrics-server replicas=6" is not allowed: the target fixes replicas outside 1\.\.4/, ms);
  });

  test('a raw target with a bad scheme or port', () => {
    // Refused by the factory, before any autoscaler exists.
    const raw = (over: object) => () => ScaleTarget.fromWorkload({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', namespace: 'ns', scheme: Scheme.HTTP, port: 1, ...over });
    expect(raw({ scheme: 'tcp' })).toThrow(/^ScaleTarget\.fromWorkload: scheme "tcp" is not allowed: not a scheme; use Scheme\.HTTP or Scheme\.HTTPS$/);
    expect(raw({ port: 0 })).toThrow(/^ScaleTarget\.fromWorkload: port 0 is not allowed: not a TCP port/);
    expect(raw({ kind: '' })).toThrow(/^ScaleTarget\.fromWorkload: kind "" is not allowed/);
    expect(raw({ apiVersion: 'apps /v1' })).toThrow(/^ScaleTarget\.fromWorkload: apiVersion "apps \/v1" is not allowed/);
  });
});
