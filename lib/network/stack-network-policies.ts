import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { childPath } from '../construct-path';
import { ValidationError } from '../errors';
import { checkProps } from '../props/prop-shapes';
import { synthPass } from '../synth-pass';
import { NetworkEgressOptions, ResolvedEgress, resolveEgress } from './egress-options';
import { INetworkedWorkload, IScraper, NetworkPeer, requirePeer, WorkloadFlows } from './network-flows';
import { egressRules, ingressRules } from './policy-rules';

export { NetworkEgressOptions } from './egress-options';

/** Props of `StackNetworkPolicies`. */
export interface StackNetworkPoliciesProps {
  /**
   * Egress policies too: DNS, the API server, and the destinations given here.
   * @default - ingress only
   */
  readonly egress?: NetworkEgressOptions;
  /**
   * The AIbrix controller, which scrapes the pods a PodAutoscaler scales.
   * @default - AIbrix's install: namespace `aibrix-system`, pods labelled `control-plane: controller-manager`
   */
  readonly aibrixController?: NetworkPeer;
}

/** AIbrix's install (vllm-project/aibrix config/default: namespace aibrix-system; config/manager: control-plane=controller-manager). */
const AIBRIX_CONTROLLER: NetworkPeer = { namespace: 'aibrix-system', podLabels: { 'control-plane': 'controller-manager' } };

const REGISTRY = Symbol.for('cdk8s-tls-constructs.StackNetworkPolicies.registry');

/**
 * The library's workloads of one chart, the scrapers of those workloads (wherever the scrapers
 * are: another chart, another stack), and the chart's policies if it opted in.
 */
interface Registry {
  readonly workloads: INetworkedWorkload[];
  readonly scrapers: IScraper[];
  policies?: StackNetworkPolicies;
}

function registryOf(scope: IConstruct): Registry {
  const chart = Chart.of(scope) as Chart & { [REGISTRY]?: Registry };
  if (!chart[REGISTRY]) Object.defineProperty(chart, REGISTRY, { value: { workloads: [], scrapers: [] } });
  return chart[REGISTRY]!;
}

/**
 * Opt-in NetworkPolicies for one stack (chart): every pod of this library's servers in the chart
 * is denied ingress by default and admitted exactly the flows the constructs derived, on the ports
 * the TLS mode derived:
 * - the gateway's data plane (its namespace unless the listener says otherwise) → each server exposed
 *   with `exposeViaGateway`, on the ports its routes use;
 * - SecureAdmin's `allowFrom` peers (FlytePropeller) → Admin's gRPC and HTTP ports; its `scheduler`
 *   (flytescheduler) → Admin's gRPC port; its `allowMetricsFrom` peers (Prometheus) → its metrics port;
 * - anything → metrics-server's port: the API server, its only client, cannot be selected by pod labels;
 * - the AIbrix controller → the pods a PodAutoscaler scrapes, on the metrics port.
 *
 * The order of construction does not matter: servers made after this construct join it, and the
 * rules are computed at synth. Copilot task pods are Flyte's, made in project namespaces: not covered.
 */
export class StackNetworkPolicies extends Construct {
  /** @internal Called by every networked construct of the library when it is made. */
  public static _addWorkload(workload: INetworkedWorkload): void {
    const registry = registryOf(workload);
    registry.workloads.push(workload);
    registry.policies?.policyFor(workload);
  }

  /**
   * @internal Called by every scraper (PodAutoscaler) when it is made. It registers with its
   * target's chart, whose policies admit it: the scraper itself may be in any chart. A target that
   * is not one of our constructs has no policy of ours.
   */
  public static _addScraper(scraper: IScraper): void {
    const target = scraper._scrapes.target;
    if (Construct.isConstruct(target)) registryOf(target).scrapers.push(scraper);
  }

  /** The NetworkPolicy objects, one per workload. */
  public get policies(): ApiObject[] {
    return [...this.objects];
  }

  private readonly objects: ApiObject[] = [];
  private readonly egress?: ResolvedEgress;
  private readonly aibrix: NetworkPeer;
  private readonly registry: Registry;

  constructor(scope: Construct, id: string, props: StackNetworkPoliciesProps = {}) {
    // Resolve first: a refused set of policies never joins the tree.
    const path = childPath(scope, id);
    const checked = checkProps(path, '', props ?? {}, 'StackNetworkPoliciesProps', 'props of StackNetworkPolicies') as StackNetworkPoliciesProps;
    const egress = checked.egress && resolveEgress(path, checked.egress);
    const aibrix = checked.aibrixController ? requirePeer(path, 'aibrixController', checked.aibrixController) : AIBRIX_CONTROLLER;
    if (!scope.node.scopes.some((c) => c instanceof Chart)) {
      throw new ValidationError(path, 'scope', scope.node.path || '(the app)', 'NetworkPolicies are per stack, and this scope is in no chart', 'a Chart (the stack whose pods the policies protect)');
    }
    const registry = registryOf(scope);
    if (registry.policies) {
      throw new ValidationError(path, 'scope', registry.policies.node.path, 'a stack has one set of NetworkPolicies, and this one has', 'one StackNetworkPolicies per chart');
    }
    super(scope, id);
    this.egress = egress;
    this.aibrix = aibrix;
    this.registry = registry;
    registry.policies = this;
    registry.workloads.forEach((w) => this.policyFor(w));
    synthPass(this).register(this, { crossCheck: () => this.egressErrors() });
  }

  private policyFor(workload: INetworkedWorkload): void {
    // The name and namespace are the workload's, known at construction; the rules are read at synth.
    const first = workload._networkFlows();
    // The workload's path, escaped: unique as paths are (`a/b-c` and `a-b/c` stay apart).
    const policy = new ApiObject(this, encodeURIComponent(workload.node.path), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: first.name, namespace: first.namespace, labels: { ...first.labels } },
      spec: Lazy.any({ produce: () => this.spec(workload) }),
    });
    this.objects.push(policy);
  }

  private spec(workload: INetworkedWorkload): unknown {
    const flows = this.flowsOf(workload);
    const ingress = ingressRules(flows.ingress);
    const egress = this.egress && egressRules(flows, this.egress);
    return {
      podSelector: { matchLabels: { ...flows.podSelector } },
      policyTypes: this.egress ? ['Ingress', 'Egress'] : ['Ingress'],
      // An empty list is written out: with policyTypes Ingress it denies every inbound connection.
      ingress,
      ...(egress ? { egress } : {}),
    };
  }

  /** The workload's own flows, plus the scrapes of autoscalers that target it. */
  private flowsOf(workload: INetworkedWorkload): WorkloadFlows {
    const flows = workload._networkFlows();
    const scrapes = this.registry.scrapers.filter((s) => s._scrapes.target === workload);
    if (scrapes.length === 0) return flows;
    const ports = [...new Set(scrapes.map((s) => s._scrapes.port))].sort((a, b) => a - b);
    return { ...flows, ingress: [...flows.ingress, { from: this.aibrix, ports, why: 'the AIbrix controller scrapes the pods a PodAutoscaler scales' }] };
  }

  private egressErrors(): ValidationError[] {
    if (!this.egress) return [];
    const errors: ValidationError[] = [];
    for (const w of this.registry.workloads) {
      const flows = w._networkFlows();
      if (flows.reachesOutside && this.egress.destinations.length === 0) {
        errors.push(new ValidationError(this.node.path, 'egress.destinations', undefined,
          `${w.node.path} reaches ${flows.reachesOutside}, which egress policies would block: the construct knows them only by name`,
          'the CIDRs or in-cluster peers (with ports) of those destinations'));
      }
      if (flows.scrapesKubelets !== undefined && this.egress.nodeCidrs.length === 0) {
        errors.push(new ValidationError(this.node.path, 'egress.nodeCidrs', undefined,
          `${w.node.path} (metrics-server) scrapes every kubelet on port ${flows.scrapesKubelets}, which egress policies would block`,
          'the CIDRs of the nodes\' addresses'));
      }
    }
    return errors;
  }
}
