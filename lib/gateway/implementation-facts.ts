/**
 * What each Gateway API implementation does with the objects this library emits, by release. Each
 * fact names its upstream source (file at a tag, or an issue where the source could not be read
 * here); docs/gateway-implementations.md has the same facts as a table.
 */

/** The Gateway API resources the library emits, by the Gateway API release that serves them. */
export const ROUTES_V1 = 'Gateway API v1.1 (GRPCRoute v1)';
export const BACKEND_TLS_V1 = 'Gateway API v1.4 (BackendTLSPolicy v1)';

/** A release line's facts. `undefined` in a "since" field: not confirmed in source, not checked. */
export interface ImplementationFacts {
  /** The name in messages. */
  readonly name: string;
  /** The oldest release that serves HTTPRoute and GRPCRoute v1 (its go.mod requires Gateway API >= v1.1.0). */
  readonly routesV1Since?: string;
  /** The oldest release that serves BackendTLSPolicy v1 (Gateway API >= v1.4.0). */
  readonly backendTlsV1Since?: string;
  /** Why `wellKnownCACertificates: System` is refused, or none where the implementation supports it. */
  readonly noSystemTrust?: string;
}

export const ENVOY_GATEWAY: ImplementationFacts = {
  name: 'Envoy Gateway',
  // go.mod: v1.1.0 requires sigs.k8s.io/gateway-api v1.1.0, v1.6.0 v1.4.0 (v1.5.0: a v1.3.1 pre-release).
  routesV1Since: 'v1.1.0',
  backendTlsV1Since: 'v1.6.0',
  // internal/gatewayapi/backendtlspolicy.go (v1.9.0): System sets UseSystemTrustStore.
};

export const ISTIO: ImplementationFacts = {
  name: 'Istio',
  // go.mod: 1.22.0 requires sigs.k8s.io/gateway-api v1.1.0, 1.28.0 v1.4.0.
  routesV1Since: 'v1.22.0',
  backendTlsV1Since: 'v1.28.0',
  // pilot/pkg/config/kube/gateway/backend_policies.go (1.30.3): System is "already our default".
};

export const NGINX_GATEWAY_FABRIC: ImplementationFacts = {
  name: 'NGINX Gateway Fabric',
  // go.mod: v1.3.0 requires sigs.k8s.io/gateway-api v1.1.0, v2.3.0 v1.4.1 (v2.2.x: v1.3.0).
  routesV1Since: 'v1.3.0',
  backendTlsV1Since: 'v2.3.0',
  // internal/controller/state/dataplane/configuration.go (v2.6.7): System verifies against /etc/ssl/cert.pem.
};

export const CILIUM: ImplementationFacts = {
  name: 'Cilium',
  // A maintainer on cilium/cilium#44743 (March 2026): "BackendTLSPolicy support didn't make it to
  // v1.19"; cilium/cilium#48935 observes it in v1.20.1. Not read in Cilium's source here (its
  // snapshot is over the size limit), so taken from those threads.
  backendTlsV1Since: 'v1.20.0',
  noSystemTrust: 'Cilium\'s handling of wellKnownCACertificates could not be confirmed in its source',
};

export const GENERIC: ImplementationFacts = {
  name: 'a generic Gateway API implementation',
  noSystemTrust: 'wellKnownCACertificates is implementation-specific in the Gateway API (BackendTLSPolicy v1, v1.4.1): core conformance covers only a CA ConfigMap',
};

/**
 * Envoy Gateway: where the proxies run and how they are labelled. internal/gatewayapi/translator.go
 * and helpers.go `GatewayOwnerLabels` (v1.9.0); the proxies' Deployment in
 * internal/infrastructure/kubernetes/proxy/testdata/deployments/default.yaml and
 * gateway-namespace-mode.yaml. Gateway Namespace Mode (`provider.kubernetes.deploy.type:
 * GatewayNamespace`) exists since v1.3.0 (api/v1alpha1/envoygateway_types.go, #4982).
 */
export const EG_CONTROLLER_NAMESPACE = 'envoy-gateway-system';
export const EG_OWNING_GATEWAY_NAME = 'gateway.envoyproxy.io/owning-gateway-name';
export const EG_OWNING_GATEWAY_NAMESPACE = 'gateway.envoyproxy.io/owning-gateway-namespace';
export const EG_GATEWAY_NAMESPACE_MODE_SINCE = 'v1.3.0';

/**
 * GEP-1762 (standard): an in-cluster implementation labels what it generates for a Gateway with
 * `gateway.networking.k8s.io/gateway-name` and makes it in the Gateway's namespace. Istio's
 * generated pods carry it (istio-discovery files/kube-gateway.yaml, 1.30.3), and so do NGINX
 * Gateway Fabric 2.x's (internal/controller/provisioner/objects.go, v2.6.7, for names of at most
 * 63 characters; a longer name goes to an annotation).
 */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/**
 * NGINX Gateway Fabric 2.0 provisions an NGINX Deployment per Gateway in the Gateway's namespace
 * (internal/controller/provisioner, v2.0.0); 1.x runs NGINX in the control plane's pod, in its own
 * namespace (`nginx-gateway` in deploy/default/deploy.yaml, v1.6.2; labels differ between the chart
 * and the manifests, so the whole namespace is admitted).
 */
export const NGF_PROVISIONER_SINCE = 'v2.0.0';
export const NGF_CONTROL_PLANE_NAMESPACE = 'nginx-gateway';

/**
 * Istio's generated gateway Deployment sets a pod `seccompProfile` only from istiod's
 * `gateways.seccompProfile` (istio-discovery files/kube-gateway.yaml and values.yaml, 1.30.3); the
 * value exists since 1.23.0 (#51826). Its containers set none, so without it the pods meet
 * Pod Security baseline (the `net.ipv4.ip_unprivileged_port_start` sysctl is a safe one), not
 * restricted.
 */
export const ISTIO_SECCOMP_VALUE_SINCE = 'v1.23.0';

/**
 * Istio derives a Service port's protocol from its `appProtocol`, else its name's prefix
 * (pkg/config/kube/conversion.go `ConvertProtocol`, 1.30.3); an HTTP/2 port's cluster gets HTTP/2
 * options and upstream ALPN `h2` (pilot/pkg/networking/core/cluster_builder.go
 * `setUpstreamProtocol`, cluster_tls.go `constructUpstreamTLS`). A GRPCRoute alone does not make it
 * so (istio/istio#60466, open): the TLS port says it.
 */
export const ISTIO_HTTP2_APP_PROTOCOL = 'http2';
