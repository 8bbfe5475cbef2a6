import { ApiObject, Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from '../../construct-path';
import { namespaceErrors } from '../../props/k8s-refs';
import { synthPass } from '../../synth-pass';
import { Endpoint } from '../../tls/endpoint';
import { CertManagerCertificate } from '../../imports/cert-manager';
import { checkExposeOptions, ExposeViaGatewayOptions, resolveAttachment } from '../../gateway/gateway-options';
import { exposeServer, ExposurePlan, GatewayExposure } from '../../gateway/gateway-routes';
import { WorkloadFlows } from '../../network/network-flows';
import { StackNetworkPolicies } from '../../network/stack-network-policies';
import { ValidationError } from '../../errors';
import { requireExposable, requireWirable } from '../../wiring';
import { ServerTls } from '../../tls/server-tls';
import { TlsMode } from '../../tls/tls-mode';
import { Version } from '../../version';
import { pullSecretUses } from '../../workload/common-props';
import { componentMetadata } from '../../workload/labels';
import { ServerWorkload } from '../../workload/server-workload';
import { SecureAdmin } from '../admin/secure-admin';
import { ConsolePlan, planConsole, requireSameScheme } from './console-plan';
import { ConsoleProps } from './console-props';
import * as C from './constants';
import { serverCauses } from '../../workload/duplicate-causes';
import { renders, SERVER_NAMES } from '../../rules/servers';

export { ConsoleProps } from './console-props';

/**
 * Flyte Console (flyte-core's `flyteconsole`). Its listener, probes, Service and certificate mount
 * follow its TLS mode (by default the Admin's), `ADMIN_API_URL` is the Admin's `publicUrl`, and its
 * origin is registered with the Admin's CORS list by construction.
 */
export class Console extends Construct {
  /** Where the Console is served in the cluster. */
  public readonly endpoint: Endpoint;
  /** The Admin this Console calls (its origin is registered there). */
  public readonly admin: SecureAdmin;
  /** The Console's TLS mode (the Admin's unless given). */
  public readonly tls: TlsMode;
  /** The namespace of every namespaced object. */
  public readonly namespace: string;
  /** The Console release (its own line, not Flyte's). */
  public readonly version: Version;
  /** The Console image. */
  public readonly image: string;
  /** The path the Console is served under (probes use it). */
  public readonly baseUrl: string;
  /** `flyte-console-config`, the Console's environment. */
  public readonly configMap: ApiObject;
  /** The Deployment (its spec rendered at synth); also `ApiObject.of(this)`. */
  public readonly deployment: ApiObject;
  /** The Service. */
  public readonly service: ApiObject;
  /** The ServiceAccount. */
  public readonly serviceAccount: ApiObject;
  /** The cert-manager Certificate that issues the serving Secret (certManager mode only). */
  public readonly certificate?: CertManagerCertificate;
  private readonly workload: ServerWorkload;
  private readonly plan: ConsolePlan;
  private exposure?: ExposurePlan;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    // Resolve first: a refused Console never joins the tree and leaves no origin in the Admin.
    const path = childPath(scope, id);
    const plan = planConsole(path, props);
    requireWirable(scope, plan.admin, { path, prop: 'admin', what: 'the Console\'s origin in Admin\'s allowedOrigins (without it browsers block every call)' });
    super(scope, id);
    this.plan = plan;
    ({ admin: this.admin, namespace: this.namespace, version: this.version, image: this.image, baseUrl: this.baseUrl, endpoint: this.endpoint } = plan);
    this.tls = plan.mode;
    this.certificate = new ServerTls(this, 'Tls', plan.tls).certificate;
    this.configMap = new ApiObject(this, 'Config', { ...k8s.KubeConfigMap.GVK,
      metadata: componentMetadata(plan.identity, plan.props, plan.namespace, C.CONSOLE_NAMES.configMap),
      // Admin's URL is read at synth: Admin may be exposed through a Gateway after this Console is made.
      data: { ...plan.config, ADMIN_API_URL: Lazy.any({ produce: () => this.admin.publicUrl }) as unknown as string },
    });
    // The Console's port and scheme come from its environment, this ConfigMap: known while it holds what was rendered.
    const holdsRendered = (emitted: unknown) => renders({ ...plan.config, ADMIN_API_URL: this.admin.publicUrl }, emitted);
    this.workload = new ServerWorkload(this, 'Workload', plan.workload, [this.configMap],
      { name: SERVER_NAMES.flyteConsole, configMaps: [{ name: C.CONSOLE_NAMES.configMap, holds: holdsRendered }] });
    ({ deployment: this.deployment, service: this.service, serviceAccount: this.serviceAccount } = this.workload);
    synthPass(this).register(this, { crossCheck: () => [...this.schemeErrors(), ...this.namespaceErrors()], causes: serverCauses(this.node.path, 'Console', plan.namespace, plan.mode) });
    this.node.defaultChild = this.deployment;
    this.admin._allowOriginOf(this);
    StackNetworkPolicies._addWorkload(this);
  }

  /**
   * The browser-facing origin (normalised), registered with the Admin: `publicOrigin`, or the route's
   * once `exposeViaGateway` has exposed the Console.
   */
  public get publicOrigin(): string {
    return this.plan.address.url;
  }

  /**
   * Exposes the Console through a Gateway: an HTTPRoute for its `baseUrl` to the Service port of this
   * mode, and with TLS on a BackendTLSPolicy. The route's origin becomes `publicOrigin`, and so the
   * origin the Admin allows: the host is spelt once. On the Admin's host, the Console needs no CORS.
   */
  public exposeViaGateway(options: ExposeViaGatewayOptions): GatewayExposure {
    // Admin reads the origin at synth, for its allowedOrigins.
    requireExposable(this, [this.admin]);
    const { exposure, plan } = exposeServer(this, this.workload, this.plan.address, componentMetadata(this.plan.identity, this.plan.props, this.namespace, '').labels, (path) => {
      const o = checkExposeOptions<ExposeViaGatewayOptions>(path, options, 'ExposeViaGatewayOptions');
      return [{ protocol: 'http', attachment: resolveAttachment(path, 'listener', o.listener, 'host', o.host), endpoint: this.endpoint, pathPrefix: this.baseUrl }];
    });
    this.exposure = plan;
    return exposure;
  }

  /**
   * The DNS names the Console's serving certificate must carry (the Service's names and the public
   * host); a gateway verifies it by `<service>.<namespace>.svc`. In certManager mode the Certificate
   * carries them; with `TlsMode.fromSecret` the certificate you issue must. Empty with TLS off.
   */
  public get certificateDnsNames(): string[] {
    return this.tls.enabled ? this.plan.tls.dnsNames : [];
  }

  /** @internal */
  public _networkFlows(): WorkloadFlows {
    return {
      name: this.deployment.name, namespace: this.namespace, podSelector: this.workload.selector, labels: this.workload.standardLabels,
      // The browser reaches Admin through the gateway: the Console's own server only serves files.
      ingress: this.exposure?.gatewayFlows ?? [],
      callsApi: false,
    };
  }

  /** The Secrets and ConfigMaps the Console's objects read (its serving Secret may be its Admin's mode's), each from its namespace. */
  private namespaceErrors(): ValidationError[] {
    const here = [this.namespace];
    return namespaceErrors(this.node.path, [
      { prop: 'tls', ref: this.tls._secretRef, readers: here },
      ...pullSecretUses(this.plan.props, this.namespace),
      { prop: 'tls.trust', ref: this.exposure?.backendTls && this.endpoint.trust._ref, readers: here, why: 'a BackendTLSPolicy\'s caCertificateRefs name ConfigMaps of its own namespace' },
    ]);
  }

  /** The scheme rule of the plan, on the final origins (either may come from a route). */
  private schemeErrors(): ValidationError[] {
    try {
      requireSameScheme(this.node.path, this.publicOrigin, this.admin.publicUrl);
      return [];
    } catch (e) {
      return [e as ValidationError];
    }
  }
}
