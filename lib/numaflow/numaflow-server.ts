import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { childPath } from '../construct-path';
import { namespaceErrors } from '../props/k8s-refs';
import { synthPass } from '../synth-pass';
import { requireExposable, requireWirable } from '../wiring';
import { Endpoint } from '../tls/endpoint';
import { checkExposeOptions, ExposeViaGatewayOptions, resolveAttachment } from '../gateway/gateway-options';
import { exposeServer, ExposurePlan, GatewayExposure } from '../gateway/gateway-routes';
import { WorkloadFlows } from '../network/network-flows';
import { StackNetworkPolicies } from '../network/stack-network-policies';
import { TlsMode } from '../tls/tls-mode';
import { Version } from '../version';
import { componentMetadata } from '../workload/labels';
import { IScalableEndpoint, ScaleTargetRef } from '../workload/scalable';
import { pullSecretUses } from '../workload/common-props';
import { ServerWorkload } from '../workload/server-workload';
import { addNumaflowConfig } from './numaflow-config';
import * as C from './constants';
import { NumaflowPlan, planNumaflowServer } from './numaflow-plan';
import { addNumaflowRbac } from './numaflow-rbac';
import { NumaflowServerProps } from './numaflow-server-props';
import { serverCauses } from '../workload/duplicate-causes';
import { SERVER_NAMES } from '../rules/servers';

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
  /** The Deployment (its spec rendered at synth); also `ApiObject.of(this)`. */
  public readonly deployment: ApiObject;
  /** The Service. */
  public readonly service: ApiObject;
  /** The ServiceAccount. */
  public readonly serviceAccount: ApiObject;
  private readonly workload: ServerWorkload;
  private readonly plan: NumaflowPlan;
  private exposure?: ExposurePlan;
  /** Replicas fixed by the `replicas` prop, if any. */
  public readonly fixedReplicas?: number;

  constructor(scope: Construct, id: string, props: NumaflowServerProps) {
    // Resolve first: a refused server never joins the tree.
    const plan = planNumaflowServer(childPath(scope, id), props);
    super(scope, id);
    this.plan = plan;
    this.tls = plan.props.tls;
    this.namespace = plan.namespace;
    this.version = plan.version;
    this.image = plan.image;
    this.baseHref = plan.baseHref;
    this.endpoint = plan.endpoint;
    this.fixedReplicas = plan.props.replicas;
    const meta = (name: string) => componentMetadata(plan.identity, plan.props, plan.namespace, name);
    const configMaps = addNumaflowConfig(this, meta, plan.userRbac, plan.metricsProxyConfig, plan.props.adminEnabled ?? true);
    this.workload = new ServerWorkload(this, 'Workload', plan.workload, configMaps, { name: SERVER_NAMES.numaflow });
    ({ deployment: this.deployment, service: this.service, serviceAccount: this.serviceAccount } = this.workload);
    addNumaflowRbac(this.workload, plan.namespace, plan.namespaced, plan.managedNamespace);
    synthPass(this).register(this, {
      crossCheck: () => namespaceErrors(this.node.path, pullSecretUses(plan.props, this.namespace)),
      causes: serverCauses(this.node.path, 'Numaflow server', plan.namespace, plan.props.tls),
    });
    if (plan.props.metricsProxyConfig !== undefined) synthPass(this).renderedYaml(plan.metricsProxyConfig, plan.metricsProxyValue);
    this.node.defaultChild = this.deployment;
    StackNetworkPolicies._addWorkload(this);
  }

  /**
   * The origin users reach the UI at (`--server-addr`; Dex's issuer and redirect follow it):
   * `publicUrl`, or the route's once `exposeViaGateway` has exposed the server.
   */
  public get publicUrl(): string {
    return this.plan.address.url;
  }

  /**
   * Exposes the UI through a Gateway: an HTTPRoute for `baseHref` to the server's port. Only with
   * `TlsMode.disabled()`: in its secure mode the server makes its own certificate, which no gateway
   * can verify; use StackNetworkPolicies so that only the gateway reaches the port. The route's
   * origin becomes `publicUrl` (`--server-addr`).
   */
  public exposeViaGateway(options: ExposeViaGatewayOptions): GatewayExposure {
    requireExposable(this, []);
    const { exposure, plan } = exposeServer(this, this.workload, this.plan.address, componentMetadata(this.plan.identity, this.plan.props, this.namespace, '').labels, (path) => {
      const o = checkExposeOptions<ExposeViaGatewayOptions>(path, options, 'ExposeViaGatewayOptions');
      const pathPrefix = this.baseHref === '/' ? '/' : this.baseHref.replace(/\/$/, '');
      return [{ protocol: 'http', attachment: resolveAttachment(path, 'listener', o.listener, 'host', o.host), endpoint: this.endpoint, pathPrefix }];
    });
    this.exposure = plan;
    return exposure;
  }

  /** @internal */
  public _networkFlows(): WorkloadFlows {
    return {
      name: this.deployment.name, namespace: this.namespace, podSelector: this.workload.selector, labels: this.workload.standardLabels,
      ingress: this.exposure?.gatewayFlows ?? [],
      callsApi: true,
      // The UI reads each pipeline's daemon, <pipeline>-daemon-svc:4327, and each MonoVertex's,
      // <name>-mv-daemon-svc:4327 (numaproj/numaflow pkg/apis/numaflow/v1alpha1 GetDaemonServiceURL
      // of Pipeline and MonoVertex; pods labelled app.kubernetes.io/component daemon and mono-vertex-daemon).
      calls: [['daemon', 'the UI reads pipeline daemons'], ['mono-vertex-daemon', 'the UI reads MonoVertex daemons']].map(([component, why]) => ({
        namespace: this.plan.namespaced ? this.plan.managedNamespace : undefined, podLabels: { 'app.kubernetes.io/component': component }, ports: [C.DAEMON_PORT], why,
      })),
      reachesOutside: this.plan.props.metricsProxyConfig === undefined ? undefined : 'the Prometheus of metricsProxyConfig',
    };
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
    requireWirable(undefined, this, { path: `${this.node.path}.omitReplicas`, prop: 'omitReplicas', value: this.node.path, what: 'replicas left to an autoscaler' });
    this.workload.omitReplicas();
  }
}
