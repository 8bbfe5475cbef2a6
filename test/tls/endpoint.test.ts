import { Endpoint, EndpointProps } from '../../lib/tls/endpoint';
import { TlsMode } from '../../lib/tls/tls-mode';
import { Trust } from '../../lib/tls/trust';
import { expectRefusal, LABEL_ALLOWED } from './refusal';

const PORT_NAME_ALLOWED = "at most 15 lower-case letters, digits and single '-', with at least one letter";

function endpoint(overrides: Partial<EndpointProps> = {}): Endpoint {
  return new Endpoint({ mode: TlsMode.disabled(), serviceName: 'flyteadmin', namespace: 'flyte', port: 8088, ...overrides });
}

const MODES: [string, () => TlsMode, 'http' | 'https', 'HTTP' | 'HTTPS'][] = [
  ['disabled', () => TlsMode.disabled(), 'http', 'HTTP'],
  ['selfSigned', () => TlsMode.selfSigned(), 'https', 'HTTPS'],
  ['fromSecret', () => TlsMode.fromSecretName('flyte-tls'), 'https', 'HTTPS'],
  ['certManager', () => TlsMode.certManager({ issuer: { name: 'ca' } }), 'https', 'HTTPS'],
];

describe('derived from the mode', () => {
  test.each(MODES)('%s: scheme, default port name and probe scheme', (_kind, mode, scheme, probeScheme) => {
    const ep = endpoint({ mode: mode() });
    expect(ep.scheme).toBe(scheme);
    expect(ep.portName).toBe(scheme);
    expect(ep.probeScheme).toBe(probeScheme);
    expect(ep.url()).toBe(`${scheme}://flyteadmin.flyte.svc:8088`);
  });

  test.each(MODES.filter(([kind]) => kind !== 'certManager'))('%s: trust defaults to the mode\'s', (_kind, makeMode) => {
    const mode = makeMode();
    expect(endpoint({ mode }).trust).toBe(mode.trust);
  });

  test('disabled → systemRoots, selfSigned → skipVerify, fromSecret → its trust', () => {
    expect(endpoint({ mode: TlsMode.disabled() }).trust.kind).toBe('systemRoots');
    expect(endpoint({ mode: TlsMode.selfSigned() }).trust.kind).toBe('skipVerify');
    const caTrust = Trust.caFromConfigMapName('internal-ca');
    expect(endpoint({ mode: TlsMode.fromSecretName('flyte-tls', { trust: caTrust }) }).trust).toBe(caTrust);
  });

  test('an explicit trust wins over the mode\'s', () => {
    const trust = Trust.caFromSecretName('flyteadmin-tls');
    expect(endpoint({ mode: TlsMode.selfSigned(), trust }).trust).toBe(trust);
    expect(endpoint({ mode: TlsMode.certManager({ issuer: { name: 'ca' } }), trust }).trust).toBe(trust);
  });
});

describe('address', () => {
  test('host is <service>.<namespace>.svc', () => {
    const ep = endpoint({ serviceName: 'numaflow-server', namespace: 'numaflow-system' });
    expect(ep.serviceName).toBe('numaflow-server');
    expect(ep.namespace).toBe('numaflow-system');
    expect(ep.host).toBe('numaflow-server.numaflow-system.svc');
  });

  test('servicePort defaults to the container port', () => {
    const ep = endpoint({ port: 8443 });
    expect(ep.port).toBe(8443);
    expect(ep.servicePort).toBe(8443);
  });

  test('a custom servicePort is used by url(), the container port stays', () => {
    const ep = endpoint({ mode: TlsMode.selfSigned(), port: 10250, servicePort: 443 });
    expect(ep.port).toBe(10250);
    expect(ep.servicePort).toBe(443);
    expect(ep.url()).toBe('https://flyteadmin.flyte.svc:443');
  });

  test('a custom portName', () => {
    expect(endpoint({ portName: 'grpc' }).portName).toBe('grpc');
    expect(endpoint({ portName: 'https-metrics-1' }).portName).toBe('https-metrics-1');
  });

  test.each([1, 65535])('port %d is accepted', (port) => {
    expect(endpoint({ port }).port).toBe(port);
    expect(endpoint({ servicePort: port }).servicePort).toBe(port);
  });
});

describe('url()', () => {
  test('without a path', () => {
    expect(endpoint().url()).toBe('http://flyteadmin.flyte.svc:8088');
    expect(endpoint().url('')).toBe('http://flyteadmin.flyte.svc:8088');
  });

  test('with a path', () => {
    expect(endpoint().url('/x')).toBe('http://flyteadmin.flyte.svc:8088/x');
    expect(endpoint({ mode: TlsMode.fromSecretName('flyte-tls'), servicePort: 443 }).url('/api/v1/projects?limit=1'))
      .toBe('https://flyteadmin.flyte.svc:443/api/v1/projects?limit=1');
    expect(endpoint().url('/')).toBe('http://flyteadmin.flyte.svc:8088/');
  });

  test.each(['x', 'metrics', '?q=1', ' /x'])('refuses path %j that does not start with "/"', (path) => {
    expectRefusal(() => endpoint().url(path), {
      path: 'Endpoint.url', prop: 'path', value: path, shown: JSON.stringify(path),
      why: 'a URL path starts with "/"', allowed: `"/${path}"`,
    });
  });

  test('the refusal suggests the path with a leading slash', () => {
    expect(() => endpoint().url('healthcheck'))
      .toThrow('Endpoint.url: path "healthcheck" is not allowed: a URL path starts with "/"; use "/healthcheck"');
  });
});

describe('refusals', () => {
  test.each(['Flyteadmin', 'flyte_admin', 'flyte.admin', '', '-flyte', 'flyte-', 'a'.repeat(64)])('service name %j', (serviceName) => {
    expectRefusal(() => endpoint({ serviceName }), {
      path: 'Endpoint', prop: 'serviceName', value: serviceName, shown: JSON.stringify(serviceName),
      why: 'not a DNS-1123 label', allowed: LABEL_ALLOWED,
    });
  });

  test('a 63-character service name is accepted', () => {
    expect(endpoint({ serviceName: 'a'.repeat(63) }).serviceName).toBe('a'.repeat(63));
  });

  test.each(['Flyte', 'flyte_system', 'flyte.system', '', 'a'.repeat(64)])('namespace %j', (namespace) => {
    expectRefusal(() => endpoint({ namespace }), {
      path: 'Endpoint', prop: 'namespace', value: namespace, shown: JSON.stringify(namespace),
      why: 'not a DNS-1123 label', allowed: LABEL_ALLOWED,
    });
  });

  test.each([
    [0, '0'], [65536, '65536'], [80.5, '80.5'], [NaN, 'NaN'], [-1, '-1'], [Infinity, 'Infinity'], ['8080', '"8080"'], [undefined, '(unset)'],
  ])('port %p', (port, shown) => {
    expectRefusal(() => endpoint({ port: port as number }), {
      path: 'Endpoint', prop: 'port', value: port, shown, why: port === undefined ? 'port is required' : 'not a TCP port', allowed: 'an integer from 1 to 65535',
    });
  });

  test.each([[0, '0'], [65536, '65536'], [80.5, '80.5'], [NaN, 'NaN']])('servicePort %p', (servicePort, shown) => {
    expectRefusal(() => endpoint({ servicePort }), {
      path: 'Endpoint', prop: 'servicePort', value: servicePort, shown, why: 'not a TCP port', allowed: 'an integer from 1 to 65535',
    });
  });

  test.each([
    ['longer than 15 characters', 'https-metrics-12'],
    ['upper-case', 'HTTPS'],
    ['with no letter', '8080'],
    ['with a double dash', 'web--api'],
    ['with a leading dash', '-web'],
    ['with a trailing dash', 'web-'],
    ['with an underscore', 'web_api'],
    ['empty', ''],
  ])('port name %s', (_what, portName) => {
    expectRefusal(() => endpoint({ portName }), {
      path: 'Endpoint', prop: 'portName', value: portName, shown: JSON.stringify(portName),
      why: 'not an IANA service name', allowed: PORT_NAME_ALLOWED,
    });
  });

  test('a 15-character port name is accepted', () => {
    expect(endpoint({ portName: 'abcdefghijklmno' }).portName).toBe('abcdefghijklmno');
  });
});
