import { isIPv4, isIPv6 } from 'net';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { checkFields, T } from '../input/prop-types';
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

export const PEER_FIELDS = { namespace: T.string, podLabels: T.map(T.string) };

/** Checks a peer (naming `prop`). */
export function requirePeer(path: string, prop: string, peer: unknown): NetworkPeer {
  const checked = checkFields(path, prop, peer, PEER_FIELDS, ['namespace'], 'fields of NetworkPeer') as unknown as NetworkPeer;
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
