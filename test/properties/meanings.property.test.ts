import * as fc from 'fast-check';
import { CopilotPod, FlytePodTemplate, ObjectStore, SecureAdmin, TlsMode, Trust } from '../../lib';
import { adminConfigOf, DATABASE } from '../support/flyte-invariants';
import { synth, testChart } from '../support/harness';
import { secret } from '../support/refs';
import { params, RUNS } from './arbitraries';
import { attempt, tally } from '../support/outcomes';

// Class 2 of issue 23: a setting must never change meaning without a word. Generated
// configurations are refused, or give output that says what the props said: the pod's store
// scheme is its template's, no credential flag is empty, useAuth has its auth section, a header
// list is written as given (it replaces the default) and never holds "*". Outcomes are counted.

const CA = Trust.caFromConfigMapName('store-ca');
const store = fc.record({
  factory: fc.constantFrom<'s3' | 'minio'>('s3', 'minio'),
  scheme: fc.constantFrom('http', 'https', undefined),
  ca: fc.boolean(),
  // `null` is jsii's unset: no credentials, exactly as when the key is left out.
  credentials: fc.constantFrom<'given' | null | undefined>('given', null, undefined),
  region: fc.constantFrom('eu-west-1', undefined),
}).map((o) => {
  const options: any = {
    bucket: 'flyte-data', region: o.region,
    endpoint: o.scheme && `${o.scheme}://minio.flyte.svc:9000`,
    credentials: o.credentials === 'given' ? { secret: secret('flyte-storage') } : o.credentials,
    trust: o.ca && o.scheme !== 'http' ? CA : undefined,
  };
  return { o, make: () => (o.factory === 's3' ? ObjectStore.s3(options) : ObjectStore.minio(options)) };
});

test('CopilotPod and FlytePodTemplate: accepted only with one store scheme; no copilot flag is ever empty; credentials flags iff credentials', () => {
  const t = tally();
  const seen = { noCredentials: 0 };
  fc.assert(fc.property(store, fc.option(store, { nil: undefined }), (templateStore, podStore) => {
    const chart = testChart();
    const pod = attempt(t, /^(objectStore|bucket|endpoint|trust)$/, () => {
      const template = new FlytePodTemplate(chart, 'template', { objectStore: templateStore.make() });
      return new CopilotPod(chart, 'task', { podTemplate: template, objectStore: podStore?.make(), image: 'alpine:3.20' });
    });
    if (!pod) return;
    const effective = pod.objectStore;
    const template = chart.node.findChild('template') as FlytePodTemplate;
    // The pod's store speaks the template's scheme: the CA mount and copilot's TLS setting agree.
    expect(effective.tlsEnabled).toBe(template.objectStore.tlsEnabled);
    const json = synth(chart).find((o) => o.kind === 'Pod');
    for (const c of [...json.spec.initContainers ?? [], ...json.spec.containers].filter((x: any) => x.name.startsWith('flyte-copilot-'))) {
      expect(c.command.filter((a: string) => /^--[^=]+=$/.test(a))).toEqual([]);
      const credentialFlags = c.command.filter((a: string) => /^--storage\.connection\.(access|secret)-key=/.test(a));
      expect(credentialFlags.length).toBe(effective.credentials ? 2 : 0);
      expect(c.command).toContain(`--storage.connection.auth-type=${effective.credentials ? 'accesskey' : 'iam'}`);
      if (!effective.credentials) seen.noCredentials++;
    }
  }), params);
  console.log(`CopilotPod stores: ${t.refused} refused, ${t.accepted} accepted; copilot containers without credentials ${seen.noCredentials}`);
  expect(t.refused).toBeGreaterThan(0);
  expect(t.accepted).toBeGreaterThan(RUNS / 10);
  expect(seen.noCredentials).toBeGreaterThan(0);
});

test('SecureAdmin: useAuth, authSecret and the auth section: accepted only together (or none); the store section never holds keys', () => {
  const t = tally();
  const byCase: { [k: string]: string } = {};
  fc.assert(fc.property(fc.boolean(), fc.boolean(), fc.constantFrom('none', 'empty', 'given'), store, (useAuth, withSecret, auth, s) => {
    const chart = testChart();
    const extraConfig = auth === 'none' ? undefined : { auth: auth === 'empty' ? {} : { authorizedUris: ['https://flyte.example.com'] } };
    const key = `useAuth ${useAuth}, authSecret ${withSecret}, auth section ${auth}`;
    const admin = attempt(t, /^(authSecret|extraConfig\.auth|bucket|endpoint|trust)$/, () => new SecureAdmin(chart, 'admin', {
      tls: TlsMode.disabled(), database: DATABASE, objectStore: s.make(), useAuth, authSecret: withSecret ? secret('flyte-admin-secrets') : undefined, extraConfig,
    }));
    let storeRefused = false;
    try {
      s.make();
    } catch {
      storeRefused = true;
    }
    if (storeRefused) return;
    byCase[key] = admin ? 'accepted' : 'refused';
    expect(admin !== undefined).toBe(useAuth ? withSecret && auth === 'given' : !withSecret);
    if (!admin) return;
    const config = adminConfigOf(synth(chart), 'flyte');
    expect(config.server.security.useAuth).toBe(useAuth);
    expect(JSON.stringify(config.storage)).not.toMatch(/access-key|secret-key/);
  }), params);
  console.log(`SecureAdmin auth: ${t.refused} refused, ${t.accepted} accepted; ${Object.entries(byCase).sort().map(([k, v]) => `${k} → ${v}`).join('; ')}`);
  expect(Object.keys(byCase).length).toBe(12);
});

test('SecureAdmin allowedHeaders: a list replaces the default as given; "*" in any entry is refused', () => {
  const t = tally();
  const header = fc.constantFrom('Content-Type', 'flyte-authorization', 'X-Request-Id', '*', 'x-*', 'Authorization');
  fc.assert(fc.property(fc.option(fc.array(header, { maxLength: 4 }), { nil: undefined }), (allowedHeaders) => {
    const chart = testChart();
    const admin = attempt(t, /^allowedHeaders\[\d+\]$/, () => new SecureAdmin(chart, 'admin', {
      tls: TlsMode.disabled(), database: DATABASE, objectStore: ObjectStore.s3({ bucket: 'flyte-data' }), allowedHeaders, allowedOrigins: ['https://console.example.com'],
    }));
    expect(admin === undefined).toBe((allowedHeaders ?? []).some((h) => h.includes('*')));
    if (!admin) return;
    const written = adminConfigOf(synth(chart), 'flyte').server.security.allowedHeaders;
    expect(written).toEqual([...new Set(allowedHeaders ?? ['Content-Type', 'flyte-authorization'])]);
  }), { ...params, numRuns: Math.ceil(RUNS / 2) });
  console.log(`SecureAdmin allowedHeaders: ${t.refused} refused, ${t.accepted} accepted`);
  expect(t.refused).toBeGreaterThan(0);
  expect(t.accepted).toBeGreaterThan(0);
});
