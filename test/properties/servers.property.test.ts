import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { MetricsServer, NumaflowServer, PodAutoscaler, ScaleTarget, ScalingStrategy } from '../../lib';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { expectValid, only, synth, testChart } from '../support/harness';
import { buildOrRefuse, expectBoth, dnsLabel, namedByUser, origin, params, resources, semver, tlsMode } from './arbitraries';

// For every generated configuration a construct either refuses it clearly or synthesizes output on
// which every invariant holds (schema, restricted, DESIGN §6).

test('NumaflowServer: refused clearly, or valid with flags, probes and Service agreeing', () => {
  const seen = { built: 0, refused: 0 };
  fc.assert(fc.property(
    tlsMode, semver(fc.constant(1), fc.integer({ min: 0, max: 9 })),
    fc.record({
      baseHref: fc.option(fc.constantFrom('/', '/ui', '/numaflow/', 'ui'), { nil: undefined }),
      corsAllowedOrigins: fc.option(fc.array(origin, { maxLength: 3 }), { nil: undefined }),
      namespaced: fc.option(fc.boolean(), { nil: undefined }),
      readonly: fc.option(fc.boolean(), { nil: undefined }),
      replicas: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      namespace: fc.option(dnsLabel, { nil: undefined }),
      resources,
    }),
    (tls, version, opts) => {
      const chart = testChart();
      const server = buildOrRefuse('test/nf', () => new NumaflowServer(chart, 'nf', { tls, version, ...opts }));
      seen[server ? 'built' : 'refused']++;
      if (!server) return;
      const objects = synth(chart);
      expectValid(objects, { endpoints: [server.endpoint] });
      const main = containersOf(podOf(only(objects, 'Deployment'))!.spec).find((c) => c.container.name === 'main')!.container;
      expect(main.args).toContain(`--port=${server.endpoint.port}`);
      expect(main.args).toContain(`--insecure=${server.endpoint.scheme === 'http'}`);
      expect(main.args).toContain(`--server-addr=${server.endpoint.scheme}://localhost:${server.endpoint.port}`);
    },
  ), params);
  expectBoth(seen);
});

test('MetricsServer: refused clearly, or valid with one APIService trust', () => {
  const seen = { built: 0, refused: 0 };
  fc.assert(fc.property(
    tlsMode, semver(fc.constant(0), fc.integer({ min: 5, max: 9 })),
    fc.record({
      securePort: fc.option(fc.constantFrom(443, 4443, 10250, 8443), { nil: undefined }),
      replicas: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      kubeletInsecureTls: fc.option(fc.boolean(), { nil: undefined }),
      metricResolution: fc.option(fc.constantFrom(Duration.seconds(5), Duration.seconds(10), Duration.seconds(15), Duration.minutes(1)), { nil: undefined }),
      namespace: fc.option(fc.constantFrom('kube-system', 'monitoring'), { nil: undefined }),
      resources,
    }),
    (tls, version, opts) => {
      const chart = testChart();
      const ms = buildOrRefuse('test/ms', () => new MetricsServer(chart, 'ms', { tls, version, ...opts }));
      seen[ms ? 'built' : 'refused']++;
      if (!ms) return;
      const objects = synth(chart);
      expectValid(objects, { endpoints: [ms.endpoint], external: namedByUser(tls, ms.namespace) });
      const apiService = only(objects, 'APIService');
      const api = apiService.spec;
      const injected = apiService.metadata.annotations?.['cert-manager.io/inject-ca-from'];
      expect([api.insecureSkipTLSVerify === true, Boolean(api.caBundle), Boolean(injected)].filter((x) => x)).toHaveLength(1);
      if (tls.kind === 'certManager') expect(injected).toBe(`${ms.namespace}/metrics-server`);
      expect(ms.endpoint.scheme).toBe('https');
      const args: string[] = containersOf(podOf(only(objects, 'Deployment'))!.spec).find((c) => c.container.name === 'metrics-server')!.container.args;
      // The Duration as a Go duration (5s is refused): whole minutes in m, else s.
      const written: { [seconds: number]: string } = { 10: '10s', 15: '15s', 60: '1m' };
      expect(args).toContain(`--metric-resolution=${written[(opts.metricResolution ?? Duration.seconds(15)).toSeconds()]}`);
    },
  ), params);
  expectBoth(seen);
});

test('PodAutoscaler ↔ MetricsServer/NumaflowServer: scrapes the target\'s scheme and container port, registers its path', () => {
  const seen = { built: 0, refused: 0 };
  fc.assert(fc.property(
    tlsMode, fc.boolean(), semver(fc.constant(0), fc.integer({ min: 1, max: 7 })),
    fc.record({
      min: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 9 }, { arbitrary: fc.constantFrom(-1, 7), weight: 1 }),
      max: fc.oneof({ arbitrary: fc.integer({ min: 2, max: 6 }), weight: 9 }, { arbitrary: fc.constant(0), weight: 1 }),
      value: fc.oneof({ arbitrary: fc.constantFrom(0.5, 20), weight: 9 }, { arbitrary: fc.constantFrom(-1, 0), weight: 1 }),
    }),
    fc.oneof({ arbitrary: fc.constantFrom(undefined, '/metrics'), weight: 4 }, { arbitrary: fc.constant('/stats'), weight: 1 }),
    (tls, useMetrics, aibrixVersion, r, path) => {
      const chart = testChart();
      const target = buildOrRefuse('test', () => (useMetrics ? new MetricsServer(chart, 'ms', { tls }) : new NumaflowServer(chart, 'nf', { tls })));
      if (!target) return;
      const pa = buildOrRefuse('test/pa', () => new PodAutoscaler(chart, 'pa', {
        target: ScaleTarget.fromServer(target), aibrixVersion, minReplicas: r.min, maxReplicas: r.max, strategy: ScalingStrategy.KPA, metric: { name: 'go_threads', targetValue: r.value }, path,
      }));
      seen[pa ? 'built' : 'refused']++;
      const objects = synth(chart);
      expectValid(objects, { endpoints: [target.endpoint], external: namedByUser(tls, target.endpoint.namespace) });
      if (!pa) {
        expect(objects.filter((o) => o.kind === 'PodAutoscaler')).toEqual([]);
        return;
      }
      const source = only(objects, 'PodAutoscaler').spec.metricsSources[0];
      expect(source.protocolType).toBe(target.endpoint.scheme);
      expect(source.port).toBe(String(target.endpoint.port));
      expect(only(objects, 'PodAutoscaler').metadata.namespace).toBe(target.endpoint.namespace);
      expect(only(objects, 'Deployment').spec.replicas).toBeUndefined();
      if (useMetrics) {
        const args: string[] = containersOf(podOf(only(objects, 'Deployment'))!.spec)[0].container.args;
        expect(args.find((a) => a.startsWith('--authorization-always-allow-paths='))!.split('=')[1].split(',')).toEqual(expect.arrayContaining(['/livez', source.path]));
      }
    },
  ), params);
  expectBoth(seen);
});
