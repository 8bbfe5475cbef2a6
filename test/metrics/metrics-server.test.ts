import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { MetricsServer, MetricsServerProps, TlsMode, Trust, ValidationError } from '../../lib';
import { formatValue } from '../../lib/errors';
import { container, expectValid, only, synth, testChart } from '../support/harness';

const CA = fs.readFileSync(path.join(__dirname, '../support/fixtures/ca.crt.pem'), 'utf8');

function build(props: Partial<MetricsServerProps> & { tls: TlsMode }) {
  const chart = testChart();
  const server = new MetricsServer(chart, 'metrics', props);
  const objects = synth(chart);
  expectValid(objects, { endpoints: [server.endpoint], external: props.tls.kind === 'secret' ? [`Secret/${server.namespace}/${props.tls.secretName}`] : [] });
  return { server, objects, main: container(objects, 'Deployment', 'metrics-server'), api: only(objects, 'APIService', 'v1beta1.metrics.k8s.io') };
}

const MODES = {
  disabled: TlsMode.disabled(),
  selfSigned: TlsMode.selfSigned(),
  fromSecret: TlsMode.fromSecretName('metrics-tls', { trust: Trust.caPem(CA) }),
  certManager: TlsMode.certManager({ issuer: { name: 'cluster-ca' } }),
};

describe.each(Object.entries(MODES))('MetricsServer in %s mode', (name, tls) => {
  test('manifest snapshot', () => {
    expect(build({ tls }).objects).toMatchSnapshot();
  });

  test('always serves HTTPS on the container port; the Service maps 443 → https', () => {
    const { main, objects, server } = build({ tls });
    expect(main.ports).toEqual([{ name: 'https', containerPort: 10250, protocol: 'TCP' }]);
    expect(main.args).toContain('--secure-port=10250');
    expect(main.livenessProbe.httpGet).toEqual({ path: '/livez', port: 'https', scheme: 'HTTPS' });
    expect(main.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'https', scheme: 'HTTPS' });
    expect(only(objects, 'Service').spec.ports).toEqual([{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', appProtocol: 'https' }]);
    expect(server.endpoint).toMatchObject({ scheme: 'https', port: 10250, servicePort: 443, portName: 'https' });
  });

  test('the APIService either skips verification or carries a CA, never both', () => {
    const { api } = build({ tls });
    const skip = api.spec.insecureSkipTLSVerify === true;
    const ca = Boolean(api.spec.caBundle) || Boolean(api.metadata.annotations?.['cert-manager.io/inject-ca-from']);
    expect(skip !== ca).toBe(true);
    expect(skip).toBe(name === 'disabled' || name === 'selfSigned');
  });
});

describe('MetricsServer serving certificate per mode', () => {
  test.each(['disabled', 'selfSigned'] as const)('%s: self-made certificate in /tmp, APIService skip-verify without caBundle', (name) => {
    const { main, api, objects, server } = build({ tls: MODES[name] });
    expect(main.args[0]).toBe('--cert-dir=/tmp');
    expect(main.args.join(' ')).not.toContain('--tls-cert-file');
    expect(api.spec.insecureSkipTLSVerify).toBe(true);
    expect(api.spec).not.toHaveProperty('caBundle');
    expect(objects.filter((o) => o.kind === 'Certificate')).toEqual([]);
    expect(server.endpoint.trust.kind).toBe('skipVerify');
  });

  test('fromSecret: the Secret is mounted, cert args point into it, caBundle is the base64 PEM', () => {
    const { main, api, objects } = build({ tls: MODES.fromSecret });
    expect(main.args).toEqual(expect.arrayContaining(['--tls-cert-file=/tmp/tls-certs/tls.crt', '--tls-private-key-file=/tmp/tls-certs/tls.key']));
    expect(main.args.join(' ')).not.toContain('--cert-dir');
    expect(main.volumeMounts).toContainEqual({ name: 'certs', mountPath: '/tmp/tls-certs', readOnly: true });
    expect(only(objects, 'Deployment').spec.template.spec.volumes).toContainEqual({ name: 'certs', secret: { secretName: 'metrics-tls', items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }] } });
    expect(Buffer.from(api.spec.caBundle, 'base64').toString()).toBe(`${CA.trim()}\n`);
    expect(api.spec).not.toHaveProperty('insecureSkipTLSVerify');
  });

  test('certManager: a Certificate, the issued Secret mounted, CA injected by annotation only', () => {
    const { main, api, objects } = build({ tls: MODES.certManager });
    const cert = only(objects, 'Certificate', 'metrics-server');
    expect(cert.spec.secretName).toBe('metrics-server-tls');
    expect(cert.spec.dnsNames).toEqual(['metrics-server', 'metrics-server.kube-system', 'metrics-server.kube-system.svc', 'metrics-server.kube-system.svc.cluster.local']);
    expect(only(objects, 'Deployment').spec.template.spec.volumes).toContainEqual({ name: 'certs', secret: { secretName: 'metrics-server-tls', items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }] } });
    expect(main.args).toContain('--tls-cert-file=/tmp/tls-certs/tls.crt');
    expect(api.metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': 'kube-system/metrics-server' });
    expect(api.spec).not.toHaveProperty('caBundle');
    expect(api.spec).not.toHaveProperty('insecureSkipTLSVerify');
  });
});

describe('MetricsServer settings', () => {
  test('kubelet verification stays on unless asked for', () => {
    expect(build({ tls: MODES.selfSigned }).main.args.join(' ')).not.toContain('--kubelet-insecure-tls');
    expect(build({ tls: MODES.selfSigned, kubeletInsecureTls: true }).main.args).toContain('--kubelet-insecure-tls');
  });

  test('v0.6.x listens on 4443', () => {
    const { main, server } = build({ tls: MODES.selfSigned, version: 'v0.6.2' });
    expect(main.ports[0].containerPort).toBe(4443);
    expect(main.args).toContain('--secure-port=4443');
    expect(main.image).toBe('registry.k8s.io/metrics-server/metrics-server:v0.6.2');
    expect(server.endpoint.port).toBe(4443);
  });

  test('securePort moves the arg, the container port and the probes together', () => {
    const { main, server } = build({ tls: MODES.selfSigned, securePort: 4443 });
    expect(main.args).toContain('--secure-port=4443');
    expect(main.ports[0]).toMatchObject({ name: 'https', containerPort: 4443 });
    expect(main.livenessProbe.httpGet.port).toBe('https');
    expect(server.endpoint.port).toBe(4443);
  });

  test('no always-allow paths unless a path is registered; then the defaults plus the path, deduplicated', () => {
    const { server, main } = build({ tls: MODES.selfSigned });
    expect(main.args.join(' ')).not.toContain('--authorization-always-allow-paths');
    server.allowPath('/metrics');
    server.allowPath('/metrics');
    server.allowPath('/livez');
    const args = container(synth(server.node.scope as any), 'Deployment', 'metrics-server').args;
    expect(args).toContain('--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics');
  });

  test('resolution, address types, priority class and node selector', () => {
    const { main, objects } = build({ tls: MODES.selfSigned, metricResolution: Duration.seconds(30), kubeletPreferredAddressTypes: ['InternalIP'] });
    expect(main.args).toEqual(expect.arrayContaining(['--metric-resolution=30s', '--kubelet-preferred-address-types=InternalIP', '--kubelet-use-node-status-port']));
    const pod = only(objects, 'Deployment').spec.template.spec;
    expect(pod.priorityClassName).toBe('system-cluster-critical');
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(only(objects, 'Deployment').spec.strategy).toEqual({ rollingUpdate: { maxUnavailable: 0 } });
  });

  test.each(([
    [undefined, '15s'],
    [Duration.seconds(15), '15s'],
    [Duration.seconds(10), '10s'],
    [Duration.seconds(60), '1m'],
    [Duration.minutes(1), '1m'],
    [Duration.seconds(90), '90s'],
    [Duration.millis(45_000), '45s'],
    [Duration.hours(1), '1h'],
  ] as [Duration | undefined, string][]).map(([d, expected]) => [d ? formatValue(d) : '(unset)', expected, d] as const))(
    'metricResolution %s is written as --metric-resolution=%s', (_shown, expected, metricResolution) => {
      const args: string[] = build({ tls: MODES.selfSigned, metricResolution }).main.args;
      expect(args.filter((a) => a.startsWith('--metric-resolution='))).toEqual([`--metric-resolution=${expected}`]);
    });

  test('restricted, runAsUser 1000, read-only root with /tmp writable, token mounted', () => {
    const { main, objects } = build({ tls: MODES.selfSigned });
    expect(main.securityContext).toMatchObject({ runAsUser: 1000, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(main.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(only(objects, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(main.resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' } });
  });

  test('the auth-reader RoleBinding stays in kube-system when metrics-server moves', () => {
    const { objects, api } = build({ tls: MODES.selfSigned, namespace: 'monitoring' });
    const rb = only(objects, 'RoleBinding', 'metrics-server-auth-reader');
    expect(rb.metadata.namespace).toBe('kube-system');
    expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'monitoring' }]);
    expect(api.spec.service).toEqual({ name: 'metrics-server', namespace: 'monitoring', port: 443 });
  });

  test('a PodDisruptionBudget only with more than one replica', () => {
    expect(build({ tls: MODES.selfSigned }).objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    const pdb = only(build({ tls: MODES.selfSigned, replicas: 2 }).objects, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'metrics-server', 'app.kubernetes.io/instance': 'metrics-server' } } });
  });
});

describe('MetricsServer refusals', () => {
  const refuse = (props: any, pattern: RegExp) => {
    let error: unknown;
    try {
      new MetricsServer(testChart(), 'metrics', props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^test\/metrics: /);
    expect((error as Error).message).toMatch(pattern);
  };

  test.each([
    [{ tls: TlsMode.fromSecretName('m') }, /tls TlsMode\.fromSecretName\("m"\) is not allowed: the APIService needs the CA inline.*use .*Trust\.caPem.*TlsMode\.certManager/],
    [{ tls: TlsMode.fromSecretName('m', { trust: Trust.caFromSecretName('ca') }) }, /Trust\.caFromSecretName\("ca", "ca\.crt"\) cannot be read at synth/],
    [{ tls: TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.skipVerify() }) }, /CA cert-manager injects, not Trust\.skipVerify\(\)/],
    [{ tls: MODES.selfSigned, version: 'v0.5.2' }, /version "v0.5.2" is not allowed: older than v0.6.0: releases before v0.6.0 listen on 443/],
    [{ tls: MODES.selfSigned, securePort: 443 }, /securePort 443 is not allowed: a non-root container/],
    [{ tls: MODES.selfSigned, securePort: 70000 }, /securePort 70000 is not allowed: not a TCP port/],
    [{ tls: MODES.selfSigned, metricResolution: Duration.seconds(5) }, /metricResolution Duration\.seconds\(5\) is not allowed: metrics-server refuses resolutions below 10s; use a duration of at least "10s"$/],
    [{ tls: MODES.selfSigned, metricResolution: Duration.millis(9999) }, /metricResolution Duration\.millis\(9999\) is not allowed: not a whole number of seconds/],
    [{ tls: MODES.selfSigned, metricResolution: Duration.millis(15_500) }, /metricResolution Duration\.millis\(15500\) is not allowed: not a whole number of seconds/],
    [{ tls: MODES.selfSigned, metricResolution: '15s' }, /metricResolution "15s" is not allowed: it is not a Duration; use a cdk8s Duration, e\.g\. Duration\.seconds\(15\)$/],
    [{ tls: MODES.selfSigned, metricResolution: 'often' }, /metricResolution "often" is not allowed: it is not a Duration/],
    [{ tls: MODES.selfSigned, metricResolution: 15 }, /metricResolution 15 is not allowed: it is not a Duration/],
    [{ tls: MODES.selfSigned, kubeletPreferredAddressTypes: ['PodIP'] }, /kubeletPreferredAddressTypes\[0\] "PodIP"/],
    [{ tls: MODES.selfSigned, extraArgs: ['--secure-port=443'] }, /extraArgs\[0\] "--secure-port=443" is not allowed: the construct derives --secure-port itself \(--secure-port=10250\)/],
    [{ tls: MODES.selfSigned, extraArgs: ['--kubelet-insecure-tls'] }, /extraArgs\[0\] "--kubelet-insecure-tls" is not allowed/],
    [{ tls: MODES.selfSigned, extraArgs: ['--authorization-always-allow-paths=/x'] }, /--authorization-always-allow-paths/],
    [{ tls: MODES.certManager, extraArgs: ['--cert-dir=/x'] }, /--cert-dir/],
  ])('refuses %o', (props, pattern) => refuse(props, pattern));

  test('allowPath refuses a path that is not one', () => {
    const { server } = build({ tls: MODES.selfSigned });
    expect(() => server.allowPath('metrics')).toThrow(/allowPath "metrics" is not allowed: not a URL path/);
    expect(() => server.allowPath('/a,/b')).toThrow(ValidationError);
  });
});
