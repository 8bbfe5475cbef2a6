import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { IssuerKind, ObjectStore, TlsMode, Trust, ValidationError } from '../../lib';
import { secret } from '../support/refs';

/** Cases per property: 200 in CI (`npm test`), more with `npm run test:deep` (PROPERTY_RUNS). */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
/** Seeded for reproducibility; fast-check prints the seed and the counterexample on failure. */
export const SEED = Number(process.env.PROPERTY_SEED ?? 20261122);
export const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };

const CA = fs.readFileSync(path.join(__dirname, '../support/fixtures/ca.crt.pem'), 'utf8');

export const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);

export const trust: fc.Arbitrary<Trust> = fc.oneof(
  fc.constant(Trust.systemRoots()),
  fc.constant(Trust.skipVerify()),
  fc.constant(Trust.caPem(CA)),
  dnsLabel.map((n) => Trust.caFromSecretName(n)),
  fc.tuple(dnsLabel, fc.constantFrom('ca.crt', 'bundle.pem')).map(([n, k]) => Trust.caFromConfigMapName(n, k)),
);

/** Every TlsMode factory with every Trust kind and the certManager options. */
export const tlsMode: fc.Arbitrary<TlsMode> = fc.oneof(
  fc.constant(TlsMode.disabled()),
  fc.constant(TlsMode.selfSigned()),
  fc.tuple(dnsLabel, fc.option(trust, { nil: undefined })).map(([s, t]) => TlsMode.fromSecretName(`${s}-tls`, { trust: t })),
  fc.record({
    issuer: fc.record({ name: dnsLabel, kind: fc.constantFrom<IssuerKind | undefined>(IssuerKind.ISSUER, IssuerKind.CLUSTER_ISSUER, undefined) }),
    trust: fc.option(trust, { nil: undefined }),
    duration: fc.constantFrom(undefined, Duration.hours(2160), Duration.hours(720)),
  }).map((o) => TlsMode.certManager(o)),
);

/**
 * Options of an object store as users write them: S3 or MinIO, http or https or no endpoint, with
 * or without keys, every Trust kind. Some are refused (`makeStore`): MinIO without endpoint,
 * `Trust.skipVerify()`, a CA over http.
 */
export const objectStoreOptions = fc.record({
  factory: fc.constantFrom<'s3' | 'minio'>('s3', 'minio'),
  bucket: fc.constantFrom('flyte-data', 'my.bucket-1'),
  endpoint: fc.option(fc.tuple(fc.constantFrom('http', 'https'), dnsLabel, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
    .map(([s, h, p]) => `${s}://${h}.example.com${p ? `:${p}` : ''}`), { nil: undefined }),
  region: fc.option(fc.constantFrom('us-east-1', 'eu-west-1'), { nil: undefined }),
  credentials: fc.option(fc.record({ secret: dnsLabel.map((n) => secret(`${n}-keys`)), accessKeyKey: fc.option(fc.constantFrom('ak', 'access-key'), { nil: undefined }) }), { nil: undefined }),
  trust: fc.option(trust, { nil: undefined }),
});

/** The store of `objectStoreOptions` (throws the factory's ValidationError when it is refused). */
export function makeStore(o: typeof objectStoreOptions extends fc.Arbitrary<infer T> ? T : never): ObjectStore {
  const { factory, ...options } = o;
  return factory === 's3' ? ObjectStore.s3(options) : ObjectStore.minio(options as any);
}

/** Object stores as users write them (only those the factories accept). */
export const objectStore: fc.Arbitrary<ObjectStore> = objectStoreOptions
  .filter((o) => !(o.factory === 'minio' && o.endpoint === undefined) && o.trust?.kind !== 'skipVerify'
    && !(o.endpoint?.startsWith('http:') && o.trust?.isCaBundle))
  .map(makeStore);

export const semver = (major: fc.Arbitrary<number>, minor: fc.Arbitrary<number>, patch = fc.integer({ min: 0, max: 12 })) =>
  fc.tuple(major, minor, patch, fc.boolean()).map(([a, b, c, v]) => `${v ? 'v' : ''}${a}.${b}.${c}`);

export const origin = fc.tuple(fc.constantFrom('http', 'https'), dnsLabel, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([s, h, p]) => `${s}://${h}.example.com${p ? `:${p}` : ''}`);

export const resources = fc.option(fc.record({
  requests: fc.record({ cpu: fc.constantFrom('10m', '100m', '1'), memory: fc.constantFrom('64Mi', '1Gi') }),
}), { nil: undefined });

/**
 * Runs `build`; a refusal must be a ValidationError whose message names the construct path and
 * the prop (`<path>: <prop> <value> is not allowed: …; use …`). Returns undefined when refused.
 */
export function buildOrRefuse<T>(path: string, build: () => T): T | undefined {
  try {
    return build();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    if (!e.message.startsWith(`${e.path}: ${e.prop} `) || !e.message.includes(' is not allowed: ') || !e.message.includes('; use ')) {
      throw new Error(`badly formed refusal: ${e.message}`, { cause: e });
    }
    if (!e.path.startsWith(path) && !/^(TlsMode|Trust|ObjectStore)\./.test(e.path)) throw new Error(`refusal names another path: ${e.message}`, { cause: e });
    return undefined;
  }
}

/** Secrets and ConfigMaps the user named in a mode (they exist outside the stack). */
export function namedByUser(mode: TlsMode, namespace: string): string[] {
  const names: string[] = [];
  if (mode.kind === 'secret') names.push(`Secret/${namespace}/${mode.secretName}`);
  if (mode.trust.secretName) names.push(`Secret/${namespace}/${mode.trust.secretName}`);
  if (mode.trust.configMapName) names.push(`ConfigMap/${namespace}/${mode.trust.configMapName}`);
  return names;
}

/** Secrets and ConfigMaps a store names (its keys, its CA), which exist outside the stack. */
export function storeNamedByUser(store: ObjectStore, namespace: string): string[] {
  const names: string[] = [];
  if (store.credentials) names.push(`Secret/${namespace}/${store.credentials.secret.name}`);
  if (store.tlsEnabled && store.trust.secretName) names.push(`Secret/${namespace}/${store.trust.secretName}`);
  if (store.tlsEnabled && store.trust.configMapName) names.push(`ConfigMap/${namespace}/${store.trust.configMapName}`);
  return names;
}

/** The generators must reach both outcomes often enough, or the property tests little. */
export function expectBoth(seen: { built: number; refused: number }): void {
  expect(seen.built).toBeGreaterThanOrEqual(Math.ceil(RUNS * 0.1));
  expect(seen.refused).toBeGreaterThanOrEqual(1);
}
