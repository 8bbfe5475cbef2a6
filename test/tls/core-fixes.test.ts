// Regression tests for refusals and derivations added after review of the TLS core.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { Endpoint, TlsMode, Trust, ValidationError } from '../../lib';
import { formatValue } from '../../lib/errors';
import { ServerTlsPlan } from '../../lib/tls/server-tls';
import { Version } from '../../lib/version';

const CA = fs.readFileSync(path.join(__dirname, '../support/fixtures/ca.crt.pem'), 'utf8');

test('Trust.caPem refuses a private key or other text beside the certificates', () => {
  const key = execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], { encoding: 'utf8' });
  expect(() => Trust.caPem(CA + key)).toThrow(/Trust\.caPem: pem .* is not allowed: it holds something besides certificates/);
  expect(() => Trust.caPem(`hello\n${CA}`)).toThrow(ValidationError);
  expect(Trust.caPem(`\n${CA}\n\n`).pem).toBe(`${CA.trim()}\n`);
});

test('an Endpoint in certManager mode trusts the CA of the Secret issued for its Service', () => {
  const mode = TlsMode.certManager({ issuer: { name: 'ca' } });
  const ep = new Endpoint({ mode, serviceName: 'api', namespace: 'ns', port: 8443 });
  expect(ep.trust.kind).toBe('caSecret');
  expect(ep.trust.secretName).toBe('api-tls');
  expect(ep.trust.key).toBe('ca.crt');
  const named = new Endpoint({ mode: TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'shared-tls' }), serviceName: 'api', namespace: 'ns', port: 1 });
  expect(named.trust.secretName).toBe('shared-tls');
});

test('servingSecretName and trustFor follow the mode', () => {
  expect(TlsMode.disabled().servingSecretName('a')).toBeUndefined();
  expect(TlsMode.selfSigned().trustFor('a').kind).toBe('skipVerify');
  expect(TlsMode.fromSecretName('s').servingSecretName('a')).toBe('s');
  expect(TlsMode.certManager({ issuer: { name: 'ca' } }).servingSecretName('a')).toBe('a-tls');
  expect(TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.systemRoots() }).trustFor('a').kind).toBe('systemRoots');
});

test('pre-release identifiers compare numerically (SemVer §11)', () => {
  const v = (s: string) => Version.parse('p', 'v', s);
  expect(v('1.0.0-rc.10').compare('1.0.0-rc.2')).toBe(1);
  expect(v('1.0.0-alpha').compare('1.0.0-alpha.1')).toBe(-1);
  expect(v('1.0.0-1').compare('1.0.0-alpha')).toBe(-1);
  expect(v('1.0.0-beta.11').compare('1.0.0-rc.1')).toBe(-1);
  expect(v('1.0.0-rc.1').compare('1.0.0-rc.1')).toBe(0);
});

test('formatValue always returns a readable string', () => {
  expect(formatValue(() => 1)).toBe('(a function)');
  expect(formatValue(Symbol('s'))).toBe('Symbol(s)');
  expect(typeof formatValue(Object.create(null))).toBe('string');
  expect(formatValue(Trust.caFromSecretName('ca', 'bundle.pem'))).toBe('Trust.caFromSecretName("ca", "bundle.pem")');
  expect(formatValue(Trust.systemRoots())).toBe('Trust.systemRoots()');
});

test('ServerTlsPlan refuses bad names with the path and prop it is given', () => {
  const mode = TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.systemRoots() });
  expect(() => ServerTlsPlan.resolve('test', { mode, serviceName: 'Bad_Svc', namespace: 'ns' })).toThrow(/^test: serviceName "Bad_Svc" is not allowed/);
  expect(() => ServerTlsPlan.resolve('test', { mode, serviceName: 'svc', namespace: 'NS' })).toThrow(/^test: namespace "NS"/);
  expect(() => ServerTlsPlan.resolve('test', { mode, serviceName: 'svc', namespace: 'ns', clusterDomain: 'bad domain' })).toThrow(/clusterDomain "bad domain"/);
  const ok = ServerTlsPlan.resolve('test', { mode, serviceName: 'svc', namespace: 'ns' });
  expect(() => ok.addPublicHost('x', 'publicUrl', 'https://ok.example.com')).not.toThrow();
});

test.each(['.', '..', '..data'])('Secret/ConfigMap key %s is refused', (key) => {
  expect(() => Trust.caFromSecretName('x', key)).toThrow(/key .* is not allowed/);
  expect(() => Trust.caFromConfigMapName('x', key)).toThrow(ValidationError);
});

test('fromSecret and certManager check their trust option', () => {
  expect(TlsMode.fromSecretName('x', null as any).trust.kind).toBe('systemRoots');
  expect(() => TlsMode.fromSecretName('x', { trust: 'skip' as any })).toThrow(/TlsMode\.fromSecretName: trust "skip" is not allowed: it is not a Trust/);
  expect(() => TlsMode.certManager({ issuer: { name: 'ca' }, trust: {} as any })).toThrow(/TlsMode\.certManager: trust/);
});

test('renewBefore below cert-manager\'s 5 minute minimum is refused', () => {
  expect(() => TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: Duration.seconds(299) }))
    .toThrow(/renewBefore Duration\.seconds\(299\) is not allowed: cert-manager refuses renewBefore below 5m/);
  expect(TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: Duration.minutes(5) }).renewBefore?.toSeconds()).toBe(300);
});
