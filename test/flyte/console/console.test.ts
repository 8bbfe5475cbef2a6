import { Chart } from 'cdk8s';
import { Console, ConsoleProps, ObjectStore, SecureAdmin, SecureAdminProps, TlsMode, Trust, ValidationError } from '../../../lib';
import { documentedDefaults } from '../../support/documented-defaults';
import { adminConfigOf, DATABASE, expectFlyteValid, STORAGE, userSecrets } from '../../support/flyte-invariants';
import { container, only, synth, testApp, testChart } from '../../support/harness';

/** The shared test store (STORAGE: MinIO over http, keys from flyte-storage) as an ObjectStore. */
const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

type AdminOptions = Partial<SecureAdminProps> & { tls: TlsMode };

function pair(adminProps: AdminOptions, consoleProps: Partial<ConsoleProps> = {}) {
  const chart = testChart();
  const admin = new SecureAdmin(chart, 'admin', { database: DATABASE, objectStore: OBJECT_STORE, ...adminProps });
  const console = new Console(chart, 'console', { admin, ...consoleProps });
  const objects = synth(chart);
  const secrets = [adminProps.tls, console.tls].filter((t) => t.kind === 'secret').map((t) => t.secretName!);
  expectFlyteValid(objects, admin, [console], { external: userSecrets(admin.namespace, ...secrets) });
  const consoleObjects = objects.filter((o) => o.metadata?.labels?.['app.kubernetes.io/name'] === 'flyteconsole');
  return {
    admin, console, objects, consoleObjects,
    data: only(objects, 'ConfigMap', 'flyte-console-config').data,
    main: container(consoleObjects, 'Deployment', 'flyteconsole'),
    pod: only(consoleObjects, 'Deployment').spec.template.spec,
  };
}

const CERT_MANAGER = TlsMode.certManager({ issuer: { name: 'flyte-ca' } });
const MODES = [
  { name: 'disabled', tls: TlsMode.disabled(), scheme: 'http', probe: 'HTTP', servicePort: 80 },
  { name: 'fromSecret', tls: TlsMode.fromSecretName('flyte-tls'), scheme: 'https', probe: 'HTTPS', servicePort: 443 },
  { name: 'certManager', tls: CERT_MANAGER, scheme: 'https', probe: 'HTTPS', servicePort: 443 },
] as const;

describe.each(MODES)('Console in $name mode (taken from the Admin)', (mode) => {
  const tlsOn = mode.name !== 'disabled';

  test('takes the Admin\'s mode: one switch for the pair', () => {
    expect(pair({ tls: mode.tls }).console.tls).toBe(mode.tls);
  });

  test('flyte-console-config: BASE_URL, CONFIG_DIR, ADMIN_API_URL, and ADMIN_API_USE_SSL "https" only with TLS on', () => {
    const { data } = pair({ tls: mode.tls });
    expect(data).toEqual({
      BASE_URL: '/console',
      CONFIG_DIR: '/etc/flyte/config',
      ADMIN_API_URL: `${mode.scheme}://localhost:8088`,
      ...(tlsOn ? { ADMIN_API_USE_SSL: 'https' } : {}),
    });
  });

  test('listens on 8080, named after the scheme, with env from the ConfigMap', () => {
    const { main } = pair({ tls: mode.tls });
    expect(main.ports).toEqual([{ name: mode.scheme, containerPort: 8080, protocol: 'TCP' }]);
    expect(main.envFrom).toEqual([{ configMapRef: { name: 'flyte-console-config' } }]);
    expect(main.env).toBeUndefined();
  });

  test('probes baseUrl with the scheme the listener serves', () => {
    const { main } = pair({ tls: mode.tls });
    for (const probe of [main.livenessProbe, main.readinessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/console', port: mode.scheme, scheme: mode.probe });
    }
  });

  test('Service: https 443 or http 80 → 8080', () => {
    const { consoleObjects, console } = pair({ tls: mode.tls });
    expect(only(consoleObjects, 'Service', 'flyteconsole').spec.ports).toEqual([{ name: mode.scheme, port: mode.servicePort, targetPort: mode.scheme, protocol: 'TCP' }]);
    expect(console.endpoint.url('/console')).toBe(`${mode.scheme}://flyteconsole.flyte.svc:${mode.servicePort}/console`);
  });

  test('tls.crt/tls.key are mounted as server.crt/server.key at /scripts/certificate, only with TLS on', () => {
    const { main, pod } = pair({ tls: mode.tls });
    const mount = (main.volumeMounts ?? []).find((m: any) => m.mountPath === '/scripts/certificate');
    if (!tlsOn) return expect(mount).toBeUndefined();
    expect(mount).toEqual({ name: 'certificate', mountPath: '/scripts/certificate', readOnly: true });
    expect(pod.volumes.find((v: any) => v.name === 'certificate').secret).toEqual({
      secretName: mode.name === 'fromSecret' ? 'flyte-tls' : 'flyteconsole-tls',
      items: [{ key: 'tls.crt', path: 'server.crt' }, { key: 'tls.key', path: 'server.key' }],
    });
  });

  test('registers its origin with the Admin', () => {
    const { objects } = pair({ tls: mode.tls });
    expect(adminConfigOf(objects, 'flyte').server.security.allowedOrigins).toEqual([`${mode.scheme}://localhost:8080`]);
  });
});

describe('Console objects', () => {
  test('Deployment and Service flyteconsole, restricted as user 1000, no API token', () => {
    const { consoleObjects, main, pod } = pair({ tls: TlsMode.disabled() });
    expect(consoleObjects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/flyte-console-config', 'Deployment/flyteconsole', 'Service/flyteconsole', 'ServiceAccount/flyteconsole']);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(main.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsUser: 1000, capabilities: { drop: ['ALL'] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(main.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'srv-flyte', mountPath: '/srv/flyte' }]);
  });

  test('its own version line and image, never derived from the Admin\'s', () => {
    const { console, main } = pair({ tls: TlsMode.disabled(), version: 'v1.14.0' });
    expect([console.version.tag, main.image]).toEqual(['v1.21.0', 'cr.flyte.org/flyteorg/flyteconsole:v1.21.0']);
    expect(pair({ tls: TlsMode.disabled() }, { version: '1.19.0' }).main.image).toBe('cr.flyte.org/flyteorg/flyteconsole:v1.19.0');
  });

  test('flyte-core resources by default', () => {
    expect(pair({ tls: TlsMode.disabled() }).main.resources).toEqual({ requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '500m', memory: '250Mi' } });
  });

  test('the namespace defaults to the Admin\'s; another one works', () => {
    expect(pair({ tls: TlsMode.disabled(), namespace: 'flyte-x' }).console.namespace).toBe('flyte-x');
    const { consoleObjects } = pair({ tls: TlsMode.disabled() }, { namespace: 'ui' });
    expect(consoleObjects.every((o) => o.metadata.namespace === 'ui')).toBe(true);
  });

  test('baseUrl sets BASE_URL and the probe path', () => {
    const { data, main } = pair({ tls: TlsMode.disabled() }, { baseUrl: '/flyte/console/' });
    expect(data.BASE_URL).toBe('/flyte/console');
    expect(main.readinessProbe.httpGet.path).toBe('/flyte/console');
  });

  test('ADMIN_API_URL is the Admin\'s publicUrl', () => {
    const { data } = pair({ tls: CERT_MANAGER, publicUrl: 'https://flyte.example.com/' }, { publicOrigin: 'https://console.example.com' });
    expect(data.ADMIN_API_URL).toBe('https://flyte.example.com');
  });

  test('certManager: its own Certificate with the Service names and the publicOrigin host', () => {
    const { consoleObjects } = pair({ tls: CERT_MANAGER, publicUrl: 'https://flyte.example.com' }, { publicOrigin: 'https://console.example.com:8443' });
    const cert = only(consoleObjects, 'Certificate', 'flyteconsole');
    expect(cert.spec.secretName).toBe('flyteconsole-tls');
    expect(cert.spec.dnsNames).toEqual(['flyteconsole', 'flyteconsole.flyte', 'flyteconsole.flyte.svc', 'flyteconsole.flyte.svc.cluster.local', 'console.example.com']);
  });

  test('a mode of its own: TLS at the Console behind an HTTPS ingress for a plain Admin', () => {
    const { data, main, admin } = pair({ tls: TlsMode.disabled(), publicUrl: 'https://flyte.example.com' },
      { tls: TlsMode.fromSecretName('console-tls', { trust: Trust.systemRoots() }), publicOrigin: 'https://console.example.com' });
    expect(data.ADMIN_API_USE_SSL).toBe('https');
    expect(main.readinessProbe.httpGet.scheme).toBe('HTTPS');
    expect(admin.allowedOrigins).toEqual(['https://console.example.com']);
  });
});

describe('Console refusals', () => {
  const refuse = (adminTls: TlsMode, props: any, pattern: RegExp, prop?: string) => {
    const chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls: adminTls, database: DATABASE, objectStore: OBJECT_STORE });
    let error: unknown;
    try {
      new Console(chart, 'console', { admin, ...props });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^test\/console: /);
    expect((error as Error).message).toMatch(pattern);
    if (prop) expect((error as ValidationError).prop).toBe(prop);
    // A refused Console leaves nothing behind: no objects, no origin in the Admin.
    expect(chart.node.tryFindChild('console')).toBeUndefined();
    expect(admin.allowedOrigins).toEqual([]);
  };

  test('selfSigned: the Console reads its certificate from files', () => {
    refuse(TlsMode.disabled(), { tls: TlsMode.selfSigned() },
      /tls TlsMode\.selfSigned\(\) is not allowed: the Console cannot make its own certificate.*; use TlsMode\.certManager\(\{ issuer \}\) with a cert-manager SelfSigned/, 'tls');
  });

  // Admin's publicUrl may still come from a route (exposeViaGateway): unless both origins are
  // props, the scheme rule is judged at synth, on the final origins.
  const refuseAtSynth = (adminTls: TlsMode, props: any, pattern: RegExp) => {
    const chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls: adminTls, database: DATABASE, objectStore: OBJECT_STORE });
    new Console(chart, 'console', { admin, ...props });
    let error: unknown;
    try {
      synth(chart);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).prop).toBe('publicOrigin');
    expect((error as Error).message).toMatch(/^test\/console: /);
    expect((error as Error).message).toMatch(pattern);
  };

  test('scheme mismatch between publicOrigin and the Admin\'s publicUrl: the message names both values', () => {
    refuseAtSynth(TlsMode.fromSecretName('flyte-tls'), { publicOrigin: 'http://localhost:8080' },
      /publicOrigin "http:\/\/localhost:8080" is not allowed: the Console strips the scheme of ADMIN_API_URL.*http:\/\/localhost:8080.*Admin's publicUrl is https:\/\/localhost:8088; use the same scheme/);
  });

  test('the default origin of a plain Console does not match a TLS Admin', () => {
    refuseAtSynth(TlsMode.fromSecretName('flyte-tls'), { tls: TlsMode.disabled() }, /publicOrigin "http:\/\/localhost:8080" is not allowed/);
  });

  test('both origins given as props: the scheme rule is judged at construction', () => {
    const chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.fromSecretName('flyte-tls'), database: DATABASE, objectStore: OBJECT_STORE, publicUrl: 'https://flyte.example.com' });
    expect(() => new Console(chart, 'console', { admin, publicOrigin: 'http://console.example.com' })).toThrow(/publicOrigin "http:\/\/console.example.com" is not allowed: the Console strips the scheme/);
    expect(chart.node.tryFindChild('console')).toBeUndefined();
    expect(admin.allowedOrigins).toEqual([]);
  });

  test.each([
    ['"*"', { publicOrigin: '*' }, /publicOrigin "\*" is not allowed: wildcard/],
    ['an origin with a path', { publicOrigin: 'http://localhost:8080/console' }, /publicOrigin "http:\/\/localhost:8080\/console" is not allowed: an origin has no path/],
    ['an origin that is no URL', { publicOrigin: 'localhost:8080' }, /publicOrigin "localhost:8080" is not allowed/],
    ['a baseUrl that is no path', { baseUrl: 'console' }, /baseUrl "console" is not allowed: not an absolute URL path/],
    ['a derived variable in extraEnv', { extraEnv: [{ name: 'ADMIN_API_USE_SSL', value: 'true' }] }, /extraEnv\[0\] "ADMIN_API_USE_SSL" is not allowed: the construct derives this variable/],
    ['PORT in extraEnv', { extraEnv: [{ name: 'PORT', value: '9000' }] }, /extraEnv\[0\] "PORT"/],
    ['a version below v1.10.0', { version: 'v0.52.0' }, /version "v0.52.0" is not allowed: older than v1.10.0/],
    ['no Admin', { admin: undefined }, /admin \(unset\) is not allowed: the Console needs the SecureAdmin/],
  ])('refuses %s', (_name, props, pattern) => {
    refuse(TlsMode.disabled(), props, pattern);
  });

  test('a certManager secretName shared with the Admin would make two Certificates fight', () => {
    const shared = TlsMode.certManager({ issuer: { name: 'flyte-ca' }, secretName: 'flyte-tls' });
    refuse(shared, {}, /tls TlsMode\.certManager.* is not allowed: the Admin's Certificate already issues into Secret flyte-tls/, 'tls');
  });

  test('after a refusal, a later synth emits only the Admin', () => {
    const chart = new Chart(testApp(), 'c');
    const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
    expect(() => new Console(chart, 'console', { admin, baseUrl: 'x' })).toThrow(ValidationError);
    expect(synth(chart).filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(['flyteadmin']);
  });
});

describe('Console documented defaults', () => {
  const defaults = documentedDefaults('lib/flyte/console/console-props.ts', 'ConsoleProps');
  const chart = testChart();
  const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.fromSecretName('flyte-tls'), namespace: 'flyte-ns', database: DATABASE, objectStore: OBJECT_STORE });
  const console = new Console(chart, 'console', { admin });
  const objects = synth(chart);
  const observed: { [prop: string]: () => string } = {
    version: () => `'${console.version.tag}'`,
    baseUrl: () => `'${only(objects, 'ConfigMap', 'flyte-console-config').data.BASE_URL}'`,
  };

  test('every literal @default of ConsoleProps is checked here', () => {
    expect([...defaults.keys()].sort()).toEqual(Object.keys(observed).sort());
  });

  test.each(Object.keys(observed))('the documented default of %s is synthesized', (prop) => {
    expect(observed[prop]()).toBe(defaults.get(prop));
  });

  test('described defaults: tls and namespace are the Admin\'s, publicOrigin <scheme>://localhost:8080', () => {
    expect(console.tls).toBe(admin.tls);
    expect(only(objects, 'Deployment', 'flyteconsole').metadata.namespace).toBe('flyte-ns');
    expect(console.publicOrigin).toBe('https://localhost:8080');
  });
});
