// A small NetworkPolicy evaluator with the semantics of the Kubernetes API (networking.k8s.io/v1),
// written from the API reference and independent of the library's rule-building code, so that a
// test can ask "would this connection get through?" of the emitted JSON.
//
// Semantics (https://kubernetes.io/docs/concepts/services-networking/network-policies/):
// - A policy selects the pods of its own namespace that its `podSelector` matches ({} = all).
// - A pod is isolated for a direction when at least one policy selecting it lists that direction in
//   `policyTypes` (absent: Ingress, plus Egress when the policy has an `egress` section). An
//   isolated pod admits a connection iff some rule of some such policy matches it; the rules of
//   all policies add up. A pod no policy isolates admits everything in that direction.
// - A rule matches when its peers match (`from`/`to` absent or empty: any peer) and its ports match
//   (`ports` absent or empty: every port and protocol).
// - A peer: `ipBlock` (an address in `cidr` and in no `except`), or selectors: `namespaceSelector`
//   against the peer namespace's labels (absent: the policy's own namespace), `podSelector` against
//   the peer pod's labels (absent: every pod); both in one peer must both match.
// - A port: `protocol` (default TCP) and `port` (absent: every port; a number, with `endPort` a
//   range; a name: the container port of that name on the destination pod).
// Whether an ipBlock matches pod IPs is left to the implementation: here pods have no address and
// only addresses outside the pod network (`{ ip }`) are matched by ipBlocks.
//
// The evaluator throws on any field it does not know, so a misspelt or unexpected policy cannot
// pass by being ignored.

/** Label maps as Kubernetes has them. */
export type Labels = { readonly [key: string]: string };

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** A pod, as far as NetworkPolicies see it. */
export interface PodModel {
  /** For messages. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  /** Its container ports, for named ports in policies. */
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number; readonly protocol?: string }[];
}

/** The other end of a connection: a pod, or an address outside the pod network. */
export type Peer = { readonly pod: PodModel } | { readonly ip: string };

export type Direction = 'Ingress' | 'Egress';

const POLICY_SPEC_FIELDS = ['podSelector', 'policyTypes', 'ingress', 'egress'];
const RULE_FIELDS: Record<Direction, string[]> = { Ingress: ['from', 'ports'], Egress: ['to', 'ports'] };
const PEER_FIELDS = ['ipBlock', 'namespaceSelector', 'podSelector'];
const PORT_FIELDS = ['protocol', 'port', 'endPort'];
const SELECTOR_FIELDS = ['matchLabels', 'matchExpressions'];

function requireKnown(what: string, obj: any, fields: readonly string[]): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`${what}: not an object: ${JSON.stringify(obj)}`);
  const unknown = Object.keys(obj).filter((k) => !fields.includes(k));
  if (unknown.length > 0) throw new Error(`${what}: unknown field(s) ${unknown.join(', ')}`);
}

/** A LabelSelector against a label set ({} selects everything). */
export function selectorMatches(selector: any, labels: Labels): boolean {
  requireKnown('label selector', selector, SELECTOR_FIELDS);
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !e.values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && e.values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: throw new Error(`label selector: unknown operator ${e.operator}`);
    }
  }
  return true;
}

/** An address as a number and its family; throws on anything that is not one. */
function parseIp(ip: string): { v6: boolean; value: bigint } {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split('.').map(Number);
    if (parts.some((p) => p > 255)) throw new Error(`not an IPv4 address: ${ip}`);
    return { v6: false, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (/^[0-9a-fA-F:]+$/.test(ip) && (ip.match(/::/g) ?? []).length <= 1) {
    const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
    const groups = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':'));
    const h = groups(head);
    const t = groups(tail);
    const missing = 8 - h.length - t.length;
    if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1) || [...h, ...t].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) {
      throw new Error(`not an IPv6 address: ${ip}`);
    }
    const all = [...h, ...Array(tail === undefined ? 0 : missing).fill('0'), ...t];
    return { v6: true, value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
  }
  throw new Error(`not an IP address: ${ip}`);
}

/** Whether `ip` is inside `cidr` (families must agree; throws on a malformed CIDR). */
export function cidrContains(cidr: string, ip: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) throw new Error(`not a CIDR: ${cidr}`);
  const net = parseIp(m[1]);
  const addr = parseIp(ip);
  const bits = net.v6 ? 128 : 32;
  const prefix = Number(m[2]);
  if (prefix > bits) throw new Error(`not a CIDR: ${cidr}`);
  if (net.v6 !== addr.v6) return false;
  const shift = BigInt(bits - prefix);
  return (net.value >> shift) === (addr.value >> shift);
}

/** The labels of a namespace: every namespace carries its name (Kubernetes ≥ 1.21). */
export type NamespaceLabels = (namespace: string) => Labels;
export const defaultNamespaceLabels: NamespaceLabels = (namespace) => ({ 'kubernetes.io/metadata.name': namespace });

/** The NetworkPolicies of a cluster, and the questions a test asks of them. */
export class PolicyEvaluator {
  private readonly policies: readonly any[];

  /**
   * @param objects manifest objects; the NetworkPolicies among them are used (each checked for unknown fields)
   * @param namespaceLabels the labels of each namespace
   */
  constructor(objects: readonly any[], private readonly namespaceLabels: NamespaceLabels = defaultNamespaceLabels) {
    this.policies = objects.filter((o) => o.apiVersion === 'networking.k8s.io/v1' && o.kind === 'NetworkPolicy');
    for (const p of this.policies) {
      if (typeof p.metadata?.namespace !== 'string') throw new Error(`NetworkPolicy ${p.metadata?.name}: no namespace`);
      requireKnown(`NetworkPolicy ${p.metadata.name} spec`, p.spec, POLICY_SPEC_FIELDS);
      requireKnown(`NetworkPolicy ${p.metadata.name} podSelector`, p.spec.podSelector, SELECTOR_FIELDS);
      for (const d of ['Ingress', 'Egress'] as const) {
        for (const rule of p.spec[d.toLowerCase()] ?? []) {
          requireKnown(`NetworkPolicy ${p.metadata.name} ${d} rule`, rule, RULE_FIELDS[d]);
          for (const peer of rule[d === 'Ingress' ? 'from' : 'to'] ?? []) requireKnown(`NetworkPolicy ${p.metadata.name} peer`, peer, PEER_FIELDS);
          for (const port of rule.ports ?? []) requireKnown(`NetworkPolicy ${p.metadata.name} port`, port, PORT_FIELDS);
        }
      }
    }
  }

  /** The policies that select `pod` (any direction). */
  public selecting(pod: PodModel): any[] {
    return this.policies.filter((p) => p.metadata.namespace === pod.namespace && selectorMatches(p.spec.podSelector, pod.labels));
  }

  /** The policies that isolate `pod` for `direction`. */
  public isolating(pod: PodModel, direction: Direction): any[] {
    return this.selecting(pod).filter((p) => policyTypes(p).includes(direction));
  }

  /** Whether `pod` admits a connection from `from` on `port`/`protocol` (ingress side only). */
  public admitsIngress(pod: PodModel, from: Peer, port: number, protocol: Protocol = 'TCP'): boolean {
    return admitsPort(this.matchingRules(pod, 'Ingress', from), pod, port, protocol);
  }

  /** Whether `pod` may open a connection to `to` on `port`/`protocol` (egress side only). */
  public admitsEgress(pod: PodModel, to: Peer, port: number, protocol: Protocol = 'TCP'): boolean {
    return admitsPort(this.matchingRules(pod, 'Egress', to), 'pod' in to ? to.pod : undefined, port, protocol);
  }

  /** Whether a connection gets through: the source's egress and the destination's ingress. */
  public allows(from: Peer, to: Peer, port: number, protocol: Protocol = 'TCP'): boolean {
    const out = 'pod' in from ? this.admitsEgress(from.pod, to, port, protocol) : true;
    const inn = 'pod' in to ? this.admitsIngress(to.pod, from, port, protocol) : true;
    return out && inn;
  }

  /** Every port (1..65535) of `protocol` on which `pod` admits `from` (the same answers as `admitsIngress`, port by port). */
  public ingressPorts(pod: PodModel, from: Peer, protocol: Protocol = 'TCP'): number[] {
    return portsAdmitted(this.matchingRules(pod, 'Ingress', from), pod, protocol);
  }

  /** Every port (1..65535) of `protocol` on which `pod` may reach `to` (the same answers as `admitsEgress`, port by port). */
  public egressPorts(pod: PodModel, to: Peer, protocol: Protocol = 'TCP'): number[] {
    return portsAdmitted(this.matchingRules(pod, 'Egress', to), 'pod' in to ? to.pod : undefined, protocol);
  }

  /**
   * The rules of the policies isolating `selected` for `direction` whose peers match `peer`
   * (`undefined`: the pod is not isolated, so everything is admitted). Ports are matched after.
   */
  private matchingRules(selected: PodModel, direction: Direction, peer: Peer): any[] | undefined {
    const policies = this.isolating(selected, direction);
    if (policies.length === 0) return undefined;
    return policies.flatMap((p) => (p.spec[direction.toLowerCase()] ?? []).filter((rule: any) => {
      const peers: any[] | undefined = rule[direction === 'Ingress' ? 'from' : 'to'];
      return peers === undefined || peers.length === 0 || peers.some((x) => this.peerMatches(x, p.metadata.namespace, peer));
    }));
  }

  private peerMatches(peerRule: any, policyNamespace: string, peer: Peer): boolean {
    if (peerRule.ipBlock !== undefined) {
      if (peerRule.namespaceSelector !== undefined || peerRule.podSelector !== undefined) throw new Error('an ipBlock peer has no selectors');
      requireKnown('ipBlock', peerRule.ipBlock, ['cidr', 'except']);
      if (!('ip' in peer)) return false;
      return cidrContains(peerRule.ipBlock.cidr, peer.ip) && !(peerRule.ipBlock.except ?? []).some((c: string) => cidrContains(c, peer.ip));
    }
    if (peerRule.namespaceSelector === undefined && peerRule.podSelector === undefined) throw new Error('a peer needs ipBlock, namespaceSelector or podSelector');
    if (!('pod' in peer)) return false;
    const nsOk = peerRule.namespaceSelector !== undefined
      ? selectorMatches(peerRule.namespaceSelector, this.namespaceLabels(peer.pod.namespace))
      : peer.pod.namespace === policyNamespace;
    const podOk = peerRule.podSelector !== undefined ? selectorMatches(peerRule.podSelector, peer.pod.labels) : true;
    return nsOk && podOk;
  }
}

let ALL_PORTS: number[] | undefined;
function allPorts(): number[] {
  ALL_PORTS ??= Array.from({ length: 65535 }, (_, i) => i + 1);
  return ALL_PORTS;
}

/**
 * Every port of `protocol` one of `rules` admits, decided port by port by `admitsPort`. No matching
 * rule admits no port, and an unisolated pod every port: both answers are the port-by-port ones,
 * given without the walk (most pairs of a matrix match no rule). Otherwise only the ports a rule
 * could name are asked about (see `candidatePorts`).
 */
function portsAdmitted(rules: any[] | undefined, destination: PodModel | undefined, protocol: Protocol): number[] {
  if (rules !== undefined && rules.length === 0) return [];
  if (rules === undefined) return [...allPorts()];
  return candidatePorts(rules, destination).filter((port) => admitsPort(rules, destination, port, protocol));
}

/**
 * A superset of the ports `rules` can admit, ascending: every port where a rule or one of its
 * entries names no port; else each entry's port or range, and the destination's container ports
 * for a named one. `admitsPort` still decides each.
 */
function candidatePorts(rules: any[], destination: PodModel | undefined): number[] {
  const ports = new Set<number>();
  for (const rule of rules) {
    if (rule.ports === undefined || rule.ports.length === 0) return allPorts();
    for (const entry of rule.ports) {
      if (entry.port === undefined) return allPorts();
      if (typeof entry.port === 'number') {
        for (let port = Math.max(1, Math.ceil(entry.port)); port <= Math.min(65535, entry.endPort ?? entry.port); port++) ports.add(port);
      } else {
        for (const p of destination?.ports ?? []) ports.add(p.containerPort);
      }
    }
  }
  return [...ports].filter((port) => Number.isInteger(port) && port >= 1 && port <= 65535).sort((a, b) => a - b);
}

/** Whether one of `rules` (undefined: not isolated) admits `port`/`protocol` to `destination`. */
function admitsPort(rules: any[] | undefined, destination: PodModel | undefined, port: number, protocol: Protocol): boolean {
  if (rules === undefined) return true;
  return rules.some((rule) => rule.ports === undefined || rule.ports.length === 0 || rule.ports.some((x: any) => portMatches(x, destination, port, protocol)));
}

function policyTypes(policy: any): Direction[] {
  if (policy.spec.policyTypes !== undefined) return policy.spec.policyTypes;
  return ['Ingress', ...(policy.spec.egress !== undefined ? ['Egress' as const] : [])];
}

function portMatches(rule: any, destination: PodModel | undefined, port: number, protocol: Protocol): boolean {
  if ((rule.protocol ?? 'TCP') !== protocol) return false;
  if (rule.port === undefined) return true;
  if (typeof rule.port === 'number') return rule.endPort !== undefined ? port >= rule.port && port <= rule.endPort : port === rule.port;
  // A named port: the destination pod's container port of that name and protocol.
  return (destination?.ports ?? []).some((p) => p.name === rule.port && (p.protocol ?? 'TCP') === protocol && p.containerPort === port);
}
