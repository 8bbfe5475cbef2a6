import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewayImplementation, GatewayNamespace, RestrictedNamespace } from '../../lib';
import { ENVOY_GATEWAY, PUBLIC_GATEWAY } from './gateway';

/**
 * The namespaces the example stacks install into, each enforcing Pod Security "restricted" (every
 * pod of this library meets it), so `kubectl apply -k dist` works on a fresh cluster; except the
 * Gateway's, which enforces what the pods its implementation makes there meet (restricted on
 * Envoy Gateway, which runs none there; baseline on Istio, whose generated gateway pods set no
 * seccomp profile unless istiod's `gateways.seccompProfile` is set).
 */
export function namespacesStack(scope: Construct, id: string, names: readonly string[], implementation: GatewayImplementation = ENVOY_GATEWAY): Chart {
  const chart = new Chart(scope, id);
  const partOf = 'cdk8s-tls-constructs-example';
  for (const name of names) {
    if (name === PUBLIC_GATEWAY.namespace) new GatewayNamespace(chart, name, { name, partOf, implementation });
    else new RestrictedNamespace(chart, name, { name, partOf });
  }
  return chart;
}
