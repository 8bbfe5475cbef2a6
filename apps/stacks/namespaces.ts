import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/**
 * The namespaces the example stacks install into, each enforcing Pod Security "restricted" (every
 * pod of this library meets it), so `kubectl apply -k dist` works on a fresh cluster.
 */
export function namespacesStack(scope: Construct, id: string, names: readonly string[]): Chart {
  const chart = new Chart(scope, id);
  for (const name of names) {
    new k8s.KubeNamespace(chart, name, {
      metadata: {
        name,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'v1.28',
          'app.kubernetes.io/managed-by': 'cdk8s-tls-constructs',
        },
      },
    });
  }
  return chart;
}
