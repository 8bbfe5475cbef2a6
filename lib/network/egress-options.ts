import { ValidationError } from '../errors';
import { refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { requirePort } from '../names';
import { cidrHolds, hostCidr, NetworkPeer, requireAddress, requireCidr, requirePeer } from './network-flows';

/**
 * When a CNI's egress rules see a connection to a Service, relative to the Service's translation
 * (kube-proxy's DNAT, or the CNI's own load balancing) to an endpoint. The Kubernetes docs leave it
 * undefined ("Behavior of ipBlock selectors"), and CNIs differ; it matters for the API server, whose
 * endpoints are not pods and are admitted by address.
 */
export enum ServiceTranslation {
  /** Not known: the policy admits both the `kubernetes` Service's ClusterIP on 443 and the endpoints on their ports (portable). */
  UNKNOWN = 'Unknown',
  /** The Service is translated before the policy: egress rules see the endpoint's address and port. */
  BEFORE_POLICY = 'BeforePolicy',
  /** The Service is translated after the policy: egress rules see the ClusterIP and the Service port (443). */
  AFTER_POLICY = 'AfterPolicy',
}

/**
 * NodeLocal DNSCache: a DNS cache on every node (kubernetes.io, "Using NodeLocal DNSCache in
 * Kubernetes Clusters"; kubernetes/kubernetes cluster/addons/dns/nodelocaldns).
 */
export interface NodeLocalDnsCache {
  /**
   * The kube-dns Service's ClusterIP (`kubectl get svc kube-dns -n kube-system -o jsonpath='{.spec.clusterIP}'`).
   * With kube-proxy in iptables mode the cache binds this address too, pods keep querying it, and
   * their packets reach the cache untranslated: a policy must admit it (as /32, or /128).
   */
  readonly kubeDnsClusterIp: string;
  /**
   * The cache's own address (node-cache's `-localip`; in kube-proxy's IPVS mode, the kubelet's `--cluster-dns`).
   * @default '169.254.20.10'
   */
  readonly localAddress?: string;
}

/** A destination outside what the constructs derive: addresses, or in-cluster pods. */
export interface EgressDestination {
  /**
   * Address blocks (a managed database, an object store endpoint).
   * @default - none: give `peer`
   */
  readonly cidrs?: string[];
  /**
   * In-cluster pods (a PostgreSQL or MinIO of the cluster).
   * @default - none: give `cidrs`
   */
  readonly peer?: NetworkPeer;
  /** The TCP ports. */
  readonly ports: number[];
}

/** Egress of `StackNetworkPolicies`. */
export interface NetworkEgressOptions {
  /**
   * When the CNI's egress rules see a connection to the API server: before or after the `kubernetes`
   * Service's translation. Unknown, both addresses are admitted.
   * @default ServiceTranslation.UNKNOWN
   */
  readonly apiServerTranslation?: ServiceTranslation;
  /**
   * The API server's endpoint addresses (`kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`):
   * pods cannot select it. Seen by CNIs that translate the Service before the policy.
   * @default - none: required unless `apiServerTranslation` is `AFTER_POLICY`
   */
  readonly apiServerCidrs?: string[];
  /**
   * The ports of the API server's endpoints (kubeadm: 6443; many managed clusters: 443).
   * @default [443, 6443]
   */
  readonly apiServerPorts?: number[];
  /**
   * The `kubernetes` Service's ClusterIP (`kubectl get svc kubernetes -n default -o jsonpath='{.spec.clusterIP}'`),
   * admitted on 443. Seen by CNIs that translate the Service after the policy.
   * @default - none: required unless `apiServerTranslation` is `BEFORE_POLICY`
   */
  readonly apiServerClusterIp?: string;
  /**
   * The cluster DNS.
   * @default - pods labelled `k8s-app: kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: NetworkPeer;
  /**
   * NodeLocal DNSCache, if the cluster runs it: its address and the kube-dns ClusterIP are admitted
   * beside `dns` on UDP and TCP 53.
   * @default - none
   */
  readonly nodeLocalDnsCache?: NodeLocalDnsCache;
  /**
   * Other DNS servers by address (the kubelet's `--cluster-dns` pointing outside the cluster),
   * admitted beside `dns` on UDP and TCP 53. Not for NodeLocal DNSCache: `nodeLocalDnsCache`.
   * @default - none
   */
  readonly dnsCidrs?: string[];
  /**
   * The nodes' addresses, which metrics-server scrapes on the kubelet port. On Cilium, CIDR
   * selectors match no node unless the agent runs with `policy-cidr-match-mode: nodes` (Helm
   * `policyCIDRMatchMode: nodes`); otherwise these rules admit nothing and metrics-server's scrapes
   * are dropped (docs/network-policies.md).
   * @default - none (refused with a MetricsServer in the stack)
   */
  readonly nodeCidrs?: string[];
  /**
   * Destinations the constructs know only by name: Admin's database and object store.
   * @default - none (refused with a SecureAdmin in the stack)
   */
  readonly destinations?: EgressDestination[];
}

/** One egress rule to addresses: the blocks and the TCP ports. */
export interface AddressRule {
  readonly cidrs: readonly string[];
  readonly ports: readonly number[];
}

/** Checked egress options. */
export interface ResolvedEgress {
  /** The rules to the API server: the endpoints on their ports, the ClusterIP on 443, or both. */
  readonly apiServer: readonly AddressRule[];
  readonly dns: NetworkPeer;
  /** Every DNS address admitted beside `dns`: `dnsCidrs`, then NodeLocal DNSCache's two. */
  readonly dnsCidrs: readonly string[];
  readonly nodeCidrs: readonly string[];
  readonly destinations: readonly { readonly cidrs: readonly string[]; readonly peer?: NetworkPeer; readonly ports: readonly number[] }[];
}

/** NetworkEgressOptions and EgressDestination: the ports are TCP ports. */
refineFields('NetworkEgressOptions', { apiServerPorts: T.array(T.port) });
refineFields('EgressDestination', { ports: T.array(T.port) });

/** NodeLocal DNSCache's default address (kubernetes.io "Using NodeLocal DNSCache"; nodelocaldns README). */
const NODE_LOCAL_DNS_DEFAULT = '169.254.20.10';
/** The `kubernetes` Service's port (kube-apiserver registers it as 443 whatever its --secure-port). */
const KUBERNETES_SERVICE_PORT = 443;
const API_ENDPOINTS = 'the CIDRs of the API server endpoints (`kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`)';
const API_CLUSTER_IP = 'the kubernetes Service\'s ClusterIP (`kubectl get svc kubernetes -n default -o jsonpath=\'{.spec.clusterIP}\'`)';

/** Checks the egress options (props of `path`, under `egress.`) and resolves their rules. */
export function resolveEgress(path: string, options: NetworkEgressOptions): ResolvedEgress {
  const cidrs = (prop: string, list: readonly string[] | undefined) => (list ?? []).map((c, i) => requireCidr(path, `${prop}[${i}]`, c));
  return {
    apiServer: apiServerRules(path, options, cidrs),
    dns: options.dns ? requirePeer(path, 'egress.dns', options.dns) : { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
    dnsCidrs: dnsAddresses(path, options, cidrs('egress.dnsCidrs', options.dnsCidrs)),
    nodeCidrs: cidrs('egress.nodeCidrs', options.nodeCidrs),
    destinations: (options.destinations ?? []).map((d, i) => {
      const prop = `egress.destinations[${i}]`;
      const hasCidrs = (d.cidrs ?? []).length > 0;
      if (hasCidrs === (d.peer !== undefined)) {
        throw new ValidationError(path, prop, d, 'a destination is either addresses or in-cluster pods', 'cidrs, or a peer');
      }
      if (d.ports.length === 0) throw new ValidationError(path, `${prop}.ports`, d.ports, 'a destination with no port admits nothing', 'the TCP ports it is reached on');
      return { cidrs: cidrs(`${prop}.cidrs`, d.cidrs), peer: d.peer && requirePeer(path, `${prop}.peer`, d.peer), ports: d.ports.map((p, j) => requirePort(path, `${prop}.ports[${j}]`, p)) };
    }),
  };
}

/**
 * The API server's rules. Whether an egress rule sees the `kubernetes` Service's ClusterIP or its
 * endpoints is undefined (Kubernetes NetworkPolicy docs, ipBlock): unless the user says which, both
 * are admitted, each on its own port. An input the stated order makes unused is refused, not dropped.
 */
function apiServerRules(path: string, options: NetworkEgressOptions, cidrs: (prop: string, list?: readonly string[]) => string[]): AddressRule[] {
  const translation = options.apiServerTranslation ?? ServiceTranslation.UNKNOWN;
  if (!Object.values(ServiceTranslation).includes(translation)) {
    throw new ValidationError(path, 'egress.apiServerTranslation', translation, 'not a ServiceTranslation', 'ServiceTranslation.UNKNOWN, BEFORE_POLICY or AFTER_POLICY');
  }
  const endpoints = translation !== ServiceTranslation.AFTER_POLICY;
  const clusterIp = translation !== ServiceTranslation.BEFORE_POLICY;
  const unused = (prop: string, value: unknown, seen: string) => new ValidationError(path, prop, value,
    `with apiServerTranslation ${translation} egress rules see only the ${seen}, so this would admit nothing`, `no ${prop.replace('egress.', '')}, or apiServerTranslation ServiceTranslation.UNKNOWN`);
  const rules: AddressRule[] = [];
  if (endpoints) {
    const blocks = cidrs('egress.apiServerCidrs', options.apiServerCidrs);
    if (blocks.length === 0) {
      throw new ValidationError(path, 'egress.apiServerCidrs', options.apiServerCidrs,
        `pods cannot select the API server, and ${translation === ServiceTranslation.UNKNOWN ? 'a CNI may see' : 'this CNI sees'} its endpoints' addresses`,
        `${API_ENDPOINTS}${translation === ServiceTranslation.UNKNOWN ? ', or apiServerTranslation ServiceTranslation.AFTER_POLICY where the CNI sees only the ClusterIP' : ''}`);
    }
    rules.push({ cidrs: blocks, ports: (options.apiServerPorts ?? [443, 6443]).map((p, i) => requirePort(path, `egress.apiServerPorts[${i}]`, p)) });
  } else {
    if (options.apiServerCidrs !== undefined) throw unused('egress.apiServerCidrs', options.apiServerCidrs, 'ClusterIP');
    if (options.apiServerPorts !== undefined) throw unused('egress.apiServerPorts', options.apiServerPorts, 'ClusterIP and the Service port 443');
  }
  if (clusterIp) {
    if (options.apiServerClusterIp === undefined) {
      throw new ValidationError(path, 'egress.apiServerClusterIp', undefined,
        translation === ServiceTranslation.UNKNOWN
          ? 'CNIs differ in whether egress rules see the kubernetes Service\'s ClusterIP or its endpoints (Kubernetes leaves it undefined), so the portable policy admits both'
          : 'this CNI\'s egress rules see the kubernetes Service\'s ClusterIP',
        `${API_CLUSTER_IP}${translation === ServiceTranslation.UNKNOWN ? ', or apiServerTranslation ServiceTranslation.BEFORE_POLICY where the CNI sees only the endpoints' : ''}`);
    }
    rules.push({ cidrs: [hostCidr(requireAddress(path, 'egress.apiServerClusterIp', options.apiServerClusterIp, '10.96.0.1'))], ports: [KUBERNETES_SERVICE_PORT] });
  } else if (options.apiServerClusterIp !== undefined) {
    throw unused('egress.apiServerClusterIp', options.apiServerClusterIp, 'endpoints');
  }
  return rules;
}

/**
 * The DNS addresses beside the DNS pods: `dnsCidrs`, then NodeLocal DNSCache's own address and the
 * kube-dns ClusterIP, which pods keep querying with kube-proxy in iptables mode. A dnsCidr that holds
 * the cache's address is refused: with it alone, those pods would be left without DNS.
 */
function dnsAddresses(path: string, options: NetworkEgressOptions, dnsCidrs: string[]): string[] {
  const cache = options.nodeLocalDnsCache;
  const local = cache?.localAddress === undefined ? NODE_LOCAL_DNS_DEFAULT : requireAddress(path, 'egress.nodeLocalDnsCache.localAddress', cache.localAddress, NODE_LOCAL_DNS_DEFAULT);
  dnsCidrs.forEach((cidr, i) => {
    if (cidrHolds(cidr, local)) {
      throw new ValidationError(path, `egress.dnsCidrs[${i}]`, cidr,
        `${local} is NodeLocal DNSCache's address; with kube-proxy in iptables mode pods keep querying the kube-dns ClusterIP, which the cache answers untranslated, so this alone leaves them without DNS`,
        'nodeLocalDnsCache: { kubeDnsClusterIp } (the kube-dns Service\'s ClusterIP), which admits both');
    }
  });
  if (cache === undefined) return dnsCidrs;
  const clusterIp = requireAddress(path, 'egress.nodeLocalDnsCache.kubeDnsClusterIp', cache.kubeDnsClusterIp, '10.96.0.10');
  return [...new Set([...dnsCidrs, hostCidr(local), hostCidr(clusterIp)])];
}
