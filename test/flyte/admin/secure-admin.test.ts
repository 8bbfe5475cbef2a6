import { Chart } from 'cdk8s';
import { parse } from 'yaml';
import { ObjectStore, SecureAdmin, SecureAdminProps, TlsMode, ValidationError } from '../../../lib';
import { documentedDefaults } from '../../support/documented-defaults';
import { adminConfigOf, DATABASE, expectFlyteValid, STORAGE, userSecrets } from '../../support/flyte-invariants';
import { container, only, synth, testApp, testChart } from '../../support/harness';
import { secret } from '../../support/refs';

/** The shared test store (STORAGE: MinIO over http, keys from flyte-storage) as an ObjectStore. */
const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

type Props = Partial<SecureAdminProps> & { tls: TlsMode };

function build(props: Props, validate = true) {
  const chart = testChart();
  const admin = new SecureAdmin(chart, 'admin', { database: DATABASE, objectStore: OBJECT_STORE, ...props });
  const objects = synth(chart);
  const extra = props.tls.kind === 'secret' ? [props.tls.secretName!] : [];
  if (validate) expectFlyteValid(objects, admin, [], { external: [...userSecrets(admin.namespace, ...extra), 'Secret/flyte/flyte-admin-auth'] });
  const config = adminConfigOf(objects, admin.namespace);
  return { admin, objects, config, main: container(objects, 'Deployment', 'flyteadmin'), pod: only(objects, 'Deployment').spec.template.spec };
}

const CERT_MANAGER = TlsMode.certManager({ issuer: { name: 'flyte-ca' } });
const MODES = [
  { name: 'disabled', tls: TlsMode.disabled(), scheme: 'http', probe: 'HTTP' },
  { name: 'fromSecret', tls: TlsMode.fromSecretName('flyte-tls'), scheme: 'https', probe: 'HTTPS' },
  { name: 'certManager', tls: CERT_MANAGER, scheme: 'https', probe: 'HTTPS' },
] as const;

describe.each(MODES)('SecureAdmin in $name mode', (mode) => {
  const tlsOn = mode.name !== 'disabled';

  test('server.yaml: secure, ports and ssl files follow the mode', () => {
    const { config } = build({ tls: mode.tls });
    expect(config.server.httpPort).toBe(8088);
    expect(config.server.security.secure).toBe(tlsOn);
    expect(config.server).not.toHaveProperty('grpcPort');
    if (tlsOn) {
      expect(config.server.security.ssl).toEqual({ certificateFile: '/etc/tls/tls.crt', keyFile: '/etc/tls/tls.key' });
      expect(config.server).not.toHaveProperty('grpc');
    } else {
      expect(config.server.grpc).toEqual({ port: 8089 });
      expect(config.server.security).not.toHaveProperty('ssl');
    }
  });

  test('container ports: http + grpc with TLS off, ONE https port with TLS on; the plain metrics port in both', () => {
    const { main } = build({ tls: mode.tls });
    const metrics = { name: 'http-metrics', containerPort: 10254, protocol: 'TCP' };
    expect(main.ports).toEqual(tlsOn
      ? [{ name: 'https', containerPort: 8088, protocol: 'TCP' }, metrics]
      : [{ name: 'http', containerPort: 8088, protocol: 'TCP' }, { name: 'grpc', containerPort: 8089, protocol: 'TCP' }, metrics]);
  });

  test('probes /healthcheck with the scheme of the port, at flyte-core timings', () => {
    const { main } = build({ tls: mode.tls });
    const get = { path: '/healthcheck', port: mode.scheme, scheme: mode.probe };
    expect(main.readinessProbe).toEqual({ httpGet: get, initialDelaySeconds: 15 });
    expect(main.livenessProbe).toEqual({ httpGet: get, initialDelaySeconds: 20, periodSeconds: 5 });
  });

  test('Service: http 80 + grpc 81, or https 443 only; http-metrics 10254 as flyte-core has it', () => {
    const { objects } = build({ tls: mode.tls });
    const metrics = { name: 'http-metrics', port: 10254, targetPort: 'http-metrics', protocol: 'TCP' };
    expect(only(objects, 'Service', 'flyteadmin').spec.ports).toEqual(tlsOn
      ? [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }, metrics]
      : [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'grpc', port: 81, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' }, metrics]);
  });

  test('the metrics endpoint is plain HTTP on 10254 whatever the mode, and flyteadmin.profilerPort says so', () => {
    const { admin, config } = build({ tls: mode.tls });
    expect([admin.metricsEndpoint.scheme, admin.metricsEndpoint.port, admin.metricsEndpoint.portName, admin.metricsEndpoint.url('/metrics')])
      .toEqual(['http', 10254, 'http-metrics', 'http://flyteadmin.flyte.svc:10254/metrics']);
    expect(config.flyteadmin).toEqual({ profilerPort: 10254 });
  });

  test('8089 appears in no container port, probe or Service with TLS on', () => {
    const { objects, main } = build({ tls: mode.tls });
    const wiring = JSON.stringify([main.ports, main.livenessProbe, main.readinessProbe, only(objects, 'Service').spec]);
    expect(wiring.includes('8089')).toBe(!tlsOn);
  });

  test('endpoints: gRPC moves to the TLS port when TLS is on', () => {
    const { admin } = build({ tls: mode.tls });
    expect(admin.endpoint.url()).toBe(tlsOn ? 'https://flyteadmin.flyte.svc:443' : 'http://flyteadmin.flyte.svc:80');
    if (tlsOn) expect(admin.grpcEndpoint).toBe(admin.endpoint);
    else expect([admin.grpcEndpoint.portName, admin.grpcEndpoint.port, admin.grpcEndpoint.servicePort]).toEqual(['grpc', 8089, 81]);
  });

  test('the certificate is mounted at /etc/tls from the Secret, only with TLS on', () => {
    const { main, pod } = build({ tls: mode.tls });
    const mount = main.volumeMounts.find((m: any) => m.mountPath === '/etc/tls');
    const volume = pod.volumes.find((v: any) => v.name === 'tls');
    if (!tlsOn) return expect([mount, volume]).toEqual([undefined, undefined]);
    expect(mount).toEqual({ name: 'tls', mountPath: '/etc/tls', readOnly: true });
    expect(volume.secret).toEqual({
      secretName: mode.name === 'fromSecret' ? 'flyte-tls' : 'flyteadmin-tls',
      items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }],
    });
  });

  test('clientConfig() follows the gRPC endpoint', () => {
    const { admin } = build({ tls: mode.tls });
    const client = admin.clientConfig();
    expect(client.endpoint).toBe(tlsOn ? 'dns:///flyteadmin.flyte.svc:443' : 'dns:///flyteadmin.flyte.svc:81');
    expect(client.insecure).toBe(!tlsOn);
    expect(client.insecureSkipVerify).toBe(false);
    // certManager's default trust is the issued Secret's ca.crt; fromSecret defaults to system roots.
    expect(client.caCertFilePath).toBe(mode.name === 'certManager' ? '/etc/flyte/admin-ca/ca.crt' : undefined);
    expect(client.caSource?.secretName).toBe(mode.name === 'certManager' ? 'flyteadmin-tls' : undefined);
  });
});

describe('SecureAdmin objects', () => {
  test('flyte-core names: ServiceAccount, Deployment, Service flyteadmin; ConfigMap flyte-admin-base-config', () => {
    const { objects } = build({ tls: TlsMode.disabled() });
    const names = objects.filter((o) => o.metadata.namespace).map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(names).toEqual(['ConfigMap/flyte-admin-base-config', 'Deployment/flyteadmin', 'Service/flyteadmin', 'ServiceAccount/flyteadmin']);
  });

  test('the ConfigMap holds server.yaml, db.yaml, storage.yaml and flyteadmin.yaml, mounted at /etc/flyte/config', () => {
    const { objects, main, pod } = build({ tls: TlsMode.disabled() });
    expect(Object.keys(only(objects, 'ConfigMap').data).sort()).toEqual(['db.yaml', 'flyteadmin.yaml', 'server.yaml', 'storage.yaml']);
    expect(main.volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/flyte/config', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'config', configMap: { name: 'flyte-admin-base-config' } });
  });

  test('runs flyteadmin --config /etc/flyte/config/*.yaml serve, after the run-migrations init container', () => {
    const { main, pod } = build({ tls: TlsMode.disabled() });
    expect(main.command).toEqual(['flyteadmin', '--config', '/etc/flyte/config/*.yaml', 'serve']);
    expect(main.args).toBeUndefined();
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['run-migrations']);
    const init = pod.initContainers[0];
    expect(init.command).toEqual(['flyteadmin', '--config', '/etc/flyte/config/*.yaml', 'migrate', 'run']);
    expect(init.image).toBe(main.image);
    expect(init.volumeMounts).toEqual(expect.arrayContaining([
      { name: 'config', mountPath: '/etc/flyte/config', readOnly: true }, { name: 'db-password', mountPath: '/etc/db', readOnly: true }]));
  });

  test('db.yaml: postgres keys, the password as a file mounted from the Secret', () => {
    const { config, main, pod } = build({ tls: TlsMode.disabled(), database: { ...DATABASE, port: 6432, dbName: 'admin' } });
    expect(config.database).toEqual({ postgres: { host: 'postgres.flyte.svc', port: 6432, dbname: 'admin', username: 'flyteadmin', passwordPath: '/etc/db/pass.txt' } });
    expect(pod.volumes).toContainEqual({ name: 'db-password', secret: { secretName: 'flyte-db', items: [{ key: 'password', path: 'pass.txt' }] } });
    expect(main.volumeMounts).toContainEqual({ name: 'db-password', mountPath: '/etc/db', readOnly: true });
  });

  test('storage.yaml: the typed store, with credentials only as secretKeyRef env', () => {
    const { config, main, objects } = build({ tls: TlsMode.disabled() });
    expect(config.storage).toEqual({ type: 'minio', container: 'flyte-data', connection: { 'auth-type': 'iam', endpoint: 'http://minio.flyte.svc:9000' } });
    expect(main.env).toEqual([
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'flyte-storage', key: 'access-key' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'flyte-storage', key: 'secret-key' } } },
    ]);
    expect(JSON.stringify(objects)).not.toMatch(/access-key"?:|secret-key"?:/);
  });

  test('S3 without credentials uses the pod identity: no env, region given', () => {
    const { config, main } = build({ tls: TlsMode.disabled(), objectStore: ObjectStore.s3({ bucket: 'bucket-b', region: 'eu-west-1' }) });
    expect(config.storage).toEqual({ type: 's3', container: 'bucket-b', connection: { 'auth-type': 'iam', region: 'eu-west-1' } });
    expect(main.env).toBeUndefined();
  });

  test('restricted, runAsUser 1001, emptyDirs for /tmp and /srv/flyte, token mounted', () => {
    const { main, pod, objects } = build({ tls: TlsMode.fromSecretName('flyte-tls') });
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1001, fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } });
    expect(main.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(main.volumeMounts).toEqual(expect.arrayContaining([{ name: 'tmp', mountPath: '/tmp' }, { name: 'srv-flyte', mountPath: '/srv/flyte' }]));
    expect(pod.initContainers[0].volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(only(objects, 'ServiceAccount').automountServiceAccountToken).toBe(true);
  });

  test('the RBAC flyte-core gives flyteadmin, named after the namespace', () => {
    const { objects } = build({ tls: TlsMode.disabled(), namespace: 'flyte-x' }, false);
    const role = only(objects, 'ClusterRole', 'flyte-x-flyteadmin');
    expect(role.rules).toEqual([{
      apiGroups: ['', 'flyte.lyft.com', 'rbac.authorization.k8s.io'],
      resources: ['configmaps', 'flyteworkflows', 'namespaces', 'pods', 'resourcequotas', 'roles', 'rolebindings', 'secrets', 'services', 'serviceaccounts', 'spark-role', 'limitranges'],
      verbs: ['*'],
    }]);
    const binding = only(objects, 'ClusterRoleBinding', 'flyte-x-flyteadmin-binding');
    expect(binding.roleRef.name).toBe('flyte-x-flyteadmin');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'flyteadmin', namespace: 'flyte-x' }]);
  });

  test('resources: flyte-core values by default, the user\'s when given', () => {
    expect(build({ tls: TlsMode.disabled() }).main.resources).toEqual({ requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '250m', memory: '500Mi' } });
    expect(build({ tls: TlsMode.disabled(), resources: { limits: { memory: '1Gi' } } }).main.resources.limits).toEqual({ memory: '1Gi' });
  });

  test('version drives the image; an image override does not change the version', () => {
    expect(build({ tls: TlsMode.disabled(), version: '1.14.0' }).main.image).toBe('cr.flyte.org/flyteorg/flyteadmin:v1.14.0');
    const { admin, main } = build({ tls: TlsMode.disabled(), image: 'mirror.local/flyteadmin:patched' });
    expect([main.image, admin.version.tag]).toEqual(['mirror.local/flyteadmin:patched', 'v1.16.8']);
  });

  test('a config change rolls the pods', () => {
    const sum = (objs: any[]) => only(objs, 'Deployment').spec.template.metadata.annotations['checksum/flyte-admin-base-config'];
    const a = build({ tls: TlsMode.disabled() }).objects;
    const b = build({ tls: TlsMode.disabled(), allowedOrigins: ['http://localhost:3000'] }).objects;
    expect(sum(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(sum(a)).not.toBe(sum(b));
  });

  test('certManager: the Certificate covers the Service names and the publicUrl host', () => {
    const { objects } = build({ tls: CERT_MANAGER, publicUrl: 'https://flyte.example.com' });
    const cert = only(objects, 'Certificate', 'flyteadmin');
    expect(cert.spec.secretName).toBe('flyteadmin-tls');
    // 0.0.0.0:8088: the name Admin's own REST gateway verifies the certificate by (UPSTREAM §9.1).
    expect(cert.spec.dnsNames).toEqual(['flyteadmin', 'flyteadmin.flyte', 'flyteadmin.flyte.svc', 'flyteadmin.flyte.svc.cluster.local', '0.0.0.0:8088', 'flyte.example.com']);
  });

  test('useAuth mounts the auth Secret at /etc/secrets/', () => {
    const { config, main, pod } = build({ tls: TlsMode.disabled(), useAuth: true, authSecret: secret('flyte-admin-auth'), extraConfig: { auth: { authorizedUris: ['http://localhost:8088'] } } });
    expect(config.server.security.useAuth).toBe(true);
    expect(main.volumeMounts).toContainEqual({ name: 'auth-secrets', mountPath: '/etc/secrets/', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'auth-secrets', secret: { secretName: 'flyte-admin-auth' } });
  });
});

describe('SecureAdmin CORS', () => {
  test('allowCors with explicit origins and default headers', () => {
    const { config } = build({ tls: TlsMode.disabled(), allowedOrigins: ['http://b.example.com', 'http://a.example.com/', 'http://a.example.com'] });
    expect(config.server.security).toMatchObject({ allowCors: true, allowedOrigins: ['http://a.example.com', 'http://b.example.com'], allowedHeaders: ['Content-Type', 'flyte-authorization'] });
  });

  test('no origin registered: an empty list (never the code default "*")', () => {
    expect(build({ tls: TlsMode.disabled() }).config.server.security.allowedOrigins).toEqual([]);
  });

  test('origins registered after construction land at synth, deduplicated and sorted', () => {
    const chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE, allowedOrigins: ['http://z.example.com'] });
    admin.allowOrigin('http://localhost:8080');
    admin.allowOrigin('http://localhost:8080/');
    const server = parse(only(synth(chart), 'ConfigMap').data['server.yaml']).server;
    expect(server.security.allowedOrigins).toEqual(['http://localhost:8080', 'http://z.example.com']);
    expect(admin.allowedOrigins).toEqual(['http://localhost:8080', 'http://z.example.com']);
  });

  test('allowedHeaders replaces the default list', () => {
    expect(build({ tls: TlsMode.disabled(), allowedHeaders: ['flyte-authorization', 'X-Trace', 'X-Trace'] }).config.server.security.allowedHeaders).toEqual(['flyte-authorization', 'X-Trace']);
  });
});

describe('SecureAdmin extraConfig', () => {
  test('merges into server.yaml and adds other sections as files', () => {
    const { config, objects } = build({ tls: TlsMode.disabled(), extraConfig: { server: { grpc: { maxMessageSizeBytes: 1000 }, security: { insecureCookieHeader: true } }, logger: { level: 5 } } });
    expect(config.server.grpc).toEqual({ port: 8089, maxMessageSizeBytes: 1000 });
    expect(config.server.security.insecureCookieHeader).toBe(true);
    expect(config.server.security.secure).toBe(false);
    expect(parse(only(objects, 'ConfigMap').data['logger.yaml'])).toEqual({ logger: { level: 5 } });
  });

  test('database options and storage extras are accepted', () => {
    const { config } = build({ tls: TlsMode.disabled(), extraConfig: { database: { postgres: { options: 'sslmode=require' } }, storage: { limits: { maxDownloadMBs: 10 } } } });
    expect(config.database.postgres.options).toBe('sslmode=require');
    expect(config.storage.limits).toEqual({ maxDownloadMBs: 10 });
  });
});

describe('SecureAdmin documented defaults', () => {
  const chart = testChart();
  const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: { host: 'pg', username: 'u', passwordSecret: { secret: secret('db'), key: 'pw' } }, objectStore: OBJECT_STORE });
  const objects = synth(chart);
  const config = adminConfigOf(objects, 'flyte');
  const list = (l: string[]) => `[${l.map((h) => `'${h}'`).join(', ')}]`;
  const observed: { [file: string]: { [prop: string]: () => string } } = {
    SecureAdminProps: {
      namespace: () => `'${only(objects, 'Deployment').metadata.namespace}'`,
      version: () => `'${admin.version.tag}'`,
      allowedHeaders: () => list(config.server.security.allowedHeaders),
      useAuth: () => String(config.server.security.useAuth),
    },
    AdminDatabase: {
      port: () => String(config.database.postgres.port),
      dbName: () => `'${config.database.postgres.dbname}'`,
    },
  };
  const sources: { [iface: string]: string } = { SecureAdminProps: 'lib/flyte/admin/admin-props.ts', AdminDatabase: 'lib/flyte/admin/admin-config.ts' };

  test.each(Object.keys(observed))('every literal @default of %s is checked here', (iface) => {
    expect([...documentedDefaults(sources[iface], iface).keys()].sort()).toEqual(Object.keys(observed[iface]).sort());
  });

  test.each(Object.entries(observed).flatMap(([iface, props]) => Object.keys(props).map((p) => [iface, p])))('%s.%s: the documented default is synthesized', (iface, prop) => {
    expect(observed[iface][prop]()).toBe(documentedDefaults(sources[iface], iface).get(prop));
  });

  test('publicUrl defaults to <scheme>://localhost:8088', () => {
    expect(admin.publicUrl).toBe('http://localhost:8088');
    expect(build({ tls: TlsMode.fromSecretName('flyte-tls') }).admin.publicUrl).toBe('https://localhost:8088');
  });
});

describe('SecureAdmin refusals', () => {
  /** Constructs with `props`, expects a ValidationError whose message starts with the path and matches `pattern`. */
  const refuse = (props: any, pattern: RegExp, prop?: string) => {
    const chart = testChart();
    let error: unknown;
    try {
      new SecureAdmin(chart, 'admin', { database: DATABASE, objectStore: OBJECT_STORE, ...props });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^test\/admin: /);
    expect((error as Error).message).toMatch(pattern);
    if (prop) expect((error as ValidationError).prop).toBe(prop);
  };

  test('selfSigned: Admin cannot make its own certificate; the message names TlsMode.certManager with a self-signed issuer', () => {
    refuse({ tls: TlsMode.selfSigned() }, /tls TlsMode\.selfSigned\(\) is not allowed: Flyte Admin cannot make its own certificate.*; use TlsMode\.certManager\(\{ issuer \}\) with a cert-manager SelfSigned/, 'tls');
  });

  test.each([
    ['a "*" origin', { allowedOrigins: ['*'] }, /allowedOrigins\[0\] "\*" is not allowed: wildcard .* credentialed/],
    ['an origin with a path', { allowedOrigins: ['http://localhost:8080/console'] }, /allowedOrigins\[0\] "http:\/\/localhost:8080\/console" is not allowed: an origin has no path/],
    ['a publicUrl with a path', { publicUrl: 'https://flyte.example.com/api' }, /publicUrl .* is not allowed: an origin has no path/],
    ['a header that is no token', { allowedHeaders: ['bad header'] }, /allowedHeaders\[0\] "bad header" is not allowed/],
    ['a version below 1.10', { version: '1.9.5' }, /version "1.9.5" is not allowed: older than v1.10.0/],
    ['useAuth without its Secret', { useAuth: true }, /authSecret \(unset\) is not allowed: with useAuth/],
    ['an auth Secret without useAuth', { authSecret: secret('x') }, /authSecret "x" is not allowed: it only applies with useAuth/],
    ['credentials in extraEnv', { extraEnv: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'x' }] }, /extraEnv\[0\] "AWS_SECRET_ACCESS_KEY" is not allowed: storage credentials are derived/],
  ])('refuses %s', (_name, props, pattern) => {
    refuse({ tls: TlsMode.disabled(), ...props }, pattern);
  });

  test('"*" through allowOrigin() is refused too', () => {
    const admin = new SecureAdmin(testChart(), 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
    expect(() => admin.allowOrigin('*')).toThrow(ValidationError);
    expect(() => admin.allowOrigin('*')).toThrow(/^test\/admin: origin "\*" is not allowed: wildcard/);
    expect(() => admin.allowOrigin('https://x.example.com/path')).toThrow(/origin "https:\/\/x.example.com\/path" is not allowed: an origin has no path/);
  });

  test.each([
    ['server.security.secure', { server: { security: { secure: false } } }, 'fromSecret', /extraConfig\.server\.security\.secure false is not allowed: the construct derives server\.security\.secure \(true\); use the tls prop/],
    ['server.security as a whole', { server: { security: 'off' } }, 'disabled', /extraConfig\.server\.security "off" is not allowed: the construct derives server\.security/],
    ['server.security.allowedOrigins', { server: { security: { allowedOrigins: ['*'] } } }, 'disabled', /extraConfig\.server\.security\.allowedOrigins .* use the allowedOrigins prop or admin\.allowOrigin\(\)/],
    ['server.httpPort', { server: { httpPort: 9000 } }, 'disabled', /extraConfig\.server\.httpPort 9000 is not allowed: the construct derives server\.httpPort \(8088\)/],
    ['the deprecated server.grpcPort', { server: { grpcPort: 9000 } }, 'disabled', /extraConfig\.server\.grpcPort 9000 is not allowed: deprecated and ignored/],
    ['server.grpc.port with TLS on', { server: { grpc: { port: 9000 } } }, 'fromSecret', /extraConfig\.server\.grpc\.port 9000 is not allowed: with TLS on, Admin serves gRPC on httpPort/],
    ['a plain-text database password', { database: { postgres: { password: 'hunter2' } } }, 'disabled', /extraConfig\.database\.postgres\.password "\(redacted\)" is not allowed: a plain-text password/],
    ['a deprecated top-level database key', { database: { host: 'other' } }, 'disabled', /extraConfig\.database\.host "other" is not allowed: deprecated top-level database keys override/],
    ['the derived passwordPath', { database: { postgres: { passwordPath: '/x' } } }, 'disabled', /the construct derives database\.postgres\.passwordPath/],
    ['inlined storage keys', { storage: { connection: { 'secret-key': 'x' } } }, 'disabled', /extraConfig\.storage\.connection\.secret-key "\(redacted\)" is not allowed: credentials inlined/],
    ['a stow section', { storage: { stow: { kind: 's3' } } }, 'disabled', /extraConfig\.storage\.stow .* replaces the connection/],
    ['a db section (file clash)', { db: { x: 1 } }, 'disabled', /extraConfig "db" is not allowed: a section name becomes the file/],
    ['a section that is no map', { logger: 5 }, 'disabled', /extraConfig\.logger 5 is not allowed: a config section is a map/],
  ])('extraConfig may not override %s', (_name, extraConfig, modeName, pattern) => {
    const tls = modeName === 'fromSecret' ? TlsMode.fromSecretName('flyte-tls') : TlsMode.disabled();
    refuse({ tls, extraConfig }, pattern);
  });

  test.each([
    ['--server.security.secure=false', /extraArgs\[0\] "--server.security.secure=false" is not allowed: the construct derives server\.security\.secure/],
    ['--server.httpPort', /the construct derives server\.httpPort/],
    ['--config=/other/*.yaml', /extraArgs\[0\] "--config=\/other\/\*.yaml" is not allowed: the construct derives config/],
    ['--database.postgres.passwordPath=/x', /derives database\.postgres\.passwordPath/],
  ])('extraArgs %s is refused (flags override the config file)', (arg, pattern) => {
    refuse({ tls: TlsMode.fromSecretName('flyte-tls'), extraArgs: [arg] }, pattern);
  });

  test('other extraArgs are appended after serve', () => {
    const { main } = build({ tls: TlsMode.disabled(), extraArgs: ['--logger.level=5'] });
    expect([...main.command, ...main.args]).toEqual(['flyteadmin', '--config', '/etc/flyte/config/*.yaml', 'serve', '--logger.level=5']);
  });

  test.each([
    ['no database', { database: undefined }, /database \(unset\) is not allowed: Admin needs its PostgreSQL database/, 'database'],
    ['a missing password Secret', { database: { host: 'pg', username: 'u' } }, /database\.passwordSecret \(unset\) is not allowed: flyteadmin reads its database password from a file.*use database\.passwordSecret: \{ secret: Secret\.fromSecretName\(scope, id, "name"\), key \}/, 'database.passwordSecret'],
    ['a plain-text password prop', { database: { ...DATABASE, password: 'hunter2' } }, /database\.password "\(redacted\)" is not allowed/, 'database.password'],
    ['a bad password Secret key', { database: { ...DATABASE, passwordSecret: { secret: secret('db'), key: 'a b' } } }, /database\.passwordSecret\.key "a b" is not allowed: not a valid Secret\/ConfigMap key/, undefined],
    ['no objectStore', { objectStore: undefined }, /objectStore \(unset\) is not allowed: objectStore is required; use an ObjectStore/, 'objectStore'],
    ['the old storage shape for objectStore', { objectStore: { type: 'minio', bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:9000' } }, /objectStore \{.*\} is not allowed: it is not an ObjectStore; use ObjectStore\.s3/, 'objectStore'],
    ['the old storage prop', { objectStore: OBJECT_STORE, storage: STORAGE }, /storage .* is not allowed: storage is not one of the props of SecureAdmin/, 'storage'],
  ])('refuses %s', (_name, props, pattern, prop) => {
    refuse({ tls: TlsMode.disabled(), ...props }, pattern, prop);
  });

  test.each([
    ['MinIO without endpoint', () => ObjectStore.minio({ bucket: 'flyte-data' } as any), /^ObjectStore\.minio: endpoint \(unset\) is not allowed: endpoint is required/, 'endpoint'],
    ['an endpoint that is no URL', () => ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'minio:9000' }), /^ObjectStore\.minio: endpoint "minio:9000" is not allowed: not an http\(s\) URL of a host/, 'endpoint'],
    ['a credentials Secret with a bad name', () => ObjectStore.s3({ bucket: 'flyte-data', credentials: { secret: secret('Bad') } }), /^ObjectStore\.s3: credentials\.secret\.name "Bad" is not allowed/, 'credentials.secret.name'],
    ['a type option (the old storage.type)', () => ObjectStore.s3({ bucket: 'flyte-data', type: 'gcs' } as any), /^ObjectStore\.s3: type "gcs" is not allowed: type is not one of the options of ObjectStore\.s3/, 'type'],
  ])('the store refuses %s before Admin is built (ObjectStore factories)', (_name, make, pattern, prop) => {
    const chart = testChart();
    let error: unknown;
    try {
      new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: make() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as ValidationError).prop).toBe(prop);
    expect(chart.node.tryFindChild('admin')).toBeUndefined();
  });

  test('a bad caDirectory for clientConfig()', () => {
    const admin = new SecureAdmin(testChart(), 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
    expect(() => admin.clientConfig({ caDirectory: 'relative' })).toThrow(/caDirectory "relative" is not allowed: not an absolute path/);
  });

  test('after a refusal, a later synth of the app emits nothing half-built', () => {
    const chart = new Chart(testApp(), 'c');
    expect(() => new SecureAdmin(chart, 'bad', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE, extraArgs: ['--config=x'] })).toThrow(ValidationError);
    expect(chart.node.tryFindChild('bad')).toBeUndefined();
    expect(synth(chart)).toEqual([]);
  });
});
