import { Lazy, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { rollback } from '../../construct-rollback';
import { ValidationError } from '../../errors';
import { checkFields, T } from '../../input/prop-types';
import { requireSubdomain } from '../../names';
import { Endpoint } from '../../tls/endpoint';
import { requireOrigin } from '../../web/origin';
import { ServerTls } from '../../tls/server-tls';
import { TlsMode } from '../../tls/tls-mode';
import { supportedVersion, Version } from '../../version';
import { Resources, ServerCommonProps, validateCommonProps } from '../../workload/common-props';
import { componentMetadata, WorkloadIdentity } from '../../workload/labels';
import { ServerWorkload } from '../../workload/server-workload';
import { OutputPass } from '../../synth/output-pass';
import { AdminClientConfig, AdminClientConfigOptions, adminClientConfig } from './client-config';
import {
  AdminDatabase, AdminStorage, databaseSection, refuseCredentialEnv, serverSection, storageEnv, storageSection, validateDatabase, validateHeaders, validateStorage,
} from './admin-config';
import * as C from './constants';
import { FLYTE_DEFAULT_VERSION, FLYTE_LINE } from '../flyte-release';
import {
  AdminExtraConfig, checkExtraArgs, checkExtraEnvKeys, DERIVED_FILES, DerivedSection, leafKeys, mergeSection, normaliseExtraConfig, splitSections,
} from './extra-config';
import { ADMIN_FIELDS } from './admin-prop-types';
import { addAdminRbac } from './admin-rbac';

/** Props of `SecureAdmin`. */
export interface SecureAdminProps extends ServerCommonProps {
  /** The TLS mode: `disabled()`, `fromSecret(...)` or `certManager(...)` (Admin cannot make its own certificate). */
  readonly tls: TlsMode;
  /** @default 'flyte' */
  readonly namespace?: string;
  /** @default 'v1.16.8' */
  readonly version?: string;
  /** @default - `cr.flyte.org/flyteorg/flyteadmin:<version>` */
  readonly image?: string;
  /** @default - flyte-core's: requests cpu 10m / memory 50Mi, limits cpu 250m / memory 500Mi */
  readonly resources?: Resources;
  /**
   * The URL the browser reaches Admin at (an origin: scheme, host, optional port). The Console's
   * `ADMIN_API_URL`; in certManager mode its host joins the certificate.
   * @default - `<scheme>://localhost:8088` (port-forward), the scheme following `tls`
   */
  readonly publicUrl?: string;
  /**
   * Browser origins allowed to call Admin, besides those registered with `allowOrigin()` (exact origins; no `*`).
   * @default - none
   */
  readonly allowedOrigins?: string[];
  /**
   * Request headers browsers may send cross-origin (Admin always adds `Content-Type`).
   * @default ['Content-Type', 'flyte-authorization']
   */
  readonly allowedHeaders?: string[];
  /**
   * Enforce authentication (`server.security.useAuth`); needs `authSecretName` and an `auth` section in `extraConfig`.
   * @default false
   */
  readonly useAuth?: boolean;
  /**
   * The Secret with Admin's auth keys (as `flyteadmin secrets init` writes them), mounted at `/etc/secrets/`. Only with `useAuth`.
   * @default - none
   */
  readonly authSecretName?: string;
  /** Admin's PostgreSQL database; the password comes from a Secret, as a file. */
  readonly database: AdminDatabase;
  /** Admin's object store; credentials come from a Secret, as environment variables. */
  readonly storage: AdminStorage;
  /**
   * More configuration by section, merged into the config files; keys the construct derives are refused.
   * @default - none
   */
  readonly extraConfig?: AdminExtraConfig;
}

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
  /** The TLS mode every listener, probe, mount and CORS setting follows. */
  public readonly tls: TlsMode;
  /** The namespace of every namespaced object. */
  public readonly namespace: string;
  /** The Flyte release (image tag and version rules such as CORS under TLS). */
  public readonly version: Version;
  /** The image of Admin and its init container. */
  public readonly image: string;
  /** The browser-facing origin of Admin (normalised, no trailing slash). */
  public readonly publicUrl: string;
  /** Request headers browsers may send cross-origin. */
  public readonly allowedHeaders: string[];
  /** The serving certificate's Secret, trust and (certManager) Certificate. */
  public readonly serverTls: ServerTls;
  /** `flyte-admin-base-config`, rendered at synth. */
  public readonly configMap: k8s.KubeConfigMap;
  /** The Deployment, Service and ServiceAccount (typed objects, for inspection and wiring). */
  public readonly workload: ServerWorkload;
  private readonly origins = new Set<string>();

  constructor(scope: Construct, id: string, props: SecureAdminProps) {
    super(scope, id);
    try {
      const path = this.node.path;
      props = checkFields(path, '', props, ADMIN_FIELDS, [], 'props of SecureAdmin') as unknown as SecureAdminProps;
      ServerTls.requireMode(path, props.tls, ['disabled', 'secret', 'certManager'],
        'Flyte Admin cannot make its own certificate: it loads ssl.certificateFile/keyFile from files',
        'TlsMode.certManager({ issuer }) with a cert-manager SelfSigned (or CA) issuer, TlsMode.fromSecret(name), or TlsMode.disabled()');
      validateCommonProps(path, props);
      validateDatabase(path, props.database);
      validateStorage(path, props.storage);
      this.tls = props.tls;
      const tlsOn = this.tls.enabled;
      this.namespace = props.namespace ?? 'flyte';
      this.version = supportedVersion(path, 'version', props.version ?? FLYTE_DEFAULT_VERSION, FLYTE_LINE);
      this.image = props.image ?? `${C.ADMIN_IMAGE}:${this.version.tag}`;
      this.publicUrl = requireOrigin(path, 'publicUrl', props.publicUrl ?? `${this.tls.scheme}://localhost:${C.HTTP_PORT}`);
      (props.allowedOrigins ?? []).forEach((o, i) => this.origins.add(requireOrigin(path, `allowedOrigins[${i}]`, o)));
      this.allowedHeaders = validateHeaders(path, props.allowedHeaders ?? C.DEFAULT_ALLOWED_HEADERS);
      const useAuth = props.useAuth ?? false;
      if (useAuth && props.authSecretName === undefined) {
        throw new ValidationError(path, 'authSecretName', undefined, 'with useAuth, Admin reads its auth keys from /etc/secrets/', 'the name of a Secret made by `flyteadmin secrets init`');
      }
      if (!useAuth && props.authSecretName !== undefined) {
        throw new ValidationError(path, 'authSecretName', props.authSecretName, 'it only applies with useAuth', 'useAuth: true, or no authSecretName');
      }
      if (props.authSecretName !== undefined) requireSubdomain(path, 'authSecretName', props.authSecretName);
      refuseCredentialEnv(path, props.extraEnv);

      const identity: WorkloadIdentity = {
        name: 'flyteadmin', instance: props.instance ?? C.NAMES.deployment, version: this.version.tag, partOf: 'flyte', component: 'admin',
      };
      const meta = (name: string) => componentMetadata(identity, props, this.namespace, name);
      this.serverTls = new ServerTls(this, 'Tls', {
        mode: this.tls, serviceName: C.NAMES.service, namespace: this.namespace, clusterDomain: props.clusterDomain, labels: meta(C.NAMES.service).labels,
        // With secure: true the REST gateway dials Admin's own gRPC server with ServerName
        // "0.0.0.0:<httpPort>" and only the serving certificate as root (flyteadmin/pkg/server/service.go
        // serveGatewaySecure, config.go GetHostAddress). Go accepts that name only as a DNS SAN equal to
        // the string (x509 VerifyHostname): without it every REST call fails while /healthcheck stays green.
        literalDnsNames: tlsOn ? [C.gatewayDialName(C.HTTP_PORT)] : [],
      });
      this.serverTls.addPublicHost(path, 'publicUrl', this.publicUrl);
      // The ssl paths of server.yaml are the files this mount provides.
      const cert = this.serverTls.certificateFiles('tls', C.PATHS.tls);

      // The user's config as flyteadmin reads it (keys ignore case, dotted keys nest), checked now
      // against the derived sections, so that a refusal throws here; rendered at synth.
      const userConfig = normaliseExtraConfig(path, props.extraConfig);
      const extra = splitSections(path, userConfig);
      const derived: { [S in DerivedSection]: () => { [key: string]: unknown } } = {
        server: () => serverSection({ tlsEnabled: tlsOn, certificate: cert, useAuth, allowedOrigins: this.allowedOrigins, allowedHeaders: this.allowedHeaders }),
        database: () => databaseSection(props.database),
        storage: () => storageSection(props.storage),
      };
      const merged = (s: DerivedSection) => mergeSection(path, s, derived[s](), extra.derived[s], tlsOn, userConfig.props);
      const sections = Object.keys(DERIVED_FILES) as DerivedSection[];
      sections.forEach(merged);
      // Every config key is also a flag and an environment variable (flytestdlib).
      const derivedKeys = sections.flatMap((s) => leafKeys(derived[s](), s));
      checkExtraArgs(path, props.extraArgs, derivedKeys, tlsOn);
      checkExtraEnvKeys(path, props.extraEnv, derivedKeys, tlsOn);

      const trust = this.serverTls.trust;
      if (tlsOn) {
        this.endpoint = new Endpoint({ mode: this.tls, serviceName: C.NAMES.service, namespace: this.namespace, port: C.HTTP_PORT, servicePort: C.SERVICE_PORTS.https, trust });
        this.grpcEndpoint = this.endpoint;
      } else {
        this.endpoint = new Endpoint({ mode: this.tls, serviceName: C.NAMES.service, namespace: this.namespace, port: C.HTTP_PORT, servicePort: C.SERVICE_PORTS.http, trust });
        this.grpcEndpoint = new Endpoint({
          mode: this.tls, serviceName: C.NAMES.service, namespace: this.namespace, port: C.GRPC_PORT, servicePort: C.SERVICE_PORTS.grpc, portName: 'grpc', trust,
        });
      }

      const data: { [file: string]: string } = {};
      for (const s of sections) {
        // Lazy: origins registered after construction (a Console made later) still land.
        data[DERIVED_FILES[s]] = Lazy.any({ produce: () => renderYaml(this, { [s]: merged(s) }) }) as unknown as string;
      }
      for (const e of extra.files) data[e.file] = Lazy.any({ produce: () => renderYaml(this, { [e.section]: e.body }) }) as unknown as string;
      this.configMap = new k8s.KubeConfigMap(this, 'Config', { metadata: meta(C.NAMES.configMap), data });

      const configMount = { name: 'config', mountPath: C.PATHS.config, readOnly: true };
      const dbMount = { name: 'db-password', mountPath: C.PATHS.db, readOnly: true };
      const config = ['flyteadmin', '--config', C.PATHS.configGlob];
      const probe = { endpoint: this.endpoint, path: C.HEALTH_PATH };

      this.workload = new ServerWorkload(this, 'Workload', {
        name: C.NAMES.deployment,
        namespace: this.namespace,
        identity,
        common: props,
        runAs: C.RUN_AS,
        serviceAccountName: C.NAMES.serviceAccount,
        callsApi: true,
        ports: tlsOn ? [{ endpoint: this.endpoint }] : [{ endpoint: this.endpoint }, { endpoint: this.grpcEndpoint }],
        // flyte-core's probe timings; its exec probes hardcode http://127.0.0.1:8088, so the probe itself is derived.
        readiness: { ...probe, initialDelaySeconds: 15 },
        liveness: { ...probe, initialDelaySeconds: 20, periodSeconds: 5 },
        configMaps: [this.configMap],
        main: {
          name: C.NAMES.mainContainer,
          image: this.image,
          command: [...config, 'serve'],
          env: storageEnv(props.storage),
          resources: C.ADMIN_RESOURCES,
          userResources: props.resources,
          writablePaths: [C.PATHS.tmp, C.PATHS.sharedData],
          volumeMounts: [
            configMount,
            dbMount,
            ...(cert ? [cert.mount] : []),
            ...(useAuth ? [{ name: 'auth-secrets', mountPath: C.PATHS.authSecrets, readOnly: true }] : []),
          ],
        },
        initContainers: [{
          name: C.NAMES.migrations,
          image: this.image,
          command: [...config, 'migrate', 'run'],
          resources: C.ADMIN_RESOURCES,
          writablePaths: [C.PATHS.tmp],
          volumeMounts: [configMount, dbMount],
        }],
        volumes: [
          { name: 'config', configMap: { name: C.NAMES.configMap } },
          { name: 'db-password', secret: { secretName: props.database.passwordSecret.name, items: [{ key: props.database.passwordSecret.key, path: C.PATHS.dbPasswordFile }] } },
          ...(cert ? [cert.volume] : []),
          ...(useAuth ? [{ name: 'auth-secrets', secret: { secretName: props.authSecretName } }] : []),
        ],
      });
      addAdminRbac(this.workload, this.namespace);
      OutputPass.of(this).register(this, { crossCheck: () => this.corsVersionErrors() });
    } catch (error) {
      throw rollback(this, error);
    }
  }

  /**
   * Allows a browser origin (`scheme://host[:port]`) to call Admin; the Console calls this for its
   * `publicOrigin`. Resolved at synth, so the order of construction does not matter.
   */
  public allowOrigin(origin: string): void {
    this.origins.add(requireOrigin(this.node.path, 'origin', origin));
  }

  /**
   * The DNS names Admin's serving certificate must carry: the Service's names, the public host,
   * and `0.0.0.0:<httpPort>`, the name Admin's own REST gateway verifies it by (UPSTREAM §9.1;
   * flyteadmin/pkg/server/service.go `serveGatewaySecure`). In certManager mode the Certificate
   * carries them; with `TlsMode.fromSecret` the certificate you issue must. Empty with TLS off.
   */
  public get certificateDnsNames(): string[] {
    return this.tls.enabled ? this.serverTls.dnsNames : [];
  }

  /** Every allowed origin (registered and explicit), deduplicated and sorted. */
  public get allowedOrigins(): string[] {
    return [...this.origins].sort();
  }

  /** The admin-client settings (endpoint, insecure, CA file) that gRPC clients of this Admin need. */
  public clientConfig(options: AdminClientConfigOptions = {}): AdminClientConfig {
    options = checkFields(`${this.node.path}.clientConfig`, 'options', options ?? {}, { caDirectory: T.string }, [], 'options of clientConfig') as AdminClientConfigOptions;
    if (options.caDirectory !== undefined && !/^\/[^\s]*$/.test(options.caDirectory)) {
      throw new ValidationError(`${this.node.path}.clientConfig`, 'caDirectory', options.caDirectory, 'not an absolute path', 'e.g. "/etc/flyte/admin-ca"');
    }
    return adminClientConfig(this.grpcEndpoint, options);
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

/** A config file's YAML; the synth-time pass is told its value, so it need not parse it again. */
function renderYaml(scope: Construct, value: { [section: string]: unknown }): string {
  const text = Yaml.stringify(value);
  OutputPass.of(scope).renderedYaml(text, value);
  return text;
}
