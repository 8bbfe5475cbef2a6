import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  MetricsServer, NumaflowServer, PodAutoscaler, ScalingStrategy, synthStacks, TlsMode, Trust, ValidationError,
} from '../lib';
import { formatValue } from '../lib/errors';
import { synth } from './support/harness';
import { BAD_FLYTE_INPUTS } from './bad-input-flyte';

// The catalog of refused inputs: each case names what it does, the path, prop and value the
// message must name, and a fragment of what is allowed. Constructor-time refusals are
// ValidationErrors with those fields, and nothing half-built is left in the tree.

export interface BadInput {
  readonly name: string;
  /** Builds the bad input in `chart` (a chart with id `c` in a fresh app). */
  readonly build: (chart: Chart) => unknown;
  readonly path: string;
  readonly prop: string;
  readonly value: unknown;
  /** A fragment of the "use …" part. */
  readonly allowed: string;
}

const CA = fs.readFileSync(path.join(__dirname, 'support/fixtures/ca.crt.pem'), 'utf8');
const nf = (props: any) => (c: Chart) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), ...props });
const ms = (props: any) => (c: Chart) => new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned(), ...props });
const pa = (props: any) => (c: Chart) => new PodAutoscaler(c, 'pa', {
  target: new NumaflowServer(c, 'target', { tls: TlsMode.disabled() }), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3, ...props,
});

const CASES: BadInput[] = [
  // TLS core
  { name: 'secret name with upper case', build: () => TlsMode.fromSecret('Flyte-TLS'), path: 'TlsMode.fromSecret', prop: 'secretName', value: 'Flyte-TLS', allowed: 'lower-case' },
  { name: 'secret name with underscore', build: () => TlsMode.fromSecret('flyte_tls'), path: 'TlsMode.fromSecret', prop: 'secretName', value: 'flyte_tls', allowed: 'lower-case' },
  { name: 'empty secret name', build: () => TlsMode.fromSecret(''), path: 'TlsMode.fromSecret', prop: 'secretName', value: '', allowed: 'lower-case' },
  { name: 'empty issuer name', build: () => TlsMode.certManager({ issuer: { name: '' } }), path: 'TlsMode.certManager', prop: 'issuer.name', value: '', allowed: 'Issuer or ClusterIssuer' },
  { name: 'issuer name with spaces', build: () => TlsMode.certManager({ issuer: { name: 'my issuer' } }), path: 'TlsMode.certManager', prop: 'issuer.name', value: 'my issuer', allowed: 'lower-case' },
  { name: 'unknown issuer kind', build: () => TlsMode.certManager({ issuer: { name: 'ca', kind: 'Vault' as any } }), path: 'TlsMode.certManager', prop: 'issuer.kind', value: 'Vault', allowed: 'ClusterIssuer' },
  { name: 'duration that is not Go', build: () => TlsMode.certManager({ issuer: { name: 'ca' }, duration: '90 days' }), path: 'TlsMode.certManager', prop: 'duration', value: '90 days', allowed: '2160h' },
  { name: 'certificate shorter than 1h', build: () => TlsMode.certManager({ issuer: { name: 'ca' }, duration: '30m' }), path: 'TlsMode.certManager', prop: 'duration', value: '30m', allowed: '1h' },
  { name: 'renewBefore not below duration', build: () => TlsMode.certManager({ issuer: { name: 'ca' }, duration: '24h', renewBefore: '48h' }), path: 'TlsMode.certManager', prop: 'renewBefore', value: '48h', allowed: 'below 24h' },
  { name: 'malformed PEM', build: () => Trust.caPem('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----'), path: 'Trust.caPem', prop: 'pem', value: undefined, allowed: 'BEGIN CERTIFICATE' },
  { name: 'PEM with a private key', build: () => Trust.caPem(`${CA}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`), path: 'Trust.caPem', prop: 'pem', value: undefined, allowed: 'BEGIN CERTIFICATE' },
  { name: 'CA ConfigMap name invalid', build: () => Trust.caFromConfigMap('CA Bundle'), path: 'Trust.caFromConfigMap', prop: 'name', value: 'CA Bundle', allowed: 'lower-case' },
  { name: 'CA key escaping the folder', build: () => Trust.caFromSecret('ca', '../ca.crt'), path: 'Trust.caFromSecret', prop: 'key', value: '../ca.crt', allowed: 'ca.crt' },
  // NumaflowServer
  { name: 'Numaflow with a certificate Secret', build: nf({ tls: TlsMode.fromSecret('nf-tls') }), path: 'c/nf', prop: 'tls', value: undefined, allowed: 'TlsMode.selfSigned()' },
  { name: 'Numaflow with cert-manager', build: nf({ tls: TlsMode.certManager({ issuer: { name: 'ca' } }) }), path: 'c/nf', prop: 'tls', value: undefined, allowed: 'ingress' },
  { name: 'Numaflow CORS wildcard', build: nf({ corsAllowedOrigins: ['*'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: '*', allowed: 'no "*"' },
  { name: 'Numaflow origin with a path', build: nf({ corsAllowedOrigins: ['https://ui.example.com/app'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: 'https://ui.example.com/app', allowed: 'no path' },
  { name: 'Numaflow origin without scheme', build: nf({ corsAllowedOrigins: ['ui.example.com'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: 'ui.example.com', allowed: 'scheme' },
  { name: 'Numaflow ftp origin', build: nf({ corsAllowedOrigins: ['ftp://files.example.com'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: 'ftp://files.example.com', allowed: 'scheme' },
  { name: 'Numaflow relative base href', build: nf({ baseHref: 'numaflow' }), path: 'c/nf', prop: 'baseHref', value: 'numaflow', allowed: '"/numaflow/"' },
  { name: 'Numaflow version not semver', build: nf({ version: 'latest' }), path: 'c/nf', prop: 'version', value: 'latest', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'Numaflow too old', build: nf({ version: 'v1.1.7' }), path: 'c/nf', prop: 'version', value: 'v1.1.7', allowed: '>= v1.2.0' },
  { name: 'Numaflow second --port', build: nf({ extraArgs: ['--port=9443'] }), path: 'c/nf', prop: 'extraArgs[0]', value: '--port=9443', allowed: 'typed prop' },
  { name: 'Numaflow --insecure against the mode', build: nf({ extraArgs: ['--insecure=false'] }), path: 'c/nf', prop: 'extraArgs[0]', value: '--insecure=false', allowed: 'TLS mode' },
  { name: 'Numaflow env that the construct sets', build: nf({ extraEnv: [{ name: 'NAMESPACE', value: 'x' }] }), path: 'c/nf', prop: 'extraEnv[0]', value: 'NAMESPACE', allowed: 'typed prop' },
  { name: 'Numaflow managedNamespace without namespaced', build: nf({ managedNamespace: 'team' }), path: 'c/nf', prop: 'managedNamespace', value: 'team', allowed: 'namespaced: true' },
  { name: 'non-integer replicas', build: nf({ replicas: 1.5 }), path: 'c/nf', prop: 'replicas', value: 1.5, allowed: 'integer' },
  { name: 'negative replicas', build: nf({ replicas: -1 }), path: 'c/nf', prop: 'replicas', value: -1, allowed: 'integer' },
  { name: 'namespace with upper case', build: nf({ namespace: 'Numaflow' }), path: 'c/nf', prop: 'namespace', value: 'Numaflow', allowed: 'lower-case' },
  { name: 'resource quantity malformed', build: nf({ resources: { limits: { memory: '1 GB' } } }), path: 'c/nf', prop: 'resources.limits.memory', value: '1 GB', allowed: '200Mi' },
  { name: 'image with spaces', build: nf({ image: 'my image' }), path: 'c/nf', prop: 'image', value: 'my image', allowed: 'registry' },
  // MetricsServer
  { name: 'metrics-server fromSecret without inline CA', build: ms({ tls: TlsMode.fromSecret('ms-tls') }), path: 'c/ms', prop: 'tls', value: undefined, allowed: 'Trust.caPem' },
  { name: 'metrics-server certManager with skip-verify trust', build: ms({ tls: TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.skipVerify() }) }), path: 'c/ms', prop: 'tls', value: undefined, allowed: 'without a trust option' },
  { name: 'metrics-server v0.5 (port 443)', build: ms({ version: 'v0.5.2' }), path: 'c/ms', prop: 'version', value: 'v0.5.2', allowed: '>= v0.6.0' },
  { name: 'metrics-server port out of range', build: ms({ securePort: 70000 }), path: 'c/ms', prop: 'securePort', value: 70000, allowed: '1 to 65535' },
  { name: 'metrics-server non-integer port', build: ms({ securePort: 4443.5 }), path: 'c/ms', prop: 'securePort', value: 4443.5, allowed: '1 to 65535' },
  { name: 'metrics-server privileged port', build: ms({ securePort: 443 }), path: 'c/ms', prop: 'securePort', value: 443, allowed: '>= 1024' },
  { name: 'metrics-server second --secure-port', build: ms({ extraArgs: ['--secure-port=4443'] }), path: 'c/ms', prop: 'extraArgs[0]', value: '--secure-port=4443', allowed: 'typed prop' },
  { name: 'metrics-server resolution below 10s', build: ms({ metricResolution: '5s' }), path: 'c/ms', prop: 'metricResolution', value: '5s', allowed: '10s' },
  { name: 'metrics-server unknown address type', build: ms({ kubeletPreferredAddressTypes: ['PodIP'] }), path: 'c/ms', prop: 'kubeletPreferredAddressTypes[0]', value: 'PodIP', allowed: 'InternalIP' },
  // PodAutoscaler
  { name: 'autoscaler min > max', build: pa({ minReplicas: 5, maxReplicas: 3 }), path: 'c/pa', prop: 'minReplicas', value: 5, allowed: '<= 3' },
  { name: 'autoscaler max 0', build: pa({ maxReplicas: 0 }), path: 'c/pa', prop: 'maxReplicas', value: 0, allowed: '>= 1' },
  { name: 'autoscaler negative min', build: pa({ minReplicas: -2 }), path: 'c/pa', prop: 'minReplicas', value: -2, allowed: '>= 0' },
  { name: 'autoscaler target value 0', build: pa({ metric: { name: 'm', targetValue: 0 } }), path: 'c/pa', prop: 'metric.targetValue', value: 0, allowed: 'positive' },
  { name: 'autoscaler HTTPS target on AIbrix v0.7', build: (c) => new PodAutoscaler(c, 'pa', { target: new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() }), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 }), path: 'c/pa', prop: 'target', value: 'https://metrics-server:10250', allowed: 'aibrixVersion <= v0.4' },
  { name: 'autoscaler custom path on AIbrix v0.5', build: pa({ aibrixVersion: 'v0.5.0', path: '/stats' }), path: 'c/pa', prop: 'path', value: '/stats', allowed: '"/metrics"' },
  { name: 'autoscaler AIbrix before v0.2', build: pa({ aibrixVersion: 'v0.1.9' }), path: 'c/pa', prop: 'aibrixVersion', value: 'v0.1.9', allowed: '>= v0.2.0' },
  { name: 'autoscaler unknown strategy', build: pa({ strategy: 'FAST' }), path: 'c/pa', prop: 'strategy', value: 'FAST', allowed: 'KPA' },
  // Stacks
  { name: 'two stacks with one id', build: () => synthStacks([{ id: 'a', build: (s, id) => new Chart(s, id) }, { id: 'a', build: (s, id) => new Chart(s, id) }]), path: 'synthStacks', prop: 'id', value: 'a', allowed: 'unique' },
  ...BAD_FLYTE_INPUTS,
];

test('the catalog holds at least 40 distinct refused inputs', () => {
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  expect(CASES.length).toBeGreaterThanOrEqual(40);
});

describe.each(CASES)('$name', (c) => {
  test('is refused with a ValidationError naming path, prop, value and what is allowed', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    let error: unknown;
    try {
      c.build(chart);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect({ path: e.path, prop: e.prop }).toEqual({ path: c.path, prop: c.prop });
    if (c.value !== undefined) expect(e.value).toEqual(c.value);
    expect(e.message.startsWith(`${c.path}: ${c.prop} ${formatValue(e.value)} is not allowed: `)).toBe(true);
    expect(c.allowed.length).toBeGreaterThan(0);
    expect(e.allowed).toContain(c.allowed);
    expect(e.message).toContain(`; use ${e.allowed}`);
    // Nothing half-built: a later synth of the same app emits nothing from the refused construct.
    const refusedId = c.path.split('/')[1];
    if (refusedId) expect(chart.node.tryFindChild(refusedId)).toBeUndefined();
    expect(() => synth(chart)).not.toThrow();
  });
});
