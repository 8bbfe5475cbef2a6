import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { rollback } from '../construct-rollback';
import { ValidationError } from '../errors';
import { checkFields, T } from '../input/prop-types';
import { refuseUrlCredentials } from '../input/secrets';
import { OutputPass } from '../synth/output-pass';
import { requireLabel } from '../names';
import { Endpoint } from '../tls/endpoint';
import { requireOrigin } from '../web/origin';
import { ServerTls } from '../tls/server-tls';
import { TlsMode } from '../tls/tls-mode';
import { ScalableServer } from '../workload/scalable-server';
import { supportedVersion, Version } from '../version';
import { COMMON_FIELDS, Resources, ServerCommonProps, validateCommonProps } from '../workload/common-props';
import { componentMetadata, WorkloadIdentity } from '../workload/labels';
import { ServerWorkload } from '../workload/server-workload';
import * as C from './constants';
import { addNumaflowConfig, NumaflowUserRbac } from './numaflow-config';
import { addNumaflowRbac } from './numaflow-rbac';

/** Props of `NumaflowServer`. */
export interface NumaflowServerProps extends ServerCommonProps {
  /** The TLS mode: `disabled()` (HTTP 8080) or `selfSigned()` (HTTPS 8443, certificate made in memory). */
  readonly tls: TlsMode;
  /** @default 'numaflow-system' */
  readonly namespace?: string;
  /** @default 'v1.8.3' */
  readonly version?: string;
  /** @default - `quay.io/numaproj/numaflow:<version>` */
  readonly image?: string;
  /** @default - requests cpu 100m / memory 200Mi, limits cpu 500m / memory 1024Mi (upstream's) */
  readonly resources?: Resources;
  /**
   * The path the UI is served under (`/livez` stays at the root).
   * @default '/'
   */
  readonly baseHref?: string;
  /**
   * Refuse every change through the UI and API.
   * @default false
   */
  readonly readonly?: boolean;
  /**
   * Turn off login (upstream's base config turns it off).
   * @default true
   */
  readonly disableAuth?: boolean;
  /**
   * Browser origins allowed to call the API (exact origins; no `*`).
   * @default - none (no CORS headers)
   */
  readonly corsAllowedOrigins?: string[];
  /**
   * Watch one namespace only (Role + RoleBinding instead of cluster-wide RBAC).
   * @default false
   */
  readonly namespaced?: boolean;
  /**
   * The namespace watched when `namespaced`.
   * @default - the server's namespace
   */
  readonly managedNamespace?: string;
  /** Authorization policy for the server's users. @default - upstream's policy */
  readonly userRbac?: NumaflowUserRbac;
  /**
   * Content of `config.yaml` of the metrics proxy (Prometheus `url` and query `patterns`).
   * @default - no Prometheus and no patterns: the UI shows no metrics charts
   */
  readonly metricsProxyConfig?: string;
  /**
   * Allow the local `admin` user (only matters with auth on).
   * @default true
   */
  readonly adminEnabled?: boolean;
  /**
   * The origin users reach the UI at (`--server-addr`): with auth on, Dex's issuer is
   * `<publicUrl>/dex` and its login redirect `<publicUrl><baseHref>login`, so it must be the address
   * the browser uses (an ingress host), not the pod's.
   * @default - `<scheme>://localhost:<port>`: login then works only through a port-forward to the pod's port
   */
  readonly publicUrl?: string;
}

const DEFAULT_METRICS_PROXY_CONFIG = '# url: http://prometheus-operated.monitoring.svc.cluster.local:9090\npatterns: []\n';

/**
 * The Numaflow UI/API server. Port, `--insecure`, `--server-addr`, probe scheme and Service
 * target all follow the TLS mode, passed as command-line flags (flags win over env and ConfigMap).
 */
export class NumaflowServer extends ScalableServer {
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
  /** The Deployment, Service and ServiceAccount (typed objects, for inspection and wiring). */
  public readonly workload: ServerWorkload;
  /** Replicas fixed by the `replicas` prop, if any. */
  public readonly fixedReplicas?: number;

  constructor(scope: Construct, id: string, props: NumaflowServerProps) {
    super(scope, id);
    try {
      const path = this.node.path;
      props = checkFields(path, '', props, NUMAFLOW_FIELDS, [], 'props of NumaflowServer') as unknown as NumaflowServerProps;
      ServerTls.requireMode(path, props.tls, ['disabled', 'selfSigned'],
        'the Numaflow server cannot load a certificate: its secure mode always makes its own, in memory',
        'TlsMode.selfSigned() (self-made certificate) and terminate TLS with your certificate at an ingress, or TlsMode.disabled()');
      validateCommonProps(path, props);
      this.tls = props.tls;
      this.namespace = props.namespace ?? 'numaflow-system';
      this.version = supportedVersion(path, 'version', props.version ?? C.NUMAFLOW_DEFAULT_VERSION, C.NUMAFLOW_LINE);
      this.image = props.image ?? `${C.NUMAFLOW_IMAGE}:${this.version.tag}`;
      this.baseHref = normaliseBaseHref(path, props.baseHref ?? '/');
      const origins = (props.corsAllowedOrigins ?? []).map((o, i) => requireOrigin(path, `corsAllowedOrigins[${i}]`, o));
      const namespaced = props.namespaced ?? false;
      if (props.managedNamespace !== undefined && !namespaced) {
        throw new ValidationError(path, 'managedNamespace', props.managedNamespace, 'it only applies to a namespaced server', 'namespaced: true, or no managedNamespace');
      }
      const managedNamespace = props.managedNamespace === undefined ? this.namespace : requireLabel(path, 'managedNamespace', props.managedNamespace);

      this.fixedReplicas = props.replicas;
      const port = this.tls.enabled ? C.SECURE_PORT : C.INSECURE_PORT;
      // numaproj/numaflow server/apis/v1/dexauthn.go: issuer <server-addr>/dex, redirect <server-addr><base-href>login.
      this.publicUrl = requireOrigin(path, 'publicUrl', props.publicUrl ?? `${this.tls.scheme}://localhost:${port}`);
      const metricsProxyConfig = props.metricsProxyConfig ?? DEFAULT_METRICS_PROXY_CONFIG;
      refuseUrlCredentials(path, 'metricsProxyConfig', metricsProxyConfig);
      refuseDerivedEnv(path, props.extraEnv);
      this.endpoint = new Endpoint({ mode: this.tls, serviceName: C.NAMES.service, namespace: this.namespace, port });
      const identity: WorkloadIdentity = {
        name: 'numaflow-server', instance: props.instance ?? C.NAMES.deployment, version: this.version.tag, partOf: 'numaflow', component: 'numaflow-ux',
      };
      const meta = (name: string) => componentMetadata(identity, props, this.namespace, name);
      const disableAuth = props.disableAuth ?? true;
      const configMaps = addNumaflowConfig(this, meta, props.userRbac, metricsProxyConfig, props.adminEnabled ?? true);

      // Every derived setting is a flag: in insecure mode the binary ignores a port that is not on the
      // command line (numaflow#1734), and the shared numaflow-cmd-params-config belongs to the controller.
      const args = [
        'server',
        `--insecure=${!this.tls.enabled}`,
        `--port=${port}`,
        `--base-href=${this.baseHref}`,
        `--readonly=${props.readonly ?? false}`,
        `--disable-auth=${disableAuth}`,
        `--server-addr=${this.publicUrl}`,
        `--namespaced=${namespaced}`,
        ...(namespaced ? [`--managed-namespace=${managedNamespace}`] : []),
        ...(origins.length ? [`--cors-allowed-origins=${origins.join(',')}`] : []),
      ];
      const namespaceEnv: k8s.EnvVar = { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } };
      const probe = { endpoint: this.endpoint, path: C.LIVENESS_PATH, initialDelaySeconds: 3, periodSeconds: 3 };

      this.workload = new ServerWorkload(this, 'Workload', {
        name: C.NAMES.deployment,
        namespace: this.namespace,
        identity,
        common: props,
        runAs: { user: C.RUN_AS_USER },
        serviceAccountName: C.NAMES.serviceAccount,
        callsApi: true,
        ports: [{ endpoint: this.endpoint }],
        liveness: probe,
        readiness: probe,
        configMaps,
        imagePullPolicy: 'IfNotPresent',
        main: {
          name: 'main',
          image: this.image,
          args,
          // cmd/commands/server.go: `--port` also answers to `-p`.
          flagAliases: { '-p': '--port' },
          // Flags derived only in some configurations are never the user's to set either.
          reservedFlags: C.DERIVED_FLAGS,
          env: [namespaceEnv],
          resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '500m', memory: '1024Mi' } },
          userResources: props.resources,
          writablePaths: ['/tmp'],
          volumeMounts: [
            { name: 'env-volume', mountPath: `${C.PATHS.uiBuild}/runtime-env.js`, subPath: 'runtime-env.js' },
            { name: 'env-volume', mountPath: `${C.PATHS.uiBuild}/index.html`, subPath: 'index.html' },
            { name: 'rbac-config', mountPath: C.PATHS.rbacConfig },
            { name: 'metrics-proxy-config', mountPath: C.PATHS.metricsProxyConfig },
          ],
        },
        initContainers: [
          {
            // Writes runtime-env.js and index.html with the base href for the UI.
            name: 'server-init',
            image: this.image,
            args: ['server-init'],
            env: [{ name: 'NUMAFLOW_SERVER_BASE_HREF', value: this.baseHref }],
            volumeMounts: [{ name: 'env-volume', mountPath: C.PATHS.initOutput }],
            resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
          },
          {
            // Makes sure numaflow-server-secrets holds the server key and the admin password.
            name: 'server-secrets-init',
            image: this.image,
            args: ['server-secrets-init'],
            env: [namespaceEnv, { name: 'NUMAFLOW_SERVER_DISABLE_AUTH', value: String(disableAuth) }],
            resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
          },
        ],
        volumes: [
          { name: 'env-volume', emptyDir: {} },
          { name: 'rbac-config', configMap: { name: C.NAMES.rbacConfig } },
          { name: 'metrics-proxy-config', configMap: { name: C.NAMES.metricsProxyConfig } },
        ],
      });
      addNumaflowRbac(this.workload, this.namespace, namespaced, managedNamespace);
      OutputPass.of(this).register(this);
    } catch (error) {
      throw rollback(this, error);
    }
  }
}

/** Run-time types of NumaflowServerProps. */
const NUMAFLOW_FIELDS = {
  ...COMMON_FIELDS,
  tls: T.instance('TlsMode', (v) => v instanceof TlsMode, 'one of the TlsMode factories, e.g. TlsMode.disabled()'),
  baseHref: T.string,
  readonly: T.boolean,
  disableAuth: T.boolean,
  corsAllowedOrigins: T.array(T.string),
  namespaced: T.boolean,
  managedNamespace: T.string,
  userRbac: T.object('NumaflowUserRbac', { defaultRole: T.string, scopes: T.array(T.string), policy: T.array(T.string) }),
  metricsProxyConfig: T.string,
  adminEnabled: T.boolean,
  publicUrl: T.string,
};

/**
 * The server reads every setting it derives from an environment variable too, when its flag is not
 * on the command line (cmd/commands/server.go): such a variable would bypass a reserved flag.
 */
function refuseDerivedEnv(path: string, env: readonly k8s.EnvVar[] | undefined): void {
  (env ?? []).forEach((e, i) => {
    if (e && (C.SETTING_ENV as readonly string[]).includes(e.name)) {
      throw new ValidationError(path, `extraEnv[${i}]`, e.name, 'the server reads this variable for a setting the construct derives as a flag',
        'the typed prop or TLS mode that sets it');
    }
  });
}

/** `/ui` → `/ui/` (the binary appends the slash too); must start with `/`. */
function normaliseBaseHref(path: string, href: string): string {
  if (typeof href !== 'string' || !href.startsWith('/') || /[\s?#]/.test(href) || href.includes('//')) {
    throw new ValidationError(path, 'baseHref', href, 'not an absolute URL path', 'a path such as "/" or "/numaflow/"');
  }
  return href.endsWith('/') ? href : `${href}/`;
}
