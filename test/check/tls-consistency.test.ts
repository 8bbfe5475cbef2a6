import { check, configMap, expectFindings } from './fixtures';
import { admin, adminConfig, console as flyteConsole, httpGet, metricsServer, numaflow } from './server-fixtures';

const N = 'Deployment/numaflow-system/numaflow-server';
const NM = 'spec.template.spec.containers[0]';
const HTTPS = { name: 'https', containerPort: 8443 };
const HTTP = { name: 'http', containerPort: 8080 };

describe('rule probe-scheme: the Numaflow server', () => {
  test('the library\'s secure and insecure command lines pass with matching probes', () => {
    expect(check([numaflow(['--insecure=false', '--port=8443'], HTTPS, 'HTTPS')], 'probe-scheme')).toEqual([]);
    expect(check([numaflow(['--insecure=true', '--port=8080'], HTTP)], 'probe-scheme')).toEqual([]);
    expect(check([numaflow([], HTTPS, 'HTTPS')], 'probe-scheme')).toEqual([]);
  });

  test('an HTTP probe of the secure server is a finding', () => {
    expectFindings(check([numaflow([], HTTPS)], 'probe-scheme'), 'probe-scheme', [
      { object: N, field: `${NM}.livenessProbe.httpGet.scheme`, message: 'livenessProbe speaks "HTTP" (the default) to port 8443, but the Numaflow server in container "main" serves HTTPS on 8443 (its defaults)', fix: 'set livenessProbe.httpGet.scheme to HTTPS' },
      { object: N, field: `${NM}.readinessProbe.httpGet.scheme`, fix: 'HTTPS' },
    ]);
  });

  test('--insecure as a cobra bool: bare is true, =false is false', () => {
    expect(check([numaflow(['--insecure'], HTTP, 'HTTP')], 'probe-scheme')).toEqual([]);
    expectFindings(check([numaflow(['--insecure', '--insecure=false', '--port', '8080'], HTTP, 'HTTP')], 'probe-scheme'), 'probe-scheme', [
      { object: N, field: `${NM}.livenessProbe.httpGet.scheme`, message: 'serves HTTPS on 8080 (--insecure=false; --port=8080)' },
      { object: N, field: `${NM}.readinessProbe.httpGet.scheme` },
    ]);
  });

  test('insecure mode ignores a port from env: the server binds 8080', () => {
    const env = { env: [{ name: 'NUMAFLOW_SERVER_PORT_NUMBER', value: '9000' }] };
    const d = numaflow(['--insecure=true'], { name: 'http', containerPort: 9000 }, 'HTTP', env);
    expectFindings(check([d], 'probe-scheme'), 'probe-scheme', [
      { object: N, field: `${NM}.livenessProbe.httpGet.port`, value: 'http', message: 'livenessProbe probes port 9000, but the Numaflow server in container "main" serves HTTP on 8080 (--insecure=true; insecure mode binds 8080 unless --port is on the command line)', fix: 'probe port 8080 with scheme HTTP' },
      { object: N, field: `${NM}.readinessProbe.httpGet.port` },
      { object: N, field: `${NM}.ports[0].containerPort`, value: 9000, message: 'container "main" declares port 9000, but the Numaflow server serves HTTP on 8080', fix: 'declare the ports it listens on instead (8080, HTTP)' },
    ]);
    // In secure mode the env port counts.
    expect(check([numaflow([], { name: 'https', containerPort: 9000 }, 'HTTPS', env)], 'probe-scheme')).toEqual([]);
  });

  test('every spelling of the port flag counts', () => {
    for (const args of [['-p', '9443'], ['-p9443'], ['-p=9443'], ['--port', '9443'], ['--port=1', '--port=9443']]) {
      expect(check([numaflow(args, { name: 'https', containerPort: 9443 }, 'HTTPS')], 'probe-scheme')).toEqual([]);
    }
  });

  test('a declared 8443 while insecure is a finding', () => {
    const d = numaflow(['--insecure'], HTTP, 'HTTP');
    d.spec.template.spec.containers[0].ports.push({ name: 'https', containerPort: 8443 });
    expectFindings(check([d], 'probe-scheme'), 'probe-scheme', [
      { object: N, field: `${NM}.ports[1].containerPort`, value: 8443, message: 'declares port 8443' },
    ]);
  });

  test('insecure from env: a literal, or a ConfigMap among the objects; unresolvable means skip', () => {
    const fromConfigMap = { env: [{ name: 'NUMAFLOW_SERVER_INSECURE', valueFrom: { configMapKeyRef: { name: 'numaflow-cmd-params-config', key: 'server.insecure', optional: true } } }] };
    const cm = configMap('numaflow-cmd-params-config', { 'server.insecure': 'true' }, 'numaflow-system');
    expect(check([cm, numaflow([], HTTP, 'HTTP', fromConfigMap)], 'probe-scheme')).toEqual([]);
    expect(check([numaflow([], HTTP, 'HTTP', { env: [{ name: 'NUMAFLOW_SERVER_INSECURE', value: 'true' }] })], 'probe-scheme')).toEqual([]);
    // Without the ConfigMap nothing can be told.
    expect(check([numaflow([], HTTP, 'HTTPS', fromConfigMap)], 'probe-scheme')).toEqual([]);
    // An optional key the ConfigMap does not have leaves the default (secure).
    const empty = configMap('numaflow-cmd-params-config', {}, 'numaflow-system');
    expectFindings(check([empty, numaflow([], HTTP, 'HTTP', fromConfigMap)], 'probe-scheme'), 'probe-scheme', [
      { object: N, field: `${NM}.livenessProbe.httpGet.port`, message: 'serves HTTPS on 8443' },
      { object: N, field: `${NM}.readinessProbe.httpGet.port` },
      { object: N, field: `${NM}.ports[0].containerPort` },
    ]);
  });

  test('other subcommands, unknown flags and --help are not judged', () => {
    expect(check([numaflow(['--bogus'], HTTP, 'HTTPS')], 'probe-scheme')).toEqual([]);
    expect(check([numaflow(['-h'], HTTP, 'HTTPS')], 'probe-scheme')).toEqual([]);
    const init = numaflow([], HTTP, 'HTTPS');
    init.spec.template.spec.containers[0].args = ['server-init'];
    expect(check([init], 'probe-scheme')).toEqual([]);
  });

  test('the binary named in command counts as well', () => {
    const d = numaflow([], HTTP, 'HTTPS');
    d.spec.template.spec.containers[0].command = ['/bin/numaflow', 'server', '--insecure'];
    d.spec.template.spec.containers[0].args = [];
    expect(check([d], 'probe-scheme')).toHaveLength(2);
  });
});

describe('rule probe-scheme: metrics-server', () => {
  const M = 'Deployment/kube-system/metrics-server';
  test('HTTPS probes of --secure-port pass', () => {
    expect(check([metricsServer(['--cert-dir=/tmp', '--secure-port=10250'], 10250)], 'probe-scheme')).toEqual([]);
    expect(check([metricsServer(['--secure-port', '4443'], 4443)], 'probe-scheme')).toEqual([]);
  });

  test('an HTTP probe is a finding', () => {
    expectFindings(check([metricsServer(['--secure-port=10250'], 10250, 'HTTP')], 'probe-scheme'), 'probe-scheme', [
      { object: M, field: `${NM}.livenessProbe.httpGet.scheme`, value: 'HTTP', message: 'metrics-server in container "metrics-server" serves HTTPS on 10250 (--secure-port=10250)' },
      { object: M, field: `${NM}.readinessProbe.httpGet.scheme`, value: 'HTTP' },
    ]);
  });

  test('without --secure-port the server listens on 443', () => {
    expectFindings(check([metricsServer([], 10250)], 'probe-scheme'), 'probe-scheme', [
      { object: M, field: `${NM}.livenessProbe.httpGet.port`, message: 'HTTPS on 443 (no --secure-port: the default)' },
      { object: M, field: `${NM}.readinessProbe.httpGet.port` },
      { object: M, field: `${NM}.ports[0].containerPort`, value: 10250 },
    ]);
    expect(check([metricsServer([], 443)], 'probe-scheme')).toEqual([]);
  });
});

describe('rule probe-scheme: Flyte Admin', () => {
  const A = 'Deployment/flyte/flyteadmin';
  const secure = 'server:\n  httpPort: 8088\n  security:\n    secure: true\n';
  const insecure = 'server:\n  httpPort: 8088\n  security:\n    secure: false\n';

  test('secure: one HTTPS listener on httpPort', () => {
    expect(check([adminConfig({ 'server.yaml': secure }), admin([{ name: 'https', containerPort: 8088 }], 'https', 'HTTPS')], 'probe-scheme')).toEqual([]);
    expectFindings(check([adminConfig({ 'server.yaml': secure }), admin([{ name: 'https', containerPort: 8088 }, { name: 'grpc', containerPort: 8089 }], 'https')], 'probe-scheme'), 'probe-scheme', [
      { object: A, field: `${NM}.livenessProbe.httpGet.scheme`, message: 'Flyte Admin in container "flyteadmin" serves HTTPS on 8088 and HTTP on 10254 (server.security.secure true, gRPC sharing the HTTPS port; metrics on flyteadmin.profilerPort; config from ConfigMap/flyte/flyte-admin-base-config[server.yaml])' },
      { object: A, field: `${NM}.ports[1].containerPort`, value: 8089, message: 'declares port 8089' },
    ]);
  });

  test('not secure (the default): HTTP on httpPort and plain gRPC on grpc.port', () => {
    const ports = [{ name: 'http', containerPort: 8088 }, { name: 'grpc', containerPort: 8089 }];
    expect(check([adminConfig({ 'server.yaml': insecure }), admin(ports, 'http')], 'probe-scheme')).toEqual([]);
    expect(check([adminConfig({ 'db.yaml': 'database: {}\n' }), admin(ports, 'http')], 'probe-scheme')).toEqual([]);
    expectFindings(check([adminConfig({ 'server.yaml': insecure }), admin(ports, 'grpc')], 'probe-scheme'), 'probe-scheme', [
      { object: A, field: `${NM}.livenessProbe.httpGet.port`, value: 'grpc', message: 'where Flyte Admin in container "flyteadmin" serves plain gRPC, which answers no HTTP GET', fix: 'probe port 8088 with scheme HTTP' },
    ]);
  });

  test('the profiling server: plain HTTP on flyteadmin.profilerPort (10254 by default), in every mode', () => {
    const metrics = { name: 'http-metrics', containerPort: 10254 };
    // flyte-core declares 10254 beside the listeners: no finding, TLS on or off.
    expect(check([adminConfig({ 'server.yaml': secure }), admin([{ name: 'https', containerPort: 8088 }, metrics], 'https', 'HTTPS')], 'probe-scheme')).toEqual([]);
    expect(check([adminConfig({ 'server.yaml': insecure }), admin([{ name: 'http', containerPort: 8088 }, { name: 'grpc', containerPort: 8089 }, metrics], 'http')], 'probe-scheme')).toEqual([]);
    // An HTTP probe of it passes (the profiler serves /healthcheck too); HTTPS does not.
    expect(check([adminConfig({ 'server.yaml': secure }), admin([{ name: 'https', containerPort: 8088 }, metrics], 'http-metrics', 'HTTP')], 'probe-scheme')).toEqual([]);
    expectFindings(check([adminConfig({ 'server.yaml': secure }), admin([{ name: 'https', containerPort: 8088 }, metrics], 'http-metrics', 'HTTPS')], 'probe-scheme'), 'probe-scheme', [
      { object: A, field: `${NM}.livenessProbe.httpGet.scheme`, value: 'HTTPS', message: 'speaks "HTTPS" to port 10254' },
    ]);
    // Moved by the config key: the old port is declared in vain.
    const moved = { 'server.yaml': insecure, 'flyteadmin.yaml': 'flyteadmin:\n  profilerPort: 10300\n' };
    expectFindings(check([adminConfig(moved), admin([{ name: 'http', containerPort: 8088 }, metrics], 'http')], 'probe-scheme'), 'probe-scheme', [
      { object: A, field: `${NM}.ports[1].containerPort`, value: 10254, message: 'serves HTTP on 8088 and plain gRPC on 8089 and HTTP on 10300' },
    ]);
  });

  test('keys are case-insensitive and later files win', () => {
    const files = { 'a.yaml': 'Server:\n  HTTPPort: 9000\n  Security: {Secure: false}\n', 'b.yaml': 'server:\n  security:\n    secure: "true"\n' };
    expect(check([adminConfig(files), admin([{ name: 'https', containerPort: 9000 }], 'https', 'HTTPS')], 'probe-scheme')).toEqual([]);
    // A key that is not *.yaml is not loaded.
    const ignored = { 'a.yaml': insecure, 'b.yml': secure };
    expect(check([adminConfig(ignored), admin([{ name: 'http', containerPort: 8088 }], 'http')], 'probe-scheme')).toEqual([]);
  });

  test('ConfigMaps projected into the directory are read too', () => {
    const volume = { name: 'config', projected: { sources: [{ configMap: { name: 'base' } }, { configMap: { name: 'tls', items: [{ key: 'server', path: 'z.yaml' }] } }] } };
    const objects = [adminConfig({ 'a.yaml': insecure }, 'base'), adminConfig({ server: secure }, 'tls'), admin([{ name: 'https', containerPort: 8088 }], 'https', 'HTTP', volume)];
    expectFindings(check(objects, 'probe-scheme'), 'probe-scheme', [
      { object: A, field: `${NM}.livenessProbe.httpGet.scheme`, message: 'config from ConfigMap/flyte/base[a.yaml], ConfigMap/flyte/tls[server]' },
    ]);
  });

  test('without the ConfigMap, or with a file that does not parse, nothing is judged', () => {
    expect(check([admin([{ name: 'x', containerPort: 1 }], 'x', 'HTTPS')], 'probe-scheme')).toEqual([]);
    expect(check([adminConfig({ 'server.yaml': 'server: [' }), admin([{ name: 'x', containerPort: 1 }], 'x', 'HTTPS')], 'probe-scheme')).toEqual([]);
  });
});

describe('rule probe-scheme: Flyte Console', () => {
  const C = 'Deployment/flyte/flyteconsole';
  const fromConfigMap = { envFrom: [{ configMapRef: { name: 'flyte-console-config' } }] };

  test('HTTPS iff ADMIN_API_USE_SSL is exactly "https", from env or a ConfigMap among the objects', () => {
    expect(check([configMap('flyte-console-config', { ADMIN_API_USE_SSL: 'https' }, 'flyte'), flyteConsole(fromConfigMap, 'HTTPS')], 'probe-scheme')).toEqual([]);
    expect(check([flyteConsole({ env: [{ name: 'ADMIN_API_USE_SSL', value: 'https' }] }, 'HTTPS')], 'probe-scheme')).toEqual([]);
    expect(check([flyteConsole({})], 'probe-scheme')).toEqual([]);
    expectFindings(check([flyteConsole({ env: [{ name: 'ADMIN_API_USE_SSL', value: 'true' }] }, 'HTTPS')], 'probe-scheme'), 'probe-scheme', [
      { object: C, field: `${NM}.livenessProbe.httpGet.scheme`, value: 'HTTPS', message: 'serves HTTP on 8080 (ADMIN_API_USE_SSL=true; PORT unset: 8080)', fix: 'set livenessProbe.httpGet.scheme to HTTP' },
    ]);
  });

  test('PORT moves the listener', () => {
    const env = { env: [{ name: 'PORT', value: '3000' }] };
    expect(check([flyteConsole(env, undefined, 3000)], 'probe-scheme')).toEqual([]);
    expectFindings(check([flyteConsole(env)], 'probe-scheme'), 'probe-scheme', [
      { object: C, field: `${NM}.livenessProbe.httpGet.port`, value: 'web', message: 'serves HTTP on 3000' },
      { object: C, field: `${NM}.ports[0].containerPort`, value: 8080 },
    ]);
  });

  test('a ConfigMap that is not among the objects means skip', () => {
    expect(check([flyteConsole(fromConfigMap, 'HTTPS', 1)], 'probe-scheme')).toEqual([]);
  });
});

describe('rule probe-scheme: containers that are not known servers', () => {
  test('are not judged', () => {
    const d = numaflow([], HTTP, 'HTTPS');
    d.spec.template.spec.containers[0].image = 'example.com/other:1';
    expect(check([d], 'probe-scheme')).toEqual([]);
    d.spec.template.spec.containers[0].livenessProbe = httpGet(1);
    expect(check([d], 'probe-scheme')).toEqual([]);
  });
});

describe('rule apiservice-trust', () => {
  const apiService = (spec: Record<string, unknown>) => ({
    apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: { group: 'metrics.k8s.io', version: 'v1beta1', service: { name: 'metrics-server', namespace: 'kube-system' }, ...spec },
  });

  test('a caBundle alone, or insecureSkipTLSVerify alone, passes', () => {
    expect(check([apiService({ caBundle: 'LS0t' }), apiService({ insecureSkipTLSVerify: true, caBundle: '' })], 'apiservice-trust')).toEqual([]);
  });

  test('both is a finding', () => {
    expectFindings(check([apiService({ insecureSkipTLSVerify: true, caBundle: 'LS0t' })], 'apiservice-trust'), 'apiservice-trust', [{
      object: 'APIService/v1beta1.metrics.k8s.io', field: 'spec.insecureSkipTLSVerify', value: true,
      message: 'may not be true if caBundle is present', fix: 'drop insecureSkipTLSVerify',
    }]);
  });
});
