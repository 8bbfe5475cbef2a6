import { ValidationError } from '../../lib/errors';
import { TlsMode } from '../../lib/tls/tls-mode';
import { Trust } from '../../lib/tls/trust';
import { expectRefusal, SUBDOMAIN_ALLOWED } from './refusal';

const GO_DURATION_ALLOWED = 'a number with a unit h, m, s, ms, us or ns, e.g. "2160h" or "1h30m"';

describe('TlsMode.disabled()', () => {
  const mode = TlsMode.disabled();

  test('is plain HTTP with no certificate', () => {
    expect(mode.kind).toBe('disabled');
    expect(mode.enabled).toBe(false);
    expect(mode.scheme).toBe('http');
    expect(mode.secretName).toBeUndefined();
    expect(mode.servesFromSecret).toBe(false);
    expect(mode.issuer).toBeUndefined();
    expect(mode.duration).toBeUndefined();
    expect(mode.renewBefore).toBeUndefined();
  });

  test('trust defaults to the system roots', () => {
    expect(mode.trust).toBeInstanceOf(Trust);
    expect(mode.trust.kind).toBe('systemRoots');
    expect(mode.trust.verifies).toBe(true);
  });

  test('renders as its factory call', () => {
    expect(mode.toString()).toBe('TlsMode.disabled()');
    expect(`${mode}`).toBe('TlsMode.disabled()');
  });
});

describe('TlsMode.selfSigned()', () => {
  const mode = TlsMode.selfSigned();

  test('is HTTPS without a Secret', () => {
    expect(mode.kind).toBe('selfSigned');
    expect(mode.enabled).toBe(true);
    expect(mode.scheme).toBe('https');
    expect(mode.secretName).toBeUndefined();
    expect(mode.servesFromSecret).toBe(false);
    expect(mode.issuer).toBeUndefined();
    expect(mode.duration).toBeUndefined();
    expect(mode.renewBefore).toBeUndefined();
  });

  test('clients skip verification', () => {
    expect(mode.trust.kind).toBe('skipVerify');
    expect(mode.trust.verifies).toBe(false);
  });

  test('renders as its factory call', () => {
    expect(mode.toString()).toBe('TlsMode.selfSigned()');
  });
});

describe('TlsMode.fromSecret()', () => {
  test('serves HTTPS from the named Secret', () => {
    const mode = TlsMode.fromSecret('flyte-tls');
    expect(mode.kind).toBe('secret');
    expect(mode.enabled).toBe(true);
    expect(mode.scheme).toBe('https');
    expect(mode.secretName).toBe('flyte-tls');
    expect(mode.servesFromSecret).toBe(true);
    expect(mode.issuer).toBeUndefined();
    expect(mode.duration).toBeUndefined();
    expect(mode.renewBefore).toBeUndefined();
  });

  test('trust defaults to the system roots', () => {
    expect(TlsMode.fromSecret('flyte-tls').trust.kind).toBe('systemRoots');
    expect(TlsMode.fromSecret('flyte-tls', {}).trust.kind).toBe('systemRoots');
  });

  test('an explicit trust is kept as given', () => {
    const trust = Trust.caFromConfigMap('internal-ca', 'bundle.pem');
    const mode = TlsMode.fromSecret('flyte-tls', { trust });
    expect(mode.trust).toBe(trust);
    expect(TlsMode.fromSecret('flyte-tls', { trust: Trust.skipVerify() }).trust.kind).toBe('skipVerify');
  });

  test('renders as its factory call with the Secret name', () => {
    expect(TlsMode.fromSecret('flyte-tls').toString()).toBe('TlsMode.fromSecret("flyte-tls")');
  });

  test.each([
    ['a dotted subdomain', 'tls.flyte.example'],
    ['a single character', 'a'],
    ['digits only', '123'],
    ['exactly 253 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`],
  ])('accepts %s as a Secret name', (_what, name) => {
    expect(TlsMode.fromSecret(name).secretName).toBe(name);
  });

  test.each([
    ['upper-case letters', 'Flyte-TLS'],
    ['an underscore', 'flyte_tls'],
    ['the empty string', ''],
    ['a leading dash', '-flyte-tls'],
    ['a trailing dash', 'flyte-tls-'],
    ['a space', 'flyte tls'],
    ['an empty label', 'flyte..tls'],
    ['a slash', 'flyte/tls'],
    ['more than 253 characters', 'a'.repeat(254)],
  ])('refuses a Secret name with %s', (_what, name) => {
    expectRefusal(() => TlsMode.fromSecret(name), {
      path: 'TlsMode.fromSecret',
      prop: 'secretName',
      value: name,
      shown: JSON.stringify(name),
      why: 'not a DNS-1123 subdomain',
      allowed: SUBDOMAIN_ALLOWED,
    });
  });

  test('the refusal message reads as documented', () => {
    expect(() => TlsMode.fromSecret('Flyte_TLS')).toThrow(
      'TlsMode.fromSecret: secretName "Flyte_TLS" is not allowed: not a DNS-1123 subdomain; use lower-case letters, digits, '
      + "'-' and '.', at most 253 characters, starting and ending with a letter or digit (e.g. \"flyte-tls\")",
    );
  });

  test.each([
    ['undefined', undefined, '(unset)'],
    ['a number', 42, '42'],
  ])('refuses a non-string Secret name (%s)', (_what, name, shown) => {
    expectRefusal(() => TlsMode.fromSecret(name as unknown as string), {
      path: 'TlsMode.fromSecret', prop: 'secretName', value: name, shown, allowed: SUBDOMAIN_ALLOWED,
    });
  });
});

describe('TlsMode.certManager()', () => {
  test('is HTTPS from a cert-manager issued Secret', () => {
    const mode = TlsMode.certManager({ issuer: { name: 'ca' } });
    expect(mode.kind).toBe('certManager');
    expect(mode.enabled).toBe(true);
    expect(mode.scheme).toBe('https');
    expect(mode.servesFromSecret).toBe(true);
    // the Secret name is derived per server unless given
    expect(mode.secretName).toBeUndefined();
    expect(mode.duration).toBeUndefined();
    expect(mode.renewBefore).toBeUndefined();
  });

  test('the issuer defaults to a ClusterIssuer of group cert-manager.io', () => {
    expect(TlsMode.certManager({ issuer: { name: 'ca' } }).issuer).toEqual({ name: 'ca', kind: 'ClusterIssuer', group: 'cert-manager.io' });
  });

  test('an Issuer kind and an external group are kept', () => {
    expect(TlsMode.certManager({ issuer: { name: 'ca', kind: 'Issuer' } }).issuer)
      .toEqual({ name: 'ca', kind: 'Issuer', group: 'cert-manager.io' });
    expect(TlsMode.certManager({ issuer: { name: 'pca', kind: 'ClusterIssuer', group: 'awspca.cert-manager.io' } }).issuer)
      .toEqual({ name: 'pca', kind: 'ClusterIssuer', group: 'awspca.cert-manager.io' });
  });

  test('trust defaults to the issued Secret\'s ca.crt (bound per server)', () => {
    const trust = TlsMode.certManager({ issuer: { name: 'ca' } }).trust;
    expect(trust.kind).toBe('issuedCa');
    expect(trust.key).toBe('ca.crt');
    expect(trust.verifies).toBe(true);
    expect(trust.secretName).toBeUndefined();
  });

  test('an explicit trust is kept (ACME issuers leave ca.crt empty)', () => {
    const trust = Trust.systemRoots();
    expect(TlsMode.certManager({ issuer: { name: 'letsencrypt' }, trust }).trust).toBe(trust);
  });

  test('secretName, duration and renewBefore are passed through', () => {
    const mode = TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'admin-cert', duration: '720h', renewBefore: '240h' });
    expect(mode.secretName).toBe('admin-cert');
    expect(mode.duration).toBe('720h');
    expect(mode.renewBefore).toBe('240h');
  });

  test('renders as its factory call with the issuer name', () => {
    expect(TlsMode.certManager({ issuer: { name: 'ca' } }).toString()).toBe('TlsMode.certManager({ issuer: { name: "ca", kind: "ClusterIssuer" } })');
  });

  describe('issuer', () => {
    const requiredAllowed = 'the name of a cert-manager Issuer or ClusterIssuer';

    test('an options object without an issuer is refused', () => {
      expectRefusal(() => TlsMode.certManager({} as any), {
        path: 'TlsMode.certManager', prop: 'issuer.name', value: undefined, shown: '(unset)',
        why: 'an issuer name is required', allowed: requiredAllowed,
      });
      expect(() => TlsMode.certManager(undefined as any)).toThrow(ValidationError);
    });

    test.each([
      ['missing', undefined, '(unset)'],
      ['empty', '', '""'],
      ['whitespace', '   ', '"   "'],
      ['not a string', 7, '7'],
    ])('an issuer name that is %s is refused', (_what, name, shown) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name } as any }), {
        path: 'TlsMode.certManager', prop: 'issuer.name', value: name, shown,
        why: 'an issuer name is required', allowed: requiredAllowed,
      });
    });

    test.each(['My_CA', 'CA', '-ca', 'ca issuer'])('an issuer name %j that is not a DNS-1123 subdomain is refused', (name) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name } }), {
        path: 'TlsMode.certManager', prop: 'issuer.name', value: name, shown: JSON.stringify(name),
        why: 'not a DNS-1123 subdomain', allowed: SUBDOMAIN_ALLOWED,
      });
    });

    test.each(['issuer', 'clusterissuer', 'Certificate', ''])('issuer kind %j is refused', (kind) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca', kind: kind as any } }), {
        path: 'TlsMode.certManager', prop: 'issuer.kind', value: kind, shown: JSON.stringify(kind),
        why: 'unknown issuer kind', allowed: '"Issuer" or "ClusterIssuer"',
      });
    });

    test('an issuer group that is not a DNS subdomain is refused', () => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca', group: 'Cert_Manager' } }), {
        path: 'TlsMode.certManager', prop: 'issuer.group', value: 'Cert_Manager', shown: '"Cert_Manager"', allowed: SUBDOMAIN_ALLOWED,
      });
    });
  });

  test('a secretName that is not a DNS subdomain is refused', () => {
    expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'Admin_TLS' }), {
      path: 'TlsMode.certManager', prop: 'secretName', value: 'Admin_TLS', shown: '"Admin_TLS"',
      why: 'not a DNS-1123 subdomain', allowed: SUBDOMAIN_ALLOWED,
    });
  });

  describe('duration and renewBefore', () => {
    test.each(['1h', '60m', '3600s', '1h30m', '1.5h', '2160h', '8760h'])('duration %j is accepted', (duration) => {
      expect(TlsMode.certManager({ issuer: { name: 'ca' }, duration }).duration).toBe(duration);
    });

    test.each(['90 days', '10', '', '90d', '1H', 'h', '-1h', '1h ', ' 1h', '1y'])('malformed duration %j is refused', (duration) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration }), {
        path: 'TlsMode.certManager', prop: 'duration', value: duration, shown: JSON.stringify(duration),
        why: 'not a Go duration', allowed: GO_DURATION_ALLOWED,
      });
    });

    test.each(['90 days', '10', '', '15d'])('malformed renewBefore %j is refused', (renewBefore) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: '720h', renewBefore }), {
        path: 'TlsMode.certManager', prop: 'renewBefore', value: renewBefore, shown: JSON.stringify(renewBefore),
        why: 'not a Go duration', allowed: GO_DURATION_ALLOWED,
      });
    });

    test.each(['59m', '59m59s', '3599s', '30m', '0h', '0.5h'])('duration %j, shorter than 1h, is refused', (duration) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration }), {
        path: 'TlsMode.certManager', prop: 'duration', value: duration, shown: JSON.stringify(duration),
        why: 'cert-manager refuses certificates shorter than 1h', allowed: 'a duration of at least "1h"',
      });
    });

    test.each(['24h', '1440m', '25h', '24h0m1s'])('renewBefore %j, not shorter than a 24h duration, is refused', (renewBefore) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: '24h', renewBefore }), {
        path: 'TlsMode.certManager', prop: 'renewBefore', value: renewBefore, shown: JSON.stringify(renewBefore),
        why: 'it must be shorter than the certificate duration', allowed: 'a duration below 24h',
      });
    });

    test('renewBefore just below the duration is accepted', () => {
      expect(TlsMode.certManager({ issuer: { name: 'ca' }, duration: '24h', renewBefore: '23h59m59s' }).renewBefore).toBe('23h59m59s');
    });

    test('without a duration, renewBefore is checked against the 2160h default', () => {
      expect(TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: '2159h' }).renewBefore).toBe('2159h');
      expect(() => TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: '2160h' })).toThrow(
        'TlsMode.certManager: renewBefore "2160h" is not allowed: it must be shorter than the certificate duration; '
        + 'use a duration below 2160h (the default duration)',
      );
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: '3000h' }), {
        path: 'TlsMode.certManager', prop: 'renewBefore', value: '3000h', shown: '"3000h"',
        why: 'it must be shorter than the certificate duration', allowed: 'a duration below 2160h (the default duration)',
      });
    });

    test('a renewBefore that fits the default duration is refused against a shorter explicit one', () => {
      expect(() => TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: '720h' })).not.toThrow();
      expect(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: '168h', renewBefore: '720h' }))
        .toThrow(/renewBefore "720h" is not allowed: .*; use a duration below 168h$/);
    });
  });
});

test('each factory returns a fresh, independent value', () => {
  const a = TlsMode.fromSecret('a-tls');
  const b = TlsMode.fromSecret('b-tls');
  expect(a).not.toBe(b);
  expect([a.secretName, b.secretName]).toEqual(['a-tls', 'b-tls']);
});
