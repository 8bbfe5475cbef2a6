import { ApiObject, Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { childPath } from '../../construct-path';
import { ValidationError } from '../../errors';
import { requireExposable, requireWirable } from '../../wiring';
import { namespaceErrors, RefUse } from '../../props/k8s-refs';
import { checkProps, defineType } from '../../props/prop-shapes';
import { T } from '../../props/prop-types';
import { storeUses } from '../../storage/object-store';
import { manifestYaml } from '../../yaml/manifest-yaml';
import { synthPass } from '../../synth-pass';
import { Endpoint } from '../../tls/endpoint';
import { CertManagerCertificate } from '../../imports/cert-manager';
import { AdminExposeViaGatewayOptions, checkExposeOptions, resolveAttachment } from '../../gateway/gateway-options';
import { exposeServer, ExposurePlan, GatewayExposure } from '../../gateway/gateway-routes';
import { WorkloadFlows } from '../../network/network-flows';
import { StackNetworkPolicies } from '../../network/stack-network-policies';
import { ServerTls } from '../../tls/server-tls';
import { TlsMode } from '../../tls/tls-mode';
import { Version } from '../../version';
import { requireOrigin } from '../../web/origin';
import { pullSecretUses } from '../../workload/common-props';
import { componentMetadata } from '../../workload/labels';
import { ServerWorkload } from '../../workload/server-workload';
import { AdminPlan, planAdmin } from './admin-plan';
import { SecureAdminProps } from './admin-props';
import { addAdminRbac } from './admin-rbac';
import { AdminClientConfig, AdminClientConfigOptions, adminClientConfig } from './client-config';
import * as C from './constants';
import { serverCauses } from '../../workload/duplicate-causes';
import { SERVER_NAMES } from '../../rules/servers';

export { SecureAdminProps } from './admin-props';

/**
 * Flyte Admin (flyte-core's `flyteadmin`): ports, listener layout, probes, Service, certificate
 * mount and CORS all follow from one TLS mode. Consoles register their origin with `allowOrigin()`;
 * gRPC clients take `clientConfig()`.
 */
export class SecureAdmin extends Construct {
  /** Where Admin serves HTTP (and, with TLS on, gRPC too). */
  public readonly endpoint: Endpoint;
  /**
   * Where Admin serves gRPC: the `grpc` port (Service 81 → 8089) with TLS off; with TLS on the same
   * as `endpoint` (one listener), so turning TLS on moves every gRPC client: use `clientConfig()`.
   */
  public readonly grpcEndpoint: Endpoint;
  /**
   * Where Admin serves its metrics (`/metrics`, flyte-core's `profilerPort` 10254, port `http-metrics`):
   * plain HTTP whatever the TLS mode. `allowMetricsFrom` admits scrapers to it.
   */
  public readonly metricsEndpoint: Endpoint;
  /** The TLS mode every listener, probe, mount and CORS setting follows. */
  public readonly tls: TlsMode;
  /** The namespace of every namespaced object. */
  public readonly namespace: string;
  /** The Flyte release (image tag and version rules such as CORS under TLS). */
  public readonly version: Version;
  /** The image of Admin and its init container. */
  public readonly image: string;
  /** Request headers browsers may send cross-origin. */
  public readonly allowedHeaders: string[];
  /** `flyte-admin-base-config`, rendered at synth. */
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
  private readonly origins = new Set<string>();
  private readonly originSources: (IConstruct & { readonly publicOrigin: string })[] = [];
  private exposure?: ExposurePlan;
  private readonly plan: AdminPlan;

  constructor(scope: Construct, id: string, props: SecureAdminProps) {
    // Resolve first: a refused Admin never joins the tree.
    const plan = planAdmin(childPath(scope, id), props);
    super(scope, id);
    this.plan = plan;
    ({ namespace: this.namespace, version: this.version, image: this.image, endpoint: this.endpoint, grpcEndpoint: this.grpcEndpoint, metricsEndpoint: this.metricsEndpoint } = plan);
    this.tls = plan.props.tls;
    this.allowedHeaders = plan.allowedHeaders;
    plan.allowedOrigins.forEach((o) => this.origins.add(o));
    this.certificate = new ServerTls(this, 'Tls', plan.tls).certificate;
    // Rendered at synth: origins registered after construction (a Console made later) still land.
    // One merge per set of origins, not one per file.
    let last: { key: string; files: ReturnType<AdminPlan['configFiles']> } | undefined;
    const files = () => {
      const key = this.allowedOrigins.join(' ');
      if (last?.key !== key) last = { key, files: plan.configFiles(this.allowedOrigins) };
      return last.files;
    };
    const { data, holdsRendered } = configData(this, files);
    this.configMap = new ApiObject(this, 'Config', { ...k8s.KubeConfigMap.GVK, metadata: componentMetadata(plan.identity, plan.props, plan.namespace, C.NAMES.configMap), data });
    const ca = plan.storeCaConfigMap;
    // An inline store CA is a ConfigMap of ours: its checksum rolls the pods when it changes, as the config's does.
    const caConfigMap = ca && new ApiObject(this, 'StoreCa', { ...k8s.KubeConfigMap.GVK, metadata: componentMetadata(plan.identity, plan.props, plan.namespace, ca.name), data: ca.data });
    this.workload = new ServerWorkload(this, 'Workload', plan.workload, caConfigMap ? [this.configMap, caConfigMap] : [this.configMap],
      { name: SERVER_NAMES.flyteAdmin, configMaps: [{ name: C.NAMES.configMap, holds: holdsRendered }] });
    ({ deployment: this.deployment, service: this.service, serviceAccount: this.serviceAccount } = this.workload);
    addAdminRbac(this.workload, this.namespace, plan.clusterRole);
    synthPass(this).register(this, {
      crossCheck: () => [...this.corsVersionErrors(), ...namespaceErrors(this.node.path, this.references())],
      causes: serverCauses(this.node.path, 'Flyte Admin', plan.namespace, plan.props.tls),
    });
    this.node.defaultChild = this.deployment;
    StackNetworkPolicies._addWorkload(this);
  }

  /**
   * The browser-facing origin of Admin (normalised, no trailing slash): `publicUrl`, or the
   * route's once `exposeViaGateway` has exposed Admin. The Console's `ADMIN_API_URL`.
   */
  public get publicUrl(): string {
    return this.plan.address.url;
  }

  /**
   * Exposes Admin through a Gateway: an HTTPRoute for HTTP and a GRPCRoute for the gRPC services, each
   * to the Service port that serves it in this mode (81 and 80 with TLS off, the one TLS port with TLS
   * on), and with TLS on a BackendTLSPolicy that verifies Admin's certificate by its Service name and
   * its trust. The route's host, scheme and port become `publicUrl`. gRPC needs its own host or
   * listener: the Gateway API accepts only one of two such routes on one host and listener.
   */
  public exposeViaGateway(options: AdminExposeViaGatewayOptions): GatewayExposure {
    // Each Console reads the URL at synth, as its ADMIN_API_URL.
    requireExposable(this, this.originSources);
    const { exposure, plan } = exposeServer(this, this.workload, this.plan.address, componentMetadata(this.plan.identity, this.plan.props, this.namespace, '').labels, (path) => {
      const o = checkExposeOptions<AdminExposeViaGatewayOptions>(path, options, 'AdminExposeViaGatewayOptions');
      const grpcListener = o.grpcListener ?? o.listener;
      return [
        { protocol: 'http', attachment: resolveAttachment(path, 'listener', o.listener, 'host', o.host), endpoint: this.endpoint },
        { protocol: 'grpc', attachment: resolveAttachment(path, o.grpcListener ? 'grpcListener' : 'listener', grpcListener, 'grpcHost', o.grpcHost ?? o.host), endpoint: this.grpcEndpoint },
      ];
    });
    this.exposure = plan;
    return exposure;
  }

  /** @internal */
  public _networkFlows(): WorkloadFlows {
    const ports = [...new Set([this.endpoint.port, this.grpcEndpoint.port])];
    return {
      name: this.deployment.name, namespace: this.namespace, podSelector: this.workload.selector, labels: this.workload.standardLabels,
      ingress: [
        ...(this.exposure?.gatewayFlows ?? []),
        ...this.plan.allowFrom.map((from) => ({ from, ports, why: 'in-cluster clients (allowFrom) call Admin over gRPC and HTTP' })),
        ...(this.plan.scheduler ? [{ from: this.plan.scheduler, ports: [this.grpcEndpoint.port], why: 'flytescheduler calls CreateExecution over gRPC' }] : []),
        ...this.plan.allowMetricsFrom.map((from) => ({ from, ports: [this.metricsEndpoint.port], why: 'scrapers (allowMetricsFrom) read Admin\'s metrics' })),
      ],
      callsApi: true,
      reachesOutside: 'its database and object store',
    };
  }

  /** @internal Whether `publicUrl` is final (a prop, or a route's): rules on it can be judged before synth. */
  public get _publicUrlFinal(): boolean {
    return this.plan.address.final;
  }

  /** @internal A Console registers itself: its origin is read at synth, after any `exposeViaGateway`. */
  public _allowOriginOf(source: IConstruct & { readonly publicOrigin: string }): void {
    this.originSources.push(source);
  }

  /**
   * Allows a browser origin (`scheme://host[:port]`) to call Admin; the Console calls this for its
   * `publicOrigin`. Resolved at synth, so the order of construction does not matter.
   */
  public allowOrigin(origin: string): void {
    const checked = requireOrigin(this.node.path, 'origin', origin);
    requireWirable(undefined, this, { path: `${this.node.path}.allowOrigin`, prop: 'origin', value: checked, what: `the origin ${checked} in Admin's allowedOrigins` });
    this.origins.add(checked);
  }

  /**
   * The DNS names Admin's serving certificate must carry: the Service's names, the public host,
   * and `0.0.0.0:<httpPort>`, the name Admin's own REST gateway verifies it by (UPSTREAM §9.1;
   * flyteadmin/pkg/server/service.go `serveGatewaySecure`). In certManager mode the Certificate
   * carries them; with `TlsMode.fromSecret` the certificate you issue must. Empty with TLS off.
   */
  public get certificateDnsNames(): string[] {
    return this.tls.enabled ? this.plan.tls.dnsNames : [];
  }

  /** The IP addresses Admin's serving certificate must carry (a public URL by IP). Empty with TLS off. */
  public get certificateIpAddresses(): string[] {
    return this.tls.enabled ? this.plan.tls.ipAddresses : [];
  }

  /** Every allowed origin (registered and explicit), deduplicated and sorted. */
  public get allowedOrigins(): string[] {
    return [...new Set([...this.origins, ...this.originSources.map((s) => s.publicOrigin)])].sort();
  }

  /** The admin-client settings (endpoint, insecure, CA file) that gRPC clients of this Admin need. */
  public clientConfig(options: AdminClientConfigOptions = {}): AdminClientConfig {
    options = checkProps(`${this.node.path}.clientConfig`, 'options', options ?? {}, 'AdminClientConfigOptions', 'options of clientConfig') as AdminClientConfigOptions;
    if (options.caDirectory !== undefined && !/^\/[^\s]*$/.test(options.caDirectory)) {
      throw new ValidationError(`${this.node.path}.clientConfig`, 'caDirectory', options.caDirectory, 'not an absolute path', 'e.g. "/etc/flyte/admin-ca"');
    }
    return adminClientConfig(this.grpcEndpoint, options);
  }

  /** The Secrets and ConfigMaps Admin's objects read, each from Admin's namespace. */
  private references(): RefUse[] {
    const props = this.plan.props;
    const here = [this.namespace];
    return [
      { prop: 'tls', ref: this.tls._secretRef, readers: here },
      { prop: 'database.passwordSecret.secret', ref: props.database.passwordSecret.secret, readers: here },
      { prop: 'authSecret', ref: props.authSecret, readers: here },
      ...storeUses(props.objectStore, here),
      ...pullSecretUses(props, this.namespace),
      { prop: 'tls.trust', ref: this.exposure?.backendTls && this.endpoint.trust._ref, readers: here, why: 'a BackendTLSPolicy\'s caCertificateRefs name ConfigMaps of its own namespace' },
    ];
  }

  /** Admin before 1.13.3 sends no CORS headers under TLS, so a cross-origin browser client cannot work. */
  private corsVersionErrors(): ValidationError[] {
    const crossOrigin = this.allowedOrigins.filter((o) => o !== this.publicUrl);
    if (!this.tls.enabled || crossOrigin.length === 0 || this.version.atLeast(C.CORS_UNDER_TLS_SINCE)) return [];
    return [new ValidationError(this.node.path, 'version', this.version.tag,
      `with TLS on, Admin before ${C.CORS_UNDER_TLS_SINCE} sends no CORS headers (flyte#5790, fixed by PR #5855, backported by PR #5890), `
      + `so browsers block every call from ${crossOrigin.join(', ')}`,
      `version >= ${C.CORS_UNDER_TLS_SINCE}, or serve the Console from Admin's own origin ${this.publicUrl}`)];
  }
}

/**
 * The data of Admin's config ConfigMap, each file rendered at synth, and a test that emitted data
 * is what this synth rendered (while it is, the rules take the plan's listeners).
 */
function configData(scope: Construct, files: () => { [file: string]: { [section: string]: unknown } }) {
  const data: { [file: string]: string } = {};
  const texts = new Map<string, string>();
  for (const file of Object.keys(files())) {
    data[file] = Lazy.any({
      produce: () => {
        const text = renderYaml(scope, file, files()[file]);
        texts.set(file, text);
        return text;
      },
    }) as unknown as string;
  }
  const holdsRendered = (emitted: unknown) => {
    const d = (emitted ?? {}) as { [file: string]: unknown };
    return Object.keys(d).length === texts.size && [...texts].every(([file, text]) => d[file] === text);
  };
  return { data, holdsRendered };
}

/** A config file's YAML; the synth-time pass is told its value, so it need not parse it again. */
function renderYaml(scope: Construct, file: string, value: { [section: string]: unknown }): string {
  const text = manifestYaml([value], [`${scope.node.path} config file ${file}`]);
  synthPass(scope).renderedYaml(text, value);
  return text;
}

defineType('SecureAdmin', T.instance('SecureAdmin', (v) => v instanceof SecureAdmin, 'the SecureAdmin construct of this stack'));
