import { Testing } from 'cdk8s';
import { Console, ObjectStore, SecureAdmin, TlsMode, Trust } from '../../../lib';
import { DATABASE, STORAGE } from '../../support/flyte-invariants';
import { only, testChart } from '../../support/harness';

/** The shared test store (STORAGE: MinIO over http, keys from flyte-storage) as an ObjectStore. */
const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

// With `secure: true`, Admin's REST gateway dials its own gRPC server with
// tls.Config{ServerName: "0.0.0.0:<httpPort>", RootCAs: <the serving certificate>}
// (flyteorg/flyte flyteadmin/pkg/server/service.go serveGatewaySecure; config.go GetHostAddress).
// Go's x509 VerifyHostname treats "0.0.0.0:8088" as neither an IP nor a host name, so it accepts
// it only as a DNS SAN equal to the string (UPSTREAM §9.1). Without it every REST call fails while
// /healthcheck stays green. The name is asserted here in every TLS mode.

const SERVICE_NAMES = ['flyteadmin', 'flyteadmin.flyte', 'flyteadmin.flyte.svc', 'flyteadmin.flyte.svc.cluster.local'];

function admin(tls: TlsMode, props: { publicUrl?: string; namespace?: string } = {}) {
  const chart = testChart();
  const a = new SecureAdmin(chart, 'admin', { tls, database: DATABASE, objectStore: OBJECT_STORE, ...props });
  return { admin: a, objects: Testing.synth(chart) };
}

describe('Admin\'s certificate carries the name its own gateway dials: 0.0.0.0:<httpPort>', () => {
  test('certManager: the Certificate carries it, after the Service names and before the public host', () => {
    const { admin: a, objects } = admin(TlsMode.certManager({ issuer: { name: 'flyte-ca' } }), { publicUrl: 'https://flyte.example.com' });
    const cert = only(objects, 'Certificate', 'flyteadmin');
    expect(cert.spec.dnsNames).toEqual([...SERVICE_NAMES, '0.0.0.0:8088', 'flyte.example.com']);
    expect(a.certificateDnsNames).toEqual(cert.spec.dnsNames);
  });

  test('the name follows the port Admin serves on (server.httpPort = the endpoint\'s container port)', () => {
    const { admin: a, objects } = admin(TlsMode.certManager({ issuer: { name: 'flyte-ca' } }));
    const serverYaml = only(objects, 'ConfigMap', 'flyte-admin-base-config').data['server.yaml'];
    expect(serverYaml).toContain(`httpPort: ${a.endpoint.port}`);
    expect(a.certificateDnsNames).toContain(`0.0.0.0:${a.endpoint.port}`);
  });

  test('fromSecret: no Certificate is made; certificateDnsNames says what the Secret\'s certificate must carry', () => {
    const { admin: a, objects } = admin(TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName('flyte-tls') }), { publicUrl: 'https://flyte.example.com', namespace: 'flyte' });
    expect(objects.filter((o) => o.kind === 'Certificate')).toEqual([]);
    expect(a.certificateDnsNames).toEqual([...SERVICE_NAMES, '0.0.0.0:8088', 'flyte.example.com']);
  });

  test('fromSecret with a public host that is no DNS name: listed as given (you issue the certificate), an IP as an IP', () => {
    const { admin: a } = admin(TlsMode.fromSecretName('flyte-tls'), { publicUrl: 'https://10.0.0.5:8443' });
    expect(a.certificateDnsNames).toEqual([...SERVICE_NAMES, '0.0.0.0:8088']);
    expect(a.certificateIpAddresses).toEqual(['10.0.0.5']);
  });

  test('disabled: no certificate, no names', () => {
    expect(admin(TlsMode.disabled()).admin.certificateDnsNames).toEqual([]);
  });

  test('the Console\'s certificate does not carry it (only Admin dials itself)', () => {
    const chart = testChart();
    const a = new SecureAdmin(chart, 'admin', { tls: TlsMode.certManager({ issuer: { name: 'ca' } }), database: DATABASE, objectStore: OBJECT_STORE });
    new Console(chart, 'console', { admin: a });
    const certs = Testing.synth(chart).filter((o) => o.kind === 'Certificate');
    expect(certs.map((c) => [c.metadata.name, c.spec.dnsNames.includes('0.0.0.0:8088')])).toEqual([['flyteadmin', true], ['flyteconsole', false]]);
  });
});
