import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewayListener, NumaflowServer, NumaflowServerProps, StackNetworkPolicies, TlsMode } from '../../lib';
import { PUBLIC_LISTENER } from './gateway';

/**
 * A Numaflow UI/API server in its own chart. The TLS decision is the `tls` argument; every port,
 * flag, probe and Service target follows from it.
 */
export function numaflowStack(scope: Construct, id: string, tls: TlsMode, props: Partial<NumaflowServerProps> = {}, exposeAt?: string,
  listener: GatewayListener = PUBLIC_LISTENER): Chart {
  const chart = new Chart(scope, id);
  const server = new NumaflowServer(chart, 'numaflow', { tls, baseHref: '/numaflow/', ...props });
  if (exposeAt) {
    // Only in TlsMode.disabled(): the gateway cannot verify the server's self-made certificate, so
    // TLS ends at the gateway and the NetworkPolicy lets only the gateway reach the port.
    server.exposeViaGateway({ listener, host: exposeAt });
    new StackNetworkPolicies(chart, 'network-policies');
  }
  return chart;
}
