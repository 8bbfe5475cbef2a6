import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Console, FlyteScheduler, GatewayImplementation, GatewayListener, MetricsServer, NetworkEgressOptions, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy,
  SecureAdmin, SecureAdminProps, ServiceTranslation, StackNetworkPolicies, StackNetworkPoliciesProps, TlsMode, Trust, ValidationError,
} from '../../lib';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { DATABASE } from '../support/flyte-invariants';
import { synth, testApp, testChart } from '../support/harness';
import { Labels, Peer, PodModel, PolicyEvaluator, Protocol, PROTOCOLS, selectorMatches } from '../support/network-policy-eval';
import { schemaErrors } from '../support/schema';

// The issue's acceptance: "NetworkPolicies let through exactly the derived flows. A test walks
// every wired pair and checks its port is admitted, and that no other port is admitted."
//
// The wired pairs are written down here from the design (who talks to which server, and why), not
// taken from the library's flow code. Their ports are read from the emitted JSON the way a cluster
// would resolve them (route → Service port → targetPort name → container port; autoscaler →
// metricsSources port), and the emitted NetworkPolicies are then judged by an evaluator with
// Kubernetes semantics (test/support/network-policy-eval.ts), over every port 1..65535 of every
// protocol, from wired sources and from sources that are wired to nothing.

// ---------------------------------------------------------------------------------------------
// The cluster around the stacks: who may call in, and who must not.
// ---------------------------------------------------------------------------------------------

const pod = (name: string, namespace: string, labels: Labels): PodModel => ({ name, namespace, labels });

/** A party of the design: the sample pods (or addresses) that stand for it. */
interface Source {
  readonly name: string;
  readonly peers: readonly Peer[];
}
/** The API server (metrics-server's only client): not selectable, so the port is open to anything. */
const ANYTHING = 'anything' as const;
type From = Source | typeof ANYTHING;

// The gateway's namespace is admitted as a whole: any pod of it stands for the gateway.
const GATEWAY: Source = {
  name: 'gateway namespace',
  peers: [{ pod: pod('envoy', 'gateway', { 'app.kubernetes.io/name': 'envoy' }) }, { pod: pod('gateway-other', 'gateway', { app: 'something-else' }) }],
};
const GATEWAY_INTERNAL: Source = { name: 'gateway-internal namespace', peers: [{ pod: pod('envoy-internal', 'gateway-internal', { 'app.kubernetes.io/name': 'envoy' }) }] };
// Envoy Gateway's proxies, in its controller's namespace (its default), and a cloud load balancer's ranges.
const ENVOY_PROXIES: Source = {
  name: 'Envoy Gateway proxies',
  peers: [{ pod: pod('envoy-gateway-public', 'envoy-gateway-system', { 'gateway.envoyproxy.io/owning-gateway-name': 'public', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway' }) }],
};
const LOAD_BALANCER: Source = { name: 'cloud load balancer ranges', peers: [{ ip: '35.191.7.8' }, { ip: '130.211.1.2' }] };
const PROPELLER: Source = { name: 'FlytePropeller', peers: [{ pod: pod('flytepropeller', 'flyte', { 'app.kubernetes.io/name': 'flytepropeller', 'app.kubernetes.io/instance': 'flyte' }) }] };
// flyteclusterresourcesync in standalone mode calls Admin (flyteadmin pkg/clusterresource/controller.go): an allowFrom peer.
const CLUSTER_SYNC: Source = { name: 'flyteclusterresourcesync', peers: [{ pod: pod('flyteclusterresourcesync', 'flyte', { 'app.kubernetes.io/name': 'flyteclusterresourcesync' }) }] };
// flyte-core's flytescheduler (templates/flytescheduler, _helpers.tpl at v1.16.8), admitted by default to Admin's gRPC port.
const SCHEDULER: Source = { name: 'flytescheduler', peers: [{ pod: pod('flytescheduler', 'flyte', { 'app.kubernetes.io/name': 'flytescheduler', 'app.kubernetes.io/instance': 'flyte' }) }] };
const PROMETHEUS: Source = { name: 'Prometheus', peers: [{ pod: pod('prometheus-k8s-0', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' }) }] };
const AIBRIX: Source = { name: 'AIbrix controller', peers: [{ pod: pod('aibrix-controller-manager', 'aibrix-system', { 'control-plane': 'controller-manager' }) }] };
const CUSTOM_AIBRIX: Source = { name: 'AIbrix controller (custom install)', peers: [{ pod: pod('aibrix-custom', 'aibrix', { 'app.kubernetes.io/name': 'aibrix-controller' }) }] };

/** Pods and addresses wired to nothing: near misses (right namespace or right labels, not both) and strangers. */
const OUTSIDERS: readonly Peer[] = [
  // datacatalog has no Admin client at flyte v1.16.8: nothing admits it.
  { pod: pod('datacatalog', 'flyte', { 'app.kubernetes.io/name': 'datacatalog' }) },
  { pod: pod('scheduler-elsewhere', 'default', { 'app.kubernetes.io/name': 'flytescheduler' }) },
  { pod: pod('prometheus-elsewhere', 'default', { 'app.kubernetes.io/name': 'prometheus' }) },
  { pod: pod('unlabelled-in-flyte', 'flyte', {}) },
  { pod: pod('propeller-elsewhere', 'default', { 'app.kubernetes.io/name': 'flytepropeller' }) },
  { pod: pod('datacatalog-elsewhere', 'flyte-dev', { 'app.kubernetes.io/name': 'datacatalog' }) },
  { pod: pod('aibrix-gateway-plugins', 'aibrix-system', { 'control-plane': 'gateway-plugins' }) },
  { pod: pod('controller-manager-elsewhere', 'default', { 'control-plane': 'controller-manager' }) },
  { pod: pod('envoy-elsewhere', 'ingress', { 'app.kubernetes.io/name': 'envoy' }) },
  { pod: pod('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns' }) },
  { pod: pod('numaflow-controller', 'numaflow-system', { 'app.kubernetes.io/name': 'controller-manager' }) },
  { pod: pod('anything-in-default', 'default', { app: 'web' }) },
  { pod: pod('envoy-gateway-controller', 'envoy-gateway-system', { 'control-plane': 'envoy-gateway' }) },
  { pod: pod('envoy-gateway-other', 'envoy-gateway-system', { 'gateway.envoyproxy.io/owning-gateway-name': 'internal', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway' }) },
  { ip: '35.192.0.1' }, // next to the load balancer's ranges
  { ip: '10.0.0.1' }, // the API server's address
  { ip: '203.0.113.9' }, // the internet
];

/** Every wired party of every stack: a source of one stack is an outsider of the others. */
const ALL_SOURCES: readonly Source[] = [GATEWAY, GATEWAY_INTERNAL, ENVOY_PROXIES, LOAD_BALANCER, PROPELLER, CLUSTER_SYNC, SCHEDULER, PROMETHEUS, AIBRIX, CUSTOM_AIBRIX];

const LISTENER: GatewayListener = { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https' };
const INTERNAL_LISTENER: GatewayListener = { gatewayName: 'internal', gatewayNamespace: 'gateway-internal' };
/** Envoy Gateway's proxies of the Gateway `public` (ENVOY_PROXIES). */
const ENVOY_DATA_PLANE = { peer: { namespace: 'envoy-gateway-system', podLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'public' } } };
const OBJECT_STORE = ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' });
const FLYTE_CLIENTS = [
  { namespace: 'flyte', podLabels: { 'app.kubernetes.io/name': 'flytepropeller' } },
  { namespace: 'flyte', podLabels: { 'app.kubernetes.io/name': 'flyteclusterresourcesync' } },
];
const CERT_MANAGER = () => TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caFromConfigMapName('flyte-ca') });
const METRIC = { name: 'go_threads', targetValue: 20 };

// ---------------------------------------------------------------------------------------------
// Reading the emitted objects as a cluster would.
// ---------------------------------------------------------------------------------------------

/** The pods the stack runs, from its workload objects (PodTemplates are not pods). */
function podsOf(objects: readonly any[]): PodModel[] {
  return objects.filter((o) => o.kind !== 'PodTemplate').flatMap((o) => {
    const found = podOf(o);
    if (!found) return [];
    return [{
      name: found.object,
      namespace: found.namespace ?? 'default',
      labels: found.metadata.labels ?? {},
      ports: containersOf(found.spec).filter((c) => c.kind === 'containers').flatMap((c) => c.container.ports ?? []),
    }];
  });
}

function theObject(objects: readonly any[], kind: string, namespace: string, name: string): any {
  const found = objects.filter((o) => o.kind === kind && o.metadata?.namespace === namespace && o.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${namespace}/${name}, found ${found.length}`);
  return found[0];
}

const podsOfDeployment = (pods: readonly PodModel[], namespace: string, name: string) => pods.filter((p) => p.name === `Deployment/${namespace}/${name}`);
const containerPorts = (p: PodModel) => (p.ports ?? []).map((c) => c.containerPort);

// ---------------------------------------------------------------------------------------------
// The wired pairs, as the design states them.
// ---------------------------------------------------------------------------------------------

type Wire =
  /** The gateway's namespace → the backend of a route, on the container port the route reaches. */
  | { readonly kind: 'route'; readonly from: From; readonly route: { kind: 'HTTPRoute' | 'GRPCRoute'; namespace: string; name: string }; readonly expectPort: number }
  /** An in-cluster client (allowFrom, the scheduler, a scraper), or anything → the container ports of a Deployment of these names (default: every one). */
  | { readonly kind: 'client'; readonly from: From; readonly deployment: { namespace: string; name: string }; readonly portNames?: string[]; readonly expectPorts: number[] }
  /** The AIbrix controller → the pods a PodAutoscaler scales, on its metrics port. */
  | { readonly kind: 'scrape'; readonly from: From; readonly autoscaler: { namespace: string; name: string }; readonly expectPort: number };

/** One (source, destination pod, port) a wire stands for. */
interface Flow {
  readonly wire: string;
  readonly from: From;
  readonly pod: PodModel;
  readonly port: number;
}

const describeWire = (w: Wire) => `${w.from === ANYTHING ? ANYTHING : w.from.name} → ${
  w.kind === 'route' ? `${w.route.kind} ${w.route.namespace}/${w.route.name}` : w.kind === 'client' ? `Deployment ${w.deployment.namespace}/${w.deployment.name}` : `PodAutoscaler ${w.autoscaler.namespace}/${w.autoscaler.name}`}`;

/** The flows of a wire, their pods and ports found in the emitted JSON. */
function resolveWire(objects: readonly any[], pods: readonly PodModel[], wire: Wire): Flow[] {
  const name = describeWire(wire);
  const flow = (p: PodModel, port: number): Flow => ({ wire: name, from: wire.from, pod: p, port });
  switch (wire.kind) {
    case 'route': {
      const route = theObject(objects, wire.route.kind, wire.route.namespace, wire.route.name);
      const refs: any[] = route.spec.rules.flatMap((r: any) => r.backendRefs ?? []);
      expect(refs.length).toBeGreaterThan(0);
      return refs.flatMap((ref) => {
        expect(ref.kind ?? 'Service').toBe('Service');
        const svc = theObject(objects, 'Service', ref.namespace ?? route.metadata.namespace, ref.name);
        const servicePort = (svc.spec.ports as any[]).find((p) => p.port === ref.port);
        expect(servicePort).toBeDefined();
        const target = servicePort.targetPort ?? servicePort.port;
        const selected = pods.filter((p) => p.namespace === svc.metadata.namespace && selectorMatches({ matchLabels: svc.spec.selector }, p.labels));
        expect(selected.length).toBeGreaterThan(0);
        return selected.map((p) => {
          const cp = (p.ports ?? []).find((c) => (typeof target === 'string' ? c.name === target : c.containerPort === target));
          expect(cp).toBeDefined();
          return flow(p, cp!.containerPort);
        });
      });
    }
    case 'client': {
      const selected = podsOfDeployment(pods, wire.deployment.namespace, wire.deployment.name);
      expect(selected).toHaveLength(1);
      const names = wire.portNames;
      if (!names) return selected.flatMap((p) => containerPorts(p).map((port) => flow(p, port)));
      return selected.flatMap((p) => names.map((name) => {
        const cp = (p.ports ?? []).find((c) => c.name === name);
        expect({ pod: p.name, port: name, declared: cp !== undefined }).toEqual({ pod: p.name, port: name, declared: true });
        return flow(p, cp!.containerPort);
      }));
    }
    case 'scrape': {
      const pa = theObject(objects, 'PodAutoscaler', wire.autoscaler.namespace, wire.autoscaler.name);
      expect(pa.spec.scaleTargetRef.kind).toBe('Deployment');
      const selected = podsOfDeployment(pods, pa.metadata.namespace, pa.spec.scaleTargetRef.name);
      expect(selected).toHaveLength(1);
      return selected.flatMap((p) => (pa.spec.metricsSources as any[]).map((m) => flow(p, Number(m.port))));
    }
  }
}

/** The ports the design says a wire reaches, to check the JSON chain against. */
const expectedPortsOf = (w: Wire) => (w.kind === 'client' ? w.expectPorts : [w.expectPort]);

const uniqueSorted = (ports: number[]) => [...new Set(ports)].sort((a, b) => a - b);

/** Every peer the ingress matrix tries: wired parties, outsiders, and the stack's own pods. */
function universe(pods: readonly PodModel[]): Peer[] {
  return [...ALL_SOURCES.flatMap((s) => s.peers), ...OUTSIDERS, ...pods.map((p) => ({ pod: p }))];
}

const peerName = (p: Peer) => ('pod' in p ? `${p.pod.namespace}/${p.pod.name}` : p.ip);

/**
 * The acceptance check of one stack: every wire's flows are admitted, and for every pod of the stack
 * and every peer of the universe, the admitted ports (1..65535, TCP, UDP and SCTP) are exactly the
 * ports of the flows from that peer (anything's flows count for every peer). Returns the flows.
 */
function expectExactIngress(objects: readonly any[], wires: readonly Wire[]): Flow[] {
  const evaluator = new PolicyEvaluator(objects);
  const pods = podsOf(objects);
  const flows = wires.flatMap((w) => {
    const resolved = resolveWire(objects, pods, w);
    // The JSON chain lands on the port the design names (a route to the wrong Service port would not).
    expect({ wire: describeWire(w), ports: uniqueSorted(resolved.map((f) => f.port)) }).toEqual({ wire: describeWire(w), ports: uniqueSorted(expectedPortsOf(w)) });
    return resolved;
  });

  // Each wired pair: its port is admitted from each peer that stands for the source.
  for (const f of flows) {
    const peers = f.from === ANYTHING ? universe(pods) : f.from.peers;
    for (const peer of peers) {
      expect({ flow: f.wire, peer: peerName(peer), port: f.port, admitted: evaluator.admitsIngress(f.pod, peer, f.port) })
        .toEqual({ flow: f.wire, peer: peerName(peer), port: f.port, admitted: true });
    }
  }

  // Nothing else: per pod and peer, the admitted ports are exactly the wired ones, on every protocol.
  const problems: string[] = [];
  for (const target of pods) {
    for (const peer of universe(pods)) {
      const wired = flows.filter((f) => f.pod.name === target.name && (f.from === ANYTHING || f.from.peers.includes(peer)));
      for (const protocol of PROTOCOLS) {
        const expected = protocol === 'TCP' ? uniqueSorted(wired.map((f) => f.port)) : [];
        const admitted = evaluator.ingressPorts(target, peer, protocol);
        if (JSON.stringify(admitted) !== JSON.stringify(expected)) {
          problems.push(`${peerName(peer)} → ${target.name} ${protocol}: admitted ${summarize(admitted)}, wired ${summarize(expected)}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
  return flows;
}

function summarize(ports: number[]): string {
  if (ports.length > 10) return `${ports.length} ports (${ports.slice(0, 5).join(', ')}, ...)`;
  return `[${ports.join(', ')}]`;
}

/** One policy per workload Deployment: its name, namespace and selector, valid, isolating exactly its pods. */
function expectOnePolicyPerWorkload(objects: readonly any[], policyTypes: string[]): void {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  expect(schemaErrors(policies)).toEqual([]);
  expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual(deployments.map((d) => `${d.metadata.namespace}/${d.metadata.name}`).sort());
  for (const d of deployments) {
    const p = theObject(objects, 'NetworkPolicy', d.metadata.namespace, d.metadata.name);
    expect(p.apiVersion).toBe('networking.k8s.io/v1');
    expect(p.spec.podSelector).toEqual({ matchLabels: d.spec.selector.matchLabels });
    expect(p.spec.policyTypes).toEqual(policyTypes);
  }
  // Each pod of the stack is isolated by exactly its own policy (no policy reaches another workload's pods).
  const evaluator = new PolicyEvaluator(objects);
  for (const p of podsOf(objects)) {
    expect({ pod: p.name, policies: evaluator.selecting(p).map((x) => `${x.metadata.namespace}/${x.metadata.name}`) })
      .toEqual({ pod: p.name, policies: [p.name.replace(/^Deployment\//, '')] });
  }
}

// ---------------------------------------------------------------------------------------------
// The evaluator itself: hand-written policies with known answers, so that its verdicts can be trusted.
// ---------------------------------------------------------------------------------------------

describe('the NetworkPolicy evaluator (Kubernetes semantics)', () => {
  const web = pod('web', 'app', { app: 'web' });
  const db = pod('db', 'app', { app: 'db' });
  const policy = (name: string, spec: any, namespace = 'app') => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
  const nsPeer = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
  const a = { pod: pod('a', 'front', { role: 'a' }) };
  const b = { pod: pod('b', 'front', { role: 'b' }) };
  const c = { pod: pod('c', 'other', { role: 'a' }) };

  test('a pod no policy selects admits everything; one in another namespace does not select it', () => {
    const e = new PolicyEvaluator([policy('deny', { podSelector: {}, policyTypes: ['Ingress'] }, 'elsewhere')]);
    expect(e.admitsIngress(web, c, 1234, 'UDP')).toBe(true);
    expect(e.ingressPorts(web, c)).toHaveLength(65535);
  });

  test('an empty ingress list with policyTypes Ingress denies everything; egress stays open', () => {
    const e = new PolicyEvaluator([policy('deny', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [] })]);
    expect(e.ingressPorts(web, a)).toEqual([]);
    expect(e.admitsIngress(db, a, 80)).toBe(true);
    expect(e.admitsEgress(web, a, 80)).toBe(true);
  });

  test('namespaceSelector and podSelector in one peer are ANDed; two peers are ORed', () => {
    const and = new PolicyEvaluator([policy('p', { podSelector: {}, ingress: [{ from: [{ ...nsPeer('front'), podSelector: { matchLabels: { role: 'a' } } }] }] })]);
    expect([a, b, c].map((x) => and.admitsIngress(web, x, 80))).toEqual([true, false, false]);
    const or = new PolicyEvaluator([policy('p', { podSelector: {}, ingress: [{ from: [nsPeer('front'), { podSelector: { matchLabels: { role: 'a' } } }] }] })]);
    // The second peer, without namespaceSelector, means pods of the policy's own namespace (app).
    expect([a, b, c, { pod: pod('x', 'app', { role: 'a' }) }].map((x) => or.admitsIngress(web, x, 80))).toEqual([true, true, false, true]);
  });

  test('ports: TCP by default, absent = all, ranges, named ports; rules of several policies add up', () => {
    const named = { ...web, ports: [{ name: 'http', containerPort: 8080 }] };
    const e = new PolicyEvaluator([
      policy('p1', { podSelector: {}, ingress: [{ from: [nsPeer('front')], ports: [{ port: 53, protocol: 'UDP' }, { port: 'http' }, { port: 9000, endPort: 9002 }] }] }),
      policy('p2', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 443 }] }] }),
      policy('p3', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [nsPeer('other')] }] }),
    ]);
    expect(e.ingressPorts(named, a, 'TCP')).toEqual([443, 8080, 9000, 9001, 9002]);
    expect(e.ingressPorts(named, a, 'UDP')).toEqual([53]);
    expect(e.ingressPorts(named, c, 'SCTP')).toHaveLength(65535);
    expect(e.ingressPorts(db, a, 'TCP')).toEqual([9000, 9001, 9002]);
    // An entry with a protocol and no port admits every port of that protocol; out-of-range, fractional
    // and inverted numbers admit none.
    const byProtocol = new PolicyEvaluator([policy('p', { podSelector: {}, ingress: [{ ports: [{ protocol: 'UDP' }, { port: 0 }, { port: 70000 }, { port: 80.5 }, { port: 10, endPort: 5 }] }] })]);
    expect(byProtocol.ingressPorts(web, a, 'UDP')).toHaveLength(65535);
    expect(byProtocol.ingressPorts(web, a, 'TCP')).toEqual([]);
  });

  test('egress: ipBlocks with except match addresses, not pods; policyTypes default from the sections', () => {
    const e = new PolicyEvaluator([policy('p', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 5432 }] }] })]);
    expect(e.admitsEgress(web, { ip: '10.2.3.4' }, 5432)).toBe(true);
    expect(e.admitsEgress(web, { ip: '10.1.3.4' }, 5432)).toBe(false);
    expect(e.admitsEgress(web, { ip: '11.0.0.1' }, 5432)).toBe(false);
    expect(e.admitsEgress(web, a, 5432)).toBe(false);
    // policyTypes absent: Ingress too, and no ingress rule: denied.
    expect(e.admitsIngress(web, a, 80)).toBe(false);
    expect(new PolicyEvaluator([policy('v6', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: 'fd00::/64' } }] }] })])
      .admitsEgress(web, { ip: 'fd00::1:2' }, 1)).toBe(true);
  });

  test('a field it does not know is an error, not an open door', () => {
    expect(() => new PolicyEvaluator([policy('p', { podSelector: {}, ingress: [{ form: [nsPeer('front')] }] })])).toThrow(/unknown field/);
  });
});

// ---------------------------------------------------------------------------------------------
// Ingress: exactly the wired pairs, stack by stack.
// ---------------------------------------------------------------------------------------------

interface IngressCase {
  readonly name: string;
  readonly build: (chart: Chart) => void;
  readonly wires: readonly Wire[];
  /** How many (source, pod, port) flows the wires resolve to: a check that cannot fail is a defect. */
  readonly flows: number;
}

const adminOf = (chart: Chart, tls: TlsMode, more: Partial<SecureAdminProps> = {}) => new SecureAdmin(chart, 'admin', { tls, database: DATABASE, objectStore: OBJECT_STORE, ...more });
/** Envoy Gateway v1.9.0 (it serves Admin's gRPC with TLS on), its data plane given as the Gateway's namespace. */
const EG = GatewayImplementation.envoyGateway({ version: 'v1.9.0' });
const exposeFlyte = (admin: SecureAdmin, console: Console) => {
  const listener = { ...LISTENER, implementation: EG, dataPlane: { peer: { namespace: 'gateway' } } };
  admin.exposeViaGateway({ listener, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
  console.exposeViaGateway({ listener, host: 'console.flyte.example.com' });
};
const route = (kind: 'HTTPRoute' | 'GRPCRoute', namespace: string, name: string) => ({ kind, namespace, name });
const ADMIN = { namespace: 'flyte', name: 'flyteadmin' };

/** Admin's HTTP and gRPC ports by name: `https` alone with TLS on. */
const adminApi = (tlsOn: boolean) => (tlsOn ? ['https'] : ['http', 'grpc']);
/** flytescheduler → Admin's gRPC port (by default, with or without allowFrom). */
const schedulerWire = (tlsOn: boolean): Wire => ({ kind: 'client', from: SCHEDULER, deployment: ADMIN, portNames: [tlsOn ? 'https' : 'grpc'], expectPorts: [tlsOn ? 8088 : 8089] });
/** FlytePropeller and flyteclusterresourcesync (allowFrom) → Admin's HTTP and gRPC ports. */
const allowFromWires = (tlsOn: boolean): Wire[] => [PROPELLER, CLUSTER_SYNC].map((from) => ({ kind: 'client', from, deployment: ADMIN, portNames: adminApi(tlsOn), expectPorts: tlsOn ? [8088] : [8088, 8089] }));

/** The Flyte pair, both exposed (Admin's gRPC on its own host), Admin's allowFrom clients and the scheduler. */
function flyteWires(tlsOn: boolean): Wire[] {
  return [
    { kind: 'route', from: GATEWAY, route: route('HTTPRoute', 'flyte', 'flyteadmin'), expectPort: 8088 },
    { kind: 'route', from: GATEWAY, route: route('GRPCRoute', 'flyte', 'flyteadmin'), expectPort: tlsOn ? 8088 : 8089 },
    { kind: 'route', from: GATEWAY, route: route('HTTPRoute', 'flyte', 'flyteconsole'), expectPort: 8080 },
    ...allowFromWires(tlsOn),
    schedulerWire(tlsOn),
  ];
}

const INGRESS_CASES: IngressCase[] = [
  {
    name: 'Admin and Console, TLS off, both exposed, with allowFrom',
    build: (chart) => {
      const admin = adminOf(chart, TlsMode.disabled(), { allowFrom: FLYTE_CLIENTS });
      exposeFlyte(admin, new Console(chart, 'console', { admin }));
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: flyteWires(false),
    flows: 8, // 8088, 8089, 8080, propeller 8088+8089, flyteclusterresourcesync 8088+8089, scheduler 8089
  },
  {
    name: 'Admin and Console, cert-manager TLS, both exposed, with allowFrom',
    build: (chart) => {
      const admin = adminOf(chart, CERT_MANAGER(), { allowFrom: FLYTE_CLIENTS });
      exposeFlyte(admin, new Console(chart, 'console', { admin }));
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: flyteWires(true),
    flows: 6, // HTTP and gRPC share 8088; the Console's TLS port is 8080
  },
  {
    name: 'Admin with allowFrom only: the Console and the gateway get nothing',
    build: (chart) => {
      const admin = adminOf(chart, TlsMode.disabled(), { allowFrom: FLYTE_CLIENTS });
      new Console(chart, 'console', { admin });
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: [...allowFromWires(false), schedulerWire(false)],
    flows: 5,
  },
  {
    name: 'Admin, TLS off, not exposed: the scheduler by default, Prometheus opted in to the metrics port only',
    build: (chart) => {
      adminOf(chart, TlsMode.disabled(), { allowMetricsFrom: [{ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } }] });
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: [schedulerWire(false), { kind: 'client', from: PROMETHEUS, deployment: ADMIN, portNames: ['http-metrics'], expectPorts: [10254] }],
    flows: 2,
  },
  {
    name: 'Admin, cert-manager TLS, a scheduler of another install and Prometheus: the metrics port stays plain and separate',
    build: (chart) => {
      adminOf(chart, CERT_MANAGER(), {
        scheduler: FlyteScheduler.fromPeer({ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } }),
        allowMetricsFrom: [{ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } }],
      });
      new StackNetworkPolicies(chart, 'policies');
    },
    // (An odd pairing on purpose: one peer admitted by two props gets the union of their ports.)
    wires: [
      { kind: 'client', from: PROMETHEUS, deployment: ADMIN, portNames: ['https'], expectPorts: [8088] },
      { kind: 'client', from: PROMETHEUS, deployment: ADMIN, portNames: ['http-metrics'], expectPorts: [10254] },
    ],
    flows: 2,
  },
  {
    name: 'Admin, TLS off, HTTP and gRPC on gateways of two namespaces: each namespace gets its own port only',
    build: (chart) => {
      adminOf(chart, TlsMode.disabled()).exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcListener: INTERNAL_LISTENER });
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: [
      { kind: 'route', from: GATEWAY, route: route('HTTPRoute', 'flyte', 'flyteadmin'), expectPort: 8088 },
      { kind: 'route', from: GATEWAY_INTERNAL, route: route('GRPCRoute', 'flyte', 'flyteadmin'), expectPort: 8089 },
      schedulerWire(false),
    ],
    flows: 3,
  },
  {
    name: 'Admin, TLS off, through Envoy Gateway (proxies outside the Gateway\'s namespace) for HTTP and a load balancer\'s ranges for gRPC',
    build: (chart) => {
      adminOf(chart, TlsMode.disabled()).exposeViaGateway({
        listener: { ...LISTENER, dataPlane: ENVOY_DATA_PLANE },
        host: 'flyte.example.com',
        grpcListener: { ...INTERNAL_LISTENER, dataPlane: { cidrs: ['35.191.0.0/16', '130.211.0.0/22'] } },
      });
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: [
      { kind: 'route', from: ENVOY_PROXIES, route: route('HTTPRoute', 'flyte', 'flyteadmin'), expectPort: 8088 },
      { kind: 'route', from: LOAD_BALANCER, route: route('GRPCRoute', 'flyte', 'flyteadmin'), expectPort: 8089 },
      schedulerWire(false),
    ],
    flows: 3,
  },
  {
    name: 'Admin and Console, cert-manager TLS, through one Envoy Gateway data plane, no native scheduler: the Gateway\'s own namespace gets nothing',
    build: (chart) => {
      // The data plane Envoy Gateway derives: its namespace, the Gateway's name and namespace.
      const envoy = { ...LISTENER, implementation: EG };
      const admin = adminOf(chart, CERT_MANAGER(), { scheduler: FlyteScheduler.none() });
      admin.exposeViaGateway({ listener: envoy, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
      new Console(chart, 'console', { admin }).exposeViaGateway({ listener: envoy, host: 'console.flyte.example.com' });
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: [
      { kind: 'route', from: ENVOY_PROXIES, route: route('HTTPRoute', 'flyte', 'flyteadmin'), expectPort: 8088 },
      { kind: 'route', from: ENVOY_PROXIES, route: route('GRPCRoute', 'flyte', 'flyteadmin'), expectPort: 8088 },
      { kind: 'route', from: ENVOY_PROXIES, route: route('HTTPRoute', 'flyte', 'flyteconsole'), expectPort: 8080 },
    ],
    flows: 3,
  },
  {
    name: 'NumaflowServer, TLS off, exposed',
    build: (chart) => {
      new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled(), baseHref: '/numaflow/' }).exposeViaGateway({ listener: LISTENER, host: 'numaflow.example.com' });
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: [{ kind: 'route', from: GATEWAY, route: route('HTTPRoute', 'numaflow-system', 'numaflow-server'), expectPort: 8080 }],
    flows: 1,
  },
  {
    name: 'MetricsServer (selfSigned) scaled by a PodAutoscaler: open to anything on its one port',
    build: (chart) => {
      const ms = new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
      new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(ms), strategy: ScalingStrategy.KPA, metric: METRIC, maxReplicas: 4, aibrixVersion: 'v0.4.1' });
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: [
      { kind: 'client', from: ANYTHING, deployment: { namespace: 'kube-system', name: 'metrics-server' }, expectPorts: [10250] },
      { kind: 'scrape', from: AIBRIX, autoscaler: { namespace: 'kube-system', name: 'metrics-server' }, expectPort: 10250 },
    ],
    flows: 2,
  },
  {
    name: 'NumaflowServer scaled by a PodAutoscaler (AIbrix v0.7), not exposed',
    build: (chart) => {
      const nf = new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
      new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(nf), strategy: ScalingStrategy.APA, metric: METRIC, maxReplicas: 5 });
      new StackNetworkPolicies(chart, 'policies');
    },
    wires: [{ kind: 'scrape', from: AIBRIX, autoscaler: { namespace: 'numaflow-system', name: 'numaflow-server' }, expectPort: 8080 }],
    flows: 1,
  },
  {
    name: 'NumaflowServer exposed and scaled, with the AIbrix controller of a custom install',
    build: (chart) => {
      // Policies first, the autoscaler last: the scrape still lands.
      new StackNetworkPolicies(chart, 'policies', { aibrixController: { namespace: 'aibrix', podLabels: { 'app.kubernetes.io/name': 'aibrix-controller' } } });
      const nf = new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
      nf.exposeViaGateway({ listener: LISTENER, host: 'numaflow.example.com' });
      new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(nf), strategy: ScalingStrategy.KPA, metric: METRIC, maxReplicas: 5 });
    },
    wires: [
      { kind: 'route', from: GATEWAY, route: route('HTTPRoute', 'numaflow-system', 'numaflow-server'), expectPort: 8080 },
      { kind: 'scrape', from: CUSTOM_AIBRIX, autoscaler: { namespace: 'numaflow-system', name: 'numaflow-server' }, expectPort: 8080 },
    ],
    flows: 2,
  },
];

// ---------------------------------------------------------------------------------------------
// One stack with every server, used for the combined, order and egress checks.
// ---------------------------------------------------------------------------------------------

/** Egress options of the combined stack: a database by address and an object store in the cluster. */
const EGRESS: NetworkEgressOptions = {
  apiServerCidrs: ['10.0.0.1/32'],
  apiServerClusterIp: '10.96.0.1',
  nodeCidrs: ['192.168.0.0/16'],
  destinations: [
    { cidrs: ['10.20.0.5/32'], ports: [5432] },
    { peer: { namespace: 'flyte', podLabels: { 'app.kubernetes.io/name': 'minio' } }, ports: [9000] },
  ],
};

type Step = 'policies' | 'flyte' | 'others' | 'expose' | 'autoscalers';

/** Admin, Console, NumaflowServer and MetricsServer in one chart, built in the given order. */
function combinedStack(order: readonly Step[], props: StackNetworkPoliciesProps = { egress: EGRESS }): any[] {
  const chart = testChart();
  let admin: SecureAdmin | undefined;
  let console: Console | undefined;
  let nf: NumaflowServer | undefined;
  let ms: MetricsServer | undefined;
  const steps: Record<Step, () => void> = {
    policies: () => new StackNetworkPolicies(chart, 'policies', props),
    flyte: () => {
      admin = adminOf(chart, TlsMode.disabled(), { allowFrom: FLYTE_CLIENTS });
      console = new Console(chart, 'console', { admin });
    },
    others: () => {
      nf = new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
      ms = new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
    },
    expose: () => {
      exposeFlyte(admin!, console!);
      nf!.exposeViaGateway({ listener: LISTENER, host: 'numaflow.example.com' });
    },
    autoscalers: () => {
      new PodAutoscaler(chart, 'nf-pa', { target: ScaleTarget.fromServer(nf!), strategy: ScalingStrategy.APA, metric: METRIC, maxReplicas: 5 });
      new PodAutoscaler(chart, 'ms-pa', { target: ScaleTarget.fromServer(ms!), strategy: ScalingStrategy.KPA, metric: METRIC, maxReplicas: 4, aibrixVersion: 'v0.4.1' });
    },
  };
  order.forEach((s) => steps[s]());
  return synth(chart);
}
const POLICIES_LAST: Step[] = ['flyte', 'others', 'expose', 'autoscalers', 'policies'];

const COMBINED_WIRES: Wire[] = [
  ...flyteWires(false),
  { kind: 'route', from: GATEWAY, route: route('HTTPRoute', 'numaflow-system', 'numaflow-server'), expectPort: 8080 },
  { kind: 'scrape', from: AIBRIX, autoscaler: { namespace: 'numaflow-system', name: 'numaflow-server' }, expectPort: 8080 },
  { kind: 'client', from: ANYTHING, deployment: { namespace: 'kube-system', name: 'metrics-server' }, expectPorts: [10250] },
  { kind: 'scrape', from: AIBRIX, autoscaler: { namespace: 'kube-system', name: 'metrics-server' }, expectPort: 10250 },
];
const COMBINED_FLOWS = 8 + 4;

describe('ingress: exactly the wired pairs', () => {
  test.each(INGRESS_CASES)('$name', ({ build, wires, flows }) => {
    const chart = testChart();
    build(chart);
    const objects = synth(chart);
    expectOnePolicyPerWorkload(objects, ['Ingress']);
    expect(expectExactIngress(objects, wires)).toHaveLength(flows);
  });

  test('every server in one stack, with egress on: no policy opens one server to another\'s clients', () => {
    const objects = combinedStack(POLICIES_LAST);
    expectOnePolicyPerWorkload(objects, ['Ingress', 'Egress']);
    expect(expectExactIngress(objects, COMBINED_WIRES)).toHaveLength(COMBINED_FLOWS);
  });

  test('the number of wired pairs and flows walked', () => {
    // 12 stacks of 34 wires (38 flows), and the combined stack of 10 wires (12 flows).
    expect(INGRESS_CASES).toHaveLength(12);
    expect(INGRESS_CASES.reduce((n, c) => n + c.wires.length, 0)).toBe(34);
    expect(INGRESS_CASES.reduce((n, c) => n + c.flows, 0)).toBe(38);
    expect(COMBINED_WIRES).toHaveLength(10);
  });

  test('a chart without StackNetworkPolicies gets no NetworkPolicy (opt-in)', () => {
    const chart = testChart();
    const admin = adminOf(chart, TlsMode.disabled(), { allowFrom: FLYTE_CLIENTS });
    exposeFlyte(admin, new Console(chart, 'console', { admin }));
    expect(synth(chart).filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
  });
});

describe('the acceptance check fails on a policy that is wider or narrower than the wiring', () => {
  // The first stack, whose check passes above; each mutation of its emitted policies must fail it.
  const [first] = INGRESS_CASES;
  const chart = testChart();
  first.build(chart);
  const objects = synth(chart);
  const policy = (o: any[], name: string) => o.find((x) => x.kind === 'NetworkPolicy' && x.metadata.name === name);
  const mutations: [string, (o: any[]) => void][] = [
    ['an extra port for the gateway', (o) => policy(o, 'flyteadmin').spec.ingress[0].ports.push({ protocol: 'TCP', port: 9999 })],
    ['the gateway\'s port on UDP', (o) => { policy(o, 'flyteconsole').spec.ingress[0].ports[0].protocol = 'UDP'; }],
    ['a rule without from', (o) => { delete policy(o, 'flyteconsole').spec.ingress[0].from; }],
    ['allowFrom widened to the whole namespace', (o) => { delete policy(o, 'flyteadmin').spec.ingress[1].from[0].podSelector; }],
    // (Without namespaceSelector the peer would mean Admin's own namespace, the same as flyte here: not a widening.)
    ['allowFrom by labels in any namespace', (o) => { policy(o, 'flyteadmin').spec.ingress[1].from[0].namespaceSelector = {}; }],
    ['Admin\'s gRPC port dropped', (o) => policy(o, 'flyteadmin').spec.ingress[0].ports.pop()],
    ['a policy selecting every pod of the namespace', (o) => { policy(o, 'flyteadmin').spec.podSelector = {}; }],
    ['the Console\'s policy missing', (o) => o.splice(o.indexOf(policy(o, 'flyteconsole')), 1)],
  ];
  test.each(mutations)('%s', (_name, mutate) => {
    const mutated = JSON.parse(JSON.stringify(objects));
    mutate(mutated);
    expect(() => expectExactIngress(mutated, first.wires)).toThrow();
  });
  test('and passes on the stack as emitted', () => expect(expectExactIngress(objects, first.wires)).toHaveLength(first.flows));
});

describe('unexposed servers are denied all ingress', () => {
  /** No peer of the universe reaches any port of the pod, on any protocol. */
  function expectDenyAll(objects: readonly any[], deployment: string): void {
    const evaluator = new PolicyEvaluator(objects);
    const pods = podsOf(objects);
    const target = pods.find((p) => p.name === deployment)!;
    expect(target).toBeDefined();
    expect(evaluator.isolating(target, 'Ingress')).toHaveLength(1);
    for (const peer of universe(pods)) {
      for (const protocol of PROTOCOLS) expect({ peer: peerName(peer), protocol, ports: evaluator.ingressPorts(target, peer, protocol) }).toEqual({ peer: peerName(peer), protocol, ports: [] });
    }
    const [ns, name] = deployment.split('/').slice(1);
    expect(theObject(objects, 'NetworkPolicy', ns, name).spec.ingress).toEqual([]);
  }

  test('a Console not exposed, beside an exposed Admin', () => {
    const chart = testChart();
    const admin = adminOf(chart, TlsMode.disabled());
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    // Served by some other means at an https origin (the scheme must match Admin's public one).
    // Made after the exposure: made before, it is refused (see "known defects").
    new Console(chart, 'console', { admin, publicOrigin: 'https://console.flyte.example.com' });
    new StackNetworkPolicies(chart, 'policies');
    const objects = synth(chart);
    expect(schemaErrors(objects.filter((o) => o.kind === 'NetworkPolicy'))).toEqual([]);
    expectDenyAll(objects, 'Deployment/flyte/flyteconsole');
  });

  test('an Admin with neither exposure, allowFrom nor scheduler, and a NumaflowServer with no route and no autoscaler', () => {
    const chart = testChart();
    new StackNetworkPolicies(chart, 'policies', { egress: { ...EGRESS, nodeCidrs: undefined } });
    new Console(chart, 'console', { admin: adminOf(chart, CERT_MANAGER(), { scheduler: FlyteScheduler.none() }) });
    new NumaflowServer(chart, 'numaflow', { tls: TlsMode.selfSigned() });
    const objects = synth(chart);
    expect(schemaErrors(objects.filter((o) => o.kind === 'NetworkPolicy'))).toEqual([]);
    for (const d of ['Deployment/flyte/flyteadmin', 'Deployment/flyte/flyteconsole', 'Deployment/numaflow-system/numaflow-server']) expectDenyAll(objects, d);
  });
});

// ---------------------------------------------------------------------------------------------
// Order independence.
// ---------------------------------------------------------------------------------------------

describe('the order of construction does not matter', () => {
  const byRef = (objects: readonly any[]) => [...objects].sort((a, b) => `${a.kind}/${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.namespace}/${b.metadata.name}`));
  const reference = combinedStack(POLICIES_LAST);
  const policiesOf = (objects: readonly any[]) => byRef(objects.filter((o) => o.kind === 'NetworkPolicy'));

  test('the reference has a policy per server, each with rules', () => {
    expect(policiesOf(reference).map((p) => p.metadata.name)).toEqual(['flyteadmin', 'flyteconsole', 'metrics-server', 'numaflow-server']);
    for (const p of policiesOf(reference)) expect(p.spec.ingress.length).toBeGreaterThan(0);
  });

  const orders: Step[][] = [
    ['policies', 'flyte', 'others', 'expose', 'autoscalers'], // before everything
    ['flyte', 'policies', 'others', 'expose', 'autoscalers'], // between the servers
    ['flyte', 'others', 'policies', 'expose', 'autoscalers'], // after the servers, before exposeViaGateway
    ['flyte', 'others', 'expose', 'policies', 'autoscalers'], // after exposeViaGateway, before the autoscalers
    ['flyte', 'others', 'autoscalers', 'expose', 'policies'], // autoscalers before the routes
  ];
  test.each(orders.map((order) => ({ order: order.join(' → '), steps: order })))('$order gives the same policies and objects', ({ steps }) => {
    const objects = combinedStack(steps);
    expect(policiesOf(objects)).toEqual(policiesOf(reference));
    expect(byRef(objects)).toEqual(byRef(reference));
  });
});

// ---------------------------------------------------------------------------------------------
// Egress.
// ---------------------------------------------------------------------------------------------

/** The API server, portably: its endpoints and the kubernetes Service's ClusterIP. */
const API_EGRESS = { apiServerCidrs: ['10.0.0.1/32'], apiServerClusterIp: '10.96.0.1' };

describe('egress: DNS for every pod, the API server, kubelets and destinations for the pods that reach them', () => {
  const KUBE_DNS = { pod: pod('coredns', 'kube-system', { 'k8s-app': 'kube-dns' }) };
  const MINIO = { pod: pod('minio', 'flyte', { 'app.kubernetes.io/name': 'minio' }) };
  const API = { ip: '10.0.0.1' };
  // The kubernetes Service's ClusterIP: admitted on 443 beside the endpoints (portable by default).
  const API_CLUSTER_IP = { ip: '10.96.0.1' };
  const NODE = { ip: '192.168.3.4' };
  const DB = { ip: '10.20.0.5' };
  // A pipeline's daemon in any namespace: the cluster-wide UI server reads it on 4327.
  const DAEMON = { pod: pod('p1-daemon', 'team-a', { 'app.kubernetes.io/component': 'daemon', 'numaflow.numaproj.io/pipeline-name': 'p1' }) };
  // A MonoVertex's daemon (<name>-mv-daemon-svc:4327), which the UI reads too (numaflow v1.3+).
  const MV_DAEMON = { pod: pod('mv1-mv-daemon', 'team-b', { 'app.kubernetes.io/component': 'mono-vertex-daemon', 'numaflow.numaproj.io/mono-vertex-name': 'mv1' }) };
  /** Destinations no pod of the stack may reach. */
  const NEAR_MISSES: Peer[] = [
    { pod: pod('kube-proxy', 'kube-system', { 'k8s-app': 'kube-proxy' }) },
    { pod: pod('dns-elsewhere', 'default', { 'k8s-app': 'kube-dns' }) },
    { pod: pod('minio-elsewhere', 'storage', { 'app.kubernetes.io/name': 'minio' }) },
    { pod: pod('postgres', 'flyte', { 'app.kubernetes.io/name': 'postgresql' }) },
    { pod: pod('p1-vertex', 'team-a', { 'app.kubernetes.io/component': 'vertex' }) },
    { ip: '10.0.0.2' }, { ip: '10.96.0.10' }, { ip: '192.169.0.1' }, { ip: '10.20.0.6' }, { ip: '203.0.113.9' }, { ip: '8.8.8.8' },
    ...GATEWAY.peers, ...PROPELLER.peers,
  ];

  /** The design's egress, per workload: [destination, protocol, ports]. */
  const DNS: [Peer, Protocol, number[]][] = [[KUBE_DNS, 'UDP', [53]], [KUBE_DNS, 'TCP', [53]]];
  const CALLS_API: [Peer, Protocol, number[]][] = [[API, 'TCP', [443, 6443]], [API_CLUSTER_IP, 'TCP', [443]]];
  const EXPECTED: Record<string, [Peer, Protocol, number[]][]> = {
    'Deployment/flyte/flyteadmin': [...DNS, ...CALLS_API, [DB, 'TCP', [5432]], [MINIO, 'TCP', [9000]]],
    'Deployment/flyte/flyteconsole': DNS,
    'Deployment/numaflow-system/numaflow-server': [...DNS, ...CALLS_API, [DAEMON, 'TCP', [4327]], [MV_DAEMON, 'TCP', [4327]]],
    'Deployment/kube-system/metrics-server': [...DNS, ...CALLS_API, [NODE, 'TCP', [10250]]],
  };

  const objects = combinedStack(POLICIES_LAST);
  const evaluator = new PolicyEvaluator(objects);
  const pods = podsOf(objects);

  test('every pod\'s egress is exactly the derived destinations, on every port and protocol', () => {
    expect(pods.map((p) => p.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    const destinations: Peer[] = [KUBE_DNS, MINIO, API, API_CLUSTER_IP, NODE, DB, DAEMON, MV_DAEMON, ...NEAR_MISSES, ...pods.map((p) => ({ pod: p }))];
    const problems: string[] = [];
    let allowed = 0;
    for (const source of pods) {
      expect(evaluator.isolating(source, 'Egress')).toHaveLength(1);
      for (const to of destinations) {
        for (const protocol of PROTOCOLS) {
          const expected = EXPECTED[source.name].filter(([d, p]) => d === to && p === protocol).flatMap(([, , ports]) => ports);
          const admitted = evaluator.egressPorts(source, to, protocol);
          allowed += admitted.length;
          if (JSON.stringify(admitted) !== JSON.stringify(uniqueSorted(expected))) problems.push(`${source.name} → ${peerName(to)} ${protocol}: admitted ${summarize(admitted)}, derived ${summarize(expected)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // 4 pods × DNS over UDP and TCP, 3 API callers × (2 endpoint ports + the ClusterIP's 443), the kubelets, Admin's database and store, Numaflow's two kinds of daemon.
    expect(allowed).toBe(4 * 2 + 3 * 3 + 1 + 2 + 2);
  });

  test('whole connections: a client reaches Admin only where both ends agree', () => {
    const admin = { pod: pods.find((p) => p.name === 'Deployment/flyte/flyteadmin')! };
    const console = { pod: pods.find((p) => p.name === 'Deployment/flyte/flyteconsole')! };
    expect(evaluator.allows(PROPELLER.peers[0], admin, 8089)).toBe(true); // propeller is not ours: only Admin's ingress decides
    expect(evaluator.allows(admin, MINIO, 9000)).toBe(true);
    expect(evaluator.allows(console, admin, 8088)).toBe(false); // the Console's server never calls Admin: the browser does, through the gateway
    expect(evaluator.allows(admin, console, 8080)).toBe(false);
  });

  test('custom apiServerPorts and DNS peer replace the defaults', () => {
    const chart = testChart();
    new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
    new StackNetworkPolicies(chart, 'policies', {
      egress: { apiServerTranslation: ServiceTranslation.BEFORE_POLICY, apiServerCidrs: ['10.0.0.1/32', 'fd00::1/128'], apiServerPorts: [8443], dns: { namespace: 'dns', podLabels: { app: 'coredns' } } },
    });
    const out = synth(chart);
    expect(schemaErrors(out.filter((o) => o.kind === 'NetworkPolicy'))).toEqual([]);
    const e = new PolicyEvaluator(out);
    const [nf] = podsOf(out);
    const coredns = { pod: pod('coredns', 'dns', { app: 'coredns' }) };
    expect(e.egressPorts(nf, coredns, 'UDP')).toEqual([53]);
    expect(e.egressPorts(nf, coredns, 'TCP')).toEqual([53]);
    expect(e.egressPorts(nf, KUBE_DNS, 'UDP')).toEqual([]);
    expect(e.egressPorts(nf, { pod: pod('other-dns', 'dns', { app: 'unbound' }) }, 'UDP')).toEqual([]);
    expect(e.egressPorts(nf, API, 'TCP')).toEqual([8443]);
    expect(e.egressPorts(nf, { ip: 'fd00::1' }, 'TCP')).toEqual([8443]);
    expect(e.egressPorts(nf, { ip: 'fd00::2' }, 'TCP')).toEqual([]);
  });

  test('dnsCidrs admit another resolver beside the cluster DNS, on 53 only; NodeLocal DNSCache\'s address is refused there', () => {
    const chart = testChart();
    new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
    new StackNetworkPolicies(chart, 'policies', { egress: { ...API_EGRESS, dnsCidrs: ['10.53.0.53/32'] } });
    const out = synth(chart);
    expect(schemaErrors(out.filter((o) => o.kind === 'NetworkPolicy'))).toEqual([]);
    const e = new PolicyEvaluator(out);
    const [nf] = podsOf(out);
    for (const protocol of ['UDP', 'TCP'] as const) {
      expect(e.egressPorts(nf, { ip: '10.53.0.53' }, protocol)).toEqual([53]);
      expect(e.egressPorts(nf, KUBE_DNS, protocol)).toEqual([53]);
      expect(e.egressPorts(nf, { ip: '10.53.0.54' }, protocol)).toEqual([]);
    }
    expect(() => new StackNetworkPolicies(testChart(), 'p', { egress: { ...API_EGRESS, dnsCidrs: ['169.254.20.10'] } })).toThrow(/egress\.dnsCidrs\[0\]/);
    expect(() => new StackNetworkPolicies(testChart(), 'p', { egress: { ...API_EGRESS, dnsCidrs: ['169.254.20.10/32'] } })).toThrow(/egress\.dnsCidrs\[0\] "169\.254\.20\.10\/32" is not allowed: 169\.254\.20\.10 is NodeLocal DNSCache's address.*; use nodeLocalDnsCache/);
  });
});

// ---------------------------------------------------------------------------------------------
// Refusals.
// ---------------------------------------------------------------------------------------------

describe('refusals name the prop', () => {
  /** Runs `f`, which must throw a ValidationError among whose refusals one names `prop` (also in the message). */
  function expectRefusal(f: () => unknown, prop: string): ValidationError {
    let caught: unknown;
    try {
      f();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.errors.map((e) => e.prop)).toContain(prop);
    expect(error.message).toContain(`${prop} `);
    return error;
  }
  const policies = (props: StackNetworkPoliciesProps, chart = testChart()) => new StackNetworkPolicies(chart, 'policies', props);
  const withEgress = (egress: Partial<NetworkEgressOptions>) => () => policies({ egress: { ...API_EGRESS, ...egress } as NetworkEgressOptions });

  test('egress without apiServerCidrs (missing or empty), at construction', () => {
    expectRefusal(() => policies({ egress: { apiServerClusterIp: '10.96.0.1' } }), 'egress.apiServerCidrs');
    expectRefusal(() => policies({ egress: { apiServerCidrs: [], apiServerClusterIp: '10.96.0.1' } }), 'egress.apiServerCidrs');
  });

  test.each([
    ['no prefix', '10.0.0.1'],
    ['an octet above 255', '10.0.0.256/32'],
    ['a prefix above 32', '10.0.0.0/33'],
    ['a host name', 'api.example.com/32'],
    ['not hexadecimal', 'gggg::/64'],
    ['a space', '10.0.0.0/8 '],
  ])('a bad CIDR (%s) in each CIDR list', (_why, cidr) => {
    expectRefusal(withEgress({ apiServerCidrs: [cidr] }), 'egress.apiServerCidrs[0]');
    expectRefusal(withEgress({ nodeCidrs: ['192.168.0.0/16', cidr] }), 'egress.nodeCidrs[1]');
    expectRefusal(withEgress({ destinations: [{ cidrs: [cidr], ports: [5432] }] }), 'egress.destinations[0].cidrs[0]');
  });

  test('a destination with both or neither of cidrs and peer', () => {
    expectRefusal(withEgress({ destinations: [{ cidrs: ['10.20.0.5/32'], peer: { namespace: 'flyte' }, ports: [5432] }] }), 'egress.destinations[0]');
    expectRefusal(withEgress({ destinations: [{ cidrs: ['10.20.0.5/32'], ports: [5432] }, { ports: [9000] }] }), 'egress.destinations[1]');
    expectRefusal(withEgress({ destinations: [{ cidrs: [], ports: [9000] }] }), 'egress.destinations[0]');
  });

  test('Admin in the stack without destinations, at synth', () => {
    for (const destinations of [undefined, []]) {
      const chart = testChart();
      adminOf(chart, TlsMode.disabled());
      policies({ egress: { ...API_EGRESS, destinations } }, chart);
      expectRefusal(() => synth(chart), 'egress.destinations');
    }
  });

  test('MetricsServer without nodeCidrs, at synth; both refusals at once', () => {
    const chart = testChart();
    new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
    policies({ egress: API_EGRESS }, chart);
    expectRefusal(() => synth(chart), 'egress.nodeCidrs');

    const both = testChart();
    new MetricsServer(both, 'metrics', { tls: TlsMode.selfSigned() });
    adminOf(both, TlsMode.disabled());
    policies({ egress: API_EGRESS }, both);
    expect(expectRefusal(() => synth(both), 'egress.nodeCidrs').errors.map((e) => e.prop).sort()).toEqual(['egress.destinations', 'egress.nodeCidrs']);
  });

  test('without egress, neither destinations nor nodeCidrs are needed', () => {
    const chart = testChart();
    new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
    adminOf(chart, TlsMode.disabled());
    policies({}, chart);
    expect(synth(chart).filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(2);
  });

  test('two StackNetworkPolicies in one chart; the refused one leaves the first in charge', () => {
    const chart = testChart();
    const nf = new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
    policies({}, chart);
    const error = expectRefusal(() => new StackNetworkPolicies(chart, 'more', { egress: EGRESS }), 'scope');
    expect(error.message).toContain('StackNetworkPolicies');
    nf.exposeViaGateway({ listener: LISTENER, host: 'numaflow.example.com' });
    const objects = synth(chart);
    expect(objects.filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(1);
    expect(expectExactIngress(objects, [{ kind: 'route', from: GATEWAY, route: route('HTTPRoute', 'numaflow-system', 'numaflow-server'), expectPort: 8080 }])).toHaveLength(1);
  });

  test('a refused StackNetworkPolicies never joins the tree', () => {
    const chart = testChart();
    new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
    expectRefusal(() => policies({ egress: { ...API_EGRESS, apiServerCidrs: ['nope'] } }, chart), 'egress.apiServerCidrs[0]');
    expect(synth(chart).filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
    // ...and a later, valid one is accepted.
    policies({}, chart);
    expect(synth(chart).filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(1);
  });
});

// Defects found by this file and fixed in lib/: each stays as a regression test.
describe('regressions', () => {
  // requireCidr once checked only the character set of IPv6 addresses.
  test.each(['1:2:3/64', '1::2::3/64', ':/64'])('a malformed IPv6 CIDR %s is refused', (cidr) => {
    expect(() => new StackNetworkPolicies(testChart(), 'policies', { egress: { ...API_EGRESS, apiServerCidrs: [cidr] } })).toThrow(/egress\.apiServerCidrs\[0\]/);
  });

  // The policy's construct id was the path with '/' replaced by '-': 'test/flyte/admin' and
  // 'test/flyte-admin' collided with a plain construct Error.
  test('two workloads whose paths differ only by "/" versus "-" each get a policy', () => {
    const chart = testChart();
    new StackNetworkPolicies(chart, 'policies');
    new SecureAdmin(new Construct(chart, 'flyte'), 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
    new SecureAdmin(chart, 'flyte-admin', { tls: TlsMode.disabled(), namespace: 'flyte2', database: DATABASE, objectStore: OBJECT_STORE });
    expect(synth(chart).filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(2);
  });

  // The Console's scheme rule was judged at construction on Admin's port-forward default, before
  // a later exposeViaGateway gave Admin its https origin: now judged then only on final origins.
  test('a Console made before Admin\'s exposure is judged on Admin\'s final origin', () => {
    const chart = testChart();
    const admin = adminOf(chart, TlsMode.disabled());
    new Console(chart, 'console', { admin, publicOrigin: 'https://console.flyte.example.com' });
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    expect(synth(chart).length).toBeGreaterThan(0);
  });
});

describe('scope', () => {
  test('outside any chart is refused with a ValidationError', () => {
    const app = testApp();
    expect(() => new StackNetworkPolicies(app, 'policies')).toThrow(ValidationError);
    expect(() => new StackNetworkPolicies(app, 'policies2')).toThrow(/scope .* is not allowed: NetworkPolicies are per stack, and this scope is in no chart/);
  });
});
