import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../../errors';
import { checkProps } from '../../props/prop-shapes';
import { PublicAddress } from '../../gateway/public-address';
import { Endpoint } from '../../tls/endpoint';
import { ServerTlsPlan } from '../../tls/server-tls';
import { TlsMode, TlsModeKind } from '../../tls/tls-mode';
import { supportedVersion, Version } from '../../version';
import { requireOrigin, schemeOf } from '../../web/origin';
import { URL_PATH_HELP, urlPathProblem } from '../../web/url-path';
import { validateCommonProps } from '../../workload/common-props';
import { componentMetadata, WorkloadIdentity } from '../../workload/labels';
import { ResolvedWorkload, ServerWorkload } from '../../workload/server-workload';
import { SecureAdmin } from '../admin/secure-admin';
import { CONSOLE_PROPS, ConsoleProps } from './console-props';
import * as C from './constants';
import { NAMES as ADMIN_NAMES } from '../admin/constants';

/** Everything a Console builds, resolved from its props without building anything. */
export interface ConsolePlan {
  readonly props: ConsoleProps;
  readonly admin: SecureAdmin;
  readonly mode: TlsMode;
  readonly namespace: string;
  readonly version: Version;
  readonly image: string;
  readonly baseUrl: string;
  /** The browser-facing origin: the prop's (or the port-forward default) until a Gateway route gives it. */
  readonly address: PublicAddress;
  readonly identity: WorkloadIdentity;
  readonly tls: ServerTlsPlan;
  readonly endpoint: Endpoint;
  /** The data of `flyte-console-config`, the Console's environment. */
  readonly config: { [key: string]: string };
  readonly workload: ResolvedWorkload;
}

/** Checks a Console's props (naming `path`) and derives every setting. Pure: the Admin is only read. */
export function planConsole(path: string, userProps: ConsoleProps): ConsolePlan {
  const props = checkProps(path, '', userProps, CONSOLE_PROPS, 'props of Console') as unknown as ConsoleProps;
  const admin = props.admin;
  const mode = props.tls ?? admin.tls;
  ServerTlsPlan.requireMode(path, mode, [TlsModeKind.DISABLED, TlsModeKind.SECRET, TlsModeKind.CERT_MANAGER],
    'the Console cannot make its own certificate: it reads server.crt/server.key from files',
    'TlsMode.certManager({ issuer }) with a cert-manager SelfSigned (or CA) issuer, TlsMode.fromSecret(secret) or fromSecretName(name), or TlsMode.disabled()');
  validateCommonProps(path, props);
  const namespace = props.namespace ?? admin.namespace;
  const version = supportedVersion(path, 'version', props.version ?? C.CONSOLE_DEFAULT_VERSION, C.CONSOLE_LINE);
  const image = props.image ?? `${C.CONSOLE_IMAGE}:${version.tag}`;
  const baseUrl = normaliseBaseUrl(path, props.baseUrl ?? C.DEFAULT_BASE_URL);
  const publicOrigin = requireOrigin(path, 'publicOrigin', props.publicOrigin ?? `${mode.scheme}://localhost:${C.CONSOLE_PORT}`);
  // v1.10.0–v1.10.3 read the certificate from ../script/certificate, v1.11.0 on from ../../scripts/certificate (UPSTREAM §9.2).
  const certificateDir = version.below(C.SCRIPTS_CERTIFICATE_SINCE) ? C.LEGACY_CERTIFICATE_DIR : C.CERTIFICATE_DIR;
  // Judged now only when both origins are final; a route may still give either one (checked at synth then).
  if (props.publicOrigin !== undefined && admin._publicUrlFinal) requireSameScheme(path, publicOrigin, admin.publicUrl);
  refuseSharedCertificate(path, mode, namespace, admin);
  refuseDerivedEnv(path, props.extraEnv);
  if (props.extraArgs?.length) {
    // The image's CMD is `server.js` (distroless node): container args would replace it.
    throw new ValidationError(path, 'extraArgs', props.extraArgs, 'the Console takes no arguments: container args replace the image\'s `server.js` and the server would not start',
      'extraEnv (the Console is configured through its environment)');
  }

  const identity: WorkloadIdentity = {
    name: 'flyteconsole', instance: props.instance ?? C.CONSOLE_NAMES.deployment, version: version.tag, partOf: 'flyte', component: 'console',
  };
  const tls = ServerTlsPlan.resolve(path, {
    mode, serviceName: C.CONSOLE_NAMES.service, namespace, clusterDomain: props.clusterDomain,
    labels: componentMetadata(identity, props, namespace, C.CONSOLE_NAMES.service).labels,
  });
  tls.addPublicHost(path, 'publicOrigin', publicOrigin);
  const endpoint = new Endpoint({
    mode,
    serviceName: C.CONSOLE_NAMES.service,
    namespace,
    port: C.CONSOLE_PORT,
    servicePort: mode.enabled ? C.CONSOLE_SERVICE_PORTS.https : C.CONSOLE_SERVICE_PORTS.http,
    trust: tls.trust,
  });
  const config = {
    BASE_URL: baseUrl,
    CONFIG_DIR: C.CONFIG_DIR,
    // The Console strips the scheme and hands the browser `//host[:port]`.
    ADMIN_API_URL: admin.publicUrl,
    // Only "https" switches the Console's own listener to TLS; with TLS off the variable is absent.
    ...(mode.enabled ? { ADMIN_API_USE_SSL: C.USE_SSL_HTTPS } : {}),
  };
  const cert = tls.certificateFiles('certificate', certificateDir, { cert: 'server.crt', key: 'server.key' });
  const probe = { endpoint, path: baseUrl };
  const workload = ServerWorkload.resolve(path, {
    name: C.CONSOLE_NAMES.deployment,
    namespace,
    identity,
    common: props,
    runAs: C.CONSOLE_RUN_AS,
    serviceAccountName: C.CONSOLE_NAMES.serviceAccount,
    callsApi: false,
    ports: [{ endpoint }],
    liveness: probe,
    readiness: probe,
    main: {
      name: C.CONSOLE_NAMES.container,
      image,
      envFrom: [{ configMapRef: { name: C.CONSOLE_NAMES.configMap } }],
      resources: C.CONSOLE_RESOURCES,
      userResources: props.resources,
      writablePaths: C.CONSOLE_WRITABLE_PATHS,
      volumeMounts: cert ? [cert.mount] : [],
    },
    volumes: cert ? [cert.volume] : [],
  });
  return { props, admin, mode, namespace, version, image, baseUrl, address: new PublicAddress(publicOrigin, props.publicOrigin === undefined ? undefined : 'publicOrigin'), identity, tls, endpoint, config, workload };
}

/** The Console hands the browser a protocol-relative Admin URL, so both must be served with one scheme. */
export function requireSameScheme(path: string, publicOrigin: string, adminUrl: string): void {
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
  const secret = tls.kind === TlsModeKind.CERT_MANAGER ? tls.secretName : undefined;
  if (secret && admin.tls.kind === TlsModeKind.CERT_MANAGER && admin.tls.servingSecretName(ADMIN_NAMES.service) === secret && admin.namespace === namespace) {
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
  // The Console writes it into its Express routes and its pages' asset paths.
  const problem = urlPathProblem(url);
  if (problem !== undefined) {
    throw new ValidationError(path, 'baseUrl', url, `not an absolute URL path: ${problem}`, `${URL_PATH_HELP}, such as "/console"`);
  }
  return url.length > 1 ? url.replace(/\/$/, '') : url;
}
