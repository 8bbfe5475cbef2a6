import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { URL_PATH_HELP, urlPathProblem } from '../web/url-path';
import { childPath } from '../construct-path';
import { ValidationError } from '../errors';
import { namespaceErrors } from '../props/k8s-refs';
import { synthPass } from '../synth-pass';
import { requireWirable } from '../wiring';
import { Endpoint } from '../tls/endpoint';
import { CertManagerCertificate } from '../imports/cert-manager';
import { ServerTls } from '../tls/server-tls';
import { WorkloadFlows } from '../network/network-flows';
import { StackNetworkPolicies } from '../network/stack-network-policies';
import { TlsMode } from '../tls/tls-mode';
import { Version } from '../version';
import { IScalableEndpoint, ScaleTargetRef } from '../workload/scalable';
import { pullSecretUses } from '../workload/common-props';
import { ServerWorkload } from '../workload/server-workload';
import * as C from './constants';
import { addMetricsServerRbac } from './metrics-server-rbac';
import { planMetricsServer, MetricsServerPlan } from './metrics-server-plan';
import { MetricsServerProps } from './metrics-server-props';
import { serverCauses } from '../workload/duplicate-causes';
import { SERVER_NAMES } from '../rules/servers';

export { MetricsServerProps } from './metrics-server-props';

/** metrics-server, with its serving certificate and the APIService's trust derived from one TLS mode. */
export class MetricsServer extends Construct implements IScalableEndpoint {
  /** Why `path` cannot be allowed (see `allowPath`), or undefined: checked before anything is wired. */
  public static allowPathProblem(path: unknown): string | undefined {
    return urlPathProblem(path);
  }

  /** Where metrics-server serves: always HTTPS, the container port (not the Service's 443). */
  public readonly endpoint: Endpoint;
  /** The TLS mode the serving certificate and the APIService's trust follow. */
  public readonly tls: TlsMode;
  /** The namespace of every namespaced object (the auth-reader RoleBinding is always in kube-system). */
  public readonly namespace: string;
  /** The metrics-server release (drives the image tag and the default port). */
  public readonly version: Version;
  /** The port the container listens on. */
  public readonly securePort: number;
  /** The Deployment (its spec rendered at synth); also `ApiObject.of(this)`. */
  public readonly deployment: ApiObject;
  /** The Service. */
  public readonly service: ApiObject;
  /** The ServiceAccount. */
  public readonly serviceAccount: ApiObject;
  /** The cert-manager Certificate that issues the serving Secret (certManager mode only). */
  public readonly certificate?: CertManagerCertificate;
  private readonly workload: ServerWorkload;
  /** The `v1beta1.metrics.k8s.io` APIService. */
  public readonly apiService: ApiObject;
  /** Replicas fixed by the `replicas` prop, if any. */
  public readonly fixedReplicas?: number;
  private readonly plan: MetricsServerPlan;

  constructor(scope: Construct, id: string, props: MetricsServerProps) {
    // Resolve first: a refused server never joins the tree.
    const plan = planMetricsServer(childPath(scope, id), props);
    super(scope, id);
    this.plan = plan;
    ({ endpoint: this.endpoint, namespace: this.namespace, version: this.version, securePort: this.securePort } = plan);
    this.tls = plan.props.tls;
    this.fixedReplicas = plan.props.replicas;
    this.certificate = new ServerTls(this, 'Tls', plan.tls).certificate;
    this.workload = new ServerWorkload(this, 'Workload', plan.workload, [], { name: SERVER_NAMES.metricsServer });
    ({ deployment: this.deployment, service: this.service, serviceAccount: this.serviceAccount } = this.workload);
    addMetricsServerRbac(this.workload, C.NAMES.workload, plan.namespace);
    this.apiService = new ApiObject(this, 'ApiService', { ...k8s.KubeApiService.GVK,
      metadata: { ...this.workload.clusterMetadata(C.NAMES.apiService), annotations: { ...plan.props.annotations, ...plan.apiServiceTrust.annotations } },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        groupPriorityMinimum: 100,
        versionPriority: 100,
        service: { name: C.NAMES.workload, namespace: plan.namespace, port: C.SERVICE_PORT },
        insecureSkipTLSVerify: plan.apiServiceTrust.insecureSkipTLSVerify,
        caBundle: plan.apiServiceTrust.caBundle,
      },
    });
    if ((plan.props.replicas ?? 1) > 1) {
      new ApiObject(this, 'Pdb', { ...k8s.KubePodDisruptionBudget.GVK,
        metadata: this.workload.metadata(C.NAMES.workload),
        spec: { minAvailable: 1, selector: { matchLabels: this.workload.selector } },
      });
    }
    synthPass(this).register(this, {
      crossCheck: () => namespaceErrors(this.node.path, [
        { prop: 'tls', ref: this.tls._secretRef, readers: [this.namespace] }, ...pullSecretUses(plan.props, this.namespace),
      ]),
      causes: serverCauses(this.node.path, 'metrics-server', plan.namespace, plan.props.tls),
    });
    this.node.defaultChild = this.deployment;
    StackNetworkPolicies._addWorkload(this);
  }

  /** @internal */
  public _networkFlows(): WorkloadFlows {
    return {
      name: this.deployment.name, namespace: this.namespace, podSelector: this.workload.selector, labels: this.workload.standardLabels,
      // The API server, its client, cannot be selected by pod or namespace: the port is open to anything.
      ingress: [{ ports: [this.endpoint.port], why: 'the API server aggregates metrics.k8s.io from metrics-server' }],
      callsApi: true,
      scrapesKubelets: C.KUBELET_PORT,
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

  /**
   * Lets unauthenticated scrapers read `path` (e.g. an AIbrix autoscaler reading `/metrics`).
   * The flag replaces the binary's default list, so the probe paths are kept in it.
   */
  public allowPath(path: string): void {
    if (MetricsServer.allowPathProblem(path) !== undefined) {
      throw new ValidationError(this.node.path, 'allowPath', path, `not a URL path metrics-server can allow: ${MetricsServer.allowPathProblem(path)}`, URL_PATH_HELP);
    }
    requireWirable(undefined, this, { path: `${this.node.path}.allowPath`, prop: 'path', value: path, what: `the path ${path} in --authorization-always-allow-paths` });
    if (!this.plan.allowedPaths.includes(path)) this.plan.allowedPaths.push(path);
  }
}
