import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewayListener, ListenerProtocol } from '../../lib';
import { Gateway, GatewaySpecListenersAllowedRoutesNamespacesFrom } from '../../lib/imports/gateway.networking.k8s.io';

/** The one Gateway of the example cluster, as the platform team runs it (the library only attaches routes). */
export const PUBLIC_GATEWAY = { name: 'public', namespace: 'gateway' };

/** Its HTTPS listener, which every exposed server of the example attaches to. */
export const PUBLIC_LISTENER: GatewayListener = {
  gatewayName: PUBLIC_GATEWAY.name,
  gatewayNamespace: PUBLIC_GATEWAY.namespace,
  sectionName: 'https',
  protocol: ListenerProtocol.HTTPS,
};

/** The namespaces whose routes the listener accepts: the exposed stacks' own. */
const ROUTE_NAMESPACES = ['flyte-cm', 'flyte-dev', 'numaflow-dev'];

/**
 * `gateway`: the Gateway `public` (HTTPS on 443 for `*.example.com`, terminating TLS with the
 * wildcard certificate in Secret `example-com-tls`, which covers names of one label under
 * example.com, so every route host of the example is one). Its class is the cluster's
 * implementation (`example` here); routes attach from the listed namespaces only. The
 * NetworkPolicies admit the namespace `gateway`, where the implementation is assumed to run the
 * Gateway's proxies (Istio, NGINX Gateway Fabric; see `GatewayListener.dataPlane` for others).
 */
export function gatewayStack(scope: Construct, id = 'gateway'): Chart {
  const chart = new Chart(scope, id);
  new Gateway(chart, 'public', {
    metadata: {
      name: PUBLIC_GATEWAY.name,
      namespace: PUBLIC_GATEWAY.namespace,
      labels: {
        'app.kubernetes.io/name': 'gateway',
        'app.kubernetes.io/instance': PUBLIC_GATEWAY.name,
        'app.kubernetes.io/version': 'v1.4.1',
        'app.kubernetes.io/part-of': 'cdk8s-tls-constructs-example',
        'app.kubernetes.io/managed-by': 'cdk8s-tls-constructs',
      },
    },
    spec: {
      gatewayClassName: 'example',
      listeners: [{
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: '*.example.com',
        tls: { certificateRefs: [{ kind: 'Secret', name: 'example-com-tls' }] },
        allowedRoutes: {
          namespaces: {
            from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR,
            selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ROUTE_NAMESPACES }] },
          },
        },
      }],
    },
  });
  return chart;
}
