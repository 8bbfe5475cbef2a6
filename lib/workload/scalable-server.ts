import { Construct } from 'constructs';
import { Endpoint } from '../tls/endpoint';
import { IScalableEndpoint, ScaleTargetRef } from './scalable';
import { ServerWorkload } from './server-workload';

/**
 * Base of the server constructs built on `ServerWorkload`: each can be an autoscaler's target
 * (its Deployment is the scale target, its endpoint the pods' metrics address).
 */
export abstract class ScalableServer extends Construct implements IScalableEndpoint {
  /** Where the server is reached. */
  public abstract readonly endpoint: Endpoint;
  /** The Deployment, Service and ServiceAccount (typed objects, for inspection and wiring). */
  public abstract readonly workload: ServerWorkload;
  /** Replicas fixed by the `replicas` prop, if any. */
  public abstract readonly fixedReplicas?: number;

  /** The Deployment, for an autoscaler. */
  public get scaleTarget(): ScaleTargetRef {
    return this.workload.scaleTarget;
  }

  /** The standard labels of the server's objects. */
  public get standardLabels(): { [key: string]: string } {
    return this.workload.standardLabels;
  }

  /** Leaves replicas to an autoscaler. */
  public omitReplicas(): void {
    this.workload.omitReplicas();
  }
}
