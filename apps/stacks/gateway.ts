import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { GatewayImplementation, GatewayImplementationKind, GatewayListener, ListenerProtocol } from '../../lib';
import { Gateway, GatewaySpecListenersAllowedRoutesNamespacesFrom } from '../../lib/imports/gateway.networking.k8s.io';

/** The one Gateway of the example cluster, as the platform team runs it (the library only attaches routes). */
export const PUBLIC_GATEWAY = { name: 'public', namespace: 'gateway' };

/**
 * The implementation that runs it: Envoy Gateway v1.9.0, with its defaults (the proxies in
 * `envoy-gateway-system`, no EnvoyProxy ALPN setting: a GRPCRoute's cluster offers h2).
 */
export const ENVOY_GATEWAY = GatewayImplementation.envoyGateway({ version: 'v1.9.0' });

/**
 * The Istio variant (dist/alternatives/istio/): Istio 1.30.3 with istiod's defaults
 * (`gateways.seccompProfile` unset, so its gateway pods meet baseline only).
 */
export const ISTIO = GatewayImplementation.istio({ version: '1.30.3' });

/** The GatewayClass each implementation installs: Envoy Gateway's quickstart `eg`, istiod's `istio`. */
const GATEWAY_CLASS: { [kind: string]: string } = { [GatewayImplementationKind.ENVOY_GATEWAY]: 'eg', [GatewayImplementationKind.ISTIO]: 'istio' };

/** The HTTPS listener of the Gateway that every exposed server of the example attaches to. */
export function publicListener(implementation: GatewayImplementation = ENVOY_GATEWAY): GatewayListener {
  return { gatewayName: PUBLIC_GATEWAY.name, gatewayNamespace: PUBLIC_GATEWAY.namespace, sectionName: 'https', protocol: ListenerProtocol.HTTPS, implementation };
}

/** The listener on Envoy Gateway. */
export const PUBLIC_LISTENER: GatewayListener = publicListener();

/** The namespaces whose routes the listener accepts: the exposed stacks' own. */
const ROUTE_NAMESPACES = ['flyte-cm', 'flyte-dev', 'numaflow-dev'];

/**
 * `gateway`: the Gateway `public` (HTTPS on 443 for `*.example.com`, terminating TLS with the
 * wildcard certificate in Secret `example-com-tls`, which covers names of one label under
 * example.com, so every route host of the example is one), of the implementation's GatewayClass;
 * routes attach from the listed namespaces only. The NetworkPolicies admit the proxies the
 * implementation runs for it (on Envoy Gateway, those of `envoy-gateway-system` labelled with this
 * Gateway's name and namespace).
 */
export function gatewayStack(scope: Construct, id = 'gateway', implementation: GatewayImplementation = ENVOY_GATEWAY): Chart {
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
      gatewayClassName: GATEWAY_CLASS[implementation.kind],
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
