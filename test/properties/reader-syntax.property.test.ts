import { JsonPatch, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { ListenerProtocol, NumaflowServer, ObjectStore, SecureAdmin, TlsMode, ValidationError, Version } from '../../lib';
import { DATABASE } from '../support/flyte-invariants';
import { synth, testChart } from '../support/harness';
import { params, RUNS } from './arbitraries';

// Class 4 of issue 23: syntax the library accepted but its reader refuses. Each generated input is
// judged by an oracle written from the reader's own rules (the semver.org grammar, the S3 and MinIO
// bucket rules, URL ports, DNS labels, the Gateway API's route precedence, the API server's typed
// fields), and the library must agree with it: accept what the reader takes, refuse the rest.
// Outcomes are counted.

interface Agreement { accepted: number; refused: number }
function agree(seen: Agreement, expected: boolean, run: () => unknown, prop?: RegExp): void {
  let refusal: ValidationError | undefined;
  try {
    run();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    refusal = e;
  }
  expect({ accepted: refusal === undefined }).toEqual({ accepted: expected });
  if (refusal && prop) expect(refusal.errors[0].prop).toMatch(prop);
  seen[refusal ? 'refused' : 'accepted']++;
}
const report = (name: string, seen: Agreement) => console.log(`${name}: ${seen.accepted} accepted, ${seen.refused} refused (all as the reader's rules say)`);

/** semver.org 2.0.0, read off its BNF: core, then an optional pre-release and build of non-empty dot-separated identifiers. */
function isSemver(version: string): boolean {
  const s = version.startsWith('v') ? version.slice(1) : version;
  const plus = s.indexOf('+');
  const [main, build] = plus < 0 ? [s, undefined] : [s.slice(0, plus), s.slice(plus + 1)];
  const dash = main.indexOf('-');
  const [core, pre] = dash < 0 ? [main, undefined] : [main.slice(0, dash), main.slice(dash + 1)];
  const numeric = (x: string) => /^\d+$/.test(x) && (x === '0' || !x.startsWith('0'));
  const parts = core.split('.');
  if (parts.length !== 3 || !parts.every(numeric)) return false;
  const ids = (x: string) => x.split('.').every((id) => id !== '' && /^[0-9A-Za-z-]+$/.test(id));
  if (pre !== undefined && (!ids(pre) || pre.split('.').some((id) => /^\d+$/.test(id) && !numeric(id)))) return false;
  return build === undefined || ids(build);
}

test('versions: accepted exactly when they follow the semver grammar', () => {
  const seen = { accepted: 0, refused: 0 };
  const piece = fc.constantFrom('0', '1', '16', '8', '01', '.', '-', '+', 'rc', 'v', 'a', '', '..', 'x-y', '00');
  const version = fc.oneof(
    fc.array(piece, { maxLength: 9 }).map((p) => p.join('')),
    fc.tuple(fc.constantFrom('v1.16.8', '1.2.3', 'v0.0.0'), fc.array(piece, { maxLength: 6 })).map(([core, p]) => `${core}${p.join('')}`),
  );
  fc.assert(fc.property(version, (v) => agree(seen, isSemver(v), () => Version.parse('t', 'version', v), /^version$/)), { ...params, numRuns: RUNS * 5 });
  report('versions', seen);
  expect(seen.accepted).toBeGreaterThan(RUNS / 5);
  expect(seen.refused).toBeGreaterThan(RUNS / 5);
});

/** The S3 rules (Amazon S3 User Guide) and MinIO's (minio-go s3utils CheckValidBucketNameStrict). */
function bucketAccepted(name: string, s3: boolean): boolean {
  const minio = name.length >= 3 && name.length <= 63 && /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) && !/^(\d+\.){3}\d+$/.test(name)
    && !name.includes('..') && !name.includes('.-') && !name.includes('-.');
  if (!s3) return minio;
  return minio && !['xn--', 'sthree-', 'amzn-s3-demo-'].some((p) => name.startsWith(p))
    && !['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].some((p) => name.endsWith(p));
}

test('bucket names: accepted exactly when S3 (ObjectStore.s3) or MinIO (ObjectStore.minio) takes them', () => {
  const seen = { accepted: 0, refused: 0 };
  const piece = fc.constantFrom('my', 'bucket', 'flyte', '-', '.', '..', '.-', '-.', '1', '192', 'xn--', 'sthree-', 'amzn-s3-demo-', '-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3', 'A', '_', 'data');
  fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join('')), fc.boolean(), (bucket, s3) => {
    agree(seen, bucketAccepted(bucket, s3), () => (s3 ? ObjectStore.s3({ bucket }) : ObjectStore.minio({ bucket, endpoint: 'http://minio.flyte.svc:9000' })), /^bucket$/);
  }), { ...params, numRuns: RUNS * 3 });
  // Four numbers: IP-shaped, refused by both.
  agree(seen, false, () => ObjectStore.s3({ bucket: '192.168.5.4' }), /^bucket$/);
  report('bucket names', seen);
  expect(seen.accepted).toBeGreaterThan(RUNS / 10);
});

test('store endpoints: accepted exactly with a port from 1 to 65535 (or none) and a DNS or IP host', () => {
  const seen = { accepted: 0, refused: 0 };
  const host = fc.constantFrom('minio.flyte.svc', '10.0.0.7', '[::1]', 'a,b', 'a$b', 'x'.repeat(64), 'MinIO.Example.com');
  fc.assert(fc.property(host, fc.option(fc.integer({ min: 0, max: 70000 }), { nil: undefined }), (h, port) => {
    const endpoint = `https://${h}${port === undefined ? '' : `:${port}`}`;
    const validHost = !['a,b', 'a$b', 'x'.repeat(64)].includes(h);
    agree(seen, validHost && (port === undefined || (port >= 1 && port <= 65535)), () => ObjectStore.minio({ bucket: 'flyte-data', endpoint }), /^endpoint$/);
  }), params);
  agree(seen, false, () => ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'http://minio:0' }), /^endpoint$/);
  report('store endpoints', seen);
});

const LISTENER = { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https', protocol: ListenerProtocol.HTTPS, port: 443 };

test('route hosts: accepted exactly when every label has at most 63 characters', () => {
  const seen = { accepted: 0, refused: 0 };
  fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 2, maxLength: 3 }), (lengths) => {
    const host = lengths.map((n, i) => String.fromCharCode(97 + i).repeat(n)).join('.');
    const chart = testChart();
    const nf = new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() });
    agree(seen, lengths.every((n) => n <= 63) && host.length <= 253, () => nf.exposeViaGateway({ listener: LISTENER, host }), /^host$/);
  }), params);
  report('route hosts', seen);
  expect(seen.refused).toBeGreaterThan(0);
});

test('routes of several servers: refused at synth exactly when two match one host, listener and path', () => {
  const seen = { accepted: 0, refused: 0 };
  const exposure = fc.record({ host: fc.constantFrom('flyte.example.com', 'ui.example.com'), section: fc.constantFrom('https', 'web'), href: fc.constantFrom('/', '/numaflow/', '/numaflow', '/ui/') });
  fc.assert(fc.property(exposure, exposure, (a, b) => {
    const chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ObjectStore.s3({ bucket: 'flyte-data' }) });
    admin.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
    const routes = [{ host: 'flyte.example.com', section: 'https', prefix: '/' }];
    [a, b].forEach((e, i) => {
      const nf = new NumaflowServer(chart, `nf${i}`, { tls: TlsMode.disabled(), namespace: `nf-${i}`, baseHref: e.href });
      nf.exposeViaGateway({ listener: { ...LISTENER, sectionName: e.section }, host: e.host });
      routes.push({ host: e.host, section: e.section, prefix: e.href === '/' ? '/' : e.href.replace(/\/$/, '') });
    });
    // The Gateway API's precedence: one host, one listener and one path prefix tie between routes.
    const clash = routes.some((r, i) => routes.some((o, j) => j < i && o.host === r.host && o.section === r.section && o.prefix === r.prefix));
    let refusal: ValidationError | undefined;
    try {
      Testing.synth(chart);
    } catch (e) {
      refusal = e as ValidationError;
    }
    expect(refusal === undefined).toBe(!clash);
    if (refusal) expect(refusal.errors[0].message).toContain('breaks rule gateway-backend');
    seen[refusal ? 'refused' : 'accepted']++;
  }), { ...params, numRuns: Math.ceil(RUNS / 4) });
  report('routes of several servers', seen);
  expect(seen.refused).toBeGreaterThan(0);
  expect(seen.accepted).toBeGreaterThan(0);
});

test('patched fields of the wrong JSON type (replicas, ports, probe settings) are refused at synth; right types pass', () => {
  const seen = { accepted: 0, refused: 0 };
  const C0 = '/spec/template/spec/containers/0';
  const field = fc.constantFrom(
    { path: '/spec/replicas', ok: [0, 2], bad: [1.5, '2', true, -1] },
    { path: `${C0}/livenessProbe/initialDelaySeconds`, ok: [0, 10], bad: ['3', 3.5, null as unknown as number] },
    { path: `${C0}/livenessProbe/periodSeconds`, ok: [1, 30], bad: [0, '3', 2.5] },
    { path: `${C0}/readinessProbe/failureThreshold`, ok: [1, 5], bad: ['5', 1.1] },
    { path: `${C0}/livenessProbe/httpGet/port`, ok: [8080, 'http'], bad: [8080.5, true, 70000] },
  );
  fc.assert(fc.property(field, fc.boolean(), fc.nat(), (f, ok, i) => {
    const value = ok ? f.ok[i % f.ok.length] : f.bad[i % f.bad.length];
    // null removes nothing in a JSON patch replace: it sets null, which the API reads as unset.
    const expectedOk = ok || value === null;
    const chart = testChart();
    new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() }).deployment.addJsonPatch(JsonPatch.replace(f.path, value));
    let refusal: ValidationError | undefined;
    try {
      synth(chart);
    } catch (e) {
      refusal = e as ValidationError;
    }
    expect(refusal === undefined).toBe(expectedOk);
    if (refusal) expect(refusal.errors.some((x) => x.message.includes('breaks rule field-type'))).toBe(true);
    seen[refusal ? 'refused' : 'accepted']++;
  }), params);
  report('patched field types', seen);
  expect(seen.refused).toBeGreaterThan(0);
});
