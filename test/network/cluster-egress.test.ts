import { Chart } from 'cdk8s';
import { Console, NetworkEgressOptions, NumaflowServer, ObjectStore, SecureAdmin, ServiceTranslation, StackNetworkPolicies, TlsMode, Trust } from '../../lib';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { DATABASE } from '../support/flyte-invariants';
import { synth, testChart } from '../support/harness';
import { Peer, PodModel, PolicyEvaluator } from '../support/network-policy-eval';
import { schemaErrors } from '../support/schema';

// The shapes of egress that depend on the cluster's network setup, judged on the emitted JSON by the
// NetworkPolicy evaluator (Kubernetes semantics), and the flows of Admin's neighbours:
// - NodeLocal DNSCache: with kube-proxy in iptables mode node-local-dns binds the kube-dns ClusterIP
//   too and answers it untranslated, so pods keep querying the ClusterIP (kubernetes.io "Using
//   NodeLocal DNSCache"; kubernetes/kubernetes cluster/addons/dns/nodelocaldns nodelocaldns.yaml
//   `bind __PILLAR__LOCAL__DNS__ __PILLAR__DNS__SERVER__`).
// - The API server: whether ipBlock sees the `kubernetes` Service's ClusterIP or its endpoints is
//   undefined (kubernetes.io Network Policies, "Behavior of ipBlock selectors"): both, unless told.
// - flytescheduler calls Admin's CreateExecution over gRPC (flyteadmin v1.16.8 scheduler/start.go,
//   scheduler/executor/executor_impl.go) through flyte-core's `admin.endpoint: flyteadmin:81`.

const OBJECT_STORE = ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' });
const KUBE_DNS_POD: Peer = { pod: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } };
const KUBE_DNS_CLUSTER_IP = '10.96.0.10';
const NODE_LOCAL = '169.254.20.10';
const ENDPOINT = '192.0.2.10';
const CLUSTER_IP = '10.96.0.1';

/** The pods of the emitted workloads, with their container ports. */
function podsOf(objects: readonly any[]): PodModel[] {
  return objects.flatMap((o) => {
    const found = podOf(o);
    if (!found || o.kind === 'PodTemplate') return [];
    const ports = containersOf(found.spec).filter((c) => c.kind === 'containers').flatMap((c) => c.container.ports ?? []);
    return [{ name: found.object, namespace: found.namespace ?? 'default', labels: found.metadata.labels ?? {}, ports }];
  });
}

/** A stack of Numaflow (calls the API) and the Flyte pair (the Console does not), with these egress options. */
function stack(egress: NetworkEgressOptions): { objects: any[]; evaluator: PolicyEvaluator; pod: (name: string) => PodModel } {
  const chart = testChart();
  new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
  const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
  new Console(chart, 'console', { admin });
  new StackNetworkPolicies(chart, 'policies', { egress: { destinations: [{ cidrs: ['10.20.0.5/32'], ports: [5432] }], ...egress } });
  const objects = synth(chart);
  expect(schemaErrors(objects.filter((o) => o.kind === 'NetworkPolicy'))).toEqual([]);
  const pods = podsOf(objects);
  return { objects, evaluator: new PolicyEvaluator(objects), pod: (name) => pods.find((p) => p.name.endsWith(`/${name}`))! };
}

const PORTABLE = { apiServerCidrs: [`${ENDPOINT}/32`], apiServerClusterIp: CLUSTER_IP };

describe('DNS with NodeLocal DNSCache', () => {
  const { objects, evaluator, pod } = stack({ ...PORTABLE, nodeLocalDnsCache: { kubeDnsClusterIp: KUBE_DNS_CLUSTER_IP } });

  test.each(['numaflow-server', 'flyteadmin', 'flyteconsole'])('%s reaches the kube-dns ClusterIP (iptables mode), the cache\'s address and the kube-dns pods on 53, UDP and TCP only', (name) => {
    for (const protocol of ['UDP', 'TCP'] as const) {
      expect(evaluator.egressPorts(pod(name), { ip: KUBE_DNS_CLUSTER_IP }, protocol)).toEqual([53]);
      expect(evaluator.egressPorts(pod(name), { ip: NODE_LOCAL }, protocol)).toEqual([53]);
      expect(evaluator.egressPorts(pod(name), KUBE_DNS_POD, protocol)).toEqual([53]);
      for (const near of ['10.96.0.11', '169.254.20.11', '169.254.169.254']) expect(evaluator.egressPorts(pod(name), { ip: near }, protocol)).toEqual([]);
    }
    expect(evaluator.egressPorts(pod(name), { ip: KUBE_DNS_CLUSTER_IP }, 'SCTP')).toEqual([]);
  });

  test('one DNS rule: the pods, then the cache\'s address and the ClusterIP as /32', () => {
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'flyteconsole');
    expect(policy.spec.egress).toEqual([{
      to: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
        { ipBlock: { cidr: '169.254.20.10/32' } },
        { ipBlock: { cidr: '10.96.0.10/32' } },
      ],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
  });

  test('without the option, neither address is admitted (only the kube-dns pods)', () => {
    const plain = stack(PORTABLE);
    for (const ip of [KUBE_DNS_CLUSTER_IP, NODE_LOCAL]) expect(plain.evaluator.egressPorts(plain.pod('flyteconsole'), { ip }, 'UDP')).toEqual([]);
    expect(plain.evaluator.egressPorts(plain.pod('flyteconsole'), KUBE_DNS_POD, 'UDP')).toEqual([53]);
  });

  test('a custom local address, IPv6 addresses (/128), and dnsCidrs beside them', () => {
    const v6 = stack({ ...PORTABLE, dnsCidrs: ['10.53.0.0/24'], nodeLocalDnsCache: { kubeDnsClusterIp: 'fd00:10:96::a', localAddress: 'fd00::53' } });
    const console = v6.pod('flyteconsole');
    for (const ip of ['fd00:10:96::a', 'fd00::53', '10.53.0.7']) expect(v6.evaluator.egressPorts(console, { ip }, 'UDP')).toEqual([53]);
    for (const ip of ['fd00:10:96::b', NODE_LOCAL, KUBE_DNS_CLUSTER_IP]) expect(v6.evaluator.egressPorts(console, { ip }, 'UDP')).toEqual([]);
    const rule = v6.objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'flyteconsole').spec.egress[0];
    expect(rule.to.slice(1)).toEqual([{ ipBlock: { cidr: '10.53.0.0/24' } }, { ipBlock: { cidr: 'fd00::53/128' } }, { ipBlock: { cidr: 'fd00:10:96::a/128' } }]);
  });

  test('the old advice (the cache\'s address alone in dnsCidrs) is refused, naming the option that admits both', () => {
    for (const dnsCidrs of [['169.254.20.10/32'], ['10.53.0.0/24', '169.254.0.0/16']]) {
      expect(() => stack({ ...PORTABLE, dnsCidrs })).toThrow(/egress\.dnsCidrs\[\d\] .* is not allowed: 169\.254\.20\.10 is NodeLocal DNSCache's address.*; use nodeLocalDnsCache: \{ kubeDnsClusterIp \}/);
    }
    // With a custom cache address, that address is the one refused in dnsCidrs.
    expect(() => stack({ ...PORTABLE, dnsCidrs: ['fd00::53/128'], nodeLocalDnsCache: { kubeDnsClusterIp: KUBE_DNS_CLUSTER_IP, localAddress: 'fd00::53' } })).toThrow(/egress\.dnsCidrs\[0\]/);
    expect(() => stack({ ...PORTABLE, nodeLocalDnsCache: { kubeDnsClusterIp: '10.96.0.10/32' } })).toThrow(/egress\.nodeLocalDnsCache\.kubeDnsClusterIp "10\.96\.0\.10\/32" is not allowed: not an IP address/);
    expect(() => stack({ ...PORTABLE, nodeLocalDnsCache: {} as any })).toThrow(/egress\.nodeLocalDnsCache\.kubeDnsClusterIp/);
  });
});

describe('API server egress: portable unless the CNI\'s order is given', () => {
  const ADMIN = 'flyteadmin';

  test('unknown (the default): the endpoints on 443 and 6443, and the ClusterIP on 443 only, for the pods that call the API', () => {
    const { evaluator, pod, objects } = stack(PORTABLE);
    for (const name of [ADMIN, 'numaflow-server']) {
      expect(evaluator.egressPorts(pod(name), { ip: ENDPOINT }, 'TCP')).toEqual([443, 6443]);
      expect(evaluator.egressPorts(pod(name), { ip: CLUSTER_IP }, 'TCP')).toEqual([443]);
      expect(evaluator.egressPorts(pod(name), { ip: '10.96.0.2' }, 'TCP')).toEqual([]);
    }
    // The Console's server never calls the API.
    for (const ip of [ENDPOINT, CLUSTER_IP]) expect(evaluator.egressPorts(pod('flyteconsole'), { ip }, 'TCP')).toEqual([]);
    // Two rules, each address on its own ports.
    const rules = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'numaflow-server').spec.egress.slice(1, 3);
    expect(rules).toEqual([
      { to: [{ ipBlock: { cidr: '192.0.2.10/32' } }], ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] },
      { to: [{ ipBlock: { cidr: '10.96.0.1/32' } }], ports: [{ protocol: 'TCP', port: 443 }] },
    ]);
  });

  test('BEFORE_POLICY: only the endpoints, on their ports', () => {
    const { evaluator, pod } = stack({ apiServerTranslation: ServiceTranslation.BEFORE_POLICY, apiServerCidrs: [`${ENDPOINT}/32`], apiServerPorts: [6443] });
    expect(evaluator.egressPorts(pod(ADMIN), { ip: ENDPOINT }, 'TCP')).toEqual([6443]);
    expect(evaluator.egressPorts(pod(ADMIN), { ip: CLUSTER_IP }, 'TCP')).toEqual([]);
  });

  test('AFTER_POLICY: only the ClusterIP, on 443 (IPv6: /128)', () => {
    const { evaluator, pod } = stack({ apiServerTranslation: ServiceTranslation.AFTER_POLICY, apiServerClusterIp: CLUSTER_IP });
    expect(evaluator.egressPorts(pod(ADMIN), { ip: CLUSTER_IP }, 'TCP')).toEqual([443]);
    expect(evaluator.egressPorts(pod(ADMIN), { ip: ENDPOINT }, 'TCP')).toEqual([]);
    const v6 = stack({ apiServerTranslation: ServiceTranslation.AFTER_POLICY, apiServerClusterIp: 'fd00:10:96::1' });
    expect(v6.evaluator.egressPorts(v6.pod(ADMIN), { ip: 'fd00:10:96::1' }, 'TCP')).toEqual([443]);
    expect(v6.evaluator.egressPorts(v6.pod(ADMIN), { ip: 'fd00:10:96::2' }, 'TCP')).toEqual([]);
  });

  test.each([
    ['unknown, without the ClusterIP', { apiServerCidrs: [`${ENDPOINT}/32`] }, 'egress.apiServerClusterIp', /so the portable policy admits both; use the kubernetes Service's ClusterIP .*, or apiServerTranslation ServiceTranslation\.BEFORE_POLICY/],
    ['unknown, without the endpoints', { apiServerClusterIp: CLUSTER_IP }, 'egress.apiServerCidrs', /or apiServerTranslation ServiceTranslation\.AFTER_POLICY/],
    ['BEFORE_POLICY with a ClusterIP it would never match', { apiServerTranslation: ServiceTranslation.BEFORE_POLICY, ...PORTABLE }, 'egress.apiServerClusterIp', /egress rules see only the endpoints, so this would admit nothing/],
    ['AFTER_POLICY with endpoints it would never match', { apiServerTranslation: ServiceTranslation.AFTER_POLICY, ...PORTABLE }, 'egress.apiServerCidrs', /egress rules see only the ClusterIP/],
    ['AFTER_POLICY with endpoint ports', { apiServerTranslation: ServiceTranslation.AFTER_POLICY, apiServerClusterIp: CLUSTER_IP, apiServerPorts: [6443] }, 'egress.apiServerPorts', /the Service port 443/],
    ['AFTER_POLICY without the ClusterIP', { apiServerTranslation: ServiceTranslation.AFTER_POLICY }, 'egress.apiServerClusterIp', /this CNI's egress rules see the kubernetes Service's ClusterIP/],
    ['a ClusterIP written as a CIDR', { ...PORTABLE, apiServerClusterIp: '10.96.0.1/32' }, 'egress.apiServerClusterIp', /not an IP address; use one address such as "10\.96\.0\.1"/],
    ['a ClusterIP with an IPv6 zone', { ...PORTABLE, apiServerClusterIp: 'fe80::1%eth0' }, 'egress.apiServerClusterIp', /not an IP address/],
    ['an unknown translation', { ...PORTABLE, apiServerTranslation: 'Sometimes' as ServiceTranslation }, 'egress.apiServerTranslation', /ServiceTranslation\.UNKNOWN, BEFORE_POLICY or AFTER_POLICY/],
  ])('refused: %s', (_name, egress, prop, why) => {
    const chart = testChart();
    let error: any;
    try {
      new StackNetworkPolicies(chart, 'policies', { egress: egress as NetworkEgressOptions });
    } catch (e) {
      error = e;
    }
    expect(error?.prop).toBe(prop);
    expect(error.message).toMatch(why);
    expect(chart.node.tryFindChild('policies')).toBeUndefined();
  });
});

describe('Admin\'s neighbours, as flyte-core deploys them', () => {
  /** Admin with policies, and the pod flyte-core's flytescheduler runs as. */
  const SCHEDULER: PodModel = { name: 'flytescheduler', namespace: 'flyte', labels: { 'app.kubernetes.io/name': 'flytescheduler', 'app.kubernetes.io/instance': 'flyte', 'helm.sh/chart': 'flyte-core-v1.16.8' } };

  /** The container port a client reaches through `flyteadmin:<servicePort>`, read from the emitted Service. */
  function throughService(objects: any[], admin: PodModel, servicePort: number): number {
    const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'flyteadmin');
    const port = svc.spec.ports.find((p: any) => p.port === servicePort);
    return admin.ports!.find((c) => c.name === port.targetPort)!.containerPort;
  }

  test.each([
    ['TLS off: flyte-core\'s admin.endpoint flyteadmin:81', TlsMode.disabled(), 81, 8089],
    ['TLS on: clientConfig() on 443', TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.caFromConfigMapName('flyte-ca') }), 443, 8088],
  ])('flytescheduler reaches Admin\'s gRPC port by default (%s), and nothing else', (_name, tls, servicePort, containerPort) => {
    const chart: Chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls, database: DATABASE, objectStore: OBJECT_STORE });
    new StackNetworkPolicies(chart, 'policies');
    const objects = synth(chart);
    const adminPod = podsOf(objects).find((p) => p.name === 'Deployment/flyte/flyteadmin')!;
    expect(Number(admin.clientConfig().endpoint.split(':').pop())).toBe(servicePort);
    expect(throughService(objects, adminPod, servicePort)).toBe(containerPort);
    const evaluator = new PolicyEvaluator(objects);
    expect(evaluator.ingressPorts(adminPod, { pod: SCHEDULER })).toEqual([containerPort]);
    // The metrics port is not the scheduler's, and datacatalog (no Admin client at v1.16.8) gets nothing.
    expect(evaluator.admitsIngress(adminPod, { pod: SCHEDULER }, 10254)).toBe(false);
    expect(evaluator.ingressPorts(adminPod, { pod: { name: 'datacatalog', namespace: 'flyte', labels: { 'app.kubernetes.io/name': 'datacatalog' } } })).toEqual([]);
  });
});
