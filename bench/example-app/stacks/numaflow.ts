import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { NumaflowServer, NumaflowServerProps, TlsMode } from '../../../lib';

/**
 * A Numaflow UI/API server in its own chart. The TLS decision is the `tls` argument; every port,
 * flag, probe and Service target follows from it.
 */
export function numaflowStack(scope: Construct, id: string, tls: TlsMode, props: Partial<NumaflowServerProps> = {}): Chart {
  const chart = new Chart(scope, id);
  new NumaflowServer(chart, 'numaflow', { tls, baseHref: '/numaflow/', ...props });
  return chart;
}
