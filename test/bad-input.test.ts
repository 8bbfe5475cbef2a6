import { Chart, Duration, Testing } from 'cdk8s';
import { MetricsServer, PodAutoscaler, ScaleTarget, ScalingStrategy, synthStacks, TlsMode, Trust, ValidationError } from '../lib';
import { formatValue } from '../lib/errors';
import { synth, testApp } from './support/harness';
import { BadInput, CA, ms, nf, pa, REQUIRED_CLASSES } from './bad-input-case';
import { ALL_OR_NOTHING_INPUTS } from './bad-input-all-or-nothing';
import { BAD_FLYTE_INPUTS } from './bad-input-flyte';
import { FORMAT_INPUTS } from './bad-input-formats';
import { GATEWAY_INPUTS } from './bad-input-gateway';
import { NETPOL_INPUTS } from './bad-input-netpol';
import { IMPLEMENTATION_INPUTS } from './bad-input-implementations';
import { LIMIT_INPUTS } from './bad-input-limits';
import { MESSAGE_INPUTS } from './bad-input-messages';
import { POLICY_INPUTS } from './bad-input-policy';
import { SEAM_INPUTS } from './bad-input-seams';
import { SECRET_INPUTS } from './bad-input-secrets';
import { SYNTH_TIME_INPUTS } from './bad-input-synth';
import { TYPE_INPUTS } from './bad-input-types';

// The catalog of refused inputs: each case names what it does, its class, the path, prop and value
// the message must name, and a fragment of what is allowed. Refusals are ValidationErrors with
// those fields, thrown by the constructor (nothing half-built is left in the tree) or by the
// synth-time pass (one ValidationError carrying every refusal; its first one is checked). A refused
// construct leaves every other construct exactly as it was.

export type { BadInput } from './bad-input-case';

const CASES: BadInput[] = [
  // TLS core
  { name: 'secret name with upper case', class: 'names-labels', build: () => TlsMode.fromSecretName('Flyte-TLS'), path: 'TlsMode.fromSecretName', prop: 'secretName', value: 'Flyte-TLS', allowed: 'lower-case' },
  { name: 'secret name with underscore', class: 'names-labels', build: () => TlsMode.fromSecretName('flyte_tls'), path: 'TlsMode.fromSecretName', prop: 'secretName', value: 'flyte_tls', allowed: 'lower-case' },
  { name: 'empty secret name', class: 'names-labels', build: () => TlsMode.fromSecretName(''), path: 'TlsMode.fromSecretName', prop: 'secretName', value: '', allowed: 'lower-case' },
  { name: 'empty issuer name', class: 'names-labels', build: () => TlsMode.certManager({ issuer: { name: '' } }), path: 'TlsMode.certManager', prop: 'issuer.name', value: '', allowed: 'Issuer or ClusterIssuer' },
  { name: 'issuer name with spaces', class: 'names-labels', build: () => TlsMode.certManager({ issuer: { name: 'my issuer' } }), path: 'TlsMode.certManager', prop: 'issuer.name', value: 'my issuer', allowed: 'lower-case' },
  { name: 'unknown issuer kind', class: 'values', build: () => TlsMode.certManager({ issuer: { name: 'ca', kind: 'Vault' as any } }), path: 'TlsMode.certManager', prop: 'issuer.kind', value: 'Vault', allowed: 'ClusterIssuer' },
  { name: 'duration with a fraction of a second (no Go duration in h, m, s)', class: 'values', build: () => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.millis(7_200_500) }), path: 'TlsMode.certManager', prop: 'duration', value: Duration.millis(7_200_500), allowed: 'Duration.seconds(90)' },
  { name: 'certificate shorter than 1h', class: 'values', build: () => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.minutes(30) }), path: 'TlsMode.certManager', prop: 'duration', value: Duration.minutes(30), allowed: '1h' },
  { name: 'renewBefore not below duration', class: 'values', build: () => TlsMode.certManager({ issuer: { name: 'ca' }, duration: Duration.hours(24), renewBefore: Duration.hours(48) }), path: 'TlsMode.certManager', prop: 'renewBefore', value: Duration.hours(48), allowed: 'below 24h' },
  { name: 'malformed PEM', class: 'values', build: () => Trust.caPem('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----'), path: 'Trust.caPem', prop: 'pem', value: undefined, allowed: 'BEGIN CERTIFICATE' },
  { name: 'PEM with a private key', class: 'secrets', build: () => Trust.caPem(`${CA}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`), path: 'Trust.caPem', prop: 'pem', value: undefined, allowed: 'BEGIN CERTIFICATE' },
  { name: 'CA ConfigMap name invalid', class: 'names-labels', build: () => Trust.caFromConfigMapName('CA Bundle'), path: 'Trust.caFromConfigMapName', prop: 'name', value: 'CA Bundle', allowed: 'lower-case' },
  { name: 'CA key escaping the folder', class: 'names-labels', build: () => Trust.caFromSecretName('ca', '../ca.crt'), path: 'Trust.caFromSecretName', prop: 'key', value: '../ca.crt', allowed: 'ca.crt' },
  // NumaflowServer
  { name: 'Numaflow with a certificate Secret', class: 'tls-modes', build: nf({ tls: TlsMode.fromSecretName('nf-tls') }), path: 'c/nf', prop: 'tls', value: undefined, allowed: 'TlsMode.selfSigned()' },
  { name: 'Numaflow with cert-manager', class: 'tls-modes', build: nf({ tls: TlsMode.certManager({ issuer: { name: 'ca' } }) }), path: 'c/nf', prop: 'tls', value: undefined, allowed: 'exposeViaGateway' },
  { name: 'Numaflow CORS wildcard', class: 'cors', build: nf({ corsAllowedOrigins: ['*'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: '*', allowed: 'no "*"' },
  { name: 'Numaflow origin with a path', class: 'values', build: nf({ corsAllowedOrigins: ['https://ui.example.com/app'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: 'https://ui.example.com/app', allowed: 'no path' },
  { name: 'Numaflow origin without scheme', class: 'values', build: nf({ corsAllowedOrigins: ['ui.example.com'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: 'ui.example.com', allowed: 'scheme' },
  { name: 'Numaflow ftp origin', class: 'values', build: nf({ corsAllowedOrigins: ['ftp://files.example.com'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: 'ftp://files.example.com', allowed: 'scheme' },
  { name: 'Numaflow relative base href', class: 'values', build: nf({ baseHref: 'numaflow' }), path: 'c/nf', prop: 'baseHref', value: 'numaflow', allowed: '"/numaflow/"' },
  { name: 'Numaflow version not semver', class: 'versions', build: nf({ version: 'latest' }), path: 'c/nf', prop: 'version', value: 'latest', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'Numaflow too old', class: 'versions', build: nf({ version: 'v1.1.7' }), path: 'c/nf', prop: 'version', value: 'v1.1.7', allowed: '>= v1.2.0' },
  { name: 'Numaflow second --port', class: 'derived', build: nf({ extraArgs: ['--port=9443'] }), path: 'c/nf', prop: 'extraArgs[0]', value: '--port=9443', allowed: 'typed prop' },
  { name: 'Numaflow --insecure against the mode', class: 'derived', build: nf({ extraArgs: ['--insecure=false'] }), path: 'c/nf', prop: 'extraArgs[0]', value: '--insecure=false', allowed: 'TLS mode' },
  { name: 'Numaflow env that the construct sets', class: 'derived', build: nf({ extraEnv: [{ name: 'NAMESPACE', value: 'x' }] }), path: 'c/nf', prop: 'extraEnv[0]', value: 'NAMESPACE', allowed: 'typed prop' },
  { name: 'Numaflow managedNamespace without namespaced', class: 'values', build: nf({ managedNamespace: 'team' }), path: 'c/nf', prop: 'managedNamespace', value: 'team', allowed: 'namespaced: true' },
  { name: 'non-integer replicas', class: 'types', build: nf({ replicas: 1.5 }), path: 'c/nf', prop: 'replicas', value: 1.5, allowed: 'integer' },
  { name: 'negative replicas', class: 'values', build: nf({ replicas: -1 }), path: 'c/nf', prop: 'replicas', value: -1, allowed: 'integer' },
  { name: 'namespace with upper case', class: 'names-labels', build: nf({ namespace: 'Numaflow' }), path: 'c/nf', prop: 'namespace', value: 'Numaflow', allowed: 'lower-case' },
  { name: 'resource quantity malformed', class: 'resources', build: nf({ resources: { limits: { memory: '1 GB' } } }), path: 'c/nf', prop: 'resources.limits.memory', value: '1 GB', allowed: '200Mi' },
  { name: 'image with spaces', class: 'values', build: nf({ image: 'my image' }), path: 'c/nf', prop: 'image', value: 'my image', allowed: 'registry' },
  // MetricsServer
  { name: 'metrics-server fromSecret without inline CA', class: 'tls-modes', build: ms({ tls: TlsMode.fromSecretName('ms-tls') }), path: 'c/ms', prop: 'tls', value: undefined, allowed: 'Trust.caPem' },
  { name: 'metrics-server certManager with skip-verify trust', class: 'tls-modes', build: ms({ tls: TlsMode.certManager({ issuer: { name: 'ca' }, trust: Trust.skipVerify() }) }), path: 'c/ms', prop: 'tls', value: undefined, allowed: 'without a trust option' },
  { name: 'metrics-server v0.5 (port 443)', class: 'versions', build: ms({ version: 'v0.5.2' }), path: 'c/ms', prop: 'version', value: 'v0.5.2', allowed: '>= v0.6.0' },
  { name: 'metrics-server port out of range', class: 'values', build: ms({ securePort: 70000 }), path: 'c/ms', prop: 'securePort', value: 70000, allowed: '1 to 65535' },
  { name: 'metrics-server non-integer port', class: 'types', build: ms({ securePort: 4443.5 }), path: 'c/ms', prop: 'securePort', value: 4443.5, allowed: '1 to 65535' },
  { name: 'metrics-server privileged port', class: 'restricted', build: ms({ securePort: 443 }), path: 'c/ms', prop: 'securePort', value: 443, allowed: '>= 1024' },
  { name: 'metrics-server second --secure-port', class: 'derived', build: ms({ extraArgs: ['--secure-port=4443'] }), path: 'c/ms', prop: 'extraArgs[0]', value: '--secure-port=4443', allowed: 'typed prop' },
  { name: 'metrics-server resolution below 10s', class: 'values', build: ms({ metricResolution: Duration.seconds(5) }), path: 'c/ms', prop: 'metricResolution', value: Duration.seconds(5), allowed: '10s' },
  { name: 'metrics-server unknown address type', class: 'values', build: ms({ kubeletPreferredAddressTypes: ['PodIP'] }), path: 'c/ms', prop: 'kubeletPreferredAddressTypes[0]', value: 'PodIP', allowed: 'InternalIP' },
  // PodAutoscaler
  { name: 'autoscaler min > max', class: 'values', build: pa({ minReplicas: 5, maxReplicas: 3 }), path: 'c/pa', prop: 'minReplicas', value: 5, allowed: '<= 3' },
  { name: 'autoscaler max 0', class: 'values', build: pa({ maxReplicas: 0 }), path: 'c/pa', prop: 'maxReplicas', value: 0, allowed: '>= 1' },
  { name: 'autoscaler negative min', class: 'values', build: pa({ minReplicas: -2 }), path: 'c/pa', prop: 'minReplicas', value: -2, allowed: '>= 0' },
  { name: 'autoscaler target value 0', class: 'values', build: pa({ metric: { name: 'm', targetValue: 0 } }), path: 'c/pa', prop: 'metric.targetValue', value: 0, allowed: 'positive' },
  { name: 'autoscaler HTTPS target on AIbrix v0.7', class: 'wiring', build: (c) => new PodAutoscaler(c, 'pa', { target: ScaleTarget.fromServer(new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() })), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 }), path: 'c/pa', prop: 'target', value: 'https://metrics-server:10250', allowed: 'aibrixVersion <= v0.4' },
  { name: 'autoscaler custom path on AIbrix v0.5', class: 'wiring', build: pa({ aibrixVersion: 'v0.5.0', path: '/stats' }), path: 'c/pa', prop: 'path', value: '/stats', allowed: '"/metrics"' },
  { name: 'autoscaler AIbrix before v0.2', class: 'versions', build: pa({ aibrixVersion: 'v0.1.9' }), path: 'c/pa', prop: 'aibrixVersion', value: 'v0.1.9', allowed: '>= v0.2.0' },
  { name: 'autoscaler unknown strategy', class: 'values', build: pa({ strategy: 'FAST' }), path: 'c/pa', prop: 'strategy', value: 'FAST', allowed: 'KPA' },
  // Stacks
  { name: 'two stacks with one id', class: 'duplicates', build: () => synthStacks([{ id: 'a', createChart: (s, id) => new Chart(s, id) }, { id: 'a', createChart: (s, id) => new Chart(s, id) }]), path: 'synthStacks', prop: 'id', value: 'a', allowed: 'unique' },
  ...BAD_FLYTE_INPUTS,
  ...TYPE_INPUTS,
  ...SYNTH_TIME_INPUTS,
  ...POLICY_INPUTS,
  ...ALL_OR_NOTHING_INPUTS,
  ...GATEWAY_INPUTS,
  ...NETPOL_INPUTS,
  ...IMPLEMENTATION_INPUTS,
  ...SEAM_INPUTS,
  ...SECRET_INPUTS,
  ...FORMAT_INPUTS,
  ...LIMIT_INPUTS,
  ...MESSAGE_INPUTS,
];

test('the catalog holds at least 150 distinct refused inputs, at least 10 of each required class', () => {
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  expect(CASES.length).toBeGreaterThanOrEqual(150);
  // Issue 23 (classes 1-4 and 7): at least 60 cases of their own.
  expect(FORMAT_INPUTS.length + LIMIT_INPUTS.length + MESSAGE_INPUTS.length).toBeGreaterThanOrEqual(60);
  const perClass: { [cls: string]: number } = {};
  for (const c of CASES) perClass[c.class] = (perClass[c.class] ?? 0) + 1;
  expect(REQUIRED_CLASSES.filter((cls) => (perClass[cls] ?? 0) < 10)).toEqual([]);
  console.log(`bad-input catalog: ${CASES.length} cases; ${Object.entries(perClass).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

/** Builds a case in a fresh app; returns the chart and what the build threw. */
function attempt(build: (chart: Chart) => unknown): { chart: Chart; error: unknown } {
  const chart = new Chart(testApp(), 'c');
  try {
    build(chart);
    return { chart, error: undefined };
  } catch (error) {
    return { chart, error };
  }
}

describe.each(CASES)('[$class] $name', (c) => {
  test('is refused with a ValidationError naming path, prop, value and what is allowed', () => {
    const { chart, error: thrown } = attempt(c.build);
    let error = thrown;
    if (c.at === 'synth') {
      // The input is accepted while the tree is built; the one synth-time pass refuses it.
      expect(thrown).toBeUndefined();
      try {
        Testing.synth(chart);
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(ValidationError);
    const all = error as ValidationError;
    // An aggregate carries every refusal; its own fields are those of the first.
    const e = all.errors[0];
    expect({ path: all.path, prop: all.prop }).toEqual({ path: e.path, prop: e.prop });
    if (all.errors.length > 1) {
      expect(all.message.startsWith(`${all.errors.length} refusals:\n`)).toBe(true);
      for (const each of all.errors) expect(all.message).toContain(each.message);
    }
    expect({ path: e.path, prop: e.prop }).toEqual({ path: c.path, prop: c.prop });
    if (c.value !== undefined) expect(e.value).toEqual(c.value);
    expect(e.message.startsWith(`${c.path}: ${c.prop} ${formatValue(e.value)} is not allowed: `)).toBe(true);
    expect(c.allowed.length).toBeGreaterThan(0);
    expect(e.allowed).toContain(c.allowed);
    expect(e.message).toContain(`; use ${e.allowed}`);
    if (c.at === 'synth') return;
    // Nothing half-built: the refused construct is gone, and a later synth of the same app emits
    // nothing of it (nor fails because of it).
    const refusedId = c.path.startsWith('c/') ? c.path.split('/')[1] : undefined;
    if (refusedId && !c.constructStays) expect(chart.node.tryFindChild(refusedId)).toBeUndefined();
    const after = synth(chart);
    if (c.without) {
      // All or nothing: every other construct is exactly as it would be without the refused one.
      const { chart: reference, error: unexpected } = attempt(c.without);
      expect(unexpected).toBeUndefined();
      expect(after).toEqual(synth(reference));
    }
  });
});
