import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from '../../construct-path';
import { OutputPass } from '../../synth/output-pass';
import { Endpoint } from '../../tls/endpoint';
import { CertManagerCertificate } from '../../imports/cert-manager';
import { ServerTls } from '../../tls/server-tls';
import { TlsMode } from '../../tls/tls-mode';
import { Version } from '../../version';
import { componentMetadata } from '../../workload/labels';
import { ServerWorkload } from '../../workload/server-workload';
import { SecureAdmin } from '../admin/secure-admin';
import { planConsole } from './console-plan';
import { ConsoleProps } from './console-props';
import * as C from './constants';

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
  /** The browser-facing origin (normalised), registered with the Admin. */
  public readonly publicOrigin: string;
  /** The path the Console is served under (probes use it). */
  public readonly baseUrl: string;
  /** `flyte-console-config`, the Console's environment. */
  public readonly configMap: k8s.KubeConfigMap;
  /** The Deployment (its spec rendered at synth); also `ApiObject.of(this)`. */
  public readonly deployment: ApiObject;
  /** The Service. */
  public readonly service: k8s.KubeService;
  /** The ServiceAccount. */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The cert-manager Certificate that issues the serving Secret (certManager mode only). */
  public readonly certificate?: CertManagerCertificate;
  private readonly workload: ServerWorkload;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    // Resolve first: a refused Console never joins the tree and leaves no origin in the Admin.
    const plan = planConsole(childPath(scope, id), props);
    super(scope, id);
    ({ admin: this.admin, namespace: this.namespace, version: this.version, image: this.image, publicOrigin: this.publicOrigin, baseUrl: this.baseUrl, endpoint: this.endpoint } = plan);
    this.tls = plan.mode;
    this.certificate = new ServerTls(this, 'Tls', plan.tls).certificate;
    this.configMap = new k8s.KubeConfigMap(this, 'Config', {
      metadata: componentMetadata(plan.identity, plan.props, plan.namespace, C.CONSOLE_NAMES.configMap),
      data: plan.config,
    });
    this.workload = new ServerWorkload(this, 'Workload', plan.workload, [this.configMap]);
    ({ deployment: this.deployment, service: this.service, serviceAccount: this.serviceAccount } = this.workload);
    OutputPass.of(this).register(this);
    this.node.defaultChild = this.deployment;
    this.admin.allowOrigin(this.publicOrigin);
  }
}
