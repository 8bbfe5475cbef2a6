import { Chart } from 'cdk8s';
import { NumaflowServer, NumaflowServerProps, TlsMode, Trust, ValidationError } from '../../lib';
import { container, expectValid, only, synth, testApp, testChart } from '../support/harness';
import { secret } from '../support/refs';

function build(props: Partial<NumaflowServerProps> & { tls: TlsMode }) {
  const chart = testChart();
  const server = new NumaflowServer(chart, 'numaflow', props);
  const objects = synth(chart);
  expectValid(objects, { endpoints: [server.endpoint] });
  return { server, objects, main: container(objects, 'Deployment', 'main') };
}

const MODES = [
  { name: 'disabled', tls: TlsMode.disabled(), port: 8080, scheme: 'http', probe: 'HTTP', insecure: 'true' },
  { name: 'selfSigned', tls: TlsMode.selfSigned(), port: 8443, scheme: 'https', probe: 'HTTPS', insecure: 'false' },
] as const;

describe.each(MODES)('NumaflowServer in $name mode', (mode) => {
  test('manifest snapshot', () => {
    expect(build({ tls: mode.tls }).objects).toMatchSnapshot();
  });

  test('listens on the derived port, named after the scheme', () => {
    const { main } = build({ tls: mode.tls });
    expect(main.ports).toEqual([{ name: mode.scheme, containerPort: mode.port, protocol: 'TCP' }]);
  });

  test('passes insecure, port and server address as flags (the port must be on the command line)', () => {
    const { main } = build({ tls: mode.tls });
    expect(main.args[0]).toBe('server');
    expect(main.args).toContain(`--insecure=${mode.insecure}`);
    expect(main.args).toContain(`--port=${mode.port}`);
    expect(main.args).toContain(`--server-addr=${mode.scheme}://localhost:${mode.port}`);
    // Nothing reads the controller's shared ConfigMap.
    expect(JSON.stringify(main)).not.toContain('numaflow-cmd-params-config');
  });

  test('probes /livez with the scheme the port serves', () => {
    const { main } = build({ tls: mode.tls });
    for (const probe of [main.livenessProbe, main.readinessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/livez', port: mode.scheme, scheme: mode.probe });
    }
  });

  test('the Service targets the named port', () => {
    const { objects } = build({ tls: mode.tls });
    const svc = only(objects, 'Service', 'numaflow-server');
    expect(svc.spec.ports).toEqual([{ name: mode.scheme, port: mode.port, targetPort: mode.scheme, protocol: 'TCP' }]);
  });

  test('the endpoint reflects the mode', () => {
    const { server } = build({ tls: mode.tls });
    expect(server.endpoint.scheme).toBe(mode.scheme);
    expect(server.endpoint.port).toBe(mode.port);
    expect(server.endpoint.servicePort).toBe(mode.port);
    expect(server.endpoint.url('/livez')).toBe(`${mode.scheme}://numaflow-server.numaflow-system.svc:${mode.port}/livez`);
    expect(server.endpoint.trust.kind).toBe(mode.name === 'disabled' ? 'systemRoots' : 'skipVerify');
  });
});

describe('NumaflowServer objects', () => {
  test('mounts the ServiceAccount token: the server calls the API', () => {
    const { objects } = build({ tls: TlsMode.disabled() });
    expect(only(objects, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(only(objects, 'ServiceAccount', 'numaflow-server-sa').automountServiceAccountToken).toBe(true);
    expect(only(objects, 'Deployment').spec.template.spec.serviceAccountName).toBe('numaflow-server-sa');
  });

  test('selects pods by stable app.kubernetes.io labels only', () => {
    const { objects } = build({ tls: TlsMode.disabled() });
    const stable = { 'app.kubernetes.io/name': 'numaflow-server', 'app.kubernetes.io/instance': 'numaflow-server' };
    expect(only(objects, 'Deployment').spec.selector.matchLabels).toEqual(stable);
    expect(only(objects, 'Service').spec.selector).toEqual(stable);
    expect(JSON.stringify(objects)).not.toContain('cdk8s.io/metadata.addr');
  });

  test('the selector does not change when the construct moves in the tree', () => {
    const chart = testChart();
    const nested = new NumaflowServer(new (require('constructs').Construct)(chart, 'deep'), 'other-id', { tls: TlsMode.disabled() });
    const selector = (server: NumaflowServer) => server.service.toJson().spec.selector;
    expect(selector(nested)).toEqual(selector(build({ tls: TlsMode.disabled() }).server));
  });

  test('runs restricted as user 9737, with a read-only root and an emptyDir at /tmp', () => {
    const { objects, main } = build({ tls: TlsMode.selfSigned() });
    const pod = only(objects, 'Deployment').spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 9737, seccompProfile: { type: 'RuntimeDefault' } });
    expect(main.securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(main.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(main.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    for (const init of pod.initContainers) {
      expect(init.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(init.resources.limits).toEqual({ cpu: '100m', memory: '64Mi' });
    }
  });

  test('states its own resources (upstream values), never cdk8s-plus defaults', () => {
    const { main } = build({ tls: TlsMode.disabled() });
    expect(main.resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '500m', memory: '1024Mi' } });
    expect(main.imagePullPolicy).toBe('IfNotPresent');
    const custom = build({ tls: TlsMode.disabled(), resources: { requests: { cpu: '400m', memory: '1Gi' } } }).main;
    expect(custom.resources).toEqual({ requests: { cpu: '400m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1024Mi' } });
    // A request above the default limit is refused (the API server would refuse the pod), naming the user's side.
    expect(() => build({ tls: TlsMode.disabled(), resources: { requests: { cpu: '1' } } }))
      .toThrow(/resources\.requests\.cpu "1" is not allowed: it exceeds the component's default limit 500m.*; use resources\.limits as well/);
    // Limits alone below the default requests lower them, as Kubernetes sets an unset request to its limit.
    expect(build({ tls: TlsMode.disabled(), resources: { limits: { cpu: '50m' } } }).main.resources).toEqual({ requests: { cpu: '50m', memory: '200Mi' }, limits: { cpu: '50m' } });
    const both = build({ tls: TlsMode.disabled(), resources: { requests: { cpu: '1' }, limits: { cpu: '2' } } }).main;
    expect(both.resources).toEqual({ requests: { cpu: '1' }, limits: { cpu: '2' } });
  });

  test('creates every ConfigMap and Secret it mounts or reads, and not the controller ConfigMap', () => {
    const { objects } = build({ tls: TlsMode.disabled() });
    const names = objects.filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret').map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(names).toEqual([
      'ConfigMap/numaflow-server-local-user-config',
      'ConfigMap/numaflow-server-metrics-proxy-config',
      'ConfigMap/numaflow-server-rbac-config',
      'Secret/numaflow-server-secrets',
    ]);
    expect(only(objects, 'Secret').data).toBeUndefined();
  });

  test('rolls the pods when a generated ConfigMap changes', () => {
    const a = build({ tls: TlsMode.disabled() }).objects;
    const b = build({ tls: TlsMode.disabled(), userRbac: { defaultRole: 'role:admin' } }).objects;
    const checksum = (objs: any[]) => only(objs, 'Deployment').spec.template.metadata.annotations['checksum/numaflow-server-rbac-config'];
    expect(checksum(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum(a)).not.toEqual(checksum(b));
  });

  test('cluster-wide RBAC covers the upstream rules', () => {
    const { objects } = build({ tls: TlsMode.disabled() });
    // Named per instance (as flyte-core names Admin's): a second cluster-wide server must not take this one's role.
    const role = only(objects, 'ClusterRole', 'numaflow-system-numaflow-server-role');
    expect(role.rules.find((r: any) => r.apiGroups.includes('numaflow.numaproj.io')).resources).toContain('monovertices/scale');
    expect(role.rules.find((r: any) => r.apiGroups.includes('')).resources).toContain('namespaces');
    const binding = only(objects, 'ClusterRoleBinding', 'numaflow-system-numaflow-server-binding');
    expect(binding.roleRef.name).toBe('numaflow-system-numaflow-server-role');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'numaflow-server-sa', namespace: 'numaflow-system' }]);
    expect(only(objects, 'RoleBinding', 'numaflow-server-secrets-binding').roleRef.name).toBe('numaflow-server-secrets-role');
  });

  test('namespaced: Role + RoleBinding in the managed namespace, and the flags say so', () => {
    const { objects, main } = build({ tls: TlsMode.disabled(), namespace: 'nf', namespaced: true, managedNamespace: 'team-a' });
    expect(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')).toEqual([]);
    const role = only(objects, 'Role', 'numaflow-server-role');
    expect(role.metadata.namespace).toBe('team-a');
    expect(only(objects, 'RoleBinding', 'numaflow-server-binding').subjects[0].namespace).toBe('nf');
    expect(main.args).toEqual(expect.arrayContaining(['--namespaced=true', '--managed-namespace=team-a']));
  });

  test('base href: flag and server-init agree; /livez stays at the root', () => {
    const { objects, main } = build({ tls: TlsMode.disabled(), baseHref: '/ui' });
    expect(main.args).toContain('--base-href=/ui/');
    expect(container(objects, 'Deployment', 'server-init').env).toEqual([{ name: 'NUMAFLOW_SERVER_BASE_HREF', value: '/ui/' }]);
    expect(main.livenessProbe.httpGet.path).toBe('/livez');
  });

  test('readonly, disableAuth and CORS origins become flags', () => {
    const { main, objects } = build({ tls: TlsMode.selfSigned(), readonly: true, disableAuth: false, corsAllowedOrigins: ['https://ui.example.com/', 'http://localhost:3000'] });
    expect(main.args).toEqual(expect.arrayContaining(['--readonly=true', '--disable-auth=false', '--cors-allowed-origins=https://ui.example.com,http://localhost:3000']));
    expect(container(objects, 'Deployment', 'server-secrets-init').env).toContainEqual({ name: 'NUMAFLOW_SERVER_DISABLE_AUTH', value: 'false' });
  });

  test('version drives the image; an image override does not change the version', () => {
    expect(build({ tls: TlsMode.disabled(), version: '1.4.0' }).main.image).toBe('quay.io/numaproj/numaflow:v1.4.0');
    const { server, main } = build({ tls: TlsMode.disabled(), image: 'mirror.local/numaflow:patched' });
    expect(main.image).toBe('mirror.local/numaflow:patched');
    expect(server.version.tag).toBe('v1.8.3');
  });

  test('common props reach the pod', () => {
    const { objects, main } = build({
      tls: TlsMode.disabled(), replicas: 2, nodeSelector: { pool: 'ui' }, priorityClassName: 'high',
      tolerations: [{ key: 'ui', operator: 'Exists' }], imagePullSecrets: [secret('regcred')], labels: { team: 'data' },
      annotations: { owner: 'data' }, extraArgs: ['--daemon-client-protocol=http'], extraEnv: [{ name: 'TZ', value: 'UTC' }],
    });
    const dep = only(objects, 'Deployment');
    expect(dep.spec.replicas).toBe(2);
    expect(dep.spec.template.spec).toMatchObject({ nodeSelector: { pool: 'ui' }, priorityClassName: 'high', imagePullSecrets: [{ name: 'regcred' }] });
    expect(dep.metadata.labels.team).toBe('data');
    expect(dep.metadata.annotations.owner).toBe('data');
    expect(main.args[main.args.length - 1]).toBe('--daemon-client-protocol=http');
    expect(main.env).toContainEqual({ name: 'TZ', value: 'UTC' });
  });
});

describe('NumaflowServer refusals', () => {
  const refuse = (props: any, pattern: RegExp) => {
    const chart = testChart();
    let error: unknown;
    try {
      new NumaflowServer(chart, 'numaflow', props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^test\/numaflow: /);
    expect((error as Error).message).toMatch(pattern);
    return error as ValidationError;
  };

  test.each([
    ['fromSecret', TlsMode.fromSecretName('numaflow-tls')],
    ['certManager', TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.systemRoots() })],
  ])('%s is refused: the server cannot load a certificate', (_name, tls) => {
    const e = refuse({ tls }, /tls TlsMode\.(fromSecret|certManager).* is not allowed: the Numaflow server cannot load a certificate.*use TlsMode\.disabled\(\) with exposeViaGateway and StackNetworkPolicies.*TlsMode\.selfSigned\(\)/);
    expect(e.prop).toBe('tls');
  });

  test('a second --port in extraArgs contradicts the derived flag', () => {
    refuse({ tls: TlsMode.disabled(), extraArgs: ['--port=9000'] }, /extraArgs\[0\] "--port=9000" is not allowed: the construct derives --port itself \(--port=8080\)/);
  });

  test('the short -p alias cannot move the port either (numaflow#1734)', () => {
    refuse({ tls: TlsMode.disabled(), extraArgs: ['-p', '9000'] }, /extraArgs\[0\] "-p" is not allowed: the construct derives --port itself/);
  });

  test('an --insecure in extraArgs is refused', () => {
    refuse({ tls: TlsMode.selfSigned(), extraArgs: ['--insecure=true'] }, /--insecure/);
  });

  test('extraEnv cannot set NAMESPACE', () => {
    refuse({ tls: TlsMode.disabled(), extraEnv: [{ name: 'NAMESPACE', value: 'x' }] }, /extraEnv\[0\] "NAMESPACE"/);
  });

  test.each([
    [{ corsAllowedOrigins: ['*'] }, /corsAllowedOrigins\[0\] "\*"/],
    [{ corsAllowedOrigins: ['https://ui.example.com/path'] }, /no path/],
    [{ corsAllowedOrigins: ['ui.example.com'] }, /not a URL/],
    [{ baseHref: 'ui' }, /baseHref "ui" is not allowed/],
    [{ version: '1.1.9' }, /version "1.1.9" is not allowed: older than v1.2.0/],
    [{ version: 'latest' }, /version "latest" is not allowed: not a semantic version/],
    [{ namespace: 'Numaflow' }, /namespace "Numaflow" is not allowed: not a DNS-1123 label/],
    [{ managedNamespace: 'team-a' }, /managedNamespace "team-a" is not allowed: it only applies to a namespaced server/],
    [{ replicas: 1.5 }, /replicas 1.5 is not allowed/],
    [{ resources: { requests: { cpu: 'lots' } } }, /resources.requests.cpu "lots" is not allowed: not a Kubernetes quantity/],
  ])('refuses %j', (props, pattern) => {
    refuse({ tls: TlsMode.disabled(), ...props }, pattern);
  });

  test('a missing tls is refused', () => {
    refuse({}, /tls \(unset\) is not allowed: tls is required; use a TlsMode \(one of the TlsMode factories/);
  });

  test.each([
    ['a refused mode', { tls: TlsMode.fromSecretName('x') }],
    ['a refusal after objects were added', { tls: TlsMode.disabled(), extraArgs: ['--port=1'] }],
  ])('after %s, a later synth of the app emits nothing half-built', (_name, props) => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    new NumaflowServer(chart, 'good', { tls: TlsMode.disabled(), namespace: 'ok' });
    expect(() => new NumaflowServer(chart, 'bad', props)).toThrow(ValidationError);
    expect(chart.node.tryFindChild('bad')).toBeUndefined();
    const objects = synth(chart);
    expect(objects.every((o) => o.metadata.namespace === 'ok' || !o.metadata.namespace)).toBe(true);
    expect(objects.filter((o) => o.kind === 'Deployment')).toHaveLength(1);
  });
});
