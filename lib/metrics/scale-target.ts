import { ValidationError } from '../errors';
import { checkProps, defineType, refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { requireLabel, requirePort, requireSubdomain } from '../names';
import { Endpoint } from '../tls/endpoint';
import { Scheme } from '../tls/scheme';
import { IScalableEndpoint, ScaleTargetRef } from '../workload/scalable';

/** A workload that is not one of our constructs: where its pods serve metrics (`ScaleTarget.fromWorkload`). */
export interface RawScaleTarget extends ScaleTargetRef {
  /** The scheme the pods serve metrics with. */
  readonly scheme: Scheme;
  /** The container port that serves metrics. */
  readonly port: number;
}

/** What a refused target should have been. */
export const TARGET_HINT = 'ScaleTarget.fromServer(server) for a MetricsServer, NumaflowServer, ..., or ScaleTarget.fromWorkload({ apiVersion, kind, name, namespace, scheme, port })';

/** RawScaleTarget: the port a TCP port. */
const RAW_TARGET = refineFields('RawScaleTarget', { port: T.port });

/** What the autoscaler needs of either kind of target. */
export interface TargetDescription {
  readonly ref: ScaleTargetRef;
  readonly labels: { [key: string]: string } | undefined;
  readonly scheme: Scheme;
  readonly port: number;
  readonly fixedReplicas: number | undefined;
  /** The server construct, when the target is one of ours (its NetworkPolicy admits the scraper). */
  readonly server?: IScalableEndpoint;
  /** Wires the target to the autoscaler (allows the path, leaves replicas out); may refuse the path. */
  wire(metricsPath: string): void;
}

/**
 * What a `PodAutoscaler` scales and whose pods it scrapes. A value type (jsii has no unions of a
 * construct and a struct): one of our server constructs, or a workload described by hand.
 * Create with the static factories.
 */
export class ScaleTarget {
  /**
   * One of our server constructs (`MetricsServer`, `NumaflowServer`, ...): scheme and container
   * port come from its endpoint, and the autoscaler takes its replicas over.
   */
  public static fromServer(server: IScalableEndpoint): ScaleTarget {
    const s = server as IScalableEndpoint | undefined;
    if (typeof s !== 'object' || s === null || !(s.endpoint instanceof Endpoint) || typeof s.omitReplicas !== 'function') {
      throw new ValidationError('ScaleTarget.fromServer', 'server', server, 'it is not a scalable server construct',
        'a MetricsServer, NumaflowServer, ... (or ScaleTarget.fromWorkload for any other workload)');
    }
    return new ScaleTarget({
      ref: s.scaleTarget,
      labels: s.standardLabels,
      scheme: s.endpoint.scheme,
      port: s.endpoint.port, // pods are scraped directly: the container port, not the Service port
      fixedReplicas: s.fixedReplicas,
      server: s,
      wire: (metricsPath: string) => {
        // allowPath may refuse the path: before omitReplicas, so that a refusal changes nothing.
        s.allowPath?.(metricsPath);
        s.omitReplicas();
      },
    });
  }

  /** A workload that is not one of our constructs, with the scheme and container port its pods serve metrics on. */
  public static fromWorkload(workload: RawScaleTarget): ScaleTarget {
    const path = 'ScaleTarget.fromWorkload';
    const raw = checkProps(path, '', workload, RAW_TARGET, 'fields of RawScaleTarget') as unknown as RawScaleTarget;
    // The CRD's scaleTargetRef needs both; a blank or spaced one is an object the API server refuses.
    for (const field of ['apiVersion', 'kind'] as const) {
      if (raw[field].trim() === '' || /\s/.test(raw[field])) {
        throw new ValidationError(path, field, raw[field], 'a non-empty value without spaces is required', field === 'kind' ? 'e.g. "Deployment"' : 'e.g. "apps/v1"');
      }
    }
    requireSubdomain(path, 'name', raw.name);
    requireLabel(path, 'namespace', raw.namespace);
    // The enum's values are the schemes, so other jsii languages (and JavaScript) pass "http" or "https".
    if (!Object.values(Scheme).includes(raw.scheme)) throw new ValidationError(path, 'scheme', raw.scheme, 'not a scheme', 'Scheme.HTTP or Scheme.HTTPS');
    return new ScaleTarget({
      ref: { apiVersion: raw.apiVersion, kind: raw.kind, name: raw.name, namespace: raw.namespace },
      labels: undefined,
      scheme: raw.scheme,
      port: requirePort(path, 'port', raw.port),
      fixedReplicas: undefined,
      wire: () => undefined,
    });
  }

  private constructor(private readonly description: TargetDescription) {}

  /** @internal what the autoscaler reads. */
  public _describe(): TargetDescription {
    return this.description;
  }

  /** The workload scaled. */
  public get ref(): ScaleTargetRef {
    return this.description.ref;
  }

  /** The target as messages show it: the workload it scales. */
  public toString(): string {
    return `ScaleTarget(${this.description.ref.kind}/${this.description.ref.namespace}/${this.description.ref.name})`;
  }
}

defineType('ScaleTarget', T.instance('ScaleTarget', (v) => v instanceof ScaleTarget, TARGET_HINT));
