import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { rollback } from '../../construct-rollback';
import { ValidationError } from '../../errors';
import { checkFields, T } from '../../input/prop-types';
import { OutputPass } from '../../synth/output-pass';
import { Endpoint } from '../../tls/endpoint';
import { requireOrigin, schemeOf } from '../../web/origin';
import { ServerTls } from '../../tls/server-tls';
import { TlsMode } from '../../tls/tls-mode';
import { supportedVersion, Version } from '../../version';
import { COMMON_FIELDS, Resources, ServerCommonProps, validateCommonProps } from '../../workload/common-props';
import { componentMetadata, WorkloadIdentity } from '../../workload/labels';
import { ServerWorkload } from '../../workload/server-workload';
import * as C from './constants';
import { SecureAdmin } from '../admin/secure-admin';

/** Props of `Console`. */
export interface ConsoleProps extends ServerCommonProps {
  /** The Admin the Console calls; the Console registers its `publicOrigin` with it. */
  readonly admin: SecureAdmin;
  /**
   * The TLS mode of the Console's own listener (`selfSigned` is refused: the Console reads its certificate from files).
   * @default - the Admin's mode: one switch for the pair
   */
  readonly tls?: TlsMode;
  /**
   * The origin the browser loads the Console from (scheme, host, optional port). Its scheme must be
   * the scheme of the Admin's `publicUrl`; in certManager mode its host joins the certificate.
   * @default - `<scheme>://localhost:8080` (port-forward), the scheme following `tls`
   */
  readonly publicOrigin?: string;
  /** @default - the Admin's namespace */
  readonly namespace?: string;
  /** @default 'v1.21.0' */
  readonly version?: string;
  /** @default - `cr.flyte.org/flyteorg/flyteconsole:<version>` */
  readonly image?: string;
  /** @default - flyte-core's: requests cpu 10m / memory 50Mi, limits cpu 500m / memory 250Mi */
  readonly resources?: Resources;
  /**
   * The path the Console is served under (`BASE_URL`); also the probe path.
   * @default '/console'
   */
  readonly baseUrl?: string;
}

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
  /** The serving certificate's Secret, trust and (certManager) Certificate. */
  public readonly serverTls: ServerTls;
  /** `flyte-console-config`, the Console's environment. */
  public readonly configMap: k8s.KubeConfigMap;
  /** The Deployment, Service and ServiceAccount (typed objects, for inspection and wiring). */
  public readonly workload: ServerWorkload;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    try {
      const path = this.node.path;
      props = checkFields(path, '', props, CONSOLE_FIELDS, [], 'props of Console') as unknown as ConsoleProps;
      if (!(props.admin instanceof SecureAdmin)) {
        throw new ValidationError(path, 'admin', props?.admin, 'the Console needs the SecureAdmin it calls', 'the SecureAdmin construct of this stack');
      }
      this.admin = props.admin;
      this.tls = props.tls ?? this.admin.tls;
      ServerTls.requireMode(path, this.tls, ['disabled', 'secret', 'certManager'],
        'the Console cannot make its own certificate: it reads server.crt/server.key from files',
        'TlsMode.certManager({ issuer }) with a cert-manager SelfSigned (or CA) issuer, TlsMode.fromSecret(name), or TlsMode.disabled()');
      validateCommonProps(path, props);
      this.namespace = props.namespace ?? this.admin.namespace;
      this.version = supportedVersion(path, 'version', props.version ?? C.CONSOLE_DEFAULT_VERSION, C.CONSOLE_LINE);
      this.image = props.image ?? `${C.CONSOLE_IMAGE}:${this.version.tag}`;
      this.baseUrl = normaliseBaseUrl(path, props.baseUrl ?? C.DEFAULT_BASE_URL);
      this.publicOrigin = requireOrigin(path, 'publicOrigin', props.publicOrigin ?? `${this.tls.scheme}://localhost:${C.CONSOLE_PORT}`);
      // v1.10.0–v1.10.3 read the certificate from ../script/certificate, v1.11.0 on from ../../scripts/certificate (UPSTREAM §9.2).
      const certificateDir = this.version.below(C.SCRIPTS_CERTIFICATE_SINCE) ? C.LEGACY_CERTIFICATE_DIR : C.CERTIFICATE_DIR;
      requireSameScheme(path, this.publicOrigin, this.admin.publicUrl);
      refuseSharedCertificate(path, this.tls, this.namespace, this.admin);
      refuseDerivedEnv(path, props.extraEnv);
      if (props.extraArgs?.length) {
        // The image's CMD is `server.js` (distroless node): container args would replace it.
        throw new ValidationError(path, 'extraArgs', props.extraArgs, 'the Console takes no arguments: container args replace the image\'s `server.js` and the server would not start',
          'extraEnv (the Console is configured through its environment)');
      }

      const identity: WorkloadIdentity = {
        name: 'flyteconsole', instance: props.instance ?? C.CONSOLE_NAMES.deployment, version: this.version.tag, partOf: 'flyte', component: 'console',
      };
      const meta = (name: string) => componentMetadata(identity, props, this.namespace, name);
      this.serverTls = new ServerTls(this, 'Tls', {
        mode: this.tls, serviceName: C.CONSOLE_NAMES.service, namespace: this.namespace, clusterDomain: props.clusterDomain, labels: meta(C.CONSOLE_NAMES.service).labels,
      });
      this.serverTls.addPublicHost(path, 'publicOrigin', this.publicOrigin);
      this.endpoint = new Endpoint({
        mode: this.tls,
        serviceName: C.CONSOLE_NAMES.service,
        namespace: this.namespace,
        port: C.CONSOLE_PORT,
        servicePort: this.tls.enabled ? C.CONSOLE_SERVICE_PORTS.https : C.CONSOLE_SERVICE_PORTS.http,
        trust: this.serverTls.trust,
      });

      this.configMap = new k8s.KubeConfigMap(this, 'Config', {
        metadata: meta(C.CONSOLE_NAMES.configMap),
        data: {
          BASE_URL: this.baseUrl,
          CONFIG_DIR: C.CONFIG_DIR,
          // The Console strips the scheme and hands the browser `//host[:port]`.
          ADMIN_API_URL: this.admin.publicUrl,
          // Only "https" switches the Console's own listener to TLS; with TLS off the variable is absent.
          ...(this.tls.enabled ? { ADMIN_API_USE_SSL: C.USE_SSL_HTTPS } : {}),
        },
      });

      const cert = this.serverTls.certificateFiles('certificate', certificateDir, { cert: 'server.crt', key: 'server.key' });
      const probe = { endpoint: this.endpoint, path: this.baseUrl };
      this.workload = new ServerWorkload(this, 'Workload', {
        name: C.CONSOLE_NAMES.deployment,
        namespace: this.namespace,
        identity,
        common: props,
        runAs: C.CONSOLE_RUN_AS,
        serviceAccountName: C.CONSOLE_NAMES.serviceAccount,
        callsApi: false,
        ports: [{ endpoint: this.endpoint }],
        liveness: probe,
        readiness: probe,
        configMaps: [this.configMap],
        main: {
          name: C.CONSOLE_NAMES.container,
          image: this.image,
          envFrom: [{ configMapRef: { name: C.CONSOLE_NAMES.configMap } }],
          resources: C.CONSOLE_RESOURCES,
          userResources: props.resources,
          writablePaths: C.CONSOLE_WRITABLE_PATHS,
          volumeMounts: cert ? [cert.mount] : [],
        },
        volumes: cert ? [cert.volume] : [],
      });
      OutputPass.of(this).register(this);
      // Last, so a Console refused above leaves no origin behind in the Admin.
      this.admin.allowOrigin(this.publicOrigin);
    } catch (error) {
      throw rollback(this, error);
    }
  }
}

/** Run-time types of ConsoleProps. */
const CONSOLE_FIELDS = {
  ...COMMON_FIELDS,
  admin: T.instance('SecureAdmin', (v) => v instanceof SecureAdmin, 'the SecureAdmin construct of this stack'),
  tls: T.instance('TlsMode', (v) => v instanceof TlsMode, 'one of the TlsMode factories, e.g. TlsMode.disabled()'),
  publicOrigin: T.string,
  baseUrl: T.string,
};

/** The Console hands the browser a protocol-relative Admin URL, so both must be served with one scheme. */
function requireSameScheme(path: string, publicOrigin: string, adminUrl: string): void {
  const ours = schemeOf(publicOrigin);
  const theirs = schemeOf(adminUrl);
  if (ours !== theirs) {
    throw new ValidationError(path, 'publicOrigin', publicOrigin,
      `the Console strips the scheme of ADMIN_API_URL and the browser calls Admin protocol-relative, so a Console at ${publicOrigin} `
      + `would call Admin over ${ours}, while Admin's publicUrl is ${adminUrl}`,
      `the same scheme for both: a ${theirs}:// publicOrigin, or an Admin publicUrl with ${ours}://`);
  }
}

/** Two cert-manager Certificates writing one Secret would overwrite each other's key pair. */
function refuseSharedCertificate(path: string, tls: TlsMode, namespace: string, admin: SecureAdmin): void {
  const secret = tls.kind === 'certManager' ? tls.secretName : undefined;
  if (secret && admin.tls.kind === 'certManager' && admin.serverTls.secretName === secret && admin.namespace === namespace) {
    throw new ValidationError(path, 'tls', tls, `the Admin's Certificate already issues into Secret ${secret}; two Certificates would fight over it`,
      'a certManager mode without secretName (each server issues into <service>-tls), or a separate mode for the Console');
  }
}

function refuseDerivedEnv(path: string, env: readonly k8s.EnvVar[] | undefined): void {
  (env ?? []).forEach((e, i) => {
    if (e && C.DERIVED_ENV.includes(e.name)) {
      throw new ValidationError(path, `extraEnv[${i}]`, e.name, 'the construct derives this variable (env would override the derived ConfigMap)',
        'the typed prop or TLS mode that sets it (baseUrl, admin.publicUrl, tls)');
    }
  });
}

/** `/console/` → `/console`; an absolute path without query or fragment. */
function normaliseBaseUrl(path: string, url: string): string {
  if (typeof url !== 'string' || !/^\/[A-Za-z0-9._~\-/]*$/.test(url) || url.includes('//')) {
    throw new ValidationError(path, 'baseUrl', url, 'not an absolute URL path', 'a path such as "/console"');
  }
  return url.length > 1 ? url.replace(/\/$/, '') : url;
}
