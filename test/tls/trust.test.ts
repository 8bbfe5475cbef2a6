import { generateKeyPairSync, X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Trust } from '../../lib/tls/trust';
import { expectRefusal, SUBDOMAIN_ALLOWED } from './refusal';

// Real self-signed CA certificates (certificates only; their keys were thrown away):
// openssl req -x509 -newkey rsa:2048 -nodes -keyout /dev/null -subj '/CN=test-ca' -days 3650
// openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout /dev/null -subj '/CN=test-ca-2' -days 3650
const FIXTURES = path.resolve(__dirname, '../support/fixtures');
const RSA_CA = fs.readFileSync(path.join(FIXTURES, 'ca.crt.pem'), 'utf8');
const EC_CA = fs.readFileSync(path.join(FIXTURES, 'ca-ec.crt.pem'), 'utf8');

const PEM_ALLOWED = 'one or more PEM "-----BEGIN CERTIFICATE-----" blocks';
const KEY_ALLOWED = "letters, digits, '-', '_' and '.' (e.g. \"ca.crt\")";

/** The message shows only the first 40 characters of a long PEM. */
function abbreviated(pem: string): string {
  return pem.length > 40 ? `${pem.slice(0, 40)}…` : pem;
}

describe('fixtures', () => {
  test.each([['ca.crt.pem', RSA_CA, 'CN=test-ca'], ['ca-ec.crt.pem', EC_CA, 'CN=test-ca-2']])('%s is a CA certificate and holds no key', (_file, pem, subject) => {
    const cert = new X509Certificate(pem);
    expect(cert.subject).toBe(subject);
    expect(cert.ca).toBe(true);
    expect(pem).not.toMatch(/PRIVATE KEY/);
    expect(pem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(1);
  });
});

describe('Trust.systemRoots()', () => {
  test('verifies against the system roots and names no source', () => {
    const trust = Trust.systemRoots();
    expect(trust.kind).toBe('systemRoots');
    expect(trust.verifies).toBe(true);
    expect(trust.secretName).toBeUndefined();
    expect(trust.configMapName).toBeUndefined();
    expect(trust.key).toBeUndefined();
    expect(trust.pem).toBeUndefined();
    expect(trust.toString()).toBe('Trust.systemRoots()');
  });
});

describe('Trust.skipVerify()', () => {
  test('does not verify and names no source', () => {
    const trust = Trust.skipVerify();
    expect(trust.kind).toBe('skipVerify');
    expect(trust.verifies).toBe(false);
    expect(trust.secretName).toBeUndefined();
    expect(trust.configMapName).toBeUndefined();
    expect(trust.key).toBeUndefined();
    expect(trust.pem).toBeUndefined();
    expect(trust.toString()).toBe('Trust.skipVerify()');
  });
});

describe('Trust.caFromSecretName()', () => {
  test('reads ca.crt of the Secret by default', () => {
    const trust = Trust.caFromSecretName('ca-bundle');
    expect(trust.kind).toBe('caSecret');
    expect(trust.verifies).toBe(true);
    expect(trust.secretName).toBe('ca-bundle');
    expect(trust.configMapName).toBeUndefined();
    expect(trust.key).toBe('ca.crt');
    expect(trust.pem).toBeUndefined();
  });

  test('reads a custom key', () => {
    const trust = Trust.caFromSecretName('ca-bundle', 'root_CA-1.pem');
    expect(trust.secretName).toBe('ca-bundle');
    expect(trust.key).toBe('root_CA-1.pem');
  });

  test.each(['Ca-Bundle', 'ca_bundle', '', '-ca', 'a'.repeat(254)])('refuses Secret name %j', (name) => {
    expectRefusal(() => Trust.caFromSecretName(name), {
      path: 'Trust.caFromSecretName', prop: 'name', value: name, shown: JSON.stringify(name),
      why: 'not a DNS-1123 subdomain', allowed: SUBDOMAIN_ALLOWED,
    });
  });

  test.each(['', 'ca/crt', 'ca crt', 'ca:crt', 'ca.crt\n', 'a'.repeat(254)])('refuses key %j', (key) => {
    expectRefusal(() => Trust.caFromSecretName('ca-bundle', key), {
      path: 'Trust.caFromSecretName', prop: 'key', value: key, shown: JSON.stringify(key),
      why: 'not a valid Secret/ConfigMap key', allowed: KEY_ALLOWED,
    });
  });

  test('accepts a key of 253 characters', () => {
    expect(Trust.caFromSecretName('ca-bundle', 'k'.repeat(253)).key).toBe('k'.repeat(253));
  });

  test('refuses a non-string key', () => {
    expectRefusal(() => Trust.caFromSecretName('ca-bundle', 5 as unknown as string), {
      path: 'Trust.caFromSecretName', prop: 'key', value: 5, shown: '5', allowed: KEY_ALLOWED,
    });
  });
});

describe('Trust.caFromConfigMapName()', () => {
  test('reads ca.crt of the ConfigMap by default', () => {
    const trust = Trust.caFromConfigMapName('trust-bundle');
    expect(trust.kind).toBe('caConfigMap');
    expect(trust.verifies).toBe(true);
    expect(trust.configMapName).toBe('trust-bundle');
    expect(trust.secretName).toBeUndefined();
    expect(trust.key).toBe('ca.crt');
    expect(trust.pem).toBeUndefined();
  });

  test('reads a custom key', () => {
    expect(Trust.caFromConfigMapName('trust-bundle', 'bundle.pem').key).toBe('bundle.pem');
  });

  test.each(['Trust.Bundle', 'trust_bundle', '', 'bundle-'])('refuses ConfigMap name %j', (name) => {
    expectRefusal(() => Trust.caFromConfigMapName(name), {
      path: 'Trust.caFromConfigMapName', prop: 'name', value: name, shown: JSON.stringify(name),
      why: 'not a DNS-1123 subdomain', allowed: SUBDOMAIN_ALLOWED,
    });
  });

  test.each(['', 'dir/ca.crt', 'ca*'])('refuses key %j', (key) => {
    expectRefusal(() => Trust.caFromConfigMapName('trust-bundle', key), {
      path: 'Trust.caFromConfigMapName', prop: 'key', value: key, shown: JSON.stringify(key),
      why: 'not a valid Secret/ConfigMap key', allowed: KEY_ALLOWED,
    });
  });
});

describe('Trust.caPem()', () => {
  test('accepts a real CA certificate', () => {
    const trust = Trust.caPem(RSA_CA);
    expect(trust.kind).toBe('caPem');
    expect(trust.verifies).toBe(true);
    expect(trust.pem).toBe(`${RSA_CA.trim()}\n`);
    expect(trust.secretName).toBeUndefined();
    expect(trust.configMapName).toBeUndefined();
    expect(trust.key).toBeUndefined();
  });

  test('normalises the PEM: trimmed, exactly one trailing newline', () => {
    const body = RSA_CA.trim();
    expect(Trust.caPem(`\n\n   ${body}\n\n\n`).pem).toBe(`${body}\n`);
    expect(Trust.caPem(body).pem).toBe(`${body}\n`);
    expect(Trust.caPem(`${body}\n`).pem).toBe(`${body}\n`);
    expect(Trust.caPem(`\t${body}  \r\n`).pem).toBe(`${body}\n`);
  });

  test('accepts a bundle of two certificates and keeps both', () => {
    const bundle = `${RSA_CA.trim()}\n${EC_CA.trim()}\n`;
    const pem = Trust.caPem(bundle).pem!;
    expect(pem).toBe(bundle);
    expect(pem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(pem).toContain(RSA_CA.trim());
    expect(pem).toContain(EC_CA.trim());
  });

  test('accepts the EC certificate alone', () => {
    expect(Trust.caPem(EC_CA).pem).toBe(`${EC_CA.trim()}\n`);
  });

  test.each([
    ['garbage', 'not a certificate'],
    ['the empty string', ''],
    ['a BEGIN marker without END', '-----BEGIN CERTIFICATE-----\nMIIB\n'],
    ['a public key block', generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }) as string],
  ])('refuses %s: no certificate block', (_what, pem) => {
    expectRefusal(() => Trust.caPem(pem), {
      path: 'Trust.caPem', prop: 'pem', value: abbreviated(pem), shown: JSON.stringify(abbreviated(pem)),
      why: 'no PEM certificate block found', allowed: PEM_ALLOWED,
    });
  });

  test('refuses a private key block instead of a certificate', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const err = expectRefusal(() => Trust.caPem(key), {
      path: 'Trust.caPem', prop: 'pem', value: abbreviated(key), shown: JSON.stringify(abbreviated(key)),
      why: 'no PEM certificate block found', allowed: PEM_ALLOWED,
    });
    // the message shows only the start of the refused value, never the whole key
    expect(err.message).not.toContain(key.trim().split('\n')[2]);
  });

  test('refuses a truncated certificate body inside valid markers', () => {
    const lines = RSA_CA.trim().split('\n');
    const truncated = [lines[0], ...lines.slice(1, 5), lines[lines.length - 1]].join('\n');
    expectRefusal(() => Trust.caPem(truncated), {
      path: 'Trust.caPem', prop: 'pem', value: abbreviated(truncated), shown: JSON.stringify(abbreviated(truncated)),
      why: /^ is not allowed: a certificate block does not parse \(.+\); use /, allowed: PEM_ALLOWED,
    });
  });

  test('refuses a corrupted base64 body inside valid markers', () => {
    const lines = RSA_CA.trim().split('\n');
    lines[3] = '!'.repeat(lines[3].length);
    const corrupted = lines.join('\n');
    expectRefusal(() => Trust.caPem(corrupted), {
      path: 'Trust.caPem', prop: 'pem', value: abbreviated(corrupted), shown: JSON.stringify(abbreviated(corrupted)),
      why: /a certificate block does not parse/, allowed: PEM_ALLOWED,
    });
  });

  test('refuses valid base64 that is not DER inside valid markers', () => {
    const fake = `-----BEGIN CERTIFICATE-----\n${Buffer.from('hello world, not a certificate').toString('base64')}\n-----END CERTIFICATE-----\n`;
    expect(() => Trust.caPem(fake)).toThrow(/^Trust\.caPem: pem ".*" is not allowed: a certificate block does not parse/s);
  });

  test('refuses empty markers', () => {
    expect(() => Trust.caPem('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----')).toThrow(/a certificate block does not parse/);
  });

  test('refuses a bundle whose second certificate is corrupted', () => {
    const lines = EC_CA.trim().split('\n');
    lines[2] = lines[2].split('').reverse().join('');
    const bundle = `${RSA_CA.trim()}\n${lines.join('\n')}\n`;
    expect(() => Trust.caPem(bundle)).toThrow(/^Trust\.caPem: pem .* is not allowed: a certificate block does not parse/s);
  });

  test.each([
    ['a number', 42, '42'],
    ['undefined', undefined, '(unset)'],
    ['null', null, 'null'],
  ])('refuses a non-string (%s)', (_what, pem, shown) => {
    expectRefusal(() => Trust.caPem(pem as unknown as string), {
      path: 'Trust.caPem', prop: 'pem', value: pem, shown, why: 'not a string', allowed: PEM_ALLOWED,
    });
  });

  test('refuses a Buffer holding a PEM (must be a string)', () => {
    expect(() => Trust.caPem(Buffer.from(RSA_CA) as unknown as string)).toThrow(/is not allowed: not a string; use /);
  });
});

describe('Trust._issuedCa() and resolveFor()', () => {
  test('issuedCa names the ca.crt key but no Secret until resolved', () => {
    const trust = Trust._issuedCa();
    expect(trust.kind).toBe('issuedCa');
    expect(trust.verifies).toBe(true);
    expect(trust.key).toBe('ca.crt');
    expect(trust.secretName).toBeUndefined();
    expect(trust.configMapName).toBeUndefined();
  });

  test('resolveFor binds issuedCa to ca.crt of the issued Secret', () => {
    const issued = Trust._issuedCa();
    const resolved = issued.resolveFor('flyteadmin-tls');
    expect(resolved).not.toBe(issued);
    expect(resolved.kind).toBe('caSecret');
    expect(resolved.secretName).toBe('flyteadmin-tls');
    expect(resolved.key).toBe('ca.crt');
    // the unresolved value is left as it was
    expect(issued.kind).toBe('issuedCa');
    expect(issued.secretName).toBeUndefined();
  });

  test('resolveFor refuses a Secret name that is not a DNS subdomain', () => {
    expectRefusal(() => Trust._issuedCa().resolveFor('Bad_Secret'), {
      path: 'Trust.caFromSecretName', prop: 'name', value: 'Bad_Secret', shown: '"Bad_Secret"', allowed: SUBDOMAIN_ALLOWED,
    });
  });

  test.each([
    ['systemRoots', () => Trust.systemRoots()],
    ['skipVerify', () => Trust.skipVerify()],
    ['caSecret', () => Trust.caFromSecretName('other-ca', 'root.pem')],
    ['caConfigMap', () => Trust.caFromConfigMapName('trust-bundle')],
    ['caPem', () => Trust.caPem(RSA_CA)],
  ])('resolveFor leaves %s unchanged', (kind, make) => {
    const trust = make();
    const resolved = trust.resolveFor('flyteadmin-tls');
    expect(resolved).toBe(trust);
    expect(resolved.kind).toBe(kind);
    expect(resolved.secretName).not.toBe('flyteadmin-tls');
  });
});
