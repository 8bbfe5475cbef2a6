import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../errors';
import { checkProps } from '../props/prop-shapes';
import { readConfigText, refuseUrlCredentials } from '../input/secrets';
import { requireLabel } from '../names';
import { PublicAddress } from '../gateway/public-address';
import { Endpoint } from '../tls/endpoint';
import { ServerTlsPlan } from '../tls/server-tls';
import { TlsModeKind } from '../tls/tls-mode';
import { supportedVersion, Version } from '../version';
import { requireOrigin } from '../web/origin';
import { URL_PATH_HELP, urlPathProblem } from '../web/url-path';
import { validateCommonProps } from '../workload/common-props';
import { flag, lateFlag } from '../workload/flags';
import { WorkloadIdentity } from '../workload/labels';
import { ResolvedWorkload, ServerWorkload } from '../workload/server-workload';
import * as C from './constants';
import { resolveUserRbac, ResolvedUserRbac } from './numaflow-config';
import { NumaflowServerProps } from './numaflow-server-props';

const DEFAULT_METRICS_PROXY_CONFIG = '# url: http://prometheus-operated.monitoring.svc.cluster.local:9090\npatterns: []\n';

/** Everything a NumaflowServer builds, resolved from its props without building anything. */
export interface NumaflowPlan {
  readonly props: NumaflowServerProps;
  readonly namespace: string;
  readonly version: Version;
  readonly image: string;
  readonly baseHref: string;
  /** The origin users reach the UI at (`--server-addr`): the prop's until a Gateway route gives it. */
  readonly address: PublicAddress;
  readonly endpoint: Endpoint;
  readonly identity: WorkloadIdentity;
  readonly namespaced: boolean;
  readonly managedNamespace: string;
  readonly metricsProxyConfig: string;
  /** The value of a given metricsProxyConfig (read once, here; the synth-time pass is told it). */
  readonly metricsProxyValue?: unknown;
  readonly userRbac: ResolvedUserRbac;
  readonly workload: ResolvedWorkload;
}

/** Checks a NumaflowServer's props (naming `path`) and derives every setting. Pure. */
export function planNumaflowServer(path: string, userProps: NumaflowServerProps): NumaflowPlan {
  const props = checkProps(path, '', userProps, 'NumaflowServerProps', 'props of NumaflowServer') as unknown as NumaflowServerProps;
  ServerTlsPlan.requireMode(path, props.tls, [TlsModeKind.DISABLED, TlsModeKind.SELF_SIGNED],
    'the Numaflow server cannot load a certificate: its secure mode always makes its own, in memory',
    'TlsMode.disabled() with exposeViaGateway and StackNetworkPolicies (TLS ends at the gateway, and only the gateway reaches the port), or TlsMode.selfSigned() for in-cluster clients that skip verification');
  validateCommonProps(path, props);
  const tls = props.tls;
  const namespace = props.namespace ?? 'numaflow-system';
  const version = supportedVersion(path, 'version', props.version ?? C.NUMAFLOW_DEFAULT_VERSION, C.NUMAFLOW_LINE);
  const image = props.image ?? `${C.NUMAFLOW_IMAGE}:${version.tag}`;
  const baseHref = normaliseBaseHref(path, props.baseHref ?? '/');
  const origins = (props.corsAllowedOrigins ?? []).map((o, i) => requireOrigin(path, `corsAllowedOrigins[${i}]`, o));
  const namespaced = props.namespaced ?? false;
  if (props.managedNamespace !== undefined && !namespaced) {
    throw new ValidationError(path, 'managedNamespace', props.managedNamespace, 'it only applies to a namespaced server', 'namespaced: true, or no managedNamespace');
  }
  const managedNamespace = props.managedNamespace === undefined ? namespace : requireLabel(path, 'managedNamespace', props.managedNamespace);
  const port = tls.enabled ? C.SECURE_PORT : C.INSECURE_PORT;
  // numaproj/numaflow server/apis/v1/dexauthn.go: issuer <server-addr>/dex, redirect <server-addr><base-href>login.
  const publicUrl = requireOrigin(path, 'publicUrl', props.publicUrl ?? `${tls.scheme}://localhost:${port}`);
  // A Gateway route may give the origin later: `--server-addr` reads it at synth.
  const address = new PublicAddress(publicUrl, props.publicUrl === undefined ? undefined : 'publicUrl');
  const metricsProxyConfig = props.metricsProxyConfig ?? DEFAULT_METRICS_PROXY_CONFIG;
  refuseUrlCredentials(path, 'metricsProxyConfig', metricsProxyConfig);
  const metricsProxyValue = props.metricsProxyConfig === undefined ? undefined : readConfigText(path, 'metricsProxyConfig', props.metricsProxyConfig);
  refuseDerivedEnv(path, props.extraEnv);
  const userRbac = resolveUserRbac(path, props.userRbac);
  const endpoint = new Endpoint({ mode: tls, serviceName: C.NAMES.service, namespace, port });
  const identity: WorkloadIdentity = {
    name: 'numaflow-server', instance: props.instance ?? C.NAMES.deployment, version: version.tag, partOf: 'numaflow', component: 'numaflow-ux',
  };
  const disableAuth = props.disableAuth ?? true;
  const namespaceEnv: k8s.EnvVar = { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } };
  const probe = { endpoint, path: C.LIVENESS_PATH, initialDelaySeconds: 3, periodSeconds: 3 };
  const workload = ServerWorkload.resolve(path, {
    name: C.NAMES.deployment,
    namespace,
    identity,
    common: props,
    runAs: { user: C.RUN_AS_USER },
    serviceAccountName: C.NAMES.serviceAccount,
    callsApi: true,
    ports: [{ endpoint }],
    liveness: probe,
    readiness: probe,
    imagePullPolicy: 'IfNotPresent',
    main: {
      name: 'main',
      image,
      args: ['server'],
      // Every derived setting is a flag: in insecure mode the binary ignores a port that is not on the
      // command line (numaflow#1734), and the shared numaflow-cmd-params-config belongs to the controller.
      flags: [
        flag('--insecure', !tls.enabled),
        flag('--port', port),
        flag('--base-href', baseHref),
        flag('--readonly', props.readonly ?? false),
        flag('--disable-auth', disableAuth),
        lateFlag('--server-addr', () => address.url),
        flag('--namespaced', namespaced),
        ...(namespaced ? [flag('--managed-namespace', managedNamespace)] : []),
        ...(origins.length ? [flag('--cors-allowed-origins', origins.join(','))] : []),
      ],
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
        image,
        args: ['server-init'],
        env: [{ name: 'NUMAFLOW_SERVER_BASE_HREF', value: baseHref }],
        volumeMounts: [{ name: 'env-volume', mountPath: C.PATHS.initOutput }],
        resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
      },
      {
        // Makes sure numaflow-server-secrets holds the server key and the admin password.
        name: 'server-secrets-init',
        image,
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
  return { props, namespace, version, image, baseHref, address, endpoint, identity, namespaced, managedNamespace, metricsProxyConfig, metricsProxyValue, userRbac, workload };
}

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

/** `/ui` → `/ui/` (the binary appends the slash too). */
function normaliseBaseHref(path: string, href: string): string {
  // server-init writes it into index.html (`<base href="…">`) and a JavaScript string, the server
  // into gin routes: only characters that mean the same in all three.
  const problem = urlPathProblem(href);
  if (problem !== undefined) {
    throw new ValidationError(path, 'baseHref', href, `not an absolute URL path the UI can be served under: ${problem}`, `${URL_PATH_HELP}, such as "/" or "/numaflow/"`);
  }
  return href.endsWith('/') ? href : `${href}/`;
}
