import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { MetricsServer, NumaflowServer, PodAutoscaler, ScalingStrategy, StackSpec, TlsMode } from '../lib';

/**
 * The benchmark's "full stack": every construct of the library, one TLS mode per family (DESIGN §3).
 */
export function fullStack(scope: Construct, id: string): Chart {
  const chart = new Chart(scope, id);
  const metricsServer = new MetricsServer(chart, 'metrics', { tls: TlsMode.certManager({ issuer: { name: 'cluster-ca' } }) });
  new PodAutoscaler(chart, 'autoscaler', {
    target: metricsServer, strategy: ScalingStrategy.KPA, metric: { name: 'go_threads', targetValue: 20 }, maxReplicas: 4, aibrixVersion: 'v0.4.1',
  });
  new NumaflowServer(chart, 'numaflow', { tls: TlsMode.selfSigned() });
  return chart;
}

export const fullStacks = (n: number): StackSpec[] => Array.from({ length: n }, (_, i) => ({ id: `stack-${i}`, build: fullStack }));

/** The objects of one full stack, as synthesized. */
export function fullStackObjects(): any[] {
  return fullStack(new App(), 'stack').toJson();
}
