import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { RestrictedNamespace } from '../../../lib';

/**
 * The namespaces the example stacks install into, each enforcing Pod Security "restricted" (every
 * pod of this library meets it), so `kubectl apply -k dist` works on a fresh cluster.
 */
export function namespacesStack(scope: Construct, id: string, names: readonly string[]): Chart {
  const chart = new Chart(scope, id);
  for (const name of names) new RestrictedNamespace(chart, name, { name, partOf: 'cdk8s-tls-constructs-example' });
  return chart;
}
