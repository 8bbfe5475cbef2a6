import { Chart, Duration } from 'cdk8s';
import { ServerTls, ServerTlsPlan, ServerTlsProps } from '../../lib/tls/server-tls';
import { IssuerKind, TlsMode, TlsModeKind } from '../../lib/tls/tls-mode';
import { Trust } from '../../lib/tls/trust';
import { synth, testChart } from '../support/harness';
import { schemaErrors } from '../support/schema';
import { expectRefusal } from './refusal';

const CA = () => TlsMode.certManager({ issuer: { name: 'ca' } });

/** Resolves a plan (adding `hosts` as public hosts), then builds the construct from it. */
function serverTls(mode: TlsMode, props: Partial<ServerTlsProps> = {}, hosts: string[] = []): { chart: Chart; tls: ServerTls; plan: ServerTlsPlan } {
  const chart = testChart();
  const plan = planFor(mode, props);
  hosts.forEach((h) => plan.addPublicHost('test/tls', 'publicUrl', h));
  const tls = new ServerTls(chart, 'tls', plan);
  return { chart, tls, plan };
}

function planFor(mode: TlsMode, props: Partial<ServerTlsProps> = {}): ServerTlsPlan {
  return ServerTlsPlan.resolve('test/tls', { mode, serviceName: 'flyteadmin', namespace: 'flyte', ...props });
}

function certificates(chart: Chart): any[] {
  return synth(chart).filter((o) => o.kind === 'Certificate');
}

/** The one Certificate of the chart; fails when there is not exactly one. */
function theCertificate(chart: Chart): any {
  const certs = certificates(chart);
  expect(certs).toHaveLength(1);
  return certs[0];
}

describe('certManager mode', () => {
  test('makes exactly one cert-manager.io/v1 Certificate for the server', () => {
    const { chart, tls } = serverTls(CA());
    const objects = synth(chart);
    expect(objects).toHaveLength(1);
    const cert = objects[0];
    expect(cert.apiVersion).toBe('cert-manager.io/v1');
    expect(cert.kind).toBe('Certificate');
    expect(cert.metadata.name).toBe('flyteadmin');
    expect(cert.metadata.namespace).toBe('flyte');
    expect(tls.certificate).toBeDefined();
  });

  test('issues into <service>-tls with the issuer reference', () => {
    const { chart, tls } = serverTls(CA());
    const cert = theCertificate(chart);
    expect(cert.spec.secretName).toBe('flyteadmin-tls');
    expect(tls.secretName).toBe('flyteadmin-tls');
    expect(cert.spec.issuerRef).toEqual({ name: 'ca', kind: 'ClusterIssuer', group: 'cert-manager.io' });
  });

  test('an Issuer of another group is referenced as given', () => {
    const mode = TlsMode.certManager({ issuer: { name: 'pca', kind: IssuerKind.ISSUER, group: 'awspca.cert-manager.io' } });
    expect(theCertificate(serverTls(mode).chart).spec.issuerRef).toEqual({ name: 'pca', kind: IssuerKind.ISSUER, group: 'awspca.cert-manager.io' });
  });

  test('the mode\'s secretName wins over the derived one', () => {
    const { chart, tls } = serverTls(TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'admin-cert' }));
    expect(theCertificate(chart).spec.secretName).toBe('admin-cert');
    expect(tls.secretName).toBe('admin-cert');
  });

  test('dnsNames are the short, namespaced, .svc and fully qualified names', () => {
    expect(theCertificate(serverTls(CA()).chart).spec.dnsNames).toEqual([
      'flyteadmin', 'flyteadmin.flyte', 'flyteadmin.flyte.svc', 'flyteadmin.flyte.svc.cluster.local',
    ]);
  });

  test('dnsNames follow a custom cluster domain', () => {
    expect(theCertificate(serverTls(CA(), { clusterDomain: 'corp.internal' }).chart).spec.dnsNames).toEqual([
      'flyteadmin', 'flyteadmin.flyte', 'flyteadmin.flyte.svc', 'flyteadmin.flyte.svc.corp.internal',
    ]);
  });

  test('addPublicHost adds hosts to the plan, without duplicates; IPs as ipAddresses', () => {
    const { chart } = serverTls(CA(), {}, [
      'https://flyte.example.com', 'https://flyte.example.com:8443', 'https://flyteadmin.flyte.svc', 'https://10.0.0.5:8088', 'https://[::1]:8088',
    ]);
    const spec = theCertificate(chart).spec;
    expect(spec.dnsNames).toEqual([
      'flyteadmin', 'flyteadmin.flyte', 'flyteadmin.flyte.svc', 'flyteadmin.flyte.svc.cluster.local', 'flyte.example.com',
    ]);
    expect(spec.ipAddresses).toEqual(['10.0.0.5', '::1']);
  });

  test.each(['https://flyte_example.com', 'https://-flyte.example.com'])(
    'addPublicHost refuses %j, naming the user\'s prop: cert-manager issues DNS names only', (origin) => {
      const plan = planFor(CA());
      expectRefusal(() => plan.addPublicHost('test/admin', 'publicUrl', origin), {
        path: 'test/admin', prop: 'publicUrl', value: origin, shown: JSON.stringify(origin),
        why: /cert-manager issues certificates for DNS names/, allowed: /TlsMode\.fromSecret/,
      });
      const chart = testChart();
      new ServerTls(chart, 'tls', plan);
      expect(theCertificate(chart).spec.dnsNames).toHaveLength(4);
    });

  test('literalDnsNames join the certificate as they are (Admin\'s gateway name)', () => {
    const { chart } = serverTls(CA(), { literalDnsNames: ['0.0.0.0:8088'] });
    expect(theCertificate(chart).spec.dnsNames).toContain('0.0.0.0:8088');
    expect(schemaErrors([theCertificate(chart)])).toEqual([]);
  });

  test('the private key is rotated at every renewal', () => {
    expect(theCertificate(serverTls(CA()).chart).spec.privateKey).toEqual({ rotationPolicy: 'Always' });
  });

  test('duration and renewBefore are written as Go durations', () => {
    const mode = TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(720), renewBefore: Duration.hours(240) });
    const spec = theCertificate(serverTls(mode).chart).spec;
    expect(spec.duration).toBe('720h');
    expect(spec.renewBefore).toBe('240h');
  });

  test.each<[Duration, Duration, string, string]>([
    [Duration.days(90), Duration.days(15), '2160h', '360h'],
    [Duration.minutes(90), Duration.minutes(5), '90m', '5m'],
    [Duration.seconds(5400), Duration.seconds(3601), '90m', '3601s'],
    [Duration.hours(1.5), Duration.seconds(600), '90m', '10m'],
  ])('the shortest exact Go durations: %#', (duration, renewBefore, goDurationText, goRenewText) => {
    const spec = theCertificate(serverTls(TlsMode.certManager({ issuer: { name: 'ca' }, duration, renewBefore })).chart).spec;
    expect({ duration: spec.duration, renewBefore: spec.renewBefore }).toEqual({ duration: goDurationText, renewBefore: goRenewText });
  });

  test('without duration and renewBefore the fields are left to cert-manager', () => {
    const spec = theCertificate(serverTls(CA()).chart).spec;
    expect(spec).not.toHaveProperty('duration');
    expect(spec).not.toHaveProperty('renewBefore');
  });

  test('labels go on the Certificate', () => {
    const cert = theCertificate(serverTls(CA(), { labels: { 'app.kubernetes.io/name': 'flyteadmin' } }).chart);
    expect(cert.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'flyteadmin' });
  });

  test.each([
    ['the defaults', CA(), {}],
    ['every option', TlsMode.certManager({ issuer: { name: 'ca', kind: IssuerKind.ISSUER }, secretName: 'admin-cert', duration: Duration.hours(720), renewBefore: Duration.hours(240) }),
      { clusterDomain: 'corp.internal', labels: { app: 'flyteadmin' } }],
  ])('the Certificate with %s validates against the cert-manager schema', (_what, mode, props) => {
    const { chart } = serverTls(mode, props, ['https://flyte.example.com']);
    const cert = theCertificate(chart);
    expect(schemaErrors([cert])).toEqual([]);
  });

  test('the schema check can fail (a Certificate without issuerRef)', () => {
    const cert = theCertificate(serverTls(CA()).chart);
    delete cert.spec.issuerRef;
    expect(schemaErrors([cert])).toHaveLength(1);
  });

  test('trust defaults to ca.crt of the issued Secret', () => {
    const { tls } = serverTls(CA());
    expect(tls.trust.kind).toBe('caSecret');
    expect(tls.trust.secretName).toBe('flyteadmin-tls');
    expect(tls.trust.key).toBe('ca.crt');
  });

  test('the default trust follows the mode\'s secretName', () => {
    const { tls } = serverTls(TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'admin-cert' }));
    expect(tls.trust.secretName).toBe('admin-cert');
    expect(tls.trust.key).toBe('ca.crt');
  });

  test('one mode shared by two servers gives each its own Certificate, Secret and trust', () => {
    const mode = CA();
    const chart = testChart();
    const admin = new ServerTls(chart, 'admin', planFor(mode));
    const console = new ServerTls(chart, 'console', planFor(mode, { serviceName: 'flyteconsole' }));
    const certs = certificates(chart);
    expect(certs.map((c) => [c.metadata.name, c.spec.secretName])).toEqual([
      ['flyteadmin', 'flyteadmin-tls'], ['flyteconsole', 'flyteconsole-tls'],
    ]);
    expect([admin.trust.secretName, console.trust.secretName]).toEqual(['flyteadmin-tls', 'flyteconsole-tls']);
    expect(mode.trust.kind).toBe('issuedCa');
  });

  test('an explicit trust is left alone', () => {
    const trust = Trust.systemRoots();
    expect(serverTls(TlsMode.certManager({ issuer: { name: 'letsencrypt' }, trust })).tls.trust).toBe(trust);
    const bundle = Trust.caFromConfigMapName('trust-bundle');
    expect(serverTls(TlsMode.certManager({ issuer: { name: 'ca' }, trust: bundle })).tls.trust).toBe(bundle);
  });

  test('secretVolume mounts the issued Secret', () => {
    const vol = serverTls(CA()).plan.secretVolume('tls');
    expect(vol?.name).toBe('tls');
    expect(vol?.secret?.secretName).toBe('flyteadmin-tls');
    expect(vol?.secret?.items).toBeUndefined();
  });
});

describe('fromSecret mode', () => {
  test('serves from the mode\'s Secret and makes no Certificate', () => {
    const { chart, tls } = serverTls(TlsMode.fromSecretName('my-tls'));
    expect(tls.secretName).toBe('my-tls');
    expect(tls.certificate).toBeUndefined();
    expect(certificates(chart)).toEqual([]);
    expect(synth(chart)).toEqual([]);
  });

  test('trust is the mode\'s (system roots by default, or the given one)', () => {
    const mode = TlsMode.fromSecretName('my-tls');
    expect(serverTls(mode).tls.trust).toBe(mode.trust);
    expect(serverTls(mode).tls.trust.kind).toBe('systemRoots');
    const trust = Trust.caFromSecretName('my-ca', 'root.pem');
    expect(serverTls(TlsMode.fromSecretName('my-tls', { trust })).tls.trust).toBe(trust);
  });

  test('secretVolume without items', () => {
    const vol = serverTls(TlsMode.fromSecretName('my-tls')).plan.secretVolume('tls');
    expect(vol).toEqual({ name: 'tls', secret: { secretName: 'my-tls' } });
    expect(vol?.secret?.items).toBeUndefined();
  });

  test('secretVolume remaps keys to file names', () => {
    const items = [{ key: 'tls.crt', path: 'server.crt' }, { key: 'tls.key', path: 'server.key' }];
    expect(serverTls(TlsMode.fromSecretName('my-tls')).plan.secretVolume('console-cert', items)).toStrictEqual({
      name: 'console-cert',
      secret: { secretName: 'my-tls', items: [{ key: 'tls.crt', path: 'server.crt' }, { key: 'tls.key', path: 'server.key' }] },
    });
  });

  test('addPublicHost makes no Certificate, records the name, and holds it to no certificate rule (you issue the certificate)', () => {
    const { chart, tls } = serverTls(TlsMode.fromSecretName('my-tls'), {}, ['https://flyte_admin.example.com']);
    expect(certificates(chart)).toEqual([]);
    expect(tls.dnsNames).toContain('flyte_admin.example.com');
  });
});

describe.each([
  ['disabled', () => TlsMode.disabled(), 'systemRoots'],
  ['selfSigned', () => TlsMode.selfSigned(), 'skipVerify'],
])('%s mode', (_kind, makeMode, trustKind) => {
  test('has no Secret, no Certificate and no volume', () => {
    const { chart, tls, plan } = serverTls(makeMode());
    expect(tls.secretName).toBeUndefined();
    expect(tls.certificate).toBeUndefined();
    expect(plan.secretVolume('tls')).toBeUndefined();
    expect(plan.secretVolume('tls', [{ key: 'tls.crt', path: 'server.crt' }])).toBeUndefined();
    expect(synth(chart)).toEqual([]);
  });

  test('trust is the mode\'s', () => {
    const mode = makeMode();
    const { tls } = serverTls(mode);
    expect(tls.trust).toBe(mode.trust);
    expect(tls.trust.kind).toBe(trustKind);
    expect(tls.mode).toBe(mode);
  });

  test('addPublicHost emits nothing and holds the host to no certificate rule (no certificate is made)', () => {
    const plan = planFor(makeMode());
    expect(() => plan.addPublicHost('test/tls', 'publicUrl', 'https://flyte.example.com')).not.toThrow();
    expect(() => plan.addPublicHost('test/tls', 'publicUrl', 'http://not_a_host:8080')).not.toThrow();
    const chart = testChart();
    new ServerTls(chart, 'tls', plan);
    expect(synth(chart)).toEqual([]);
  });
});

describe('ServerTls.requireMode', () => {
  const why = 'the Numaflow server cannot load a certificate';
  const alternative = 'TlsMode.selfSigned() or TlsMode.disabled()';

  test('accepts a supported mode', () => {
    expect(() => ServerTls.requireMode('test/numaflow', TlsMode.selfSigned(), [TlsModeKind.DISABLED, TlsModeKind.SELF_SIGNED], why, alternative)).not.toThrow();
    expect(() => ServerTls.requireMode('test/numaflow', TlsMode.disabled(), [TlsModeKind.DISABLED, TlsModeKind.SELF_SIGNED], why, alternative)).not.toThrow();
  });

  test('refuses fromSecret, naming path, tls, the mode and the alternative', () => {
    const mode = TlsMode.fromSecretName('numaflow-tls');
    const err = expectRefusal(() => ServerTls.requireMode('test/numaflow', mode, [TlsModeKind.DISABLED, TlsModeKind.SELF_SIGNED], why, alternative), {
      path: 'test/numaflow', prop: 'tls', value: mode, shown: 'TlsMode.fromSecretName("numaflow-tls")', why, allowed: alternative,
    });
    expect(err.value).toBe(mode);
    expect(err.message).toBe(
      'test/numaflow: tls TlsMode.fromSecretName("numaflow-tls") is not allowed: the Numaflow server cannot load a certificate; '
      + 'use TlsMode.selfSigned() or TlsMode.disabled()',
    );
  });

  test.each([
    ['certManager', CA(), 'TlsMode.certManager({ issuer: { name: "ca", kind: "ClusterIssuer" } })', [TlsModeKind.DISABLED, TlsModeKind.SELF_SIGNED]],
    ['selfSigned', TlsMode.selfSigned(), 'TlsMode.selfSigned()', [TlsModeKind.DISABLED, TlsModeKind.SECRET, TlsModeKind.CERT_MANAGER]],
    ['disabled', TlsMode.disabled(), 'TlsMode.disabled()', [TlsModeKind.SELF_SIGNED]],
  ] as const)('refuses %s with its factory text', (_kind, mode, shown, supported) => {
    expectRefusal(() => ServerTls.requireMode('test/x', mode, supported, 'why', 'TlsMode.other()'), {
      path: 'test/x', prop: 'tls', value: mode, shown, why: 'why', allowed: 'TlsMode.other()',
    });
  });

  test.each([
    ['a string', 'https', '"https"'],
    ['undefined', undefined, '(unset)'],
    ['a look-alike object', { kind: 'disabled', enabled: false, scheme: 'http' }, '{"kind":"disabled","enabled":false,"scheme":"http"}'],
  ])('refuses a non-TlsMode value (%s)', (_what, value, shown) => {
    expectRefusal(() => ServerTls.requireMode('test/numaflow', value as unknown as TlsMode, [TlsModeKind.DISABLED, TlsModeKind.SELF_SIGNED], why, alternative), {
      path: 'test/numaflow', prop: 'tls', value, shown,
      why: 'not a TlsMode', allowed: 'one of the TlsMode factories, e.g. TlsMode.disabled()',
    });
  });
});
