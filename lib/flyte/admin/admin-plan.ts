import { ValidationError } from '../../errors';
import { checkProps } from '../../props/prop-shapes';
import { PublicAddress } from '../../gateway/public-address';
import { NetworkPeer, requirePeer } from '../../network/network-flows';
import { Endpoint } from '../../tls/endpoint';
import { TlsMode, TlsModeKind } from '../../tls/tls-mode';
import { storeCa } from '../../storage/store-ca';
import { ServerTlsPlan } from '../../tls/server-tls';
import { supportedVersion, Version } from '../../version';
import { APP_PROTOCOL_H2C } from '../../web/app-protocol';
import { requireOrigin } from '../../web/origin';
import { validateCommonProps } from '../../workload/common-props';
import { componentMetadata, WorkloadIdentity } from '../../workload/labels';
import { ResolvedWorkload, ServerWorkload } from '../../workload/server-workload';
import { FLYTE_DEFAULT_VERSION, FLYTE_LINE } from '../flyte-release';
import {
  databaseSection, refuseCredentialEnv, serverSection, storageEnv, storageSection, validateDatabase, validateHeaders,
} from './admin-config';
import { FlyteScheduler } from './admin-peers';
import { ADMIN_PROPS, SecureAdminProps } from './admin-props';
import { AdminClusterRole } from './admin-rbac';
import * as C from './constants';
import {
  checkExtraArgs, checkExtraEnvKeys, DERIVED_FILES, DerivedSection, leafKeys, mergeSection, normaliseExtraConfig, splitSections,
} from './extra-config';

type Tree = { [key: string]: unknown };

/** Everything a SecureAdmin builds, resolved from its props without building anything. */
export interface AdminPlan {
  readonly props: SecureAdminProps;
  readonly namespace: string;
  readonly version: Version;
  readonly image: string;
  /** The browser-facing origin: the prop's (or the port-forward default) until a Gateway route gives it. */
  readonly address: PublicAddress;
  /** In-cluster clients NetworkPolicies admit. */
  readonly allowFrom: NetworkPeer[];
  /** flytescheduler's pods, admitted to the gRPC port; none without a native scheduler. */
  readonly scheduler?: NetworkPeer;
  /** Scrapers NetworkPolicies admit to the metrics port. */
  readonly allowMetricsFrom: NetworkPeer[];
  readonly clusterRole: AdminClusterRole;
  /** The origins given as props (consoles add theirs later, with `allowOrigin`). */
  readonly allowedOrigins: string[];
  readonly allowedHeaders: string[];
  readonly identity: WorkloadIdentity;
  readonly tls: ServerTlsPlan;
  readonly endpoint: Endpoint;
  readonly grpcEndpoint: Endpoint;
  /** The profiling server's port (`/metrics`): plain HTTP in every mode. */
  readonly metricsEndpoint: Endpoint;
  /**
   * The config files (file name → content) for the origins allowed at synth: the derived sections
   * merged with the user's, then the user's other sections. Checked once here, with the props' origins.
   */
  readonly configFiles: (origins: string[]) => { [file: string]: Tree };
  readonly workload: ResolvedWorkload;
  /** A `Trust.caPem` store CA, as the ConfigMap (name and data) Admin's pod mounts it from. */
  readonly storeCaConfigMap?: { name: string; data: { [key: string]: string } };
}

/** Checks a SecureAdmin's props (naming `path`) and derives every setting. Pure. */
export function planAdmin(path: string, userProps: SecureAdminProps): AdminPlan {
  const props = checkProps(path, '', userProps, ADMIN_PROPS, 'props of SecureAdmin') as unknown as SecureAdminProps;
  ServerTlsPlan.requireMode(path, props.tls, [TlsModeKind.DISABLED, TlsModeKind.SECRET, TlsModeKind.CERT_MANAGER],
    'Flyte Admin cannot make its own certificate: it loads ssl.certificateFile/keyFile from files',
    'TlsMode.certManager({ issuer }) with a cert-manager SelfSigned (or CA) issuer, TlsMode.fromSecret(secret) or fromSecretName(name), or TlsMode.disabled()');
  validateCommonProps(path, props);
  validateDatabase(path, props.database);
  const mode = props.tls;
  const tlsOn = mode.enabled;
  const namespace = props.namespace ?? 'flyte';
  const version = supportedVersion(path, 'version', props.version ?? FLYTE_DEFAULT_VERSION, FLYTE_LINE);
  const image = props.image ?? `${C.ADMIN_IMAGE}:${version.tag}`;
  const publicUrl = requireOrigin(path, 'publicUrl', props.publicUrl ?? `${mode.scheme}://localhost:${C.HTTP_PORT}`);
  const address = new PublicAddress(publicUrl, props.publicUrl === undefined ? undefined : 'publicUrl');
  const allowFrom = (props.allowFrom ?? []).map((p, i) => requirePeer(path, `allowFrom[${i}]`, p));
  const scheduler = (props.scheduler ?? FlyteScheduler.flyteCore())._peerIn(namespace);
  const allowMetricsFrom = (props.allowMetricsFrom ?? []).map((p, i) => requirePeer(path, `allowMetricsFrom[${i}]`, p));
  const allowedOrigins = (props.allowedOrigins ?? []).map((o, i) => requireOrigin(path, `allowedOrigins[${i}]`, o));
  const allowedHeaders = validateHeaders(path, props.allowedHeaders ?? C.DEFAULT_ALLOWED_HEADERS);
  const useAuth = props.useAuth ?? false;
  if (useAuth && props.authSecret === undefined) {
    throw new ValidationError(path, 'authSecret', undefined, 'with useAuth, Admin reads its auth keys from /etc/secrets/',
      'the Secret made by `flyteadmin secrets init`, e.g. Secret.fromSecretName(scope, id, "flyte-admin-secrets")');
  }
  // Its name was checked with the props (an ISecret whose name is an object name).
  const authSecretName = props.authSecret?.name;
  if (!useAuth && authSecretName !== undefined) {
    throw new ValidationError(path, 'authSecret', authSecretName, 'it only applies with useAuth', 'useAuth: true, or no authSecret');
  }
  refuseCredentialEnv(path, props.extraEnv);

  const identity: WorkloadIdentity = {
    name: 'flyteadmin', instance: props.instance ?? C.NAMES.deployment, version: version.tag, partOf: 'flyte', component: 'admin',
  };
  const tls = ServerTlsPlan.resolve(path, {
    mode, serviceName: C.NAMES.service, namespace, clusterDomain: props.clusterDomain, labels: componentMetadata(identity, props, namespace, C.NAMES.service).labels,
    // With secure: true the REST gateway dials Admin's own gRPC server with ServerName
    // "0.0.0.0:<httpPort>" and only the serving certificate as root (flyteadmin/pkg/server/service.go
    // serveGatewaySecure, config.go GetHostAddress). Go accepts that name only as a DNS SAN equal to
    // the string (x509 VerifyHostname): without it every REST call fails while /healthcheck stays green.
    literalDnsNames: tlsOn ? [C.gatewayDialName(C.HTTP_PORT)] : [],
  });
  tls.addPublicHost(path, 'publicUrl', publicUrl);
  // The ssl paths of server.yaml are the files this mount provides.
  const cert = tls.certificateFiles('tls', C.PATHS.tls);

  // The user's config as flyteadmin reads it (keys ignore case, dotted keys nest), checked here
  // against the derived sections; the same merge renders it at synth with the origins then allowed.
  const userConfig = normaliseExtraConfig(path, props.extraConfig);
  const extra = splitSections(path, userConfig);
  // With useAuth, flyteadmin takes its identity provider, redirect and authorised URIs from the
  // `auth` section; without one it has no OpenID provider and only localhost redirect URIs.
  if (useAuth && !extra.files.some((f) => f.file === 'auth.yaml' && Object.keys(f.body ?? {}).length > 0)) {
    throw new ValidationError(path, 'extraConfig.auth', undefined, 'useAuth needs an auth section: flyteadmin\'s compiled-in defaults name no OpenID provider and only localhost redirect URIs (flyteadmin/auth/config, v1.16.8)',
      'extraConfig: { auth: { authorizedUris: [...], userAuth: { openId: { ... } }, appAuth: { ... } } } as flyteadmin documents it, or useAuth: false');
  }
  const derived = (origins: string[]): { [S in DerivedSection]: Tree } => ({
    server: serverSection({ tlsEnabled: tlsOn, certificate: cert, useAuth, allowedOrigins: origins, allowedHeaders }),
    database: databaseSection(props.database),
    storage: storageSection(props.objectStore),
    // Written although it is the code default: the container port, Service port and policies follow it.
    flyteadmin: { [C.METRICS.configKey]: C.METRICS.port },
  });
  const sections = Object.keys(DERIVED_FILES) as DerivedSection[];
  const filesOf = (d: { [S in DerivedSection]: Tree }) => {
    const files: { [file: string]: Tree } = {};
    for (const s of sections) files[DERIVED_FILES[s]] = { [s]: mergeSection(path, s, d[s], extra.derived[s], tlsOn, userConfig.props) };
    for (const e of extra.files) files[e.file] = { [e.section]: e.body };
    return files;
  };
  // Merged now, so that a clash is refused before anything is built; the synth reuses these files
  // unless origins were registered since.
  const initial = derived(allowedOrigins);
  const initialFiles = filesOf(initial);
  const initialKey = allowedOrigins.join(' ');
  const configFiles = (origins: string[]) => (origins.join(' ') === initialKey ? initialFiles : filesOf(derived(origins)));
  // Every config key is also a flag and an environment variable (flytestdlib).
  const derivedKeys = sections.flatMap((s) => leafKeys(initial[s], s));
  checkExtraArgs(path, props.extraArgs, derivedKeys, tlsOn);
  checkExtraEnvKeys(path, props.extraEnv, derivedKeys, tlsOn);

  const trust = tls.trust;
  const endpoint = new Endpoint({ mode, serviceName: C.NAMES.service, namespace, port: C.HTTP_PORT, servicePort: tlsOn ? C.SERVICE_PORTS.https : C.SERVICE_PORTS.http, trust });
  // With TLS on, one listener serves HTTP and gRPC.
  const grpcEndpoint = tlsOn ? endpoint : new Endpoint({
    mode, serviceName: C.NAMES.service, namespace, port: C.GRPC_PORT, servicePort: C.SERVICE_PORTS.grpc, portName: 'grpc', trust,
  });

  // Admin's profiling server never serves TLS (flytestdlib/profutils): its endpoint is plain in every mode.
  const metricsEndpoint = new Endpoint({
    mode: TlsMode.disabled(), serviceName: C.NAMES.service, namespace, port: C.METRICS.port, portName: C.METRICS.portName,
  });

  // Admin talks to the store copilot reaches: a private CA is mounted for it too.
  const storeCaFiles = storeCa(props.objectStore, C.NAMES.storeCa);
  const configMount = { name: 'config', mountPath: C.PATHS.config, readOnly: true };
  const dbMount = { name: 'db-password', mountPath: C.PATHS.db, readOnly: true };
  const config = ['flyteadmin', '--config', C.PATHS.configGlob];
  const probe = { endpoint, path: C.HEALTH_PATH };
  const workload = ServerWorkload.resolve(path, {
    name: C.NAMES.deployment,
    namespace,
    identity,
    common: props,
    runAs: C.RUN_AS,
    serviceAccountName: C.NAMES.serviceAccount,
    callsApi: true,
    // The plain gRPC port speaks HTTP/2 with prior knowledge. A gateway only MAY infer that from a
    // GRPCRoute, and SHOULD honour appProtocol (GEP-1911), so the port says it.
    ports: [...(tlsOn ? [{ endpoint }] : [{ endpoint }, { endpoint: grpcEndpoint, appProtocol: APP_PROTOCOL_H2C }]), { endpoint: metricsEndpoint }],
    // flyte-core's probe timings; its exec probes hardcode http://127.0.0.1:8088, so the probe itself is derived.
    readiness: { ...probe, initialDelaySeconds: 15 },
    liveness: { ...probe, initialDelaySeconds: 20, periodSeconds: 5 },
    main: {
      name: C.NAMES.mainContainer,
      image,
      command: [...config, 'serve'],
      env: storageEnv(props.objectStore),
      resources: C.ADMIN_RESOURCES,
      userResources: props.resources,
      writablePaths: [C.PATHS.tmp, C.PATHS.sharedData],
      volumeMounts: [
        configMount,
        dbMount,
        ...(cert ? [cert.mount] : []),
        ...(storeCaFiles ? [storeCaFiles.mount] : []),
        ...(useAuth ? [{ name: 'auth-secrets', mountPath: C.PATHS.authSecrets, readOnly: true }] : []),
      ],
    },
    initContainers: [{
      name: C.NAMES.migrations,
      image,
      command: [...config, 'migrate', 'run'],
      resources: C.ADMIN_RESOURCES,
      writablePaths: [C.PATHS.tmp],
      volumeMounts: [configMount, dbMount],
    }],
    volumes: [
      { name: 'config', configMap: { name: C.NAMES.configMap } },
      { name: 'db-password', secret: { secretName: props.database.passwordSecret.secret.name, items: [{ key: props.database.passwordSecret.key, path: C.PATHS.dbPasswordFile }] } },
      ...(cert ? [cert.volume] : []),
      ...(storeCaFiles ? [storeCaFiles.volume] : []),
      ...(useAuth ? [{ name: 'auth-secrets', secret: { secretName: authSecretName } }] : []),
    ],
  });
  return {
    props, namespace, version, image, address, allowFrom, scheduler, allowMetricsFrom, clusterRole: props.clusterRole ?? AdminClusterRole.flyteCore(),
    allowedOrigins, allowedHeaders, identity, tls, endpoint, grpcEndpoint, metricsEndpoint, configFiles, workload,
    storeCaConfigMap: storeCaFiles?.pemConfigMap,
  };
}
