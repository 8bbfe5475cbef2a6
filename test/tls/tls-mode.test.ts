import { Duration } from 'cdk8s';
import { formatValue, ValidationError } from '../../lib/errors';
import { IssuerKind, TlsMode } from '../../lib/tls/tls-mode';
import { Trust } from '../../lib/tls/trust';
import { expectRefusal, SUBDOMAIN_ALLOWED } from './refusal';

const WHOLE_SECONDS_ALLOWED = 'a Duration of whole seconds, e.g. Duration.seconds(90)';

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

describe('TlsMode.fromSecretName()', () => {
  test('serves HTTPS from the named Secret', () => {
    const mode = TlsMode.fromSecretName('flyte-tls');
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
    expect(TlsMode.fromSecretName('flyte-tls').trust.kind).toBe('systemRoots');
    expect(TlsMode.fromSecretName('flyte-tls', {}).trust.kind).toBe('systemRoots');
  });

  test('an explicit trust is kept as given', () => {
    const trust = Trust.caFromConfigMapName('internal-ca', 'bundle.pem');
    const mode = TlsMode.fromSecretName('flyte-tls', { trust });
    expect(mode.trust).toBe(trust);
    expect(TlsMode.fromSecretName('flyte-tls', { trust: Trust.skipVerify() }).trust.kind).toBe('skipVerify');
  });

  test('renders as its factory call with the Secret name', () => {
    expect(TlsMode.fromSecretName('flyte-tls').toString()).toBe('TlsMode.fromSecretName("flyte-tls")');
  });

  test.each([
    ['a dotted subdomain', 'tls.flyte.example'],
    ['a single character', 'a'],
    ['digits only', '123'],
    ['exactly 253 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`],
  ])('accepts %s as a Secret name', (_what, name) => {
    expect(TlsMode.fromSecretName(name).secretName).toBe(name);
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
    expectRefusal(() => TlsMode.fromSecretName(name), {
      path: 'TlsMode.fromSecretName',
      prop: 'secretName',
      value: name,
      shown: JSON.stringify(name),
      why: 'not a DNS-1123 subdomain',
      allowed: SUBDOMAIN_ALLOWED,
    });
  });

  test('the refusal message reads as documented', () => {
    expect(() => TlsMode.fromSecretName('Flyte_TLS')).toThrow(
      'TlsMode.fromSecretName: secretName "Flyte_TLS" is not allowed: not a DNS-1123 subdomain; use lower-case letters, digits, '
      + "'-' and '.', at most 253 characters, starting and ending with a letter or digit (e.g. \"flyte-tls\")",
    );
  });

  test.each([
    ['undefined', undefined, '(unset)'],
    ['a number', 42, '42'],
  ])('refuses a non-string Secret name (%s)', (_what, name, shown) => {
    expectRefusal(() => TlsMode.fromSecretName(name as unknown as string), {
      path: 'TlsMode.fromSecretName', prop: 'secretName', value: name, shown, allowed: SUBDOMAIN_ALLOWED,
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
    expect(TlsMode.certManager({ issuer: { name: 'ca', kind: IssuerKind.ISSUER } }).issuer)
      .toEqual({ name: 'ca', kind: 'Issuer', group: 'cert-manager.io' });
    expect(TlsMode.certManager({ issuer: { name: 'pca', kind: IssuerKind.CLUSTER_ISSUER, group: 'awspca.cert-manager.io' } }).issuer)
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
    const duration = Duration.hours(720);
    const renewBefore = Duration.hours(240);
    const mode = TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'admin-cert', duration, renewBefore });
    expect(mode.secretName).toBe('admin-cert');
    expect(mode.duration).toBe(duration);
    expect(mode.renewBefore).toBe(renewBefore);
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
        why: 'unknown issuer kind', allowed: 'IssuerKind.ISSUER ("Issuer") or IssuerKind.CLUSTER_ISSUER ("ClusterIssuer")',
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
    test.each([
      Duration.hours(1), Duration.minutes(60), Duration.seconds(3600), Duration.minutes(90), Duration.hours(1.5), Duration.hours(2160),
      Duration.days(90), Duration.hours(8760), Duration.millis(3_600_000),
    ].map((d) => [formatValue(d), d] as const))('duration %s is accepted', (_shown, duration) => {
      expect(TlsMode.certManager({ issuer: { name: 'ca' }, duration }).duration).toBe(duration);
    });

    // JavaScript callers and JSON-loaded options: the Go duration strings of before 1.0 and other non-Durations.
    test.each(['720h', '90 days', '', '1h30m'])('a string for duration (%j) is refused, naming the Duration to use', (duration) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: duration as any }), {
        path: 'TlsMode.certManager', prop: 'duration', value: duration, shown: JSON.stringify(duration),
        why: 'it is not a Duration', allowed: 'a cdk8s Duration, e.g. Duration.hours(720)',
      });
    });

    test.each<[string, unknown, string]>([
      ['a string', '360h', '"360h"'],
      ['a number', 3600, '3600'],
      ['an ISO string', 'PT15D', '"PT15D"'],
      ['a look-alike object', { amount: 15, unit: 'days' }, '{"amount":15,"unit":"days"}'],
    ])('%s for renewBefore is refused', (_what, renewBefore, shown) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(720), renewBefore: renewBefore as any }), {
        path: 'TlsMode.certManager', prop: 'renewBefore', value: renewBefore, shown,
        why: 'it is not a Duration', allowed: 'a cdk8s Duration, e.g. Duration.hours(240)',
      });
    });

    test.each<[string, Duration]>([
      ['Duration.minutes(59)', Duration.minutes(59)],
      ['Duration.seconds(3599)', Duration.seconds(3599)],
      ['Duration.minutes(30)', Duration.minutes(30)],
      ['Duration.hours(0)', Duration.hours(0)],
      ['Duration.hours(0.5)', Duration.hours(0.5)],
    ])('duration %s, shorter than 1h, is refused', (shown, duration) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration }), {
        path: 'TlsMode.certManager', prop: 'duration', value: duration, shown,
        why: 'cert-manager refuses certificates shorter than 1h', allowed: 'a duration of at least "1h"',
      });
    });

    test.each<['duration' | 'renewBefore', string, Duration]>([
      ['duration', 'Duration.millis(3600500)', Duration.millis(3_600_500)],
      ['duration', 'Duration.seconds(7200.5)', Duration.seconds(7200.5)],
      ['renewBefore', 'Duration.millis(600001)', Duration.millis(600_001)],
    ])('%s %s, not whole seconds, is refused (a Go duration in h, m or s cannot say it)', (prop, shown, value) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, [prop]: value }), {
        path: 'TlsMode.certManager', prop, value, shown, why: /not a whole number of seconds/, allowed: WHOLE_SECONDS_ALLOWED,
      });
    });

    test('an amount that is not finite or beyond Go\'s range is refused', () => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(NaN) }), {
        path: 'TlsMode.certManager', prop: 'duration', value: Duration.hours(NaN), shown: 'Duration.hours(NaN)',
        why: 'the amount is not a finite number', allowed: /^a Duration of a finite amount/,
      });
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.days(Infinity) }), {
        path: 'TlsMode.certManager', prop: 'duration', value: Duration.days(Infinity), shown: 'Duration.days(Infinity)',
        why: 'the amount is not a finite number', allowed: /^a Duration of a finite amount/,
      });
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(2_562_048) }), {
        path: 'TlsMode.certManager', prop: 'duration', value: Duration.hours(2_562_048), shown: 'Duration.hours(2562048)',
        why: /longer than a Go duration can be/, allowed: 'a Duration of at most Duration.hours(2562047)',
      });
      expect(TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(2_562_047) }).duration?.toHours()).toBe(2_562_047);
    });

    test.each<[string, Duration]>([
      ['Duration.minutes(4)', Duration.minutes(4)],
      ['Duration.seconds(299)', Duration.seconds(299)],
      ['Duration.seconds(0)', Duration.seconds(0)],
    ])('renewBefore %s, below cert-manager\'s 5m minimum, is refused', (shown, renewBefore) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore }), {
        path: 'TlsMode.certManager', prop: 'renewBefore', value: renewBefore, shown,
        why: 'cert-manager refuses renewBefore below 5m', allowed: 'a duration of at least "5m"',
      });
    });

    test.each<[string, Duration]>([
      ['Duration.hours(24)', Duration.hours(24)],
      ['Duration.minutes(1440)', Duration.minutes(1440)],
      ['Duration.days(1)', Duration.days(1)],
      ['Duration.hours(25)', Duration.hours(25)],
      ['Duration.seconds(86401)', Duration.seconds(86401)],
    ])('renewBefore %s, not shorter than a 24h duration, is refused', (shown, renewBefore) => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(24), renewBefore }), {
        path: 'TlsMode.certManager', prop: 'renewBefore', value: renewBefore, shown,
        why: 'it must be shorter than the certificate duration', allowed: 'a duration below 24h',
      });
    });

    test('the limit renewBefore must stay below is the duration as written to the Certificate', () => {
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.minutes(90), renewBefore: Duration.hours(2) }), {
        path: 'TlsMode.certManager', prop: 'renewBefore', value: Duration.hours(2), shown: 'Duration.hours(2)',
        why: 'it must be shorter than the certificate duration', allowed: 'a duration below 90m',
      });
    });

    test('renewBefore just below the duration is accepted', () => {
      const renewBefore = Duration.seconds(86399);
      expect(TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(24), renewBefore }).renewBefore).toBe(renewBefore);
    });

    test('without a duration, renewBefore is checked against the 2160h default', () => {
      expect(TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: Duration.hours(2159) }).renewBefore?.toHours()).toBe(2159);
      expect(() => TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: Duration.hours(2160) })).toThrow(
        'TlsMode.certManager: renewBefore Duration.hours(2160) is not allowed: it must be shorter than the certificate duration; '
        + 'use a duration below 2160h (the default duration)',
      );
      expectRefusal(() => TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: Duration.days(125) }), {
        path: 'TlsMode.certManager', prop: 'renewBefore', value: Duration.days(125), shown: 'Duration.days(125)',
        why: 'it must be shorter than the certificate duration', allowed: 'a duration below 2160h (the default duration)',
      });
    });

    test('a renewBefore that fits the default duration is refused against a shorter explicit one', () => {
      expect(() => TlsMode.certManager({ issuer: { name: 'ca' }, renewBefore: Duration.hours(720) })).not.toThrow();
      expect(() => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(168), renewBefore: Duration.hours(720) }))
        .toThrow(/renewBefore Duration\.hours\(720\) is not allowed: .*; use a duration below 168h$/);
    });
  });
});

test('each factory returns a fresh, independent value', () => {
  const a = TlsMode.fromSecretName('a-tls');
  const b = TlsMode.fromSecretName('b-tls');
  expect(a).not.toBe(b);
  expect([a.secretName, b.secretName]).toEqual(['a-tls', 'b-tls']);
});
