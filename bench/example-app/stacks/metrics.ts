import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { MetricsServer, MetricsServerProps, PodAutoscaler, ScaleTarget, ScalingStrategy, TlsMode } from '../../../lib';

/** Options of `metricsStack`. */
export interface MetricsStackOptions extends Partial<MetricsServerProps> {
  /** Also scale metrics-server with an AIbrix PodAutoscaler running this AIbrix release (<= v0.4 scrapes HTTPS). */
  readonly autoscaleWithAibrix?: string;
}

/**
 * metrics-server in its own chart; the TLS mode decides the serving certificate and the
 * APIService's trust. Optionally an AIbrix PodAutoscaler scales it on its own `go_threads`.
 */
export function metricsStack(scope: Construct, id: string, tls: TlsMode, options: MetricsStackOptions = {}): Chart {
  const chart = new Chart(scope, id);
  const { autoscaleWithAibrix, ...props } = options;
  const metricsServer = new MetricsServer(chart, 'metrics-server', { tls, ...props });
  if (autoscaleWithAibrix) {
    new PodAutoscaler(chart, 'autoscaler', {
      target: ScaleTarget.fromServer(metricsServer),
      strategy: ScalingStrategy.KPA,
      metric: { name: 'go_threads', targetValue: 20 },
      minReplicas: 1,
      maxReplicas: 4,
      aibrixVersion: autoscaleWithAibrix,
    });
  }
  return chart;
}
