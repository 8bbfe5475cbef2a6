import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import {
  GatewayImplementation, checkManifests, checkRestricted, Console, CopilotPod, Endpoint, FlytePodTemplate, IssuerKind, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler,
  ScaleTarget, ScalingStrategy, Scheme, SecureAdmin, StackNetworkPolicies, synthStacks, TlsMode, Trust, ValidationError,
} from '../../lib';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../lib/security/security-context';
import { expectValid, testApp } from '../support/harness';
import { RUNS, SEED } from './arbitraries';
import { configMap, secret } from '../support/refs';
import type { StructName } from '../../lib/props/prop-shapes';
import { FieldOf, Kind, shapeFields } from './prop-fields';
import {
  FORMAT_TEXT, label, oddBucket, oddHeaders, oddOrigin, oddPath, oddRbac, oddVersion, readerProblems, secretArgs, secretEnv, subdomain, unreadableYaml, validBucket,
  validHeaders, validOrigin, validPath, validRbac, validResources, validVersion,
} from './hostile-issue23';

// Hostile values for every public entry point, as JavaScript callers, JSON-loaded configuration and
// `as any` deliver them. Each run starts from valid props and applies ONE mutation:
//   wrong    a value of the wrong run-time type (the string 'false' for a boolean, a number for a
//            string, a string or an object for a list, NaN, Infinity, 1.5 for an integer, symbols,
//            functions, class instances ...): must be refused;
//   unknown  a typo of a real prop name added beside the props (or inside a nested object): refused;
//   required a required prop set to null or undefined: refused;
//   optional an optional prop set to null (jsii's "unset"): accepted, with valid output;
//   odd      a value of the right type that is unusual (huge or unicode strings, -1, 0, extremes,
//            and issue 23's classes: characters a text format gives a meaning to, versions at the
//            grammar's edges, long values, bucket names and paths readers refuse): refused, or
//            accepted with valid output that its readers read as given;
//   valid    a value valid by construction from the API's own rules (long semvers and names, any
//            role a policy line can name, limits without requests ...): accepted, with valid output.
// Refusals must be ValidationErrors of the documented form; accepted configurations are synthesized
// and must pass expectValid. The outcomes are counted and printed.

// The subjects' props, their kinds and which are required come from the tables generated from the
// .jsii assembly (prop-fields.ts); the test adds only what it knows beyond the types, by prop path.
type Field = FieldOf<fc.Arbitrary<unknown>>;
type Overrides = { readonly [path: string]: Partial<Field> };
const fieldsOf = (struct: StructName, overrides: Overrides = {}) => shapeFields<fc.Arbitrary<unknown>>(struct, overrides);

interface Subject {
  readonly name: string;
  /** Props as one object; positional entry points (factories) get their arguments by name. */
  readonly fields: { readonly [name: string]: Field };
  /** Positional arguments: the root is not an object of props, so no unknown keys at the root. */
  readonly positional?: boolean;
  /** Fresh valid props. */
  readonly valid: (chart: Chart) => any;
  /** Builds; returns the objects to validate (undefined: synthesize the chart). */
  readonly build: (chart: Chart, props: any) => void | { objects: any[] } | { checked: true };
  /** Secrets/ConfigMaps named in `valid` that the output may reference. */
  readonly external?: readonly string[];
}

class Thing {
  public readonly x = 1;
  public toString(): string {
    return 'Thing';
  }
}

const CA = fs.readFileSync(path.join(__dirname, '../support/fixtures/ca.crt.pem'), 'utf8');
const HUGE = 'x'.repeat(5000);

/** Values of no expected type of any prop. */
const EXOTIC: (() => unknown)[] = [
  () => Symbol('hostile'), () => () => 'x', () => new Thing(), () => new Date(0), () => new Map([['a', 'b']]), () => 10n,
  () => NaN, () => Infinity, () => -Infinity,
];
const NUMBERS: (() => unknown)[] = [() => 42, () => -1, () => 1.5, () => 0];
const BOOLEANS: (() => unknown)[] = [() => true, () => false];
const OBJECTS: (() => unknown)[] = [() => ({}), () => ({ a: 'b' })];
const ARRAYS: (() => unknown)[] = [() => ['x'], () => []];
const STRINGS: (() => unknown)[] = [() => 'x', () => 'false', () => 'true', () => '42', () => HUGE, () => '💥'];

/** Values of a type other than `kind` (and ranges a type excludes, such as 1.5 for an integer). */
function wrongValues(field: Field): (() => unknown)[] {
  const values = wrongByKind(field);
  return field.notWrong ? values.filter((v) => !field.notWrong!(v())) : values;
}

function wrongByKind(field: Field): (() => unknown)[] {
  const all = [...EXOTIC, ...(field.wrong ?? [])];
  switch (field.kind) {
    case 'string': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...ARRAYS];
    case 'boolean': return [...all, ...NUMBERS, ...OBJECTS, ...ARRAYS, ...STRINGS, () => 1, () => 'yes'];
    case 'integer': return [...all, () => 1.5, () => 0.1, ...BOOLEANS, ...OBJECTS, ...ARRAYS, ...STRINGS];
    case 'number': return [...all, ...BOOLEANS, ...OBJECTS, ...ARRAYS, ...STRINGS];
    case 'port': return [...all, () => 1.5, () => 0, () => -1, () => 70000, ...BOOLEANS, ...OBJECTS, ...ARRAYS, ...STRINGS];
    case 'strings': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...STRINGS, () => ({ 0: 'x', length: 1 }), () => [1], () => [{}], () => [null], () => [['x']], () => new Set(['x'])];
    case 'map': return [...all, ...NUMBERS, ...BOOLEANS, ...ARRAYS, ...STRINGS, () => ({ k: 5 }), () => ({ k: null }), () => ({ k: {} }), () => ({ k: ['x'] })];
    case 'anyMap': return [...all, ...NUMBERS, ...BOOLEANS, ...ARRAYS, ...STRINGS];
    case 'object': return [...all, ...NUMBERS, ...BOOLEANS, ...ARRAYS, ...STRINGS];
    case 'objects': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...STRINGS, () => ['x'], () => [5], () => [null], () => [[]], () => new Set([{}])];
    case 'ports': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...STRINGS, () => [0], () => [70000], () => [1.5], () => ['443'], () => [null], () => new Set([443])];
    case 'integers': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...STRINGS, () => [1.5], () => ['1'], () => [null], () => new Set([0])];
    case 'instance': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...ARRAYS, ...STRINGS];
    case 'k8s': return [...all, ...NUMBERS, ...BOOLEANS, ...ARRAYS, ...STRINGS, () => ({ bogusField: 1 })];
    case 'k8sList': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...STRINGS, () => [5], () => ['x'], () => [{ name: 'x', bogusField: 1 }], () => [[]]];
    // References to existing Secrets / ConfigMaps (cdk8s-plus ISecret / IConfigMap): a name as a
    // plain string (the API before 1.0), the other kind, and look-alikes with a wrong name are wrong.
    case 'secret': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...ARRAYS, ...STRINGS, () => configMap('a-config-map'), () => ({ kind: 'Secret', name: 5 }), () => ({ name: 'flyte-db' })];
    case 'configMapRef': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...ARRAYS, ...STRINGS, () => secret('a-secret'), () => ({ kind: 'ConfigMap', name: ['x'] })];
    case 'secrets': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...STRINGS, () => ['regcred'], () => [5], () => [null], () => [configMap('regcred')], () => secret('regcred')];
    case 'any': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...ARRAYS, ...STRINGS];
    case 'function': return [...all.filter((v) => typeof v() !== 'function'), ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...ARRAYS, ...STRINGS];
    case 'list': return [...all, ...NUMBERS, ...BOOLEANS, ...OBJECTS, ...STRINGS, () => ({ 0: 'x', length: 1 }), () => new Set(['x'])];
    case 'configMap': return [...all, ...NUMBERS, ...BOOLEANS, ...ARRAYS, ...STRINGS, () => ({ logger: 'x' }), () => ({ logger: { level: Symbol('s') } }),
      () => ({ logger: { level: NaN } }), () => ({ logger: { level: () => 1 } }), () => ({ logger: { level: new Date(0) } }), () => ({ logger: { level: new Thing() } })];
  }
}

/** Right type, unusual value. */
const ODD_STRINGS: string[] = ['', ' ', '\t', HUGE, '💥🔥', 'ünïcödé', 'a\nb', 'null', 'undefined', 'false', '0', '-1', '../../etc/passwd',
  '${jndi:ldap://x}', '<script>alert(1)</script>', "'; DROP TABLE x; --", '\u0000', '\u202eevil', 'UPPER', 'a b', '*', '/', 'https://example.com'];

/**
 * Unusual strings, made once: fast-check prepares each string arbitrary's unicode alphabet (a map of
 * every code point) the first time it shrinks or seeds one, so one arbitrary per field cost ~1 s a run.
 */
const ODD_STRING = fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));

function oddValues(field: Field): fc.Arbitrary<unknown> | undefined {
  if (field.odd) return field.odd;
  switch (field.kind) {
    case 'string': return ODD_STRING;
    case 'integer': return fc.constantFrom(-1, 0, -0, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e21);
    case 'number': return fc.constantFrom(-1, 0, -0, 1e-300, 1e300, 0.5);
    case 'port': return fc.constantFrom(1, 1023, 1024, 65535);
    case 'strings': return fc.constantFrom([''], [HUGE], ['a', 'a'], ['💥'], ['UPPER'], ['*']);
    case 'map': return fc.constantFrom({ '': 'x' }, { '💥': 'x' }, { k: '' }, { k: HUGE }, { 'a/b/c': 'x' }, { K: 'V' });
    // References whose names are unusual (look-alikes, as jsii proxies of other languages are).
    case 'secret': return fc.constantFrom(...ODD_STRINGS).map((name) => ({ kind: 'Secret', name }));
    case 'configMapRef': return fc.constantFrom(...ODD_STRINGS).map((name) => ({ kind: 'ConfigMap', name }));
    default: return undefined;
  }
}

type Category = 'wrong' | 'unknown' | 'required' | 'optional' | 'odd' | 'valid';
interface Mutation {
  readonly category: Category;
  readonly path: readonly string[];
  readonly value?: unknown;
  /** For `unknown`: the typo'd key. */
  readonly key?: string;
}

interface Leaf { path: string[]; field: Field }

function leaves(fields: { readonly [name: string]: Field }, at: string[] = []): Leaf[] {
  return Object.entries(fields).flatMap(([name, field]) => [
    { path: [...at, name], field },
    ...(field.fields ? leaves(field.fields, [...at, name]) : []),
  ]);
}

/** Typos of `name` that are not names of `siblings`. */
function typos(name: string, siblings: readonly string[]): string[] {
  const out = new Set<string>([
    name.toUpperCase(), name.toLowerCase(), name[0].toUpperCase() + name.slice(1), `${name}s`, `${name}_`, `_${name}`,
    name.slice(1), name.slice(0, -1), `${name}${name.slice(-1)}`, name.length > 2 ? name[1] + name[0] + name.slice(2) : `${name}x`,
    name.replace(/([a-z])([A-Z])/, '$1_$2').toLowerCase(), name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), name.replace('Url', 'URL'),
  ]);
  return [...out].filter((t) => t !== '' && !siblings.includes(t));
}

function mutations(subject: Subject): fc.Arbitrary<Mutation> {
  const all = leaves(subject.fields);
  const objectPaths: string[][] = [...(subject.positional ? [] : [[]]), ...all.filter((l) => l.field.fields).map((l) => l.path)];
  const fieldsAt = (p: readonly string[]) => p.reduce((f: { readonly [n: string]: Field }, k) => f[k].fields!, subject.fields);
  const required = all.filter((l) => l.field.required);
  // An optional field set to null inside an object the valid props leave out would make that object
  // without its required fields: only where the object is given.
  const given = subject.valid(new Chart(testApp(), 'fields'));
  const optional = all.filter((l) => !l.field.required && l.path.slice(0, -1).every((_, i, p) => typeof p.slice(0, i + 1).reduce((v, k) => v?.[k], given) === 'object'));
  const odd = all.filter((l) => oddValues(l.field) !== undefined);
  const valid = all.filter((l) => l.field.valid !== undefined);
  const arbitraries: { arbitrary: fc.Arbitrary<Mutation>; weight: number }[] = [
    {
      weight: 5,
      arbitrary: fc.constantFrom(...all).chain((l) => fc.constantFrom(...wrongValues(l.field)).map((v): Mutation => ({ category: 'wrong', path: l.path, value: v() }))),
    },
    ...(objectPaths.length === 0 ? [] : [{
      weight: 2,
      arbitrary: fc.constantFrom(...objectPaths).chain((p) => {
        const names = Object.keys(fieldsAt(p));
        return fc.constantFrom(...names).chain((n) => fc.constantFrom(...typos(n, names)).map((key): Mutation => ({ category: 'unknown', path: p, key, value: 'x' })));
      }),
    }]),
    ...(optional.length ? [{ weight: 2, arbitrary: fc.constantFrom(...optional).map((l): Mutation => ({ category: 'optional', path: l.path, value: null })) }] : []),
    ...(required.length ? [{ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...required), fc.constantFrom(null, undefined)).map(([l, v]): Mutation => ({ category: 'required', path: l.path, value: v })) }] : []),
    ...(odd.length ? [{ weight: 2, arbitrary: fc.constantFrom(...odd).chain((l) => oddValues(l.field)!.map((v): Mutation => ({ category: 'odd', path: l.path, value: v }))) }] : []),
    ...(valid.length ? [{ weight: 2, arbitrary: fc.constantFrom(...valid).chain((l) => l.field.valid!.map((v): Mutation => ({ category: 'valid', path: l.path, value: v }))) }] : []),
  ];
  return fc.oneof(...arbitraries);
}

/** Applies a mutation to fresh props (parents of nested paths exist in the valid props). */
function apply(props: any, m: Mutation): any {
  let target = props;
  for (const k of m.path.slice(0, m.category === 'unknown' ? m.path.length : -1)) {
    target[k] = { ...target[k] };
    target = target[k];
  }
  if (m.category === 'unknown') target[m.key!] = m.value;
  else target[m.path[m.path.length - 1]] = m.value;
  return props;
}

function describeMutation(m: Mutation): string {
  const show = (v: unknown) => {
    if (typeof v === 'symbol' || typeof v === 'function' || typeof v === 'bigint') return String(v);
    if (typeof v === 'number') return String(v);
    try {
      const text = JSON.stringify(v) ?? String(v);
      return `${v?.constructor && v.constructor !== Object && v.constructor !== Array ? `${v.constructor.name} ` : ''}${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
    } catch {
      return String(v);
    }
  };
  return m.category === 'unknown' ? `unknown ${[...m.path, m.key].join('.')}` : `${m.category} ${m.path.join('.')} = ${show(m.value)}`;
}

// ---------------------------------------------------------------------------------------------
// The subjects: every construct and every other public entry point that takes input.

const S = (kind: Kind, more: Partial<Field> = {}): Field => ({ kind, ...more });
const RESOURCES: Partial<Field> = { valid: validResources };
/** A string prop that carries a version of `base`'s line: versions at the grammar's edges are odd, any by the grammar valid. */
const VERSION = (base: string) => S('string', { odd: fc.oneof(ODD_STRING, oddVersion(base)), valid: validVersion(base) });
/** A URL path written into flags, lists, HTML and routes. */
const URL_PATH = S('string', { odd: fc.oneof(ODD_STRING, oddPath), valid: validPath });
/** A list of browser origins. */
const ORIGINS = S('strings', { odd: fc.oneof(fc.constantFrom([''], ['*'], ['💥']), fc.array(oddOrigin, { minLength: 1, maxLength: 2 })), valid: fc.array(validOrigin, { maxLength: 3 }) });
/** A cluster domain: valid subdomains whose Service names stay within DNS's limits, and ones that do not. */
const CLUSTER_DOMAIN = S('string', { odd: fc.oneof(ODD_STRING, fc.constantFrom(['a', 'b', 'c'].map((c) => c.repeat(63)).concat('d'.repeat(51)).join('.'), `${'x'.repeat(64)}.local`)), valid: subdomain(200) });
const wrongTls = [() => Trust.systemRoots(), () => ({ kind: 'disabled', enabled: false, scheme: 'http', trust: Trust.systemRoots() }), () => 'TlsMode.disabled()'];
const wrongTrust = [() => TlsMode.disabled(), () => ({ kind: 'systemRoots' }), () => 'Trust.systemRoots()'];
const TLS = (more: Partial<Field> = {}) => S('instance', { wrong: wrongTls, ...more });
/** A cdk8s Duration: the Go duration strings of before 1.0, plain numbers and look-alikes are wrong. */
const wrongDuration = [() => '15s', () => '2160h', () => '1h30m', () => 'PT15S', () => 3600, () => 15, () => ({ amount: 15, unit: 'seconds' }), () => TlsMode.disabled()];
/** Unusual Durations: sub-second, zero, fractional, not finite, beyond Go's range, huge but valid. */
const oddDurations = fc.constantFrom(Duration.millis(1500), Duration.millis(0), Duration.seconds(0), Duration.seconds(9), Duration.seconds(10), Duration.minutes(4),
  Duration.minutes(5), Duration.hours(0.5), Duration.hours(1), Duration.hours(1.1), Duration.days(0.25), Duration.seconds(NaN), Duration.hours(Infinity),
  Duration.hours(2_562_048), Duration.hours(2_562_047), Duration.days(365));
const DURATION = (more: Partial<Field> = {}) => S('instance', { wrong: wrongDuration, odd: oddDurations, ...more });
/** An ObjectStore: the old storage props (a plain object) and the other value types are wrong. */
const wrongStore = [() => ({ type: 's3', bucket: 'flyte-data' }), () => ({ bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:9000', tlsEnabled: false }),
  () => TlsMode.disabled(), () => Trust.systemRoots(), () => 'ObjectStore.s3({ bucket: "flyte-data" })'];
const OBJECT_STORE = (more: Partial<Field> = {}) => S('instance', { wrong: wrongStore, ...more });
/** The options of an ObjectStore factory. */
const STORE_OPTIONS: Overrides = {
  bucket: { odd: fc.oneof(ODD_STRING, oddBucket), valid: validBucket },
  endpoint: { odd: fc.oneof(ODD_STRING, fc.constantFrom('https://minio.flyte.svc:0', 'https://a,b.example.com', `https://${'x'.repeat(64)}.svc`)) },
  trust: { wrong: wrongTrust },
};

const COMMON: Overrides = {
  namespace: { valid: label }, resources: RESOURCES,
  // Wrong types inside the Kubernetes structs too: the typed converter copies scalars as they are.
  tolerations: { wrong: [() => [{ key: 'a', operator: 'Exists', tolerationSeconds: '300' }], () => [{ key: 5 }], () => [{ effect: ['NoSchedule'] }]] },
  affinity: { wrong: [() => ({ nodeAffinity: 'x' }), () => ({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: {} } })] },
  extraEnv: {
    wrong: [() => [{ name: 'X', value: 5 }], () => [{ name: 'X', value: true }], () => [{ value: 'x' }],
      () => [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: 'true' } } }]],
    odd: secretEnv,
  },
  extraArgs: { odd: secretArgs },
  clusterDomain: CLUSTER_DOMAIN, instance: { valid: label },
};
const commonValid = (over: any = {}) => ({
  imagePullSecrets: [secret('regcred')],
  replicas: 1,
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
  affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } },
  priorityClassName: 'high-priority',
  extraEnv: [{ name: 'LOG_LEVEL', value: 'info' }],
  labels: { team: 'platform' },
  annotations: { 'example.com/owner': 'platform' },
  clusterDomain: 'cluster.local',
  ...over,
});

const DATABASE = { host: 'postgres.flyte.svc', port: 5432, dbName: 'flyteadmin', username: 'flyteadmin', passwordSecret: { secret: secret('flyte-db'), key: 'password' } };
const STORAGE = {
  bucket: 'flyte-data', endpoint: 'https://s3.example.com', region: 'us-east-1',
  credentials: { secret: secret('flyte-storage'), accessKeyKey: 'access-key', secretKeyKey: 'secret-key' },
};
const ADMIN_FIELDS = fieldsOf('SecureAdminProps', {
  ...COMMON, version: VERSION('1.16.8'), tls: TLS(), allowedOrigins: ORIGINS, allowedHeaders: { odd: oddHeaders, valid: validHeaders },
  // The config sections are YAML values: what YAML cannot hold is wrong.
  extraConfig: { kind: 'configMap' }, objectStore: OBJECT_STORE(),
});
const adminValid = () => commonValid({
  tls: TlsMode.fromSecretName('flyte-tls'), namespace: 'flyte', version: 'v1.16.8', image: 'cr.flyte.org/flyteorg/flyteadmin:v1.16.8',
  resources: { requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '250m', memory: '500Mi' } },
  extraArgs: ['--logger.show-source=true'], instance: 'flyteadmin',
  publicUrl: 'https://flyte.example.com', allowedOrigins: ['https://console.example.com'], allowedHeaders: ['Content-Type'], useAuth: false,
  extraConfig: { logger: { level: 4 } }, database: { ...DATABASE, passwordSecret: { ...DATABASE.passwordSecret } },
  objectStore: ObjectStore.s3({ ...STORAGE, credentials: { ...STORAGE.credentials } }),
});
const ADMIN_EXTERNAL = ['flyte-db', 'flyte-storage', 'flyte-tls', 'console-tls'];

const STORE = { bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:9000', region: 'us-east-1', credentials: { secret: secret('flyte-storage'), accessKeyKey: 'ak', secretKeyKey: 'sk' } };
/** MinIO over https with a private CA from the ConfigMap `store-ca`. */
const caStore = (trust: Trust) => ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', credentials: { secret: secret('flyte-storage') }, trust });
const restricted = restrictedContainerSecurityContext({ user: 1000 }, { readOnlyRootFilesystem: false });
const userTemplate = (): k8s.PodTemplateSpec => ({
  spec: {
    securityContext: restrictedPodSecurityContext({ user: 1000 }),
    containers: [{ name: 'default', image: 'noop', securityContext: restricted }],
    initContainers: [{ name: 'default-init', image: 'noop', securityContext: restricted }],
  },
});
const targetProps = () => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'vllm', namespace: 'serving', scheme: Scheme.HTTP, port: 8000 });
/** The raw target of before 1.0 (a plain object), constructs' look-alikes and other value types are wrong targets. */
const wrongTarget = [() => TlsMode.disabled(), () => new Thing(), () => targetProps(), () => ({ endpoint: {}, omitReplicas: () => undefined })];

// Unset is the generic implementation, which refuses Admin's gRPC with TLS on (documented).
const IMPLEMENTATION: Partial<Field> = { nullMayBeRefused: true, wrong: [() => 'envoyGateway', () => ({ kind: 'EnvoyGateway', version: 'v1.9.0' }), () => TlsMode.disabled()] };
/** Admin's gRPC with TLS on needs an implementation that serves it (the generic one refuses it). */
const ENVOY_GATEWAY = GatewayImplementation.envoyGateway({ version: 'v1.9.0' });

const AUTOSCALER_FIELDS = fieldsOf('PodAutoscalerProps', { target: { wrong: wrongTarget }, aibrixVersion: VERSION('0.7.0') });

const SUBJECTS: Subject[] = [
  {
    name: 'NumaflowServer',
    fields: fieldsOf('NumaflowServerProps', {
      ...COMMON, version: VERSION('1.8.3'), tls: TLS(), baseHref: URL_PATH, corsAllowedOrigins: ORIGINS,
      userRbac: { odd: oddRbac, valid: validRbac }, metricsProxyConfig: { odd: unreadableYaml },
      'userRbac.defaultRole': { odd: fc.oneof(ODD_STRING, FORMAT_TEXT) }, 'userRbac.scopes': { odd: fc.constantFrom([], ['groups,email'], ['roles'], ['email', 'email']) },
    }),
    valid: () => commonValid({
      tls: TlsMode.selfSigned(), namespace: 'numaflow-system', version: 'v1.8.3', image: 'quay.io/numaproj/numaflow:v1.8.3', instance: 'numaflow-server',
      resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '500m', memory: '1Gi' } }, extraArgs: ['--daemon-client-protocol=grpc'],
      baseHref: '/numaflow/', readonly: true, disableAuth: false, corsAllowedOrigins: ['https://ui.example.com'], namespaced: false, metricsProxyConfig: 'patterns: []\n',
      adminEnabled: true, publicUrl: 'https://numaflow.example.com', userRbac: { defaultRole: 'role:readonly', scopes: ['groups'], policy: ['p, role:admin, *, *, *'] },
    }),
    build: (chart, props) => {
      new NumaflowServer(chart, 'subject', props);
    },
  },
  {
    name: 'MetricsServer',
    fields: fieldsOf('MetricsServerProps', {
      ...COMMON, version: VERSION('0.8.0'), tls: TLS(), metricResolution: DURATION(),
      kubeletPreferredAddressTypes: { odd: fc.constantFrom([], [''], ['PodIP'], ['InternalIP', 'InternalIP']), valid: fc.subarray(['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP'], { minLength: 1 }) },
    }),
    valid: () => commonValid({
      tls: TlsMode.certManager({ issuer: { name: 'cluster-ca' } }), namespace: 'kube-system', version: 'v0.8.0', image: 'registry.k8s.io/metrics-server/metrics-server:v0.8.0',
      resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '500Mi' } }, extraArgs: ['--v=2'], instance: 'metrics-server', replicas: 2,
      securePort: 10250, metricResolution: Duration.seconds(15), kubeletPreferredAddressTypes: ['InternalIP', 'Hostname'], kubeletInsecureTls: false,
    }),
    build: (chart, props) => {
      new MetricsServer(chart, 'subject', props);
    },
  },
  {
    name: 'SecureAdmin',
    fields: ADMIN_FIELDS,
    valid: adminValid,
    build: (chart, props) => {
      new SecureAdmin(chart, 'subject', props);
    },
    external: ADMIN_EXTERNAL,
  },
  {
    name: 'Console',
    fields: fieldsOf('ConsoleProps', {
      ...COMMON, version: VERSION('1.21.0'), admin: { wrong: [() => TlsMode.disabled(), () => ({ publicUrl: 'https://flyte.example.com' })] }, tls: TLS(), baseUrl: URL_PATH,
    }),
    valid: (chart) => commonValid({
      admin: new SecureAdmin(chart, 'admin', adminValid()), tls: TlsMode.fromSecretName('console-tls'), namespace: 'flyte', version: 'v1.21.0', image: 'cr.flyte.org/flyteorg/flyteconsole:v1.21.0',
      resources: { requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '500m', memory: '250Mi' } }, extraArgs: [], instance: 'flyteconsole',
      publicOrigin: 'https://console.flyte.example.com', baseUrl: '/console',
    }),
    build: (chart, props) => {
      new Console(chart, 'subject', props);
    },
    external: ADMIN_EXTERNAL,
  },
  {
    name: 'FlytePodTemplate',
    fields: fieldsOf('FlytePodTemplateProps', {
      objectStore: OBJECT_STORE(), name: { odd: fc.oneof(ODD_STRING, fc.constantFrom('x'.repeat(254))), valid: subdomain(253) },
      namespace: { valid: label }, flyteVersion: VERSION('1.16.8'), resources: RESOURCES,
      extraVolumes: { wrong: [() => [{ name: 'v', emptyDir: { sizeLimit: '1Gi' } }], () => [{ name: 'v', configMap: { name: 'c', defaultMode: '0644' } }], () => [{ emptyDir: {} }]] },
      extraVolumeMounts: { wrong: [() => [{ name: 'scratch', mountPath: '/scratch', readOnly: 'true' }], () => [{ name: 'scratch' }]] },
    }),
    valid: () => ({
      objectStore: caStore(Trust.caFromConfigMapName('store-ca')), name: 'flyte-template', namespace: 'flyte', flyteVersion: 'v1.16.8',
      copilotImage: 'cr.flyte.org/flyteorg/flytecopilot:v1.16.8', runAsUser: 65534,
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } }, taskNamespaces: ['team-a'],
      extraVolumes: [{ name: 'scratch', emptyDir: {} }],
    }),
    build: (chart, props) => {
      new FlytePodTemplate(chart, 'subject', props);
    },
    external: ['store-ca', 'flyte-storage'],
  },
  {
    name: 'CopilotPod',
    fields: fieldsOf('CopilotPodProps', {
      flyteVersion: VERSION('1.16.8'), objectStore: OBJECT_STORE({ nullMayBeRefused: true }),
      // A raw spec where the FlytePodTemplate goes (the union of before 1.0) is wrong.
      podTemplate: { wrong: [() => userTemplate(), () => TlsMode.disabled()] },
      podTemplateSpec: {
        nullMayBeRefused: true,
        wrong: [() => TlsMode.disabled(), () => ({ spec: { containers: 'x' } }), () => ({ spec: { ...userTemplate().spec, hostNetwork: 'false' } }),
          () => ({ spec: { ...userTemplate().spec, containers: [{ name: 'default', image: 'noop', ports: [{ containerPort: '8080' }] }] } })],
      },
      resources: RESOURCES,
      name: { odd: fc.oneof(ODD_STRING, fc.constantFrom('flyte-copilot-downloader', 'flyte-copilot-uploader', 'x'.repeat(64))), valid: label.filter((n) => !n.startsWith('flyte-copilot-')) },
    }),
    valid: () => ({
      flyteVersion: 'v1.16.8', kubernetesVersion: 'v1.30.2-gke.1587003', image: 'alpine:3.20', command: ['sh', '-c'], args: ['echo hi'],
      inputs: ['input'], outputs: ['result'], inputPath: '/var/flyte/inputs', outputPath: '/var/flyte/outputs',
      objectStore: ObjectStore.minio({ ...STORE, credentials: { ...STORE.credentials } }), podTemplateSpec: userTemplate(), allowPtrace: false,
      copilotImage: 'cr.flyte.org/flyteorg/flytecopilot:v1.16.8', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      name: 'copilot-task', namespace: 'flyte',
    }),
    build: (chart, props) => {
      new CopilotPod(chart, 'subject', props);
    },
    external: ['flyte-storage'],
  },
  {
    name: 'ScaleTarget.fromWorkload',
    positional: true,
    fields: { workload: S('object', { required: true, fields: fieldsOf('RawScaleTarget') }) },
    valid: () => ({ workload: targetProps() }),
    build: (chart, props) => {
      new PodAutoscaler(chart, 'subject', { target: ScaleTarget.fromWorkload(props.workload), maxReplicas: 4, strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 } });
    },
  },
  {
    name: 'PodAutoscaler',
    fields: AUTOSCALER_FIELDS,
    valid: () => ({
      target: ScaleTarget.fromWorkload(targetProps()), minReplicas: 1, maxReplicas: 4, strategy: ScalingStrategy.KPA, metric: { name: 'vllm:num_requests_waiting', targetValue: 20 },
      path: '/metrics', aibrixVersion: 'v0.7.0', name: 'vllm',
    }),
    build: (chart, props) => {
      new PodAutoscaler(chart, 'subject', props);
    },
  },
  {
    name: 'PodAutoscaler with a construct target',
    fields: AUTOSCALER_FIELDS,
    valid: (chart) => ({
      target: ScaleTarget.fromServer(new NumaflowServer(chart, 'target', { tls: TlsMode.disabled() })), minReplicas: 1, maxReplicas: 4, strategy: ScalingStrategy.HPA,
      metric: { name: 'go_threads', targetValue: 0.5 }, path: '/metrics', aibrixVersion: 'v0.6.0', name: 'numaflow-server',
    }),
    build: (chart, props) => {
      new PodAutoscaler(chart, 'subject', props);
    },
  },
  {
    name: 'TlsMode.fromSecret',
    positional: true,
    fields: { secret: S('secret', { required: true }), options: S('object', { fields: fieldsOf('FromSecretOptions', { trust: { wrong: wrongTrust } }) }) },
    valid: () => ({ secret: secret('flyte-tls'), options: { trust: Trust.caFromSecret(secret('flyte-ca')) } }),
    build: (chart, props) => {
      new SecureAdmin(chart, 'admin', { ...adminValid(), tls: TlsMode.fromSecret(props.secret, props.options) });
    },
    external: [...ADMIN_EXTERNAL, 'flyte-ca'],
  },
  {
    name: 'TlsMode.fromSecretName',
    positional: true,
    fields: { secretName: S('string', { required: true }), options: S('object', { fields: fieldsOf('FromSecretOptions', { trust: { wrong: wrongTrust } }) }) },
    valid: () => ({ secretName: 'flyte-tls', options: { trust: Trust.caFromSecretName('flyte-ca') } }),
    build: (chart, props) => {
      new SecureAdmin(chart, 'admin', { ...adminValid(), tls: TlsMode.fromSecretName(props.secretName, props.options) });
    },
    external: [...ADMIN_EXTERNAL, 'flyte-ca'],
  },
  {
    name: 'TlsMode.certManager',
    positional: true,
    fields: {
      options: S('object', { required: true, fields: fieldsOf('CertManagerOptions', { trust: { wrong: wrongTrust }, duration: DURATION(), renewBefore: DURATION() }) }),
    },
    valid: () => ({ options: { issuer: { name: 'cluster-ca', kind: IssuerKind.CLUSTER_ISSUER, group: 'cert-manager.io' }, trust: Trust.caFromSecretName('flyte-ca'), duration: Duration.hours(2160), renewBefore: Duration.hours(360), secretName: 'flyteadmin-tls' } }),
    build: (chart, props) => {
      new SecureAdmin(chart, 'admin', { ...adminValid(), tls: TlsMode.certManager(props.options) });
    },
    external: [...ADMIN_EXTERNAL, 'flyte-ca'],
  },
  ...([['caFromSecret', 'secret'], ['caFromConfigMap', 'configMapRef']] as const).map(([factory, kind]): Subject => ({
    name: `Trust.${factory}`,
    positional: true,
    fields: { ref: S(kind, { required: true }), key: S('string') },
    valid: () => ({ ref: kind === 'secret' ? secret('store-ca') : configMap('store-ca'), key: 'bundle.pem' }),
    build: (chart, props) => {
      new FlytePodTemplate(chart, 'template', { objectStore: caStore((Trust[factory] as (ref: unknown, key?: string) => Trust)(props.ref, props.key)) });
    },
    external: ['store-ca', 'flyte-storage'],
  })),
  ...(['caFromSecretName', 'caFromConfigMapName'] as const).map((factory): Subject => ({
    name: `Trust.${factory}`,
    positional: true,
    fields: { name: S('string', { required: true }), key: S('string') },
    valid: () => ({ name: 'store-ca', key: 'bundle.pem' }),
    build: (chart, props) => {
      new FlytePodTemplate(chart, 'template', { objectStore: caStore(Trust[factory](props.name, props.key)) });
    },
    external: ['store-ca', 'flyte-storage'],
  })),
  {
    name: 'Trust.caPem',
    positional: true,
    fields: {
      pem: S('string', {
        required: true,
        // Bundles as files and editors write them, and strings that are no bundle at all.
        odd: fc.oneof(fc.constantFrom(CA.replace(/\n/g, '\r\n'), `\n\n${CA}\n\n`, `${CA}${CA}`, CA.trim(), `  ${CA}`), fc.constantFrom(...ODD_STRINGS)),
      }),
    },
    valid: () => ({ pem: CA }),
    build: (chart, props) => {
      new FlytePodTemplate(chart, 'template', { objectStore: caStore(Trust.caPem(props.pem)) });
    },
    external: ['flyte-storage'],
  },
  // The store factories, through everything that reaches the store: Admin (its CA mounted as
  // flyteadmin's) and a FlytePodTemplate with a CopilotPod (the CA in every copilot container).
  ...([['s3', false], ['minio', true]] as const).map(([factory, minio]): Subject => ({
    name: `ObjectStore.${factory}`,
    positional: true,
    fields: { options: S('object', { required: true, fields: fieldsOf(minio ? 'MinioObjectStoreOptions' : 'S3ObjectStoreOptions', STORE_OPTIONS) }) },
    valid: () => ({
      options: {
        bucket: 'flyte-data', region: 'eu-west-1', endpoint: 'https://minio.flyte.svc:9000',
        credentials: { secret: secret('flyte-storage'), accessKeyKey: 'access-key', secretKeyKey: 'secret-key' }, trust: Trust.caFromConfigMapName('store-ca', 'bundle.pem'),
      },
    }),
    build: (chart, props) => {
      const objectStore = ObjectStore[factory](props.options);
      new SecureAdmin(chart, 'admin', { ...adminValid(), objectStore });
      const podTemplate = new FlytePodTemplate(chart, 'template', { objectStore });
      new CopilotPod(chart, 'task', { podTemplate, image: 'alpine:3.20' });
    },
    external: [...ADMIN_EXTERNAL, 'store-ca'],
  })),
  {
    name: 'Endpoint',
    fields: fieldsOf('EndpointProps', { mode: TLS(), trust: { wrong: wrongTrust } }),
    valid: () => ({ mode: TlsMode.selfSigned(), serviceName: 'api', namespace: 'apps', port: 8443, servicePort: 443, portName: 'https', trust: Trust.caFromSecretName('api-ca') }),
    build: (_chart, props) => {
      const ep = new Endpoint(props);
      expect(ep.url('/x')).toMatch(/^https?:\/\/[a-z0-9-]+\.[a-z0-9-]+\.svc:\d+\/x$/);
      return { checked: true };
    },
  },
  {
    name: 'checkRestricted',
    positional: true,
    fields: { objects: S('list', { required: true }), options: S('object', { fields: fieldsOf('CheckRestrictedOptions') }) },
    valid: () => ({ objects: [], options: { skip: ['seccompprofile_restricted'] } }),
    build: (_chart, props) => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } };
      const objects = Array.isArray(props.objects) && props.objects.length === 0 ? [pod] : props.objects;
      expect(Array.isArray(checkRestricted(objects, props.options))).toBe(true);
      return { checked: true };
    },
  },
  {
    name: 'checkManifests',
    positional: true,
    fields: {
      objects: S('list', { required: true }),
      options: S('object', {
        fields: fieldsOf('CheckManifestsOptions', {
          sources: { notWrong: (v) => Array.isArray(v) && v.every((x) => x === null || x === undefined || typeof x === 'string') },
          report: { wrong: [() => ({ has: () => true }), () => ['x'], () => [-1], () => [0.5]], notWrong: (v) => Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0) },
        }),
      }),
    },
    valid: () => ({ objects: [], options: { skip: ['duplicate'], sources: ['a.yaml#1'], complete: false, report: [0] } }),
    build: (_chart, props) => {
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns' }, data: {} };
      const objects = Array.isArray(props.objects) && props.objects.length === 0 ? [cm] : props.objects;
      expect(Array.isArray(checkManifests(objects, props.options))).toBe(true);
      return { checked: true };
    },
  },
  {
    name: 'SecureAdmin.exposeViaGateway',
    fields: fieldsOf('AdminExposeViaGatewayOptions', {
      host: { odd: fc.oneof(ODD_STRING, fc.constantFrom(`${'h'.repeat(64)}.example.com`, 'a..b.example.com', 'flyte.example.com.')) },
      'listener.implementation': IMPLEMENTATION, 'grpcListener.implementation': IMPLEMENTATION,
    }),
    valid: () => ({
      listener: { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https', protocol: 'HTTPS', port: 443, implementation: ENVOY_GATEWAY },
      host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com',
      grpcListener: { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'grpc', protocol: 'HTTPS', port: 443, implementation: ENVOY_GATEWAY },
    }),
    build: (chart, props) => {
      new SecureAdmin(chart, 'admin', { ...adminValid(), tls: TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromConfigMapName('flyte-ca') }) }).exposeViaGateway(props);
    },
    external: [...ADMIN_EXTERNAL, 'flyte-tls', 'flyte-ca'],
  },
  {
    name: 'StackNetworkPolicies',
    // With the default translation (Unknown) a policy needs both the endpoints and the ClusterIP (documented).
    fields: fieldsOf('StackNetworkPoliciesProps', { 'egress.apiServerCidrs': { required: true }, 'egress.apiServerClusterIp': { required: true } }),
    valid: () => ({
      egress: { apiServerCidrs: ['10.0.0.1/32'], apiServerClusterIp: '10.96.0.1', nodeCidrs: ['10.1.0.0/16'], dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } } },
      aibrixController: { namespace: 'aibrix-system', podLabels: { 'control-plane': 'controller-manager' } },
    }),
    build: (chart, props) => {
      new StackNetworkPolicies(chart, 'subject', props);
      new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() });
    },
  },
  {
    name: 'synthStacks',
    positional: true,
    fields: {
      stacks: S('strings', { required: true }),
      first: S('object', { required: true, fields: { id: S('string', { required: true }), build: S('function', { required: true }) } }),
    },
    valid: () => ({
      stacks: [],
      first: { id: 'numaflow', createChart: (scope: any, id: string) => { const c = new Chart(scope, id); new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }); return c; } },
    }),
    build: (_chart, props) => {
      // `stacks` is the list itself when it was mutated; else the list is [first].
      const stacks = Array.isArray(props.stacks) && props.stacks.length === 0 ? [props.first] : props.stacks;
      const yaml = synthStacks(stacks);
      return { objects: [...yaml.values()].flatMap((text) => parseAllDocuments(text).map((d) => d.toJSON())).filter((o) => o) };
    },
  },
];

// ---------------------------------------------------------------------------------------------

interface Tally {
  refused: number;
  accepted: number;
  /** Wrong types, unknown keys or missing required props that were accepted. */
  silent: string[];
  /** Throws that are not ValidationErrors. */
  crashes: string[];
  /** Accepted configurations whose output fails expectValid. */
  invalid: string[];
  /** Optional props set to null that were refused. */
  falseRefusals: string[];
  /** Refusals that do not read `<path>: <prop> <value> is not allowed: <why>; use <allowed>`, or name another prop. */
  malformed: string[];
  byCategory: { [c in Category]?: { refused: number; accepted: number } };
}

function outputExternal(objects: readonly any[], names: readonly string[] = []): string[] {
  const namespaces = new Set(objects.map((o) => o?.metadata?.namespace).filter((n) => typeof n === 'string'));
  return [...namespaces].flatMap((ns) => names.flatMap((n) => [`Secret/${ns}/${n}`, `ConfigMap/${ns}/${n}`]));
}

/** The top-level prop a refusal must name for a mutation at `path` (positional subjects: any). */
function namesMutated(subject: Subject, m: Mutation, e: ValidationError): boolean {
  if (m.category === 'odd' || m.category === 'optional' || m.category === 'valid') return true;
  const props = e.errors.map((x) => x.prop);
  const wanted = m.category === 'unknown' ? [...m.path, m.key!] : [...m.path];
  // Positional arguments have no prop of their own at the root (`options.trust` is refused as `trust`).
  const tail = subject.positional ? wanted.slice(1) : wanted;
  const spelled = `.${tail.join('.')}.`;
  // `options.skip[0]` names `skip`; `database` names `database.host` (a required object refused whole).
  return tail.length === 0 || props.some((p) => {
    const named = `.${p.replace(/\[\d+\]/g, '')}.`;
    return named.includes(spelled) || spelled.startsWith(named) || ['props', 'options', 'objects', 'stacks'].includes(p);
  });
}

function runOne(subject: Subject, m: Mutation, tally: Tally): void {
  const chart = new Chart(testApp(), 'test');
  const what = `${subject.name}: ${describeMutation(m)}`;
  const counts = (tally.byCategory[m.category] ??= { refused: 0, accepted: 0 });
  let result: ReturnType<Subject['build']>;
  let objects: any[];
  try {
    const props = apply(subject.valid(chart), m);
    result = subject.build(chart, props);
    objects = result && 'objects' in result ? result.objects : result && 'checked' in result ? [] : Testing.synth(chart);
  } catch (e) {
    if (!(e instanceof ValidationError)) {
      tally.crashes.push(`${what} → ${(e as Error)?.constructor?.name}: ${String((e as Error)?.message ?? e).slice(0, 200)}`);
      return;
    }
    tally.refused++;
    counts.refused++;
    const first = e.errors[0];
    const form = first.message.startsWith(`${first.path}: ${first.prop} `) && first.message.includes(' is not allowed: ') && first.message.includes('; use ');
    if (!form || !namesMutated(subject, m, e)) tally.malformed.push(`${what} → ${first.message.slice(0, 200)}`);
    if ((m.category === 'optional' && !leafField(subject, m.path).nullMayBeRefused) || m.category === 'valid') tally.falseRefusals.push(`${what} → ${first.message.slice(0, 200)}`);
    return;
  }
  tally.accepted++;
  counts.accepted++;
  if (m.category === 'wrong' || m.category === 'unknown' || m.category === 'required') tally.silent.push(what);
  if (result && 'checked' in result) return;
  try {
    // A name the mutation gave (e.g. the Secret of TlsMode.fromSecret) is the user's too.
    const given = typeof m.value === 'string' ? m.value : typeof (m.value as { name?: unknown } | undefined)?.name === 'string' ? (m.value as { name: string }).name : undefined;
    const named = [...subject.external ?? [], ...(given !== undefined ? [given] : [])];
    expectValid(objects.length ? objects : [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } }], { external: outputExternal(objects, named) });
    // The text the library wrote, as its readers read it (issue 23 class 1): nothing but what was given.
    expect(readerProblems(objects, userArgs(m))).toEqual([]);
  } catch (e) {
    tally.invalid.push(`${what} → ${String((e as Error).message).slice(0, 400)}`);
  }
}

/** The user's own extra args (any flag text is theirs to write), for the readers' check. */
function userArgs(m: Mutation): string[] {
  return Array.isArray(m.value) && m.path[m.path.length - 1] === 'extraArgs' ? m.value.filter((a): a is string => typeof a === 'string') : [];
}

function leafField(subject: Subject, p: readonly string[]): Field {
  let fields = subject.fields;
  let field: Field | undefined;
  for (const k of p) {
    field = fields[k];
    fields = field?.fields ?? {};
  }
  return field!;
}

const totals: { [subject: string]: Tally } = {};

describe.each(SUBJECTS)('$name', (subject) => {
  test('the valid props are accepted and their output is valid', () => {
    const tally: Tally = { refused: 0, accepted: 0, silent: [], crashes: [], invalid: [], falseRefusals: [], malformed: [], byCategory: {} };
    // The mutation of a prop to its own valid value: nothing changes.
    const some = leaves(subject.fields)[0];
    runOne(subject, { category: 'odd', path: some.path, value: leafValue(subject, some.path) }, tally);
    expect({ refused: tally.refused, crashes: tally.crashes, invalid: tally.invalid }).toEqual({ refused: 0, crashes: [], invalid: [] });
  });

  test(`${RUNS} hostile mutations: refused as ValidationErrors, or accepted with valid output`, () => {
    const tally: Tally = { refused: 0, accepted: 0, silent: [], crashes: [], invalid: [], falseRefusals: [], malformed: [], byCategory: {} };
    fc.assert(fc.property(mutations(subject), (m) => runOne(subject, m, tally)), { numRuns: RUNS, seed: SEED });
    totals[subject.name] = tally;
    console.log(`${subject.name}: ${tally.refused} refused, ${tally.accepted} accepted; silent ${tally.silent.length}, crashes ${tally.crashes.length}, `
      + `invalid output ${tally.invalid.length}, false refusals ${tally.falseRefusals.length}, malformed ${tally.malformed.length}; `
      + Object.entries(tally.byCategory).map(([c, n]) => `${c} ${n!.refused}/${n!.accepted}`).join(', '));
    expect(tally.crashes).toEqual([]);
    expect(tally.silent).toEqual([]);
    expect(tally.invalid).toEqual([]);
    expect(tally.falseRefusals).toEqual([]);
    expect(tally.malformed).toEqual([]);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.accepted).toBeGreaterThan(0);
  });
});

function leafValue(subject: Subject, p: readonly string[]): unknown {
  let value = subject.valid(new Chart(testApp(), 'scratch'));
  for (const k of p) value = value?.[k];
  return value;
}

test('every subject was run', () => {
  expect(Object.keys(totals).sort()).toEqual(SUBJECTS.map((s) => s.name).sort());
});

test('the readers\' check sees what the library wrote before issue 23 (injected lines, empty flags, list entries)', () => {
  const rbac = (conf: string, csv: string) => ({ kind: 'ConfigMap', metadata: { name: 'numaflow-server-rbac-config' }, data: { 'rbac-conf.yaml': conf, 'rbac-policy.csv': csv } });
  const pod = (...args: string[]) => ({ kind: 'Pod', spec: { containers: [{ name: 'c', args }] } });
  const ok = rbac('policy.default: role:readonly\npolicy.scopes: groups\n', 'p, role:admin, *, *, *\n');
  expect(readerProblems([ok, pod('--port=8080')])).toEqual([]);
  const injected = [
    rbac('policy.default: role:readonly\npolicy.default: role:admin\npolicy.scopes: groups\n', 'p, role:admin, *, *, *\n'),
    rbac('policy.default: role:readonly\npolicy.scopes: groups\nextra: x\n', 'p, role:admin, *, *, *\n'),
    rbac('policy.default: role:readonly\npolicy.scopes: groups\n', 'p, role:readonly, *, *, GET\ng, everyone, role:admin, x\n'),
    pod('--storage.connection.access-key='),
    pod('--authorization-always-allow-paths=/healthz,/*'),
    pod('--cors-allowed-origins=https://a,b.example.com'),
  ];
  // A duplicate key is a parse error in YAML 1.2 (the check then throws: invalid output), every other injection a problem.
  expect(injected.slice(1).map((o) => readerProblems([o]).length > 0)).toEqual([true, true, true, true, true]);
  expect(() => readerProblems([injected[0]])).toThrow();
  // The user's own extra args are theirs.
  expect(readerProblems([pod('--my-flag=')], ['--my-flag='])).toEqual([]);
});
