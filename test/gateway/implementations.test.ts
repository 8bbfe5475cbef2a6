// The gateway implementation is an input: what each one derives (the data plane the policies admit,
// the Service-port hint it reads, what the Gateway's namespace may enforce) and what each refuses
// (Admin's gRPC to its TLS port, wellKnownCACertificates: System, a release without
// BackendTLSPolicy v1), checked on the emitted JSON. The facts and their sources:
// docs/gateway-implementations.md.
import { Chart } from 'cdk8s';
import {
  Console, FlyteScheduler, GatewayImplementation, GatewayImplementationKind, GatewayListener, GatewayNamespace, NumaflowServer, ObjectStore, PodSecurityLevel,
  SecureAdmin, StackNetworkPolicies, TlsMode, Trust,
} from '../../lib';
import { DATABASE } from '../support/flyte-invariants';
import { only, refusalOf, synth, testChart } from '../support/harness';
import { schemaErrors } from '../support/schema';

const STORE = ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' });
const EG = GatewayImplementation.envoyGateway({ version: 'v1.9.0' });
const ISTIO = GatewayImplementation.istio({ version: '1.30.3' });
const NGF = GatewayImplementation.nginxGatewayFabric({ version: 'v2.6.7' });
const CILIUM = GatewayImplementation.cilium({ version: 'v1.20.2' });
const GENERIC = GatewayImplementation.generic();
const CM_TRUST = () => TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caFromConfigMapName('flyte-ca') });
const listener = (implementation?: GatewayImplementation, more: Partial<GatewayListener> = {}): GatewayListener =>
  ({ gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https', ...(implementation ? { implementation } : {}), ...more });
const adminIn = (chart: Chart, tls: TlsMode) => new SecureAdmin(chart, 'admin', { tls, database: DATABASE, objectStore: STORE });
const exposeAdmin = (chart: Chart, tls: TlsMode, implementation?: GatewayImplementation) =>
  adminIn(chart, tls).exposeViaGateway({ listener: listener(implementation), host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
/** The `from` of the NetworkPolicy rule that admits the gateway to Admin's port 8088. */
const gatewayPeer = (objects: any[]) => only(objects, 'NetworkPolicy', 'flyteadmin').spec.ingress.find((r: any) => r.ports.some((p: any) => p.port === 8088))?.from;

describe('the data plane the policies admit', () => {
  const peers: [string, GatewayImplementation, unknown][] = [
    // Envoy Gateway: its controller's namespace, the Gateway's name AND namespace (the name alone
    // would admit a Gateway `public` of any namespace).
    ['Envoy Gateway', EG, { namespace: 'envoy-gateway-system', podLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'public', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway' } }],
    ['Envoy Gateway, Gateway Namespace Mode', GatewayImplementation.envoyGateway({ version: 'v1.9.0', gatewayNamespaceMode: true }),
      { namespace: 'gateway', podLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'public', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway' } }],
    ['Envoy Gateway installed elsewhere', GatewayImplementation.envoyGateway({ version: 'v1.9.0', controllerNamespace: 'eg' }),
      { namespace: 'eg', podLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'public', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway' } }],
    ['Istio', ISTIO, { namespace: 'gateway', podLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' } }],
    ['NGINX Gateway Fabric 2.x', NGF, { namespace: 'gateway', podLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' } }],
    // Before 2.0, NGINX runs in the control plane's pod.
    ['NGINX Gateway Fabric 1.x', GatewayImplementation.nginxGatewayFabric({ version: 'v1.6.2' }), { namespace: 'nginx-gateway' }],
    ['NGINX Gateway Fabric 1.x elsewhere', GatewayImplementation.nginxGatewayFabric({ version: 'v1.6.2', controlPlaneNamespace: 'ngf' }), { namespace: 'ngf' }],
    // GEP-1762: in the Gateway's namespace; only the Deployment must carry the name label.
    ['generic', GENERIC, { namespace: 'gateway' }],
  ];
  test.each(peers)('%s', (_name, implementation, peer) => {
    expect(implementation.dataPlanePeer('public', 'gateway')).toEqual(peer);
    const chart = testChart();
    exposeAdmin(chart, TlsMode.disabled(), implementation);
    new StackNetworkPolicies(chart, 'policies');
    const objects = synth(chart);
    const p = peer as { namespace: string; podLabels?: object };
    expect(gatewayPeer(objects)).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } },
      ...(p.podLabels ? { podSelector: { matchLabels: p.podLabels } } : {}),
    }]);
    expect(schemaErrors(objects)).toEqual([]);
  });

  test('a Gateway name longer than a label value: the namespace as a whole (NGINX Gateway Fabric puts such a name in an annotation)', () => {
    const name = `g${'a'.repeat(63)}`;
    expect(NGF.dataPlanePeer(name, 'gateway')).toEqual({ namespace: 'gateway' });
    expect(ISTIO.dataPlanePeer(name, 'gateway')).toEqual({ namespace: 'gateway' });
  });

  test('the listener\'s dataPlane replaces what the implementation derives (Envoy Gateway merging Gateways)', () => {
    const chart = testChart();
    const merged = { peer: { namespace: 'envoy-gateway-system', podLabels: { 'gateway.envoyproxy.io/owning-gatewayclass': 'eg' } } };
    adminIn(chart, TlsMode.disabled()).exposeViaGateway({ listener: listener(EG, { dataPlane: merged }), host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    new StackNetworkPolicies(chart, 'policies');
    expect(gatewayPeer(synth(chart))).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } }, podSelector: { matchLabels: merged.peer.podLabels },
    }]);
  });

  describe('Cilium: the reserved identity `ingress`, which no NetworkPolicy selects', () => {
    test('no peer; without StackNetworkPolicies the exposure stands', () => {
      expect(CILIUM.dataPlanePeer('public', 'gateway')).toBeUndefined();
      const chart = testChart();
      exposeAdmin(chart, TlsMode.disabled(), CILIUM);
      expect(synth(chart).filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
    });

    test('with StackNetworkPolicies, made before or after the exposure: refused at synth, naming the CiliumNetworkPolicy to add', () => {
      for (const policiesFirst of [true, false]) {
        const chart = testChart();
        if (policiesFirst) new StackNetworkPolicies(chart, 'policies');
        exposeAdmin(chart, TlsMode.disabled(), CILIUM);
        if (!policiesFirst) new StackNetworkPolicies(chart, 'policies');
        const e = refusalOf(() => synth(chart));
        expect(e.errors.map((x) => x.prop)).toEqual(['listener.implementation']);
        expect(e.message).toMatch(/reserved identity `ingress`.*fromEntities: \[ingress\].*ingressAllowedByCiliumPolicy: true/);
      }
    });

    test('admitted by a CiliumNetworkPolicy of the user\'s: the NetworkPolicy has no gateway rule, the other flows stay', () => {
      const chart = testChart();
      const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: STORE, allowFrom: [{ namespace: 'flyte', podLabels: { app: 'flytepropeller' } }], scheduler: FlyteScheduler.none() });
      admin.exposeViaGateway({ listener: listener(GatewayImplementation.cilium({ version: 'v1.20.2', ingressAllowedByCiliumPolicy: true })), host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
      new StackNetworkPolicies(chart, 'policies');
      const rules = only(synth(chart), 'NetworkPolicy', 'flyteadmin').spec.ingress;
      expect(rules).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'flyte' } }, podSelector: { matchLabels: { app: 'flytepropeller' } } }],
        ports: [{ protocol: 'TCP', port: 8088 }, { protocol: 'TCP', port: 8089 }] }]);
    });
  });
});

describe('Admin\'s gRPC with TLS on (one TLS port that serves gRPC only over HTTP/2 negotiated with ALPN h2)', () => {
  test('the generic implementation refuses it, naming the implementations that serve it and how', () => {
    const chart = testChart();
    const e = refusalOf(() => exposeAdmin(chart, CM_TRUST()));
    expect([e.path, e.prop, e.value]).toEqual(['test/admin.exposeViaGateway', 'listener.implementation', 'GatewayImplementation.generic()']);
    expect(e.message).toMatch(/ALPN h2.*gateway-api#3087.*gateway-api#4833/);
    expect(e.message).toMatch(/use .*envoyGateway.*nginxGatewayFabric.*istio.*appProtocol http2.*TlsMode\.disabled\(\)/);
    // Nothing was built: the Admin stays as it was.
    expect(synth(chart).filter((o) => o.apiVersion.startsWith('gateway.networking.k8s.io'))).toEqual([]);
  });

  test('the generic implementation serves Admin with TLS off: the plain gRPC port says h2c (GEP-1911: SHOULD honour appProtocol)', () => {
    const chart = testChart();
    exposeAdmin(chart, TlsMode.disabled());
    const grpcPort = only(synth(chart), 'Service', 'flyteadmin').spec.ports.find((p: any) => p.name === 'grpc');
    expect(grpcPort.appProtocol).toBe('kubernetes.io/h2c');
  });

  test('the gRPC listener is the one judged: a generic HTTP listener and an Envoy Gateway gRPC listener serve it', () => {
    const chart = testChart();
    adminIn(chart, CM_TRUST()).exposeViaGateway({ listener: listener(), host: 'flyte.example.com', grpcListener: listener(EG, { gatewayName: 'grpc' }) });
    expect(synth(chart).filter((o) => o.kind === 'GRPCRoute')).toHaveLength(1);
    const e = refusalOf(() => adminIn(testChart(), CM_TRUST()).exposeViaGateway({ listener: listener(EG), host: 'flyte.example.com', grpcListener: listener(undefined, { gatewayName: 'grpc' }) }));
    expect(e.prop).toBe('grpcListener.implementation');
  });

  test('Cilium refuses it: no BackendTLSPolicy for a GRPCRoute\'s backends (cilium#48935)', () => {
    const e = refusalOf(() => exposeAdmin(testChart(), CM_TRUST(), CILIUM));
    expect([e.prop, e.value]).toEqual(['listener.implementation', 'GatewayImplementation.cilium({ version: "v1.20.2" })']);
    expect(e.message).toMatch(/cilium\/cilium#48935.*use TlsMode\.disabled\(\) for Admin/);
  });

  const served: [string, GatewayImplementation, string | undefined][] = [
    // A GRPCRoute's cluster is HTTP/2, and Envoy offers its pool's protocol (h2) when no ALPN is set.
    ['Envoy Gateway', EG, undefined],
    ['Envoy Gateway with an EnvoyProxy offering h2 and http/1.1', GatewayImplementation.envoyGateway({ version: 'v1.9.0', backendTlsAlpnProtocols: ['h2', 'http/1.1'] }), undefined],
    // An empty list is no ALPN in Envoy's TLS context, where Envoy falls back to the pool's h2.
    ['Envoy Gateway with an empty alpnProtocols', GatewayImplementation.envoyGateway({ version: 'v1.9.0', backendTlsAlpnProtocols: [] }), undefined],
    // grpc_pass grpcs:// with grpc_ssl_*; nginx's gRPC proxy offers h2.
    ['NGINX Gateway Fabric', NGF, undefined],
    // Istio reads the protocol from the Service port only: the TLS port declares HTTP/2.
    ['Istio', ISTIO, 'http2'],
  ];
  test.each(served)('%s serves it; the TLS port declares appProtocol %s', (_name, implementation, appProtocol) => {
    const chart = testChart();
    exposeAdmin(chart, CM_TRUST(), implementation);
    const objects = synth(chart);
    const service = only(objects, 'Service', 'flyteadmin');
    expect(service.spec.ports.filter((p: any) => p.name !== 'http-metrics')).toEqual([{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', ...(appProtocol ? { appProtocol } : {}) }]);
    expect(only(objects, 'GRPCRoute').spec.rules[0].backendRefs[0].port).toBe(443);
    expect(only(objects, 'BackendTLSPolicy').spec.targetRefs[0].sectionName).toBe('https');
    expect(schemaErrors(objects)).toEqual([]);
  });

  test('Istio: a Console\'s TLS port (HTTPRoute only) gets no hint, nor does Admin\'s with TLS off', () => {
    const chart = testChart();
    const admin = adminIn(chart, TlsMode.disabled());
    admin.exposeViaGateway({ listener: listener(ISTIO), host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    const objects = synth(chart);
    expect(only(objects, 'Service', 'flyteadmin').spec.ports.map((p: any) => p.appProtocol)).toEqual([undefined, 'kubernetes.io/h2c']);
    const tlsChart = testChart();
    const tlsAdmin = adminIn(tlsChart, CM_TRUST());
    new Console(tlsChart, 'console', { admin: tlsAdmin }).exposeViaGateway({ listener: listener(ISTIO), host: 'console.example.com' });
    expect(only(synth(tlsChart), 'Service', 'flyteconsole').spec.ports[0].appProtocol).toBeUndefined();
  });

  test('Envoy Gateway whose EnvoyProxy offers only http/1.1: refused, naming the setting', () => {
    const e = refusalOf(() => exposeAdmin(testChart(), CM_TRUST(), GatewayImplementation.envoyGateway({ version: 'v1.9.0', backendTlsAlpnProtocols: ['http/1.1'] })));
    expect([e.prop, e.value]).toEqual(['listener.implementation.backendTlsAlpnProtocols', ['http/1.1']]);
    expect(e.message).toMatch(/spec\.backendTLS\.alpnProtocols.*use alpnProtocols with h2/);
  });
});

describe('BackendTLSPolicy v1 and wellKnownCACertificates', () => {
  const tooOld: [string, GatewayImplementation, string][] = [
    ['Envoy Gateway', GatewayImplementation.envoyGateway({ version: 'v1.5.0' }), 'v1.6.0'],
    ['Istio', GatewayImplementation.istio({ version: '1.27.0' }), 'v1.28.0'],
    ['NGINX Gateway Fabric', GatewayImplementation.nginxGatewayFabric({ version: 'v2.2.0' }), 'v2.3.0'],
    ['Cilium', GatewayImplementation.cilium({ version: 'v1.19.4' }), 'v1.20.0'],
  ];
  test.each(tooOld)('%s before BackendTLSPolicy v1: a TLS server is refused, a plain one served', (_name, implementation, since) => {
    const chart = testChart();
    const admin = adminIn(chart, CM_TRUST());
    const e = refusalOf(() => new Console(chart, 'console', { admin }).exposeViaGateway({ listener: listener(implementation), host: 'console.example.com' }));
    expect(e.message).toContain(`serves since ${since}`);
    expect(() => exposeAdmin(testChart(), TlsMode.disabled(), implementation)).not.toThrow();
  });

  test.each([['generic', GENERIC], ['Cilium', CILIUM]] as [string, GatewayImplementation][])('%s: Trust.systemRoots() (wellKnownCACertificates: System) is refused', (_name, implementation) => {
    const chart = testChart();
    const admin = adminIn(chart, TlsMode.fromSecretName('flyte-tls'));
    const e = refusalOf(() => new Console(chart, 'console', { admin }).exposeViaGateway({ listener: listener(implementation), host: 'console.example.com' }));
    expect(e.message).toMatch(/wellKnownCACertificates: System.*use a CA ConfigMap/);
  });

  test.each([['Envoy Gateway', EG], ['Istio', ISTIO], ['NGINX Gateway Fabric', NGF]] as [string, GatewayImplementation][])('%s verifies against its system roots', (_name, implementation) => {
    const chart = testChart();
    const admin = adminIn(chart, TlsMode.fromSecretName('flyte-tls'));
    new Console(chart, 'console', { admin }).exposeViaGateway({ listener: listener(implementation), host: 'console.example.com' });
    expect(only(synth(chart), 'BackendTLSPolicy').spec.validation.wellKnownCACertificates).toBe('System');
  });

  test('the generic implementation serves an HTTPRoute to a TLS port with a CA ConfigMap (core)', () => {
    const chart = testChart();
    new Console(chart, 'console', { admin: adminIn(chart, CM_TRUST()) }).exposeViaGateway({ listener: listener(), host: 'console.example.com' });
    expect(only(synth(chart), 'BackendTLSPolicy').spec.validation.caCertificateRefs).toEqual([{ group: '', kind: 'ConfigMap', name: 'flyte-ca' }]);
  });
});

describe('what the Gateway\'s namespace may enforce', () => {
  const levels: [string, GatewayImplementation, PodSecurityLevel][] = [
    ['Envoy Gateway (no pods there)', EG, PodSecurityLevel.RESTRICTED],
    ['Envoy Gateway, Gateway Namespace Mode (RuntimeDefault, non-root)', GatewayImplementation.envoyGateway({ version: 'v1.9.0', gatewayNamespaceMode: true }), PodSecurityLevel.RESTRICTED],
    ['Istio without gateways.seccompProfile', ISTIO, PodSecurityLevel.BASELINE],
    ['Istio with gateways.seccompProfile', GatewayImplementation.istio({ version: '1.30.3', gatewaySeccompProfile: true }), PodSecurityLevel.RESTRICTED],
    ['NGINX Gateway Fabric 2.x', NGF, PodSecurityLevel.RESTRICTED],
    ['Cilium (per-node Envoy in kube-system)', CILIUM, PodSecurityLevel.RESTRICTED],
  ];
  test.each(levels)('%s: %s', (_name, implementation, level) => {
    expect(implementation.gatewayNamespacePodSecurity).toBe(level);
    const chart = testChart();
    new GatewayNamespace(chart, 'gateway', { name: 'gateway', implementation });
    const labels = only(synth(chart), 'Namespace').metadata.labels;
    expect(labels['pod-security.kubernetes.io/enforce']).toBe(level);
    // What falls short of restricted stays visible.
    expect(labels['pod-security.kubernetes.io/audit']).toBe('restricted');
    expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
  });

  test('the generic implementation: unknown pods, refused', () => {
    expect(GENERIC.gatewayNamespacePodSecurity).toBeUndefined();
    const chart = testChart();
    const e = refusalOf(() => new GatewayNamespace(chart, 'gateway', { name: 'gateway', implementation: GENERIC }));
    expect([e.prop, e.value]).toEqual(['implementation', 'GatewayImplementation.generic()']);
    expect(chart.node.children).toHaveLength(0);
  });
});

describe('the factories', () => {
  test('kinds, versions and names', () => {
    expect([EG, ISTIO, NGF, CILIUM, GENERIC].map((i) => [i.kind, i.version, `${i}`])).toEqual([
      [GatewayImplementationKind.ENVOY_GATEWAY, 'v1.9.0', 'GatewayImplementation.envoyGateway({ version: "v1.9.0" })'],
      [GatewayImplementationKind.ISTIO, 'v1.30.3', 'GatewayImplementation.istio({ version: "v1.30.3" })'],
      [GatewayImplementationKind.NGINX_GATEWAY_FABRIC, 'v2.6.7', 'GatewayImplementation.nginxGatewayFabric({ version: "v2.6.7" })'],
      [GatewayImplementationKind.CILIUM, 'v1.20.2', 'GatewayImplementation.cilium({ version: "v1.20.2" })'],
      [GatewayImplementationKind.GENERIC, undefined, 'GatewayImplementation.generic()'],
    ]);
  });

  const refused: [string, () => unknown, string, unknown][] = [
    ['a version that is not semver', () => GatewayImplementation.envoyGateway({ version: 'latest' }), 'version', 'latest'],
    ['Envoy Gateway before GRPCRoute v1', () => GatewayImplementation.envoyGateway({ version: 'v1.0.0' }), 'version', 'v1.0.0'],
    ['Istio before GRPCRoute v1', () => GatewayImplementation.istio({ version: '1.21.0' }), 'version', '1.21.0'],
    ['NGINX Gateway Fabric before GRPCRoute v1', () => GatewayImplementation.nginxGatewayFabric({ version: 'v1.2.0' }), 'version', 'v1.2.0'],
    ['Gateway Namespace Mode before Envoy Gateway v1.3', () => GatewayImplementation.envoyGateway({ version: 'v1.2.0', gatewayNamespaceMode: true }), 'gatewayNamespaceMode', true],
    ['gateways.seccompProfile before Istio 1.23', () => GatewayImplementation.istio({ version: '1.22.0', gatewaySeccompProfile: true }), 'gatewaySeccompProfile', true],
    ['a misspelt option', () => GatewayImplementation.istio({ version: '1.30.3', seccompProfile: true } as any), 'seccompProfile', true],
    ['no version', () => GatewayImplementation.cilium({} as any), 'version', undefined],
    ['a controller namespace that is no namespace', () => GatewayImplementation.envoyGateway({ version: 'v1.9.0', controllerNamespace: 'Envoy' }), 'controllerNamespace', 'Envoy'],
  ];
  test.each(refused)('%s', (_name, build, prop, value) => {
    const e = refusalOf(build);
    expect([e.prop, e.value]).toEqual([prop, value]);
  });

  test('a listener implementation that is not one: refused', () => {
    const e = refusalOf(() => new NumaflowServer(testChart(), 'nf', { tls: TlsMode.disabled() })
      .exposeViaGateway({ listener: listener(undefined, { implementation: 'envoy-gateway' as any }), host: 'nf.example.com' }));
    expect([e.prop, e.value]).toEqual(['listener.implementation', 'envoy-gateway']);
  });
});
