// exposeViaGateway: routes to the Service port that serves each protocol in each mode, a
// BackendTLSPolicy whose hostname the server's certificate carries and whose CA is the server's
// trust, the route's origin as the public URL, and the refusals (a gateway cannot verify a
// self-made certificate and must not read a Secret). Checked on the emitted JSON.
import * as fs from 'fs';
import * as path from 'path';
import { Chart, JsonPatch } from 'cdk8s';
import * as fc from 'fast-check';
import {
  checkManifests, Console, GatewayImplementation, GatewayListener, ListenerProtocol, NumaflowServer, ObjectStore, SecureAdmin, TlsMode, Trust, ValidationError,
} from '../../lib';
import { DATABASE } from '../support/flyte-invariants';
import { only, synth, testChart } from '../support/harness';
import { schemaErrors } from '../support/schema';
import { dnsLabel, params } from '../properties/arbitraries';

const CA = fs.readFileSync(path.join(__dirname, '../support/fixtures/ca.crt.pem'), 'utf8');
const STORE = ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' });
// Envoy Gateway: the mechanics below hold on it in every mode (the implementations' own
// derivations and refusals are in implementations.test.ts).
const LISTENER: GatewayListener = { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https', implementation: GatewayImplementation.envoyGateway({ version: 'v1.9.0' }) };

/** The modes a gateway can verify, each with the trust it maps from. */
const VERIFIABLE: [string, () => TlsMode][] = [
  ['certManager + caFromConfigMap', () => TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caFromConfigMapName('flyte-ca') })],
  ['certManager + caPem', () => TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caPem(CA) })],
  ['certManager + systemRoots', () => TlsMode.certManager({ issuer: { name: 'letsencrypt' }, trust: Trust.systemRoots() })],
  ['fromSecret + caFromConfigMap', () => TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromConfigMapName('flyte-ca') })],
  ['fromSecret + systemRoots', () => TlsMode.fromSecretName('flyte-tls')],
];
const FLYTE_MODES: [string, () => TlsMode][] = [['disabled', () => TlsMode.disabled()], ...VERIFIABLE];

function adminOnly(tls: TlsMode, chart: Chart = testChart()) {
  return { chart, admin: new SecureAdmin(chart, 'admin', { tls, database: DATABASE, objectStore: STORE }) };
}

function pair(tls: TlsMode, chart: Chart = testChart()) {
  const { admin } = adminOnly(tls, chart);
  const console = new Console(chart, 'console', { admin });
  return { chart, admin, console };
}

/** The pair with Admin exposed (a Console exposed alone would hand browsers a port-forward Admin URL). */
function exposedPair(tls: TlsMode) {
  const p = pair(tls);
  p.admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
  return p;
}

/** The container port a Service port reaches, and the scheme the container's probe on it uses. */
function served(objects: any[], namespace: string, serviceName: string, servicePort: number) {
  const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === serviceName && o.metadata.namespace === namespace);
  const port = service?.spec.ports.find((p: any) => p.port === servicePort);
  if (!port) return undefined;
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.namespace === namespace
    && Object.entries(service.spec.selector).every(([k, v]) => o.spec.template.metadata.labels[k] === v));
  const container = deployment.spec.template.spec.containers.find((c: any) => (c.ports ?? []).some((p: any) => p.name === port.targetPort));
  const containerPort = container.ports.find((p: any) => p.name === port.targetPort);
  const probe = container.readinessProbe?.httpGet;
  const probed = probe && (probe.port === containerPort.name || probe.port === containerPort.containerPort);
  return { portName: port.name, containerPort: containerPort.containerPort, scheme: probed ? probe.scheme : undefined };
}

/** Every property of exposure the issue asks for, on one server's emitted objects; returns the number of routes checked. */
function checkExposed(objects: any[], server: { tls: TlsMode; namespace: string; certificateDnsNames?: string[] }, expectedPorts: { [kind: string]: number }): number {
  const routes = objects.filter((o) => o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute');
  expect(routes.map((r) => r.kind).sort()).toEqual(Object.keys(expectedPorts).sort());
  for (const route of routes) {
    const [backend] = route.spec.rules[0].backendRefs;
    // The Service port that serves this protocol in this mode (flyte#3964: gRPC to 81 with TLS off).
    expect(backend.port).toBe(expectedPorts[route.kind]);
    const target = served(objects, server.namespace, backend.name, backend.port)!;
    expect(target).toBeDefined();
    if (route.kind === 'GRPCRoute' && !server.tls.enabled) {
      // Admin's own gRPC listener (no HTTP probe on it): the port named grpc, 8089.
      expect([target.portName, target.containerPort]).toEqual(['grpc', 8089]);
    } else {
      expect(target.scheme).toBe(server.tls.enabled ? 'HTTPS' : 'HTTP');
    }
  }
  const policies = objects.filter((o) => o.kind === 'BackendTLSPolicy');
  if (!server.tls.enabled) {
    expect(policies).toEqual([]);
    return routes.length;
  }
  expect(policies).toHaveLength(1);
  const [policy] = policies;
  const validation = policy.spec.validation;
  // The CEL rule the schema cannot express: exactly one of the two.
  expect(('caCertificateRefs' in validation) !== ('wellKnownCACertificates' in validation)).toBe(true);
  // The hostname is one the certificate carries: the issued Certificate's, or the Secret's documented names.
  const certificate = objects.find((o) => o.kind === 'Certificate' && o.spec.secretName === server.tls.servingSecretName(policy.spec.targetRefs[0].name));
  const names: string[] = certificate ? certificate.spec.dnsNames : server.certificateDnsNames!;
  expect(names).toContain(validation.hostname);
  // The policy targets the Service port the routes reach.
  for (const route of routes) {
    const [backend] = route.spec.rules[0].backendRefs;
    expect(policy.spec.targetRefs).toEqual([{ group: '', kind: 'Service', name: backend.name, sectionName: served(objects, server.namespace, backend.name, backend.port)!.portName }]);
  }
  // Its CA is the server's trust.
  const trust = server.tls.trust;
  if (trust.kind === 'caConfigMap') expect(validation.caCertificateRefs).toEqual([{ group: '', kind: 'ConfigMap', name: trust.configMapName }]);
  if (trust.kind === 'systemRoots') expect(validation.wellKnownCACertificates).toBe('System');
  if (trust.kind === 'caPem') {
    const [ref] = validation.caCertificateRefs;
    expect(only(objects, 'ConfigMap', ref.name).data['ca.crt']).toBe(trust.pem);
  }
  return routes.length;
}

describe('SecureAdmin.exposeViaGateway', () => {
  test.each(FLYTE_MODES)('%s: HTTP and gRPC each to the port that serves them, backend TLS from the trust', (_name, mode) => {
    const { chart, admin } = adminOnly(mode());
    const exposure = admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    const objects = synth(chart);
    const ports = admin.tls.enabled ? { HTTPRoute: 443, GRPCRoute: 443 } : { HTTPRoute: 80, GRPCRoute: 81 };
    expect(checkExposed(objects, admin, ports)).toBe(2);
    expect(exposure.publicUrl).toBe('https://flyte.example.com');
    expect(admin.publicUrl).toBe('https://flyte.example.com');
    expect(only(objects, 'GRPCRoute', 'flyteadmin').spec.hostnames).toEqual(['grpc.flyte.example.com']);
    expect(schemaErrors(synth(chart))).toEqual([]);
  });

  test('Admin\'s certificate covers the name the BackendTLSPolicy verifies (certManager)', () => {
    const { chart, admin } = adminOnly(TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caFromConfigMapName('flyte-ca') }));
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    const objects = synth(chart);
    const hostname = only(objects, 'BackendTLSPolicy', 'flyteadmin').spec.validation.hostname;
    expect(hostname).toBe('flyteadmin.flyte.svc');
    expect(only(objects, 'Certificate', 'flyteadmin').spec.dnsNames).toContain(hostname);
    expect(admin.certificateDnsNames).toContain(hostname);
  });

  test('gRPC on its own listener may share the host', () => {
    const { chart, admin } = adminOnly(TlsMode.disabled());
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcListener: { ...LISTENER, sectionName: 'grpc' } });
    const objects = synth(chart);
    expect(only(objects, 'GRPCRoute', 'flyteadmin').spec.parentRefs[0].sectionName).toBe('grpc');
    expect(only(objects, 'GRPCRoute', 'flyteadmin').spec.hostnames).toEqual(['flyte.example.com']);
  });

  test.each([
    ['one host on one listener', { listener: LISTENER, host: 'flyte.example.com' }],
    ['one host, gRPC listener of the whole Gateway', { listener: LISTENER, host: 'flyte.example.com', grpcListener: { gatewayName: 'public', gatewayNamespace: 'gateway' } }],
  ])('an HTTPRoute and a GRPCRoute that collide are refused: %s', (_name, options) => {
    const { chart, admin } = pair(TlsMode.disabled());
    expect(() => admin.exposeViaGateway(options)).toThrow(/grpcHost "flyte.example.com" is not allowed: an HTTPRoute and a GRPCRoute with the same host on one listener conflict.*grpcHost of its own/);
    // Nothing half-built stays.
    expect(chart.node.findAll().some((c) => c.node.id === 'Gateway')).toBe(false);
    expect(admin.publicUrl).toBe('http://localhost:8088');
  });
});

describe('Console.exposeViaGateway', () => {
  test.each(FLYTE_MODES)('%s: the baseUrl to the Console\'s port, backend TLS from the trust', (_name, mode) => {
    const { chart, console } = exposedPair(mode());
    console.exposeViaGateway({ listener: LISTENER, host: 'console.flyte.example.com' });
    const objects = synth(chart).filter((o) => o.metadata.labels?.['app.kubernetes.io/name'] !== 'flyteadmin');
    expect(checkExposed(objects, console, { HTTPRoute: console.tls.enabled ? 443 : 80 })).toBe(1);
    expect(only(objects, 'HTTPRoute', 'flyteconsole').spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/console' } }]);
  });

  test('the origin a Console exposed through a route registers is https://<route host>, and the Console calls Admin at its route', () => {
    const { chart, admin, console } = pair(TlsMode.disabled());
    // Exposed in either order, after both are made: read at synth.
    console.exposeViaGateway({ listener: LISTENER, host: 'console.flyte.example.com' });
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    const objects = synth(chart);
    expect(console.publicOrigin).toBe('https://console.flyte.example.com');
    const config = only(objects, 'ConfigMap', 'flyte-admin-base-config').data['server.yaml'];
    expect(config).toContain('- https://console.flyte.example.com');
    expect(config).not.toContain('localhost:8080');
    expect(admin.allowedOrigins).toEqual(['https://console.flyte.example.com']);
    expect(only(objects, 'ConfigMap', 'flyte-console-config').data.ADMIN_API_URL).toBe('https://flyte.example.com');
  });

  test('a listener on another port and plain HTTP make the origin with them', () => {
    const { chart, admin, console } = pair(TlsMode.disabled());
    admin.exposeViaGateway({ listener: { ...LISTENER, protocol: ListenerProtocol.HTTP, port: 8080 }, host: 'flyte.dev.example.com', grpcHost: 'grpc.flyte.dev.example.com' });
    console.exposeViaGateway({ listener: { ...LISTENER, protocol: ListenerProtocol.HTTP, port: 8080 }, host: 'console.dev.example.com' });
    expect(console.publicOrigin).toBe('http://console.dev.example.com:8080');
    expect(admin.publicUrl).toBe('http://flyte.dev.example.com:8080');
    synth(chart);
  });

  test('a Console and an Admin exposed with different schemes are refused at synth (the Console calls Admin protocol-relative)', () => {
    const { chart, admin, console } = pair(TlsMode.disabled());
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    console.exposeViaGateway({ listener: { ...LISTENER, protocol: ListenerProtocol.HTTP }, host: 'console.flyte.example.com' });
    expect(() => synth(chart)).toThrow(/publicOrigin "http:\/\/console.flyte.example.com" is not allowed: the Console strips the scheme/);
  });
});

describe('NumaflowServer.exposeViaGateway', () => {
  test('disabled: the base href to port 8080, --server-addr from the route, no BackendTLSPolicy', () => {
    const chart = testChart();
    const server = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), baseHref: '/numaflow/' });
    server.exposeViaGateway({ listener: LISTENER, host: 'numaflow.example.com' });
    const objects = synth(chart);
    expect(checkExposed(objects, server, { HTTPRoute: 8080 })).toBe(1);
    expect(only(objects, 'HTTPRoute', 'numaflow-server').spec.rules[0].matches[0].path.value).toBe('/numaflow');
    expect(only(objects, 'Deployment', 'numaflow-server').spec.template.spec.containers[0].args).toContain('--server-addr=https://numaflow.example.com');
    expect(schemaErrors(objects)).toEqual([]);
  });

  test('selfSigned is refused with the alternatives: the gateway cannot verify a self-made certificate', () => {
    const chart = testChart();
    const server = new NumaflowServer(chart, 'nf', { tls: TlsMode.selfSigned() });
    let error: unknown;
    try {
      server.exposeViaGateway({ listener: LISTENER, host: 'numaflow.example.com' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('test/nf.exposeViaGateway');
    expect((error as Error).message).toMatch(/no gateway can verify.*TlsMode.disabled\(\) with StackNetworkPolicies/);
    expect(chart.node.findAll().some((c) => c.node.id === 'Gateway')).toBe(false);
    expect(server.publicUrl).toBe('https://localhost:8443');
  });
});

describe('refusals', () => {
  const refuse = (build: () => TlsMode, expose: (admin: SecureAdmin) => unknown, pattern: RegExp) => {
    const { chart, admin } = adminOnly(build());
    let error: unknown;
    try {
      expose(admin);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(pattern);
    // Refused before anything was built, and the public URL is unchanged.
    expect(chart.node.findAll().some((c) => c.node.id === 'Gateway')).toBe(false);
  };
  const ok = { listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' };

  test.each([
    ['certManager\'s default trust (the issued Secret, which holds tls.key)', () => TlsMode.certManager({ issuer: { name: 'ca' } }), /the CA is in a Secret.*must not be given read access to a private key.*trust-manager/],
    ['a CA in a Secret', () => TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName('flyte-ca') }), /the CA is in a Secret/],
    ['a ConfigMap key other than ca.crt', () => TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromConfigMapName('flyte-ca', 'bundle.pem') }), /reads the CA from key ca.crt of a ConfigMap \(core support\), not bundle.pem/],
  ])('%s', (_name, build, pattern) => refuse(build, (a) => a.exposeViaGateway(ok), pattern));

  test.each([
    ['a wildcard host', { ...ok, host: '*.example.com' }, /host "\*.example.com" is not allowed/],
    ['an IP address', { ...ok, host: '10.0.0.1' }, /host "10.0.0.1" is not allowed/],
    ['upper case', { ...ok, host: 'Flyte.example.com' }, /host "Flyte.example.com" is not allowed/],
    ['a listener without a Gateway', { ...ok, listener: { gatewayNamespace: 'gateway' } }, /listener.gatewayName/],
    ['an unknown protocol', { ...ok, listener: { ...LISTENER, protocol: 'TCP' } }, /listener.protocol "TCP" is not allowed/],
    ['a port out of range', { ...ok, listener: { ...LISTENER, port: 70000 } }, /listener.port/],
    ['a misspelt option', { ...ok, grpcHosts: 'x.example.com' }, /grpcHosts is not one of the options of exposeViaGateway \(did you mean grpcHost\?\)/],
  ])('JavaScript input: %s', (_name, options, pattern) => refuse(() => TlsMode.disabled(), (a) => a.exposeViaGateway(options as any), pattern));

  test('a second exposure, and a publicUrl that spells another host', () => {
    const { admin } = adminOnly(TlsMode.disabled());
    admin.exposeViaGateway(ok);
    expect(() => admin.exposeViaGateway({ ...ok, host: 'other.example.com', grpcHost: 'grpc.other.example.com' })).toThrow(/already exposed at https:\/\/flyte.example.com/);
    const chart = testChart();
    const given = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: STORE, publicUrl: 'https://flyte.example.org' });
    expect(() => given.exposeViaGateway(ok)).toThrow(/publicUrl "https:\/\/flyte.example.org" is not allowed: the route makes the public origin https:\/\/flyte.example.com/);
    // The same origin spelt the same way is not a second spelling.
    const same = new SecureAdmin(testChart(), 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: STORE, publicUrl: 'https://flyte.example.com' });
    expect(same.exposeViaGateway(ok).publicUrl).toBe('https://flyte.example.com');
  });
});

describe('rules gateway-backend and gateway-api-cel (on the emitted JSON, after patches)', () => {
  function exposed() {
    const { chart, admin } = adminOnly(TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caFromConfigMapName('flyte-ca') }));
    const exposure = admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    return { chart, exposure };
  }
  const findings = (objects: any[]) => checkManifests(objects, { skip: ['restricted', 'resources', 'inline-secret'] }).filter((f) => f.rule === 'gateway-backend' || f.rule === 'gateway-api-cel');

  test('the emitted objects pass', () => {
    expect(findings(synth(exposed().chart))).toEqual([]);
  });

  test.each([
    ['a route to a port the Service lacks', (o: any[]) => { only(o, 'HTTPRoute', 'flyteadmin').spec.rules[0].backendRefs[0].port = 8443; }, /has no port 8443: the gateway has no backend/],
    ['a Service backend without port (CEL: Must have port for Service reference)', (o: any[]) => { delete only(o, 'GRPCRoute', 'flyteadmin').spec.rules[0].backendRefs[0].port; }, /^Must have port for Service reference: the GRPCRoute CRD's rule/m],
    ['a TLS port without BackendTLSPolicy', (o: any[]) => o.splice(o.indexOf(only(o, 'BackendTLSPolicy', 'flyteadmin')), 1), /serves TLS and no BackendTLSPolicy targets it/],
    ['both caCertificateRefs and wellKnownCACertificates (CEL)', (o: any[]) => { only(o, 'BackendTLSPolicy', 'flyteadmin').spec.validation.wellKnownCACertificates = 'System'; }, /must not contain both CACertificateRefs and WellKnownCACertificates/],
    ['neither (CEL)', (o: any[]) => { delete only(o, 'BackendTLSPolicy', 'flyteadmin').spec.validation.caCertificateRefs; }, /must specify either CACertificateRefs or WellKnownCACertificates/],
    ['a CA in a Secret', (o: any[]) => { only(o, 'BackendTLSPolicy', 'flyteadmin').spec.validation.caCertificateRefs[0].kind = 'Secret'; }, /a CA in a Secret/],
  ])('%s is reported', (_name, edit, pattern) => {
    const objects = synth(exposed().chart);
    edit(objects);
    expect(findings(objects).map((f) => f.message).join('\n')).toMatch(pattern);
  });

  test('a BackendTLSPolicy on a plain port is reported', () => {
    const { chart, admin } = adminOnly(TlsMode.disabled());
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    const objects = synth(chart);
    objects.push({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'BackendTLSPolicy', metadata: { name: 'x', namespace: 'flyte' },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'flyteadmin' }], validation: { hostname: 'flyteadmin.flyte.svc', wellKnownCACertificates: 'System' } } });
    expect(findings(objects).map((f) => f.message).join('\n')).toMatch(/serves plain HTTP, and BackendTLSPolicy\/flyte\/x makes the gateway speak TLS/);
  });

  describe('an HTTPRoute and a GRPCRoute of different servers on one listener and host (GRPCRoute "Cross Serving")', () => {
    test('the Console on Admin\'s gRPC host is refused at synth, naming both routes', () => {
      const { chart, admin, console } = pair(TlsMode.disabled());
      admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
      console.exposeViaGateway({ listener: LISTENER, host: 'grpc.flyte.example.com' });
      expect(() => synth(chart)).toThrow(/GRPCRoute\/flyte\/flyteadmin and HTTPRoute\/flyte\/flyteconsole both attach to Gateway\/gateway\/public listener https and both match host "grpc.flyte.example.com"/);
    });

    test('on another listener, or another host, it passes', () => {
      for (const listener of [{ ...LISTENER, sectionName: 'https-console' }, { ...LISTENER, gatewayName: 'internal' }]) {
        const { chart, admin, console } = pair(TlsMode.disabled());
        admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
        console.exposeViaGateway({ listener, host: 'grpc.flyte.example.com' });
        expect(findings(synth(chart))).toEqual([]);
      }
      const { chart, admin, console } = pair(TlsMode.disabled());
      admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
      console.exposeViaGateway({ listener: LISTENER, host: 'console.flyte.example.com' });
      expect(findings(synth(chart))).toEqual([]);
    });

    test.each([
      ['a wildcard HTTPRoute host', (o: any[]) => { only(o, 'HTTPRoute', 'flyteadmin').spec.hostnames = ['*.example.com']; }, /match host "grpc.flyte.example.com"/],
      ['an HTTPRoute without hostnames (every host)', (o: any[]) => { delete only(o, 'HTTPRoute', 'flyteadmin').spec.hostnames; }, /match host "grpc.flyte.example.com"/],
      ['a GRPCRoute without sectionName (every listener)', (o: any[]) => { delete only(o, 'GRPCRoute', 'flyteadmin').spec.parentRefs[0].sectionName; only(o, 'GRPCRoute', 'flyteadmin').spec.hostnames = ['flyte.example.com']; }, /both attach to Gateway\/gateway\/public listener https/],
    ])('%s is reported', (_name, edit, pattern) => {
      const objects = synth(exposed().chart);
      edit(objects);
      expect(findings(objects).map((f) => f.message).join('\n')).toMatch(pattern);
    });
  });

  describe('the plain gRPC port says HTTP/2 (GEP-1911: a gateway SHOULD honour appProtocol, only MAY infer it)', () => {
    function plain() {
      const { chart, admin } = adminOnly(TlsMode.disabled());
      admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
      return synth(chart);
    }
    const grpcPort = (o: any[]) => only(o, 'Service', 'flyteadmin').spec.ports.find((p: any) => p.port === only(o, 'GRPCRoute', 'flyteadmin').spec.rules[0].backendRefs[0].port);

    test('the GRPCRoute reaches port grpc 81, which declares kubernetes.io/h2c; the HTTP port declares none', () => {
      const objects = plain();
      expect(grpcPort(objects)).toEqual({ name: 'grpc', port: 81, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' });
      expect(only(objects, 'Service', 'flyteadmin').spec.ports.find((p: any) => p.name === 'http').appProtocol).toBeUndefined();
      expect(findings(objects)).toEqual([]);
    });

    test.each(['http', 'kubernetes.io/ws', 'https', 'tcp'])('appProtocol %s on it is reported', (value) => {
      const objects = plain();
      grpcPort(objects).appProtocol = value;
      expect(findings(objects).map((f) => f.message)).toEqual([expect.stringMatching(/has appProtocol .* it would not speak HTTP\/2 with prior knowledge to a plain gRPC server/)]);
    });

    test.each(['grpc', 'h2c', 'http2', undefined])('appProtocol %s on it passes', (value) => {
      const objects = plain();
      grpcPort(objects).appProtocol = value;
      if (value === undefined) delete grpcPort(objects).appProtocol;
      expect(findings(objects)).toEqual([]);
    });

    test('with TLS on the one https port declares none (the gateway negotiates HTTP/2 by ALPN)', () => {
      // (Beside it, the plain metrics port http-metrics 10254, which no route reaches.)
      expect(only(synth(exposed().chart), 'Service', 'flyteadmin').spec.ports.filter((p: any) => p.name !== 'http-metrics')).toEqual([{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }]);
    });
  });

  test('an escape-hatch patch that breaks the hop is refused at synth', () => {
    const { chart, exposure } = exposed();
    exposure.backendTlsPolicy!.addJsonPatch(JsonPatch.add('/spec/validation/wellKnownCACertificates', 'System'));
    expect(() => synth(chart)).toThrow(/breaks rule gateway-api-cel: must not contain both CACertificateRefs and WellKnownCACertificates/);
  });
});

describe('the schema validation of Gateway API objects can fail', () => {
  test.each([
    ['a misspelt field', (o: any) => { o.spec.hostname = o.spec.hostnames; }, /must NOT have additional properties \(hostname\)/],
    ['a wrong path type', (o: any) => { o.spec.rules[0].matches[0].path.type = 'Prefix'; }, /must be equal to one of the allowed values/],
    ['a port out of range', (o: any) => { o.spec.rules[0].backendRefs[0].port = 70000; }, /must be <= 65535/],
  ])('%s', (_name, edit, pattern) => {
    const { chart, admin } = adminOnly(TlsMode.disabled());
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    const route = structuredClone(only(synth(chart), 'HTTPRoute', 'flyteadmin'));
    expect(schemaErrors([route])).toEqual([]);
    edit(route);
    expect(schemaErrors([route]).join('\n')).toMatch(pattern);
  });
});

describe('property: random modes and hosts', () => {
  const verifiable = fc.oneof(
    fc.constant(TlsMode.disabled()),
    fc.tuple(dnsLabel, fc.constantFrom(Trust.caFromConfigMapName('flyte-ca'), Trust.caPem(CA), Trust.systemRoots()))
      .map(([issuer, trust]) => TlsMode.certManager({ issuer: { name: issuer }, trust })),
    fc.tuple(dnsLabel, fc.constantFrom(Trust.caFromConfigMapName('flyte-ca'), Trust.caPem(CA), Trust.systemRoots()))
      .map(([secret, trust]) => TlsMode.fromSecretName(`${secret}-tls`, { trust })),
  );
  const unverifiable = fc.oneof(
    fc.constant(TlsMode.certManager({ issuer: { name: 'ca' } })),
    dnsLabel.map((n) => TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName(n) })),
    fc.constant(TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromConfigMapName('flyte-ca', 'bundle.pem') })),
  );
  const host = fc.tuple(dnsLabel, dnsLabel).map(([a, b]) => `${a}.${b}.example.com`);
  const listener = fc.record({
    sectionName: fc.option(dnsLabel, { nil: undefined }),
    protocol: fc.constantFrom(ListenerProtocol.HTTPS, ListenerProtocol.HTTP),
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    // The implementations that serve gRPC to a TLS port (the others are refused: implementations.test.ts).
    implementation: fc.constantFrom(GatewayImplementation.envoyGateway({ version: 'v1.9.0' }), GatewayImplementation.istio({ version: '1.30.3' }),
      GatewayImplementation.nginxGatewayFabric({ version: 'v2.6.7' })),
  }).map((l) => ({ gatewayName: 'public', gatewayNamespace: 'gateway', ...l }));

  test('every exposable mode: ports, backend TLS, CA and origin agree; every other one is refused clearly', () => {
    let exposedCount = 0;
    let refusedCount = 0;
    fc.assert(fc.property(fc.oneof(verifiable, unverifiable), host, host, listener, (mode, httpHost, consoleHost, l) => {
      const { chart, admin, console } = pair(mode);
      const grpcHost = `grpc.${httpHost}`;
      try {
        admin.exposeViaGateway({ listener: l, host: httpHost, grpcHost });
        console.exposeViaGateway({ listener: l, host: consoleHost });
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as Error).message).toMatch(/tls\.trust .* is not allowed: .*(Secret|ca\.crt)/);
        refusedCount++;
        return;
      }
      const objects = synth(chart);
      const of = (name: string) => objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/name'] !== name);
      checkExposed(of('flyteconsole'), admin, mode.enabled ? { HTTPRoute: 443, GRPCRoute: 443 } : { HTTPRoute: 80, GRPCRoute: 81 });
      checkExposed(of('flyteadmin'), console, { HTTPRoute: mode.enabled ? 443 : 80 });
      const scheme = l.protocol === ListenerProtocol.HTTPS ? 'https' : 'http';
      const port = l.port === undefined || l.port === (scheme === 'https' ? 443 : 80) ? '' : `:${l.port}`;
      expect(console.publicOrigin).toBe(`${scheme}://${consoleHost}${port}`);
      expect(admin.allowedOrigins).toEqual([console.publicOrigin]);
      expect(schemaErrors(objects)).toEqual([]);
      exposedCount++;
    }), params);
    // Both outcomes occur: the property is not vacuous.
    expect(exposedCount).toBeGreaterThan(params.numRuns / 4);
    expect(refusedCount).toBeGreaterThan(params.numRuns / 10);
  });
});

describe('second instances', () => {
  test('two Admins in two namespaces, each exposed, and two Consoles of one Admin: no clash, every origin registered', () => {
    const chart = testChart();
    const a1 = new SecureAdmin(chart, 'admin1', { tls: TlsMode.disabled(), database: DATABASE, objectStore: STORE });
    const a2 = new SecureAdmin(chart, 'admin2', { tls: TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caFromConfigMapName('flyte-ca') }), namespace: 'flyte2', database: DATABASE, objectStore: STORE });
    a1.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    a2.exposeViaGateway({ listener: LISTENER, host: 'flyte2.example.com', grpcHost: 'grpc.flyte2.example.com' });
    const c1 = new Console(chart, 'console1', { admin: a1 });
    const c2 = new Console(chart, 'console2', { admin: a1, namespace: 'flyte-ui' });
    c1.exposeViaGateway({ listener: LISTENER, host: 'console.example.com' });
    c2.exposeViaGateway({ listener: LISTENER, host: 'console-b.example.com' });
    const objects = synth(chart);
    expect(a1.allowedOrigins).toEqual(['https://console-b.example.com', 'https://console.example.com']);
    expect(objects.filter((o) => o.kind === 'HTTPRoute').map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort())
      .toEqual(['flyte-ui/flyteconsole', 'flyte/flyteadmin', 'flyte/flyteconsole', 'flyte2/flyteadmin']);
    expect(objects.filter((o) => o.kind === 'BackendTLSPolicy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['flyte2/flyteadmin']);
    expect(checkManifests(objects, { skip: ['restricted'] }).filter((f) => f.rule === 'gateway-backend' || f.rule === 'duplicate')).toEqual([]);
    expect(schemaErrors(objects)).toEqual([]);
  });
});
