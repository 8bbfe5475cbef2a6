import { Endpoint } from '../tls/endpoint';

/** The workload an autoscaler scales (a `scaleTargetRef`). */
export interface ScaleTargetRef {
  /** The workload's API version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** The workload's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The workload's name. */
  readonly name: string;
  /** The workload's namespace (the autoscaler lives there too). */
  readonly namespace: string;
}

/**
 * A server construct an AIbrix PodAutoscaler can scale on its own pods' metrics: it exposes the
 * endpoint the pods serve, its workload, and hooks the autoscaler calls to wire itself.
 */
export interface IScalableEndpoint {
  /** Where the pods serve (scheme and container port are scraped). */
  readonly endpoint: Endpoint;
  /** The workload to scale. */
  readonly scaleTarget: ScaleTargetRef;
  /** The standard `app.kubernetes.io/*` labels of the target's objects: an autoscaler of it carries them too. */
  readonly standardLabels: { [key: string]: string };
  /** Replicas the user fixed on the target, if any. */
  readonly fixedReplicas?: number;
  /** Leaves `replicas` out of the workload, so an apply does not fight the autoscaler. */
  omitReplicas(): void;
  /** Lets the scraper read `path` (servers that authorize every path, e.g. metrics-server). */
  allowPath?(path: string): void;
}
