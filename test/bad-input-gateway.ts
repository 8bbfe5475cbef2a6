import { Chart } from 'cdk8s';
import { NumaflowServer, SecureAdmin, StackNetworkPolicies, TlsMode, Trust } from '../lib';
import { ADMIN_STORE, BadInput } from './bad-input-case';
import { DATABASE } from './support/flyte-invariants';

// What exposure through a Gateway and the NetworkPolicies refuse, as callers (JavaScript ones too)
// give it. A refused exposeViaGateway leaves its server as it was (constructStays).

const LISTENER = { gatewayName: 'public', gatewayNamespace: 'gateway' };
const OK = { listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' };
const makeAdmin = (c: Chart, tls = TlsMode.disabled()) => new SecureAdmin(c, 'admin', { tls, database: DATABASE, objectStore: ADMIN_STORE });
const exposeAdmin = (options: any, tls?: TlsMode) => (c: Chart) => makeAdmin(c, tls).exposeViaGateway(options);
const policies = (props: any) => (c: Chart) => new StackNetworkPolicies(c, 'np', props);
const PATH = 'c/admin.exposeViaGateway';

export const GATEWAY_INPUTS: BadInput[] = [
  { name: 'a gateway trusted through the issued Secret (holds tls.key)', class: 'secrets', build: exposeAdmin(OK, TlsMode.certManager({ issuer: { name: 'ca' } })),
    path: PATH, prop: 'tls.trust', value: 'Trust.caFromSecretName("flyteadmin-tls", "ca.crt")', allowed: 'trust-manager', constructStays: true },
  { name: 'a gateway trusted through a CA Secret', class: 'secrets', build: exposeAdmin(OK, TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName('flyte-ca') })),
    path: PATH, prop: 'tls.trust', value: 'Trust.caFromSecretName("flyte-ca", "ca.crt")', allowed: 'Trust.caFromConfigMapName', constructStays: true },
  { name: 'a CA ConfigMap key a BackendTLSPolicy cannot read', class: 'tls-modes', build: exposeAdmin(OK, TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromConfigMapName('flyte-ca', 'bundle.pem') })),
    path: PATH, prop: 'tls.trust', value: 'Trust.caFromConfigMapName("flyte-ca", "bundle.pem")', allowed: 'ca.crt', constructStays: true },
  { name: 'a self-made certificate behind a gateway', class: 'tls-modes', build: (c) => new NumaflowServer(c, 'nf', { tls: TlsMode.selfSigned() }).exposeViaGateway({ listener: LISTENER, host: 'nf.example.com' }),
    path: 'c/nf.exposeViaGateway', prop: 'tls', value: 'TlsMode.selfSigned()', allowed: 'TlsMode.disabled() with StackNetworkPolicies', constructStays: true },
  { name: 'HTTP and gRPC on one host and listener', class: 'wiring', build: exposeAdmin({ listener: LISTENER, host: 'flyte.example.com' }),
    path: PATH, prop: 'grpcHost', value: 'flyte.example.com', allowed: 'a grpcHost of its own', constructStays: true },
  { name: 'a wildcard route host', class: 'names-labels', build: exposeAdmin({ ...OK, host: '*.example.com' }),
    path: PATH, prop: 'host', value: '*.example.com', allowed: 'a lower-case DNS name', constructStays: true },
  { name: 'a Gateway name with upper case', class: 'names-labels', build: exposeAdmin({ ...OK, listener: { ...LISTENER, gatewayName: 'Public' } }),
    path: PATH, prop: 'listener.gatewayName', value: 'Public', allowed: 'lower-case', constructStays: true },
  { name: 'a misspelt exposure option', class: 'unknown-props', build: exposeAdmin({ ...OK, grpcHosts: 'x.example.com' }),
    path: PATH, prop: 'grpcHosts', value: 'x.example.com', allowed: 'grpcHost', constructStays: true },
  { name: 'a listener port as a string', class: 'types', build: exposeAdmin({ ...OK, listener: { ...LISTENER, port: '443' } }),
    path: PATH, prop: 'listener.port', value: '443', allowed: 'an integer from 1 to 65535', constructStays: true },
  { name: 'no listener', class: 'null-required', build: exposeAdmin({ host: 'flyte.example.com' }),
    path: PATH, prop: 'listener', value: undefined, allowed: 'GatewayListener', constructStays: true },
  { name: 'a route host that the Admin\'s publicUrl spells otherwise', class: 'wiring',
    build: (c) => new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE, publicUrl: 'https://flyte.example.org' }).exposeViaGateway(OK),
    path: PATH, prop: 'publicUrl', value: 'https://flyte.example.org', allowed: 'no publicUrl', constructStays: true },
  { name: 'a gateway data plane of pods and addresses at once', class: 'values',
    build: exposeAdmin({ ...OK, listener: { ...LISTENER, dataPlane: { peer: { namespace: 'envoy-gateway-system' }, cidrs: ['35.191.0.0/16'] } } }),
    path: PATH, prop: 'listener.dataPlane', value: { peer: { namespace: 'envoy-gateway-system' }, cidrs: ['35.191.0.0/16'] }, allowed: 'a peer', constructStays: true },
  { name: 'a gateway data plane with neither pods nor addresses', class: 'null-required', build: exposeAdmin({ ...OK, listener: { ...LISTENER, dataPlane: { cidrs: [] } } }),
    path: PATH, prop: 'listener.dataPlane', value: { cidrs: [] }, allowed: 'or cidrs', constructStays: true },
  { name: 'a gateway data plane address that is not a CIDR', class: 'values', build: exposeAdmin({ ...OK, grpcListener: { ...LISTENER, sectionName: 'grpc', dataPlane: { cidrs: ['35.191.0.0'] } } }),
    path: PATH, prop: 'grpcListener.dataPlane.cidrs[0]', value: '35.191.0.0', allowed: '10.0.0.1/32', constructStays: true },
  { name: 'a gateway data plane peer with a misspelt field', class: 'unknown-props', build: exposeAdmin({ ...OK, listener: { ...LISTENER, dataPlane: { peer: { namespace: 'envoy-gateway-system', labels: { app: 'envoy' } } } } }),
    path: PATH, prop: 'listener.dataPlane.peer.labels', value: { app: 'envoy' }, allowed: 'podLabels', constructStays: true },
  { name: 'allowFrom that is not a list', class: 'types', build: (c) => new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE, allowFrom: { namespace: 'flyte' } as any }),
    path: 'c/admin', prop: 'allowFrom', value: { namespace: 'flyte' }, allowed: 'a list of' },
  { name: 'allowFrom with an empty label set (every pod of the namespace)', class: 'values',
    build: (c) => new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE, allowFrom: [{ namespace: 'flyte', podLabels: {} }] }),
    path: 'c/admin', prop: 'allowFrom[0].podLabels', value: {}, allowed: 'labels of the peer pods' },
  { name: 'egress without the API server', class: 'null-required', build: policies({ egress: { apiServerCidrs: [], apiServerClusterIp: '10.96.0.1' } }), path: 'c/np', prop: 'egress.apiServerCidrs', value: [], allowed: 'kubernetes.io/service-name=kubernetes' },
  { name: 'a CIDR that is not one', class: 'values', build: policies({ egress: { apiServerCidrs: ['10.0.0.1'] } }), path: 'c/np', prop: 'egress.apiServerCidrs[0]', value: '10.0.0.1', allowed: '10.0.0.1/32' },
  { name: 'a misspelt egress option', class: 'unknown-props', build: policies({ egres: {} }), path: 'c/np', prop: 'egres', value: {}, allowed: 'egress' },
  { name: 'a second set of policies in one stack', class: 'duplicates', build: (c) => { new StackNetworkPolicies(c, 'first'); return new StackNetworkPolicies(c, 'np'); },
    path: 'c/np', prop: 'scope', value: 'c/first', allowed: 'one StackNetworkPolicies per chart' },
  { name: 'egress that would cut Admin off its database', class: 'wiring', at: 'synth',
    build: (c) => { makeAdmin(c); return new StackNetworkPolicies(c, 'np', { egress: { apiServerCidrs: ['10.0.0.1/32'], apiServerClusterIp: '10.96.0.1' } }); },
    path: 'c/np', prop: 'egress.destinations', value: undefined, allowed: 'the CIDRs or in-cluster peers' },
  { name: 'a refused exposure builds no route and keeps Admin\'s origin', class: 'all-or-nothing', build: exposeAdmin({ listener: LISTENER, host: 'flyte.example.com' }),
    without: (c) => makeAdmin(c), path: PATH, prop: 'grpcHost', value: 'flyte.example.com', allowed: 'grpcHost', constructStays: true },
];
