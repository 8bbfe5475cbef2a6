import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { childPath } from '../construct-path';
import { OutputPass } from '../synth/output-pass';
import { Endpoint } from '../tls/endpoint';
import { TlsMode } from '../tls/tls-mode';
import { Version } from '../version';
import { componentMetadata } from '../workload/labels';
import { IScalableEndpoint, ScaleTargetRef } from '../workload/scalable';
import { ServerWorkload } from '../workload/server-workload';
import { addNumaflowConfig } from './numaflow-config';
import { planNumaflowServer } from './numaflow-plan';
import { addNumaflowRbac } from './numaflow-rbac';
import { NumaflowServerProps } from './numaflow-server-props';

export { NumaflowServerProps } from './numaflow-server-props';

/**
 * The Numaflow UI/API server. Port, `--insecure`, `--server-addr`, probe scheme and Service
 * target all follow the TLS mode, passed as command-line flags (flags win over env and ConfigMap).
 */
export class NumaflowServer extends Construct implements IScalableEndpoint {
  /** Where the server is reached. */
  public readonly endpoint: Endpoint;
  /** The TLS mode everything is derived from. */
  public readonly tls: TlsMode;
  /** The namespace of every namespaced object. */
  public readonly namespace: string;
  /** The Numaflow release (drives the image tag). */
  public readonly version: Version;
  /** The image of every container. */
  public readonly image: string;
  /** The UI's base href, with a trailing slash. */
  public readonly baseHref: string;
  /** The origin users reach the UI at (`--server-addr`; Dex's issuer and redirect follow it). */
  public readonly publicUrl: string;
  /** The Deployment (its spec rendered at synth); also `ApiObject.of(this)`. */
  public readonly deployment: ApiObject;
  /** The Service. */
  public readonly service: k8s.KubeService;
  /** The ServiceAccount. */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  private readonly workload: ServerWorkload;
  /** Replicas fixed by the `replicas` prop, if any. */
  public readonly fixedReplicas?: number;

  constructor(scope: Construct, id: string, props: NumaflowServerProps) {
    // Resolve first: a refused server never joins the tree.
    const plan = planNumaflowServer(childPath(scope, id), props);
    super(scope, id);
    this.tls = plan.props.tls;
    this.namespace = plan.namespace;
    this.version = plan.version;
    this.image = plan.image;
    this.baseHref = plan.baseHref;
    this.publicUrl = plan.publicUrl;
    this.endpoint = plan.endpoint;
    this.fixedReplicas = plan.props.replicas;
    const meta = (name: string) => componentMetadata(plan.identity, plan.props, plan.namespace, name);
    const configMaps = addNumaflowConfig(this, meta, plan.props.userRbac, plan.metricsProxyConfig, plan.props.adminEnabled ?? true);
    this.workload = new ServerWorkload(this, 'Workload', plan.workload, configMaps);
    ({ deployment: this.deployment, service: this.service, serviceAccount: this.serviceAccount } = this.workload);
    addNumaflowRbac(this.workload, plan.namespace, plan.namespaced, plan.managedNamespace);
    OutputPass.of(this).register(this);
    this.node.defaultChild = this.deployment;
  }

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
