import { Chart } from 'cdk8s';
import { parse } from 'yaml';
import { flyteCertManagerStack, flytePlainStack, flyteTlsStack } from '../../apps/stacks/flyte';
import { Console, ObjectStore, SecureAdmin, TlsMode, Trust } from '../../lib';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { adminConfigOf, checkAllowedOrigins, checkFlyteAddresses, DATABASE, expectFlyteValid, STORAGE, userSecrets } from '../support/flyte-invariants';
import { container, only, synth, testApp, testChart } from '../support/harness';

/** The shared test store (STORAGE: MinIO over http, keys from flyte-storage) as an ObjectStore. */
const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

function flytePair(tls: TlsMode, admin: { publicUrl?: string; allowedOrigins?: string[]; version?: string } = {}, console: { publicOrigin?: string } = {}) {
  const chart = testChart();
  const a = new SecureAdmin(chart, 'admin', { tls, database: DATABASE, objectStore: OBJECT_STORE, ...admin });
  const c = new Console(chart, 'console', { admin: a, ...console });
  return { chart, admin: a, console: c };
}

/** Every probe of every pod, with the ports its container declares. */
function probes(objects: any[]) {
  return objects.flatMap((o) => {
    const pod = podOf(o);
    if (!pod) return [];
    return containersOf(pod.spec).flatMap(({ container: c }) => ['livenessProbe', 'readinessProbe', 'startupProbe']
      .filter((p) => c[p]).map((p) => ({ pod: pod.object, probe: c[p], ports: (c.ports ?? []) as any[] })));
  });
}

test('the seed scenario: Admin and Console from one Secret with a private CA, cross-origin over port-forward', () => {
  const tls = TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName('flyte-tls', 'ca.crt') });
  const { chart, admin, console } = flytePair(tls, { publicUrl: 'https://localhost:8089', allowedOrigins: ['https://flyte.example.com'] }, { publicOrigin: 'https://localhost:8088' });
  const objects = synth(chart);
  expectFlyteValid(objects, admin, [console], { external: userSecrets('flyte', 'flyte-tls') });
  const server = adminConfigOf(objects, 'flyte').server;

  // Admin: secure, and the ssl files are files the Deployment really mounts from the Secret.
  expect(server.security.secure).toBe(true);
  const adminPod = only(objects, 'Deployment', 'flyteadmin').spec.template.spec;
  const tlsMount = container(objects.filter((o) => o.metadata.name === 'flyteadmin'), 'Deployment', 'flyteadmin').volumeMounts.find((m: any) => m.name === 'tls');
  const tlsVolume = adminPod.volumes.find((v: any) => v.name === tlsMount.name);
  expect(tlsVolume.secret.secretName).toBe('flyte-tls');
  for (const file of [server.security.ssl.certificateFile, server.security.ssl.keyFile]) {
    expect(file.startsWith(`${tlsMount.mountPath}/`)).toBe(true);
    expect(tlsVolume.secret.items.map((i: any) => `${tlsMount.mountPath}/${i.path}`)).toContain(file);
  }

  // CORS: exactly the Console's origin plus the explicit extra; the headers the Console sends.
  expect(server.security.allowedOrigins).toEqual(['https://flyte.example.com', 'https://localhost:8088']);
  expect(server.security.allowedHeaders).toEqual(expect.arrayContaining(['Content-Type', 'flyte-authorization']));

  // Console: SSL on as the literal string, Admin reached at the browser-facing 8089.
  const data = only(objects, 'ConfigMap', 'flyte-console-config').data;
  expect(data.ADMIN_API_USE_SSL).toBe('https');
  expect(data.ADMIN_API_URL).toBe('https://localhost:8089');

  // Every probe is HTTPS on a declared port.
  const all = probes(objects);
  expect(all).toHaveLength(4);
  for (const { probe, ports } of all) {
    expect(probe.httpGet.scheme).toBe('HTTPS');
    expect(ports.map((p) => p.name)).toContain(probe.httpGet.port);
  }

  // 8089 is only the browser-facing port: in no Admin container port, probe or Service.
  const adminMain = adminPod.containers[0];
  expect(JSON.stringify([adminMain.ports, adminMain.livenessProbe, adminMain.readinessProbe, only(objects, 'Service', 'flyteadmin').spec])).not.toContain('8089');
  expect(admin.clientConfig().section).toEqual({ endpoint: 'dns:///flyteadmin.flyte.svc:443', insecure: false, insecureSkipVerify: false, caCertFilePath: '/etc/flyte/admin-ca/ca.crt' });
});

test('disabled mode: HTTP probes, both ports 8088/8089, http:// origins', () => {
  const { chart, admin, console } = flytePair(TlsMode.disabled());
  const objects = synth(chart);
  expectFlyteValid(objects, admin, [console], { external: userSecrets('flyte') });
  expect(probes(objects).map(({ probe }) => probe.httpGet.scheme)).toEqual(['HTTP', 'HTTP', 'HTTP', 'HTTP']);
  expect(container(objects.filter((o) => o.metadata.name === 'flyteadmin'), 'Deployment', 'flyteadmin').ports.map((p: any) => p.containerPort)).toEqual([8088, 8089, 10254]);
  const server = adminConfigOf(objects, 'flyte').server;
  expect(server.security.allowedOrigins).toEqual(['http://localhost:8080']);
  expect(only(objects, 'ConfigMap', 'flyte-console-config').data).not.toHaveProperty('ADMIN_API_USE_SSL');
  expect(admin.clientConfig().section).toEqual({ endpoint: 'dns:///flyteadmin.flyte.svc:81', insecure: true, insecureSkipVerify: false });
});

describe.each([
  ['disabled', TlsMode.disabled(), []],
  ['fromSecret', TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName('flyte-tls') }), ['flyte-tls']],
  ['certManager', TlsMode.certManager({ issuer: { name: 'flyte-ca' } }), []],
] as const)('the pair in %s mode', (_name, tls, secrets) => {
  test('manifest snapshot', () => {
    const { chart, admin, console } = flytePair(tls);
    const objects = synth(chart);
    expectFlyteValid(objects, admin, [console], { external: userSecrets('flyte', ...secrets) });
    expect(objects).toMatchSnapshot();
  });
});

describe('wiring by construction', () => {
  test('origins registered after construction (a second Console, a later allowOrigin) land at synth', () => {
    const { chart, admin, console } = flytePair(TlsMode.disabled());
    const second = new Console(chart, 'console-b', { admin, namespace: 'flyte-b', publicOrigin: 'http://console-b.example.com' });
    admin.allowOrigin('http://localhost:8080');
    const objects = synth(chart);
    expect(adminConfigOf(objects, 'flyte').server.security.allowedOrigins).toEqual(['http://console-b.example.com', 'http://localhost:8080']);
    expectFlyteValid(objects, admin, [console, second], { external: userSecrets('flyte') });
  });

  test('a Console in another chart registers with the Admin too', () => {
    const app = testApp();
    const adminChart = new Chart(app, 'admin');
    const admin = new SecureAdmin(adminChart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
    new Console(new Chart(app, 'ui'), 'console', { admin, publicOrigin: 'http://ui.example.com' });
    expect(adminConfigOf(synth(adminChart), 'flyte').server.security.allowedOrigins).toEqual(['http://ui.example.com']);
  });

  test('Flyte < 1.13.3 with TLS and a cross-origin Console fails validation at synth, explaining flyte#5790', () => {
    const { chart } = flytePair(TlsMode.fromSecretName('flyte-tls'), { version: 'v1.13.2' });
    expect(() => synth(chart)).toThrow(/test\/admin: version "v1\.13\.2" is not allowed: with TLS on, Admin before v1\.13\.3 sends no CORS headers \(flyte#5790, fixed by PR #5855, backported by PR #5890\), so browsers block every call from https:\/\/localhost:8080; use version >= v1\.13\.3/);
  });

  test.each([
    ['TLS off', TlsMode.disabled(), {}, {}],
    ['version 1.13.3', TlsMode.fromSecretName('flyte-tls'), { version: '1.13.3' }, {}],
    ['a same-origin Console', TlsMode.fromSecretName('flyte-tls'), { version: '1.13.2', publicUrl: 'https://flyte.example.com' }, { publicOrigin: 'https://flyte.example.com' }],
  ])('the version rule does not fire with %s', (_name, tls, admin, console) => {
    expect(() => synth(flytePair(tls, admin, console).chart)).not.toThrow();
  });
});

describe('clients of the Admin: clientConfig()', () => {
  test('a private CA from a Secret: the CA file path and where it comes from', () => {
    const { admin } = flytePair(TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName('flyte-ca', 'root.pem') }));
    const client = admin.clientConfig({ caDirectory: '/etc/ssl/flyte/' });
    expect(client.section).toEqual({ endpoint: 'dns:///flyteadmin.flyte.svc:443', insecure: false, insecureSkipVerify: false, caCertFilePath: '/etc/ssl/flyte/root.pem' });
    expect(client.caSource).toEqual(Trust.caFromSecretName('flyte-ca', 'root.pem'));
  });

  test('TLS off: insecure, no CA, no skip-verify', () => {
    expect(flytePair(TlsMode.disabled()).admin.clientConfig().section).toEqual({ endpoint: 'dns:///flyteadmin.flyte.svc:81', insecure: true, insecureSkipVerify: false });
  });

  test('skip-verify only when the trust says so, explicitly', () => {
    const { admin } = flytePair(TlsMode.fromSecretName('flyte-tls', { trust: Trust.skipVerify() }));
    expect(admin.clientConfig()).toMatchObject({ insecure: false, insecureSkipVerify: true, caCertFilePath: undefined });
  });
});

describe('the DESIGN §6 item 3/4 checks can fail', () => {
  const { chart, admin, console } = flytePair(TlsMode.fromSecretName('flyte-tls'));
  const clean = synth(chart);
  const tamper = (edit: (objects: any[]) => void) => {
    const objects = JSON.parse(JSON.stringify(clean));
    edit(objects);
    return [...checkFlyteAddresses(objects, admin, [console]), ...checkAllowedOrigins(objects, admin, [console])];
  };
  const setServer = (objects: any[], edit: (server: any) => void) => {
    const cm = only(objects, 'ConfigMap', 'flyte-admin-base-config');
    const doc = parse(cm.data['server.yaml']);
    edit(doc.server);
    cm.data['server.yaml'] = JSON.stringify(doc);
  };

  test('the untouched manifest passes', () => {
    expect(tamper(() => undefined)).toEqual([]);
  });

  test.each([
    ['a wildcard origin', (o: any[]) => setServer(o, (s) => { s.security.allowedOrigins = ['*', 'https://localhost:8080']; }), /wildcard/],
    ['a missing Console origin', (o: any[]) => setServer(o, (s) => { s.security.allowedOrigins = []; }), /lacks Console origin https:\/\/localhost:8080/],
    ['secure turned off', (o: any[]) => setServer(o, (s) => { s.security.secure = false; }), /clientConfig\(\)\.insecure is false while server\.security\.secure is false/],
    ['a Service port moved', (o: any[]) => { only(o, 'Service', 'flyteadmin').spec.ports[0].port = 8443; }, /is not the Service port 8443/],
    ['an unmounted certificate', (o: any[]) => { only(o, 'Deployment', 'flyteadmin').spec.template.spec.volumes.find((v: any) => v.name === 'tls').secret.items = []; }, /ssl file \/etc\/tls\/tls.crt is not mounted/],
    ['a Console pointed elsewhere', (o: any[]) => { only(o, 'ConfigMap', 'flyte-console-config').data.ADMIN_API_URL = 'https://other:1'; }, /ADMIN_API_URL https:\/\/other:1 is not Admin's publicUrl/],
    ['Console SSL without TLS', (o: any[]) => { delete only(o, 'ConfigMap', 'flyte-console-config').data.ADMIN_API_USE_SSL; }, /ADMIN_API_USE_SSL undefined but it is probed over https/],
  ])('%s is reported', (_name, edit, pattern) => {
    expect(tamper(edit).join('\n')).toMatch(pattern);
  });
});

describe('the example app stacks', () => {
  const app = testApp();
  const stacks = [
    { chart: flyteTlsStack(app), namespace: 'flyte', secrets: ['flyte-tls'], scheme: 'https' },
    { chart: flyteCertManagerStack(app), namespace: 'flyte-cm', secrets: [], scheme: 'https' },
    { chart: flytePlainStack(app), namespace: 'flyte-dev', secrets: [], scheme: 'https' }, // plain HTTP in the cluster, HTTPS at the Gateway
  ];

  test.each(stacks.map((s) => [s.chart.node.id, s] as const))('%s is valid, with the pair wired', (_id, stack) => {
    const objects = synth(stack.chart);
    const admin = stack.chart.node.findChild('admin') as SecureAdmin;
    const console = stack.chart.node.findChild('console') as Console;
    expectFlyteValid(objects, admin, [console], { external: userSecrets(stack.namespace, ...stack.secrets) });
    expect(objects.every((o) => o.metadata.namespace === undefined || o.metadata.namespace === stack.namespace)).toBe(true);
    expect(adminConfigOf(objects, stack.namespace).server.security.allowedOrigins).toEqual([console.publicOrigin]);
    expect(console.publicOrigin.startsWith(`${stack.scheme}://`)).toBe(true);
  });

  test('no two stacks share an object (they apply to one cluster together)', () => {
    const ids = stacks.flatMap((s) => synth(s.chart)).map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(ids.length).toBe(new Set(ids).size);
  });
});
