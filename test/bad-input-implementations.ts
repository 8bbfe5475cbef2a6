import { Chart } from 'cdk8s';
import { Console, GatewayImplementation, GatewayNamespace, SecureAdmin, StackNetworkPolicies, TlsMode, Trust } from '../lib';
import { ADMIN_STORE, BadInput } from './bad-input-case';
import { DATABASE } from './support/flyte-invariants';

// What the gateway implementation refuses, as callers (JavaScript ones too) give it: the factories'
// options, what an implementation cannot do with a server's routes, and the policies no
// NetworkPolicy can express. A refused exposeViaGateway leaves its server as it was.

const LISTENER = { gatewayName: 'public', gatewayNamespace: 'gateway' };
const CM_TRUST = () => TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caFromConfigMapName('flyte-ca') });
const makeAdmin = (c: Chart, tls: TlsMode) => new SecureAdmin(c, 'admin', { tls, database: DATABASE, objectStore: ADMIN_STORE });
const exposeAdmin = (implementation: () => GatewayImplementation | undefined, tls = CM_TRUST) => (c: Chart) =>
  makeAdmin(c, tls()).exposeViaGateway({ listener: { ...LISTENER, implementation: implementation() }, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
const exposeConsole = (implementation: () => GatewayImplementation, tls = CM_TRUST) => (c: Chart) =>
  new Console(c, 'console', { admin: makeAdmin(c, tls()) }).exposeViaGateway({ listener: { ...LISTENER, implementation: implementation() }, host: 'console.example.com' });
const PATH = 'c/admin.exposeViaGateway';
const EG = 'GatewayImplementation.envoyGateway';

export const IMPLEMENTATION_INPUTS: BadInput[] = [
  // Admin's gRPC with TLS on: HTTP/2 negotiated with ALPN h2 on its one TLS port.
  { name: 'Admin\'s TLS gRPC on a generic implementation (core conformance leaves it open)', class: 'tls-modes', build: exposeAdmin(() => undefined),
    path: PATH, prop: 'listener.implementation', value: 'GatewayImplementation.generic()', allowed: 'envoyGateway', constructStays: true },
  { name: 'Admin\'s TLS gRPC on Cilium (no BackendTLSPolicy for a GRPCRoute)', class: 'tls-modes', build: exposeAdmin(() => GatewayImplementation.cilium({ version: 'v1.20.2' })),
    path: PATH, prop: 'listener.implementation', value: 'GatewayImplementation.cilium({ version: "v1.20.2" })', allowed: 'TlsMode.disabled() for Admin', constructStays: true },
  { name: 'Admin\'s TLS gRPC through an EnvoyProxy that offers only http/1.1', class: 'values',
    build: exposeAdmin(() => GatewayImplementation.envoyGateway({ version: 'v1.9.0', backendTlsAlpnProtocols: ['http/1.1'] })),
    path: PATH, prop: 'listener.implementation.backendTlsAlpnProtocols', value: ['http/1.1'], allowed: 'alpnProtocols with h2', constructStays: true },
  // BackendTLSPolicy v1 (Gateway API v1.4) and wellKnownCACertificates.
  { name: 'a TLS Console through Envoy Gateway before BackendTLSPolicy v1', class: 'versions', build: exposeConsole(() => GatewayImplementation.envoyGateway({ version: 'v1.5.0' })),
    path: 'c/console.exposeViaGateway', prop: 'listener.implementation', value: `${EG}({ version: "v1.5.0" })`, allowed: '>= v1.6.0', constructStays: true },
  { name: 'a TLS Console through Istio before BackendTLSPolicy v1', class: 'versions', build: exposeConsole(() => GatewayImplementation.istio({ version: '1.27.3' })),
    path: 'c/console.exposeViaGateway', prop: 'listener.implementation', value: 'GatewayImplementation.istio({ version: "v1.27.3" })', allowed: '>= v1.28.0', constructStays: true },
  { name: 'a TLS Console through NGINX Gateway Fabric before BackendTLSPolicy v1', class: 'versions', build: exposeConsole(() => GatewayImplementation.nginxGatewayFabric({ version: 'v2.2.2' })),
    path: 'c/console.exposeViaGateway', prop: 'listener.implementation', value: 'GatewayImplementation.nginxGatewayFabric({ version: "v2.2.2" })', allowed: '>= v2.3.0', constructStays: true },
  { name: 'system roots on a generic implementation (wellKnownCACertificates is implementation-specific)', class: 'tls-modes',
    build: exposeConsole(() => GatewayImplementation.generic(), () => TlsMode.fromSecretName('flyte-tls')),
    path: 'c/console.exposeViaGateway', prop: 'listener.implementation', value: 'GatewayImplementation.generic()', allowed: 'Trust.caFromConfigMapName', constructStays: true },
  { name: 'system roots on Cilium (not confirmed in its source)', class: 'tls-modes',
    build: exposeConsole(() => GatewayImplementation.cilium({ version: 'v1.20.2' }), () => TlsMode.fromSecretName('flyte-tls')),
    path: 'c/console.exposeViaGateway', prop: 'listener.implementation', value: 'GatewayImplementation.cilium({ version: "v1.20.2" })', allowed: 'a CA ConfigMap', constructStays: true },
  // A data plane no NetworkPolicy selects.
  { name: 'StackNetworkPolicies for a server exposed on Cilium (the reserved identity ingress)', class: 'wiring', at: 'synth',
    build: (c) => {
      makeAdmin(c, TlsMode.disabled()).exposeViaGateway({ listener: { ...LISTENER, implementation: GatewayImplementation.cilium({ version: 'v1.20.2' }) }, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
      return new StackNetworkPolicies(c, 'np');
    },
    path: PATH, prop: 'listener.implementation', value: undefined, allowed: 'fromEntities: [ingress]' },
  { name: 'a listener implementation given as a string', class: 'types', build: exposeAdmin(() => 'envoy-gateway' as any, () => TlsMode.disabled()),
    path: PATH, prop: 'listener.implementation', value: 'envoy-gateway', allowed: 'GatewayImplementation factories', constructStays: true },
  // The factories.
  { name: 'an implementation version that is not semver', class: 'versions', build: () => GatewayImplementation.envoyGateway({ version: 'latest' }),
    path: EG, prop: 'version', value: 'latest', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'Envoy Gateway before GRPCRoute v1', class: 'versions', build: () => GatewayImplementation.envoyGateway({ version: 'v1.0.2' }),
    path: EG, prop: 'version', value: 'v1.0.2', allowed: '>= v1.1.0' },
  { name: 'Gateway Namespace Mode before Envoy Gateway v1.3', class: 'versions', build: () => GatewayImplementation.envoyGateway({ version: 'v1.2.8', gatewayNamespaceMode: true }),
    path: EG, prop: 'gatewayNamespaceMode', value: true, allowed: '>= v1.3.0' },
  { name: 'gateways.seccompProfile before Istio 1.23', class: 'versions', build: () => GatewayImplementation.istio({ version: '1.22.8', gatewaySeccompProfile: true }),
    path: 'GatewayImplementation.istio', prop: 'gatewaySeccompProfile', value: true, allowed: '>= v1.23.0' },
  { name: 'an implementation version as a number', class: 'types', build: () => GatewayImplementation.nginxGatewayFabric({ version: 2.6 as any }),
    path: 'GatewayImplementation.nginxGatewayFabric', prop: 'version', value: 2.6, allowed: 'a string' },
  { name: 'an implementation without a version', class: 'null-required', build: () => GatewayImplementation.cilium({} as any),
    path: 'GatewayImplementation.cilium', prop: 'version', value: undefined, allowed: 'a string' },
  { name: 'a misspelt implementation option', class: 'unknown-props', build: () => GatewayImplementation.istio({ version: '1.30.3', seccompProfile: true } as any),
    path: 'GatewayImplementation.istio', prop: 'seccompProfile', value: true, allowed: 'gatewaySeccompProfile' },
  { name: 'an Envoy Gateway namespace with upper case', class: 'names-labels', build: () => GatewayImplementation.envoyGateway({ version: 'v1.9.0', controllerNamespace: 'Envoy-Gateway' }),
    path: EG, prop: 'controllerNamespace', value: 'Envoy-Gateway', allowed: 'lower-case' },
  { name: 'a Gateway namespace for a generic implementation (its pods are unknown)', class: 'values',
    build: (c) => new GatewayNamespace(c, 'gw', { name: 'gateway', implementation: GatewayImplementation.generic() }),
    path: 'c/gw', prop: 'implementation', value: 'GatewayImplementation.generic()', allowed: 'RestrictedNamespace' },
];
