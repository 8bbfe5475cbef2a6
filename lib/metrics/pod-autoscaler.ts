import { Construct } from 'constructs';
import { URL_PATH_HELP, urlPathProblem } from '../web/url-path';
import { StackNetworkPolicies } from '../network/stack-network-policies';
import { childPath } from '../construct-path';
import { ValidationError } from '../errors';
import { checkProps, needed, refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { synthPass } from '../synth-pass';
import { requireWirable } from '../wiring';
import { AibrixPodAutoscaler } from '../imports/aibrix';
import { requireLabels, requireSubdomain } from '../names';
import { standardLabels } from '../workload/labels';
import { supportedVersion, Version } from '../version';
import { Scheme } from '../tls/scheme';
import { INT32_MAX } from '../workload/common-props';
import { ScaleTarget, TARGET_HINT } from './scale-target';
import { AIBRIX_DEFAULT_VERSION, AIBRIX_LINE } from './constants';
import { namedCauses } from '../workload/duplicate-causes';

/** AIbrix scaling strategies. */
export enum ScalingStrategy {
  /** Kubernetes HPA semantics. */
  HPA = 'HPA',
  /** Knative-style pod autoscaling (stable + panic windows). */
  KPA = 'KPA',
  /** AIbrix's own autoscaler with fluctuation tolerance. */
  APA = 'APA',
}

/** The metric to scale on. */
export interface AutoscalerMetric {
  /** The metric name (from AIbrix v0.5 it must be one AIbrix's central metrics registry knows). */
  readonly name: string;
  /** The per-pod target value (> 0). */
  readonly targetValue: number;
}

/** Props of `PodAutoscaler`. */
export interface PodAutoscalerProps {
  /**
   * What to scale, and whose pods to scrape: `ScaleTarget.fromServer(server)` for one of our server
   * constructs, `ScaleTarget.fromWorkload({ ... })` for any other workload.
   */
  readonly target: ScaleTarget;
  /**
   * The fewest pods.
   * @default 1
   */
  readonly minReplicas?: number;
  /** The most pods (> 0). */
  readonly maxReplicas: number;
  /** The scaling strategy. */
  readonly strategy: ScalingStrategy;
  /** The metric and its target value. */
  readonly metric: AutoscalerMetric;
  /**
   * The metrics path on the pods (from AIbrix v0.5 only `/metrics` is scraped).
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * The AIbrix release running in the cluster (it decides how pods are scraped).
   * @default 'v0.7.0'
   */
  readonly aibrixVersion?: string;
  /**
   * The PodAutoscaler's name.
   * @default - the target's name
   */
  readonly name?: string;
  /**
   * Extra labels (the standard `app.kubernetes.io/*` ones are the target's, with component `autoscaler`).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/** PodAutoscalerProps: why it needs a target; replica counts are integers. */
const AUTOSCALER_PROPS = refineFields('PodAutoscalerProps', {
  target: needed('ScaleTarget', { why: 'the autoscaler needs what to scale', wanted: TARGET_HINT }),
  minReplicas: T.integer,
  maxReplicas: T.integer,
});

/**
 * An AIbrix PodAutoscaler that scales a workload on its own pods' metrics. Scheme and container
 * port come from the target's endpoint; the target omits `replicas` and, where it authorizes
 * paths (metrics-server), allows the scraped path.
 */
export class PodAutoscaler extends Construct {
  /** The `autoscaling.aibrix.ai/v1alpha1` PodAutoscaler object. */
  public readonly resource: AibrixPodAutoscaler;
  /** The AIbrix release the scraping rules were derived for. */
  public readonly aibrixVersion: Version;
  /** @internal The scraped workload (when it is one of ours) and the container port. */
  public readonly _scrapes: { readonly target?: object; readonly port: number };

  constructor(scope: Construct, id: string, props: PodAutoscalerProps) {
    // Resolve first: a refused autoscaler never joins the tree and leaves its target untouched.
    const path = childPath(scope, id);
    const plan = planAutoscaler(path, props);
    if (Construct.isConstruct(plan.target.server)) {
      requireWirable(scope, plan.target.server, { path, prop: 'target', what: 'its wiring of the target (replicas left to the autoscaler, the scraped path allowed, the AIbrix controller admitted by the target\'s StackNetworkPolicies)' });
    }
    super(scope, id);
    this.aibrixVersion = plan.version;
    const { target } = plan;
    this.resource = new AibrixPodAutoscaler(this, 'Resource', {
      metadata: { name: plan.name, namespace: target.ref.namespace, labels: plan.labels },
      spec: {
        scaleTargetRef: { apiVersion: target.ref.apiVersion, kind: target.ref.kind, name: target.ref.name },
        minReplicas: plan.min,
        maxReplicas: plan.max,
        scalingStrategy: plan.strategy,
        metricsSources: [{
          metricSourceType: 'pod',
          protocolType: target.scheme,
          port: String(target.port),
          path: plan.metricsPath,
          targetMetric: plan.metric.name,
          targetValue: String(plan.metric.targetValue),
        }],
      },
    });
    synthPass(this).register(this, {
      causes: namedCauses(this.node.path, 'name', plan.name, `another name (the default is the target's name, ${target.ref.name})`, {
        'spec.scaleTargetRef': { path: this.node.path, prop: 'target', value: `${target.ref.kind}/${target.ref.namespace}/${target.ref.name}`, allowed: 'one autoscaler per workload: a target no other autoscaler scales' },
      }),
    });
    this.node.defaultChild = this.resource;
    target.wire(plan.metricsPath);
    this._scrapes = { target: target.server, port: target.port };
    StackNetworkPolicies._addScraper(this);
  }
}

/** Checks a PodAutoscaler's props (naming `path`) and derives everything it builds. Pure. */
function planAutoscaler(path: string, userProps: PodAutoscalerProps) {
  const props = checkProps(path, '', userProps, AUTOSCALER_PROPS, 'props of PodAutoscaler') as unknown as PodAutoscalerProps;
  const version = supportedVersion(path, 'aibrixVersion', props.aibrixVersion ?? AIBRIX_DEFAULT_VERSION, AIBRIX_LINE);
  const target = props.target._describe();
  const min = props.minReplicas ?? 1;
  const max = props.maxReplicas;
  // Both are int32 fields of the CRD: a larger count is an object the API server refuses.
  if (!Number.isInteger(min) || min < 0 || min > INT32_MAX) throw new ValidationError(path, 'minReplicas', min, 'not a replica count', `an integer >= 0 (at most ${INT32_MAX})`);
  if (!Number.isInteger(max) || max <= 0 || max > INT32_MAX) {
    throw new ValidationError(path, 'maxReplicas', max, 'AIbrix requires maxReplicas > 0', `an integer >= 1 (at most ${INT32_MAX})`);
  }
  if (min > max) throw new ValidationError(path, 'minReplicas', min, `it is above maxReplicas (${max})`, `a value <= ${max}`);
  if (!Object.values(ScalingStrategy).includes(props.strategy)) {
    throw new ValidationError(path, 'strategy', props.strategy, 'not an AIbrix scaling strategy', 'ScalingStrategy.HPA, KPA or APA');
  }
  const metric = props.metric;
  if (typeof metric?.name !== 'string' || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric.name)) {
    throw new ValidationError(path, 'metric.name', metric?.name, 'not a metric name', 'a Prometheus metric name, e.g. "vllm:num_requests_waiting"');
  }
  if (typeof metric.targetValue !== 'number' || !Number.isFinite(metric.targetValue) || metric.targetValue <= 0) {
    throw new ValidationError(path, 'metric.targetValue', metric.targetValue, 'the AIbrix webhook requires a number > 0', 'a positive number');
  }
  // The CRD keeps targetValue as a decimal string; JavaScript writes numbers below 1e-6 or from
  // 1e21 on in exponent notation ("1e+21"), which the CRD's pattern refuses.
  if (!/^\d+(\.\d+)?$/.test(String(metric.targetValue))) {
    throw new ValidationError(path, 'metric.targetValue', metric.targetValue, 'AIbrix keeps targetValue as a decimal string, and this number would be written in exponent notation',
      'a positive number from 0.000001 to below 1e21, e.g. 20 or 0.5');
  }
  const metricsPath = props.path ?? '/metrics';
  // As strict as the target's allowPath, so that wiring the target cannot fail once resolved.
  const pathProblem = urlPathProblem(metricsPath);
  if (pathProblem !== undefined) {
    throw new ValidationError(path, 'path', metricsPath, `not a URL path: ${pathProblem}`, URL_PATH_HELP);
  }
  if (target.fixedReplicas !== undefined && (target.fixedReplicas > max || target.fixedReplicas < min)) {
    throw new ValidationError(path, 'target', `${target.ref.kind}/${target.ref.name} replicas=${target.fixedReplicas}`,
      `the target fixes replicas outside ${min}..${max}, and the autoscaler takes them over`, 'no replicas on the target, or a value within minReplicas..maxReplicas');
  }
  // From v0.5.0 (PR #1487) pod metrics are fetched as http://<podIP>:<port>/metrics: protocolType
  // and path are ignored and a failed fetch reads as 0, so the autoscaler would act on zeros.
  if (version.atLeast('v0.5.0')) {
    if (target.scheme === Scheme.HTTPS) {
      throw new ValidationError(path, 'target', `${target.scheme}://${target.ref.name}:${target.port}`,
        `AIbrix ${version.tag} scrapes pods over plain HTTP only (PR #1487) and reads a failed fetch as 0`,
        'aibrixVersion <= v0.4 (scrapes https, verification skipped), or a target that serves metrics over HTTP');
    }
    if (metricsPath !== '/metrics') {
      throw new ValidationError(path, 'path', metricsPath, `AIbrix ${version.tag} ignores the path and always scrapes /metrics`, '"/metrics"');
    }
  }
  requireLabels(path, 'labels', props.labels);
  const name = requireSubdomain(path, 'name', props.name ?? target.ref.name);
  // The target's application labels (an autoscaler belongs to what it scales), as component autoscaler.
  const labels = {
    ...props.labels,
    ...(target.labels ?? standardLabels({ name: target.ref.name, instance: target.ref.name, version: version.tag, partOf: target.ref.name })),
    'app.kubernetes.io/component': 'autoscaler',
  };
  return { version, target, min, max, strategy: props.strategy, metric, metricsPath, name, labels };
}
