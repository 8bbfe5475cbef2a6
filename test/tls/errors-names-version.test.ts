import { formatValue, refusal, ValidationError } from '../../lib/errors';
import { ValidationError as PublicValidationError } from '../../lib/index';
import { isDnsLabel, isDnsSubdomain, requireLabel, requirePort, requireSubdomain } from '../../lib/names';
import { TlsMode } from '../../lib/tls/tls-mode';
import { Trust } from '../../lib/tls/trust';
import { supportedVersion, Version } from '../../lib/version';
import { expectRefusal, LABEL_ALLOWED, SUBDOMAIN_ALLOWED } from './refusal';

describe('ValidationError', () => {
  const err = new ValidationError('stack/admin', 'port', 0, 'not a TCP port', 'an integer from 1 to 65535');

  test('is an Error named ValidationError, exported publicly', () => {
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(ValidationError);
    expect(PublicValidationError).toBe(ValidationError);
    expect(err.name).toBe('ValidationError');
    expect(err.stack).toContain('ValidationError');
  });

  test('carries path, prop, value and allowed as fields', () => {
    expect(err.path).toBe('stack/admin');
    expect(err.prop).toBe('port');
    expect(err.value).toBe(0);
    expect(err.allowed).toBe('an integer from 1 to 65535');
  });

  test('message: <path>: <prop> <value> is not allowed: <why>; use <alternative>', () => {
    expect(err.message).toBe('stack/admin: port 0 is not allowed: not a TCP port; use an integer from 1 to 65535');
    expect(new ValidationError('p', 'name', 'X', 'upper case', 'lower case').message).toBe('p: name "X" is not allowed: upper case; use lower case');
    expect(new ValidationError('p', 'tls', undefined, 'required', 'TlsMode.disabled()').message)
      .toBe('p: tls (unset) is not allowed: required; use TlsMode.disabled()');
  });

  test('keeps the refused value itself, not its rendering', () => {
    const value = { a: [1] };
    expect(new ValidationError('p', 'x', value, 'why', 'alt').value).toBe(value);
  });

  test('refusal() formats the same message (for node.addValidation)', () => {
    expect(refusal('stack/console', 'publicOrigin', '*', 'wildcards are refused', 'an exact origin'))
      .toBe('stack/console: publicOrigin "*" is not allowed: wildcards are refused; use an exact origin');
    expect(refusal('a', 'b', 1, 'c', 'd')).toBe(new ValidationError('a', 'b', 1, 'c', 'd').message);
  });
});

describe('formatValue', () => {
  test.each([
    ['a string, quoted', 'flyte', '"flyte"'],
    ['the empty string', '', '""'],
    ['a string with quotes and newlines, escaped', 'a"b\nc', '"a\\"b\\nc"'],
    ['an integer', 8080, '8080'],
    ['a fraction', 80.5, '80.5'],
    ['zero', 0, '0'],
    ['a negative number', -1, '-1'],
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['undefined', undefined, '(unset)'],
    ['null', null, 'null'],
    ['an object, as JSON', { name: 'ca', kind: 'Issuer' }, '{"name":"ca","kind":"Issuer"}'],
    ['an array, as JSON', ['a', 1], '["a",1]'],
    ['an empty object', {}, '{}'],
  ])('%s', (_what, value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  test.each([
    [TlsMode.disabled(), 'TlsMode.disabled()'],
    [TlsMode.selfSigned(), 'TlsMode.selfSigned()'],
    [TlsMode.fromSecretName('flyte-tls'), 'TlsMode.fromSecretName("flyte-tls")'],
    [TlsMode.certManager({ issuer: { name: 'ca' } }), 'TlsMode.certManager({ issuer: { name: "ca", kind: "ClusterIssuer" } })'],
  ])('a TlsMode renders as its factory call: %s', (mode, expected) => {
    expect(formatValue(mode)).toBe(expected);
    expect(formatValue(mode)).not.toContain('{"kind"');
  });

  test('a Trust renders through its toString, not as JSON', () => {
    expect(formatValue(Trust.systemRoots())).toBe('Trust.systemRoots()');
    expect(formatValue(Trust.skipVerify())).toBe('Trust.skipVerify()');
  });

  test('a circular object does not throw', () => {
    const circular: any = { a: 1 };
    circular.self = circular;
    expect(() => formatValue(circular)).not.toThrow();
    expect(typeof formatValue(circular)).toBe('string');
  });
});

describe('names', () => {
  describe('requireSubdomain', () => {
    test.each(['flyte-tls', 'a', '0', 'tls.flyte.example', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`])(
      'returns valid name %j', (name) => {
        expect(requireSubdomain('p', 'name', name)).toBe(name);
        expect(isDnsSubdomain(name)).toBe(true);
      });

    test.each(['', 'Flyte', 'flyte_tls', '-a', 'a-', 'a..b', '.a', 'a.', 'a b', 'a'.repeat(254)])('refuses %j', (name) => {
      expect(isDnsSubdomain(name)).toBe(false);
      expectRefusal(() => requireSubdomain('stack/admin', 'secretName', name), {
        path: 'stack/admin', prop: 'secretName', value: name, shown: JSON.stringify(name),
        why: 'not a DNS-1123 subdomain', allowed: SUBDOMAIN_ALLOWED,
      });
    });

    test.each([[undefined, '(unset)'], [null, 'null'], [42, '42'], [['a'], '["a"]']])('refuses the non-string %p', (name, shown) => {
      expectRefusal(() => requireSubdomain('p', 'name', name), { path: 'p', prop: 'name', value: name, shown, allowed: SUBDOMAIN_ALLOWED });
    });
  });

  describe('requireLabel', () => {
    test.each(['flyte', 'a', '0', 'flyte-system', 'a'.repeat(63)])('returns valid label %j', (name) => {
      expect(requireLabel('p', 'namespace', name)).toBe(name);
      expect(isDnsLabel(name)).toBe(true);
    });

    test.each(['', 'Flyte', 'flyte.system', 'flyte_system', '-a', 'a-', 'a'.repeat(64)])('refuses %j', (name) => {
      expect(isDnsLabel(name)).toBe(false);
      expectRefusal(() => requireLabel('stack/admin', 'namespace', name), {
        path: 'stack/admin', prop: 'namespace', value: name, shown: JSON.stringify(name),
        why: 'not a DNS-1123 label', allowed: LABEL_ALLOWED,
      });
    });

    test('refuses a non-string', () => {
      expectRefusal(() => requireLabel('p', 'serviceName', 7), { path: 'p', prop: 'serviceName', value: 7, shown: '7', allowed: LABEL_ALLOWED });
    });
  });

  describe('requirePort', () => {
    test.each([1, 80, 8088, 65535])('returns port %d', (port) => {
      expect(requirePort('p', 'port', port)).toBe(port);
    });

    test.each([
      [0, '0'], [65536, '65536'], [-443, '-443'], [80.5, '80.5'], [NaN, 'NaN'], [Infinity, 'Infinity'],
      ['8080', '"8080"'], [undefined, '(unset)'], [null, 'null'],
    ])('refuses %p', (port, shown) => {
      expectRefusal(() => requirePort('stack/admin', 'servicePort', port), {
        path: 'stack/admin', prop: 'servicePort', value: port, shown, why: 'not a TCP port', allowed: 'an integer from 1 to 65535',
      });
    });
  });
});

describe('Version', () => {
  const parse = (v: string) => Version.parse('test', 'version', v);

  test('parses MAJOR.MINOR.PATCH with and without a leading v', () => {
    for (const text of ['1.13.3', 'v1.13.3']) {
      const v = parse(text);
      expect([v.major, v.minor, v.patch, v.prerelease]).toEqual([1, 13, 3, '']);
      expect(v.tag).toBe('v1.13.3');
      expect(v.toString()).toBe('v1.13.3');
    }
    expect(parse('0.0.0').tag).toBe('v0.0.0');
  });

  test('keeps a pre-release suffix, drops build metadata', () => {
    const rc = parse('v1.16.0-rc.1');
    expect(rc.prerelease).toBe('-rc.1');
    expect(rc.tag).toBe('v1.16.0-rc.1');
    const build = parse('1.16.0+build.7');
    expect(build.prerelease).toBe('');
    expect(build.tag).toBe('v1.16.0');
    expect(build.compare('1.16.0')).toBe(0);
    expect(parse('1.16.0-beta.2+sha.abc').tag).toBe('v1.16.0-beta.2');
  });

  test.each([
    ['1.2.3', '1.2.3', 0],
    ['v1.2.3', '1.2.3', 0],
    ['1.2.3', '1.2.4', -1],
    ['1.2.4', '1.2.3', 1],
    ['1.2.3', '1.3.0', -1],
    ['1.3.0', '1.2.9', 1],
    ['1.99.99', '2.0.0', -1],
    ['2.0.0', '1.99.99', 1],
    ['1.10.0', '1.9.0', 1],
    ['1.9.10', '1.9.9', 1],
    ['0.10.0', '0.6.0', 1],
    ['1.2.3-rc.1', '1.2.3', -1],
    ['1.2.3', '1.2.3-rc.1', 1],
    ['1.2.3-rc.1', '1.2.2', 1],
    ['1.2.3-rc.1', '1.2.3-rc.1', 0],
    ['1.2.3-alpha', '1.2.3-beta', -1],
    ['1.2.3-beta', '1.2.3-alpha', 1],
    ['1.2.3-alpha', '1.2.3-alpha.1', -1],
    ['1.2.3-rc.1', '1.2.3-rc.2', -1],
  ])('%s compared with %s is %d', (a, b, expected) => {
    expect(parse(a).compare(b)).toBe(expected);
    expect(parse(a).compare(parse(b))).toBe(expected);
    expect(parse(a).atLeast(b)).toBe(expected >= 0);
    expect(parse(a).below(b)).toBe(expected < 0);
  });

  test('atLeast and below at the boundary', () => {
    expect(parse('1.13.3').atLeast('1.13.3')).toBe(true);
    expect(parse('1.13.3').below('1.13.3')).toBe(false);
    expect(parse('1.13.2').atLeast('v1.13.3')).toBe(false);
    expect(parse('1.13.2').below('v1.13.3')).toBe(true);
    expect(parse('1.14.0-rc.0').below('1.14.0')).toBe(true);
  });

  test.each(['1.2', 'latest', 'v1.2.3.4', '', '1', 'V1.2.3', ' 1.2.3', '1.2.3 ', '01.2.3', '1.02.3', '1.2.3-', 'v', '1.2.x'])(
    'refuses non-semver %j', (text) => {
      expectRefusal(() => Version.parse('stack/admin', 'version', text), {
        path: 'stack/admin', prop: 'version', value: text, shown: JSON.stringify(text),
        why: 'not a semantic version', allowed: 'MAJOR.MINOR.PATCH with an optional leading "v", e.g. "v1.8.3"',
      });
    });

  test('compare refuses a non-semver argument', () => {
    expectRefusal(() => parse('1.2.3').compare('latest'), {
      path: 'Version.compare', prop: 'other', value: 'latest', shown: '"latest"', why: 'not a semantic version',
      allowed: /^MAJOR\.MINOR\.PATCH/,
    });
    expect(() => parse('1.2.3').atLeast('1.2')).toThrow(ValidationError);
  });
});

describe('supportedVersion', () => {
  const why = 'the Console image line starts at v1.10.0';
  const line = (minimum: string) => ({ minimum, why, newestMajor: 2, line: 'Test 1 and 2', laterMajor: 'Test 3 is another product' });

  test('returns the parsed version at or above the minimum', () => {
    expect(supportedVersion('stack/console', 'version', 'v1.10.0', line('1.10.0')).tag).toBe('v1.10.0');
    expect(supportedVersion('stack/console', 'version', '1.16.1', line('1.10.0')).tag).toBe('v1.16.1');
    expect(supportedVersion('stack/console', 'version', '2.0.0-rc.1', line('v1.10.0')).tag).toBe('v2.0.0-rc.1');
  });

  test.each(['v1.9.9', '1.9.0', '0.99.99', '1.10.0-rc.1'])('refuses %j below the minimum, with the reason', (version) => {
    expectRefusal(() => supportedVersion('stack/console', 'version', version, line('1.10.0')), {
      path: 'stack/console', prop: 'version', value: version, shown: JSON.stringify(version),
      why: `older than 1.10.0: ${why}`, allowed: 'a version >= 1.10.0',
    });
  });

  test('the refusal message reads as documented', () => {
    expect(() => supportedVersion('stack/console', 'version', 'v1.9.9', line('1.10.0'))).toThrow(
      'stack/console: version "v1.9.9" is not allowed: older than 1.10.0: the Console image line starts at v1.10.0; use a version >= 1.10.0',
    );
  });

  test.each(['v3.0.0', '3.0.0-rc.1', 'v3.1.0'])('refuses %j of a later major line, on the major number (pre-releases too), naming the modelled line', (version) => {
    expectRefusal(() => supportedVersion('stack/console', 'version', version, line('1.10.0')), {
      path: 'stack/console', prop: 'version', value: version, shown: JSON.stringify(version),
      why: 'Test 3 is another product; this construct models Test 1 and 2', allowed: 'a version of the 2.x line, >= 1.10.0',
    });
  });

  test('a non-semver version is refused as such, before the range check', () => {
    expectRefusal(() => supportedVersion('stack/console', 'version', 'latest', line('1.10.0')), {
      path: 'stack/console', prop: 'version', value: 'latest', shown: '"latest"', why: 'not a semantic version', allowed: /^MAJOR\.MINOR\.PATCH/,
    });
  });
});
