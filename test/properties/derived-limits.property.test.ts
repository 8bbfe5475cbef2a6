import * as fc from 'fast-check';
import {
  Console, FlytePodTemplate, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, Scheme, SecureAdmin, TlsMode, ValidationError,
} from '../../lib';
import { labelValueProblem } from '../../lib/names';
import { DATABASE } from '../support/flyte-invariants';
import { expectValid, synth, testChart } from '../support/harness';
import { params, RUNS } from './arbitraries';

// Class 3 of issue 23: values the library derives must stay within the API's limits. A value the
// user gave validly (by the API's own rules) is never refused because of a label derived from it:
// long semvers and long names are accepted with valid labels; a clusterDomain is refused only
// when the certificate's name it makes exceeds DNS's limits; an empty address-type list never
// becomes an empty flag. Outcomes are counted.

/** Every label value of every object, with where it stands. */
function labelValues(objects: any[]): { at: string; value: unknown }[] {
  return objects.flatMap((o) => [
    ...Object.entries(o.metadata?.labels ?? {}).map(([k, v]) => ({ at: `${o.kind}/${o.metadata?.name} ${k}`, value: v })),
    ...Object.entries(o.spec?.template?.metadata?.labels ?? {}).map(([k, v]) => ({ at: `${o.kind}/${o.metadata?.name} template ${k}`, value: v })),
    ...Object.entries(o.spec?.selector?.matchLabels ?? o.spec?.selector ?? {}).map(([k, v]) => ({ at: `${o.kind}/${o.metadata?.name} selector ${k}`, value: v })),
  ]);
}

function expectLabelsValid(objects: any[]): void {
  expect(labelValues(objects).filter((l) => typeof l.value === 'string' && labelValueProblem(l.value) !== undefined)).toEqual([]);
}

/** SemVer 2.0.0 pre-release identifiers, generated from the grammar (numeric without leading zeros, or alphanumeric). */
const identifier = fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), fc.stringMatching(/^[0-9A-Za-z-]*[A-Za-z-][0-9A-Za-z-]*$/).filter((s) => s.length > 0 && s.length <= 30));
const longPrerelease = fc.oneof(fc.array(identifier, { minLength: 1, maxLength: 10 }).map((ids) => ids.join('.')),
  fc.integer({ min: 40, max: 160 }).map((n) => `rc.${'a'.repeat(n)}`));

test('long semvers (valid by the grammar) are accepted with valid labels; only a tag over 128 characters is refused, as the version', () => {
  const seen = { accepted: 0, refusedTag: 0, long: 0 };
  const labels = new Map<string, string>();
  fc.assert(fc.property(longPrerelease, fc.constantFrom('numaflow', 'admin', 'console', 'metrics', 'template'), fc.boolean(), (pre, which, build) => {
    const chart = testChart();
    const versionOf = { numaflow: '1.8.3', admin: '1.16.8', console: '1.21.0', metrics: '0.8.0', template: '1.16.8' }[which];
    const version = `v${versionOf}-${pre}${build ? '+build.5' : ''}`;
    const tag = `v${versionOf}-${pre}`;
    try {
      if (which === 'numaflow') new NumaflowServer(chart, 'x', { tls: TlsMode.disabled(), version });
      if (which === 'admin' || which === 'console') {
        const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ObjectStore.s3({ bucket: 'flyte-data' }), version: which === 'admin' ? version : undefined });
        if (which === 'console') new Console(chart, 'x', { admin, version });
      }
      if (which === 'metrics') new MetricsServer(chart, 'x', { tls: TlsMode.selfSigned(), version });
      if (which === 'template') new FlytePodTemplate(chart, 'x', { objectStore: ObjectStore.s3({ bucket: 'flyte-data' }), flyteVersion: version });
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect(tag.length).toBeGreaterThan(128);
      expect((e as ValidationError).errors[0].prop).toMatch(/^(version|flyteVersion)$/);
      seen.refusedTag++;
      return;
    }
    expect(tag.length).toBeLessThanOrEqual(128);
    const objects = synth(chart);
    expectLabelsValid(objects);
    expectValid(objects, { external: ['Secret/flyte/flyte-db'] });
    seen.accepted++;
    if (tag.length > 63) seen.long++;
    // Distinct versions keep distinct labels (the hash), equal ones the same.
    const label = objects.find((o) => o.metadata?.labels?.['app.kubernetes.io/version'] && o.metadata.labels['app.kubernetes.io/name'] !== 'flyteadmin')
      ?.metadata.labels['app.kubernetes.io/version'] ?? objects[0].metadata.labels['app.kubernetes.io/version'];
    const other = labels.get(label);
    if (other !== undefined && which !== 'console') expect(other).toBe(tag);
    labels.set(label, tag);
  }), { ...params, numRuns: Math.ceil(RUNS / 2) });
  console.log(`long semvers: ${seen.accepted} accepted (${seen.long} with a tag over 63 characters), ${seen.refusedTag} refused for a tag over 128`);
  expect(seen.long).toBeGreaterThan(RUNS / 20);
  expect(seen.refusedTag).toBeGreaterThan(0);
});

/** DNS-1123 subdomains of 1 to 253 characters, made of labels of up to 63. */
const dnsLabelOf = fc.tuple(fc.integer({ min: 1, max: 63 }), fc.constantFrom('a1-', 'z-9', 'q')).map(([n, fill]) => `x${fill.repeat(30)}`.slice(0, n).replace(/-$/, 'b'));
const subdomain = (maxLength: number) => fc.array(dnsLabelOf, { minLength: 1, maxLength: 6 }).map((labels) => labels.join('.')).filter((s) => s.length <= maxLength);

test('long object names (valid subdomains) of templates and autoscaler targets are accepted with valid labels', () => {
  let accepted = 0;
  let long = 0;
  fc.assert(fc.property(subdomain(253), fc.boolean(), (name, template) => {
    const chart = testChart();
    if (template) {
      new FlytePodTemplate(chart, 't', { objectStore: ObjectStore.s3({ bucket: 'flyte-data' }), name });
    } else {
      // The autoscaler's own name defaults to its target's; its labels follow the target's name.
      new PodAutoscaler(chart, 'pa', {
        target: ScaleTarget.fromWorkload({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: 'serving', scheme: Scheme.HTTP, port: 8000 }),
        strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3,
      });
    }
    const objects = synth(chart);
    expectLabelsValid(objects);
    // The name stays where it means something (the PodTemplate Flyte looks up, the target); objects named after it stay valid names.
    expect(objects.some((o) => (o.kind === 'PodTemplate' && o.metadata.name === name) || o.spec?.scaleTargetRef?.name === name)).toBe(true);
    expect(objects.every((o) => o.metadata.name.length <= 253)).toBe(true);
    accepted++;
    if (name.length > 63) long++;
  }), params);
  console.log(`long names: ${accepted} accepted, ${long} over 63 characters`);
  expect(long).toBeGreaterThan(0);
});

test('clusterDomain: refused exactly when the certificate\'s Service name would exceed DNS limits, as clusterDomain', () => {
  const seen = { accepted: 0, refused: 0 };
  const label = fc.integer({ min: 1, max: 70 }).map((n) => 'd'.repeat(n));
  fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 6 }), (labels) => {
    const clusterDomain = labels.join('.');
    const fqdn = `flyteadmin.flyte.svc.${clusterDomain}`;
    const fits = fqdn.length <= 253 && labels.every((l) => l.length <= 63);
    const chart = testChart();
    try {
      new SecureAdmin(chart, 'admin', { tls: TlsMode.certManager({ issuer: { name: 'ca' } }), database: DATABASE, objectStore: ObjectStore.s3({ bucket: 'flyte-data' }), clusterDomain });
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      // A domain that is no subdomain at all (over 253 characters) is refused as such, the rest for the name it makes.
      expect((e as ValidationError).errors[0].prop).toBe('clusterDomain');
      expect(fits).toBe(false);
      seen.refused++;
      return;
    }
    expect(fits).toBe(true);
    const certificate = synth(chart).find((o) => o.kind === 'Certificate');
    expect(certificate.spec.dnsNames).toContain(fqdn);
    expect(certificate.spec.dnsNames.every((n: string) => n.length <= 253)).toBe(true);
    seen.accepted++;
  }), params);
  console.log(`clusterDomain: ${seen.accepted} accepted, ${seen.refused} refused`);
  expect(seen.accepted).toBeGreaterThan(0);
  expect(seen.refused).toBeGreaterThan(0);
});

test('kubeletPreferredAddressTypes: every non-empty list becomes its flag; an empty one is refused, never an empty flag', () => {
  const seen = { accepted: 0, refused: 0 };
  fc.assert(fc.property(fc.subarray(['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP']), (types) => {
    const chart = testChart();
    try {
      new MetricsServer(chart, 'ms', { tls: TlsMode.selfSigned(), kubeletPreferredAddressTypes: types });
    } catch (e) {
      expect((e as ValidationError).errors[0].prop).toBe('kubeletPreferredAddressTypes');
      expect(types).toEqual([]);
      seen.refused++;
      return;
    }
    const args: string[] = synth(chart).find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].args;
    expect(args).toContain(`--kubelet-preferred-address-types=${types.join(',')}`);
    expect(args.filter((a) => a.endsWith('='))).toEqual([]);
    seen.accepted++;
  }), { ...params, numRuns: Math.ceil(RUNS / 4) });
  console.log(`kubeletPreferredAddressTypes: ${seen.accepted} accepted, ${seen.refused} refused`);
  expect(seen.refused).toBeGreaterThan(0);
});
