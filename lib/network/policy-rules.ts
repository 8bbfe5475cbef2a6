import { ResolvedEgress } from './egress-options';
import { EgressFlow, IngressFlow, NetworkPeer, WorkloadFlows } from './network-flows';

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
    // The API server by address: its endpoints on their ports, its ClusterIP on 443, or both (egress-options.ts).
    ...(flows.callsApi ? egress.apiServer.map((r) => ({ to: ipBlocks(r.cidrs), ports: tcp(r.ports) })) : []),
    ...(flows.scrapesKubelets !== undefined && egress.nodeCidrs.length > 0 ? [{ to: ipBlocks(egress.nodeCidrs), ports: tcp([flows.scrapesKubelets]) }] : []),
    ...(flows.calls ?? []).map((c: EgressFlow) => ({
      to: [{ namespaceSelector: c.namespace ? { matchLabels: { 'kubernetes.io/metadata.name': c.namespace } } : {}, podSelector: { matchLabels: { ...c.podLabels } } }],
      ports: tcp(c.ports),
    })),
    ...(flows.reachesOutside ? egress.destinations.map((d) => ({ to: d.peer ? [peerJson(d.peer)] : ipBlocks(d.cidrs), ports: tcp(d.ports) })) : []),
  ];
}
