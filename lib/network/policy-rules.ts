import { EgressFlow, IngressFlow, NetworkPeer, WorkloadFlows } from './network-flows';

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
  /** The API server's addresses (`kubectl get endpoints kubernetes -n default`): pods cannot select it. */
  readonly apiServerCidrs: string[];
  /**
   * The API server's ports; NetworkPolicies see the endpoint's port after the Service's translation.
   * @default [443, 6443]
   */
  readonly apiServerPorts?: number[];
  /**
   * The cluster DNS.
   * @default - pods labelled `k8s-app: kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: NetworkPeer;
  /**
   * DNS servers by address, admitted beside `dns` on UDP and TCP 53: a node-local DNS cache
   * (NodeLocal DNSCache listens on 169.254.20.10 on every node), or a resolver outside the cluster.
   * @default - none
   */
  readonly dnsCidrs?: string[];
  /**
   * The nodes' addresses, which metrics-server scrapes on the kubelet port.
   * @default - none (refused with a MetricsServer in the stack)
   */
  readonly nodeCidrs?: string[];
  /**
   * Destinations the constructs know only by name: Admin's database and object store.
   * @default - none (refused with a SecureAdmin in the stack)
   */
  readonly destinations?: EgressDestination[];
}

/** Checked egress options. */
export interface ResolvedEgress {
  readonly apiServerCidrs: readonly string[];
  readonly apiServerPorts: readonly number[];
  readonly dns: NetworkPeer;
  readonly dnsCidrs: readonly string[];
  readonly nodeCidrs: readonly string[];
  readonly destinations: readonly { readonly cidrs: readonly string[]; readonly peer?: NetworkPeer; readonly ports: readonly number[] }[];
}

/** A NetworkPolicy peer that selects `peer`'s pods (both selectors in one entry: AND). */
export function peerJson(peer: NetworkPeer): unknown {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } },
    ...(peer.podLabels ? { podSelector: { matchLabels: { ...peer.podLabels } } } : {}),
  };
}

function tcp(ports: readonly number[]): unknown[] {
  return ports.map((port) => ({ protocol: 'TCP', port }));
}

function ipBlocks(cidrs: readonly string[]): unknown[] {
  return cidrs.map((cidr) => ({ ipBlock: { cidr } }));
}

/** One rule per flow: who, on which container ports. A flow from anything has no `from`. */
export function ingressRules(flows: readonly IngressFlow[]): unknown[] {
  return flows.map((f) => {
    const from = f.from ? [peerJson(f.from)] : f.fromCidrs ? ipBlocks(f.fromCidrs) : undefined;
    return { ...(from ? { from } : {}), ports: tcp(f.ports) };
  });
}

/** DNS for every pod; the API server, the kubelets and the named destinations for the pods that reach them. */
export function egressRules(flows: WorkloadFlows, egress: ResolvedEgress): unknown[] {
  return [
    { to: [peerJson(egress.dns), ...ipBlocks(egress.dnsCidrs)], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
    ...(flows.callsApi ? [{ to: ipBlocks(egress.apiServerCidrs), ports: tcp(egress.apiServerPorts) }] : []),
    ...(flows.scrapesKubelets !== undefined && egress.nodeCidrs.length > 0 ? [{ to: ipBlocks(egress.nodeCidrs), ports: tcp([flows.scrapesKubelets]) }] : []),
    ...(flows.calls ?? []).map((c: EgressFlow) => ({
      to: [{ namespaceSelector: c.namespace ? { matchLabels: { 'kubernetes.io/metadata.name': c.namespace } } : {}, podSelector: { matchLabels: { ...c.podLabels } } }],
      ports: tcp(c.ports),
    })),
    ...(flows.reachesOutside ? egress.destinations.map((d) => ({ to: d.peer ? [peerJson(d.peer)] : ipBlocks(d.cidrs), ports: tcp(d.ports) })) : []),
  ];
}
