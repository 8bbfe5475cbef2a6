import { isIP, isIPv4, isIPv6 } from 'net';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { checkProps } from '../props/prop-shapes';
import { requireLabel, requireLabels } from '../names';

/** Pods a NetworkPolicy admits: a namespace, and optionally pods of it by label. */
export interface NetworkPeer {
  /** The peers' namespace. */
  readonly namespace: string;
  /**
   * The peers' pod labels.
   * @default - every pod of the namespace
   */
  readonly podLabels?: { [key: string]: string };
}

/** One derived inbound flow to a workload: who, to which container ports, and why. */
export interface IngressFlow {
  /** The peers; none (and no `fromCidrs`) is anything (the API server cannot be selected by pod or namespace). */
  readonly from?: NetworkPeer;
  /** Source address blocks, instead of `from` (a gateway whose proxies are not pods of the cluster). */
  readonly fromCidrs?: readonly string[];
  /** Container ports (TCP), as the mode derived them. */
  readonly ports: readonly number[];
  /** What the flow is, for the policy's rule order and for messages. */
  readonly why: string;
}

/** What one of our workloads needs from the network, as its construct knows it. */
export interface WorkloadFlows {
  /** The NetworkPolicy's name (the workload's). */
  readonly name: string;
  readonly namespace: string;
  /** The selector labels of the workload's pods. */
  readonly podSelector: { readonly [key: string]: string };
  /** The labels of the policy (the workload's standard labels). */
  readonly labels: { readonly [key: string]: string };
  readonly ingress: readonly IngressFlow[];
  /** Whether the pods call the Kubernetes API. */
  readonly callsApi: boolean;
  /** The kubelet port the pods scrape on every node (metrics-server). */
  readonly scrapesKubelets?: number;
  /** Destinations outside the stack the construct knows only by name (Admin's database and object store). */
  readonly reachesOutside?: string;
  /** In-cluster pods the workload calls, known by labels (Numaflow's pipeline daemons). */
  readonly calls?: readonly EgressFlow[];
}

/** One derived outbound flow to pods known by labels. */
export interface EgressFlow {
  /** Their namespace; none is every namespace (a cluster-wide server). */
  readonly namespace?: string;
  readonly podLabels: { readonly [key: string]: string };
  /** Container ports (TCP). */
  readonly ports: readonly number[];
  readonly why: string;
}

/** A construct whose pods StackNetworkPolicies protects. */
export interface INetworkedWorkload extends IConstruct {
  /** @internal The workload's flows, read at synth (after every `exposeViaGateway`). */
  _networkFlows(): WorkloadFlows;
}

/** A construct that scrapes one of our workloads (the AIbrix PodAutoscaler). */
export interface IScraper extends IConstruct {
  /** @internal The scraped workload (when it is one of ours) and the container port. */
  readonly _scrapes: { readonly target?: object; readonly port: number };
}

/** Checks a peer (naming `prop`). */
export function requirePeer(path: string, prop: string, peer: unknown): NetworkPeer {
  const checked = checkProps(path, prop, peer, 'NetworkPeer', 'fields of NetworkPeer') as unknown as NetworkPeer;
  requireLabel(path, `${prop}.namespace`, checked.namespace);
  if (checked.podLabels !== undefined) {
    requireLabels(path, `${prop}.podLabels`, checked.podLabels);
    if (Object.keys(checked.podLabels).length === 0) {
      throw new ValidationError(path, `${prop}.podLabels`, checked.podLabels, 'an empty label set selects every pod of the namespace', 'labels of the peer pods, or no podLabels');
    }
  }
  return checked;
}

/** An IPv4 or IPv6 CIDR as NetworkPolicy `ipBlock.cidr` takes it (naming `prop`). */
export function requireCidr(path: string, prop: string, cidr: unknown): string {
  const [address, prefix, ...rest] = typeof cidr === 'string' ? cidr.split('/') : [];
  const bits = isIPv4(address ?? '') ? 32 : isIPv6(address ?? '') ? 128 : 0;
  if (typeof cidr !== 'string' || bits === 0 || rest.length > 0 || !/^\d{1,3}$/.test(prefix ?? '') || Number(prefix) > bits) {
    throw new ValidationError(path, prop, cidr, 'not a CIDR', 'an address block such as "10.0.0.1/32" or "fd00::/64"');
  }
  return cidr;
}

/** One IPv4 or IPv6 address, as a Service's ClusterIP is written (naming `prop`; `example` in the message). */
export function requireAddress(path: string, prop: string, address: unknown, example: string): string {
  // A zone (`fe80::1%eth0`) is Node's, not an ipBlock's.
  if (typeof address !== 'string' || isIP(address) === 0 || address.includes('%')) {
    throw new ValidationError(path, prop, address, 'not an IP address', `one address such as "${example}" (no prefix length)`);
  }
  return address;
}

/** The block of exactly one address: `/32` or `/128`. */
export function hostCidr(address: string): string {
  return `${address}/${isIPv4(address) ? 32 : 128}`;
}

/** Whether the (checked) `cidr` holds the (checked) `address`; the families must agree. */
export function cidrHolds(cidr: string, address: string): boolean {
  const [net, prefix] = cidr.split('/');
  if (isIPv4(net) !== isIPv4(address)) return false;
  const bits = (ip: string) => (isIPv4(ip) ? ip.split('.').map((o) => Number(o).toString(2).padStart(8, '0')) : ipv6Groups(ip).map((g) => g.toString(2).padStart(16, '0'))).join('');
  return bits(net).slice(0, Number(prefix)) === bits(address).slice(0, Number(prefix));
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail as two groups). */
function ipv6Groups(ip: string): number[] {
  let text = ip;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${ip.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = groups(tail);
  return tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}
