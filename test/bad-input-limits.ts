import { Chart, JsonPatch } from 'cdk8s';
import {
  Console, FlytePodTemplate, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, Scheme, SecureAdmin, TlsMode, Trust,
} from '../lib';
import { admin, ADMIN_STORE, BadInput, C0, ms, nf, STORE, task, template } from './bad-input-case';
import { DATABASE } from './support/flyte-invariants';
import { secret } from './support/refs';

// Issue 23: values the library derives past an API's limits (class 3), syntax a reader refuses
// (class 4) and meanings that changed without a word (class 2), refused with the prop that causes
// them. Long values given validly are accepted (test/properties/derived-limits.property.test.ts).

const CERT_MANAGER = TlsMode.certManager({ issuer: { name: 'ca' } });
/** A valid 243-character subdomain: three labels of 63 and one of 51. */
const DOMAIN_243 = ['a', 'b', 'c'].map((c) => c.repeat(63)).concat('d'.repeat(51)).join('.');
const LONG_TAG = `v1.8.3-rc.${'a'.repeat(130)}`;
const LISTENER = { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https' };
const S3_RULES = 'S3\'s reserved prefixes';
const MINIO_RULES = 'no ".." ".-" "-."';
const s3 = (bucket: string) => () => ObjectStore.s3({ bucket });
const minio = (bucket: string) => () => ObjectStore.minio({ bucket, endpoint: 'http://minio.flyte.svc:9000' });

/** Class 3: derived values over API limits. */
const LIMITS: BadInput[] = [
  { name: 'a 243-character clusterDomain makes a 264-character certificate name', class: 'limits', build: admin({ tls: CERT_MANAGER, clusterDomain: DOMAIN_243 }), path: 'c/admin', prop: 'clusterDomain', value: DOMAIN_243, allowed: 'the cluster\'s real DNS domain' },
  { name: 'a clusterDomain label of 64 characters (certificate name)', class: 'limits', build: ms({ tls: CERT_MANAGER, clusterDomain: `${'x'.repeat(64)}.local` }), path: 'c/ms', prop: 'clusterDomain', value: `${'x'.repeat(64)}.local`, allowed: 'labels of at most 63' },
  { name: 'a Console clusterDomain too long for its certificate', class: 'limits', build: (c) => new Console(c, 'console', { admin: admin()(c), tls: CERT_MANAGER, clusterDomain: DOMAIN_243 }), path: 'c/console', prop: 'clusterDomain', value: DOMAIN_243, allowed: 'a domain of at most' },
  { name: 'no preferred node address types (an empty flag)', class: 'limits', build: ms({ kubeletPreferredAddressTypes: [] }), path: 'c/ms', prop: 'kubeletPreferredAddressTypes', value: [], allowed: 'at least one of' },
  { name: 'a version whose image tag exceeds 128 characters', class: 'limits', build: nf({ version: LONG_TAG }), path: 'c/nf', prop: 'version', value: LONG_TAG, allowed: 'at most 128 characters' },
  { name: 'a Flyte version whose copilot image tag exceeds 128 characters', class: 'limits', build: template({ flyteVersion: `v1.16.8-${'b'.repeat(125)}` }), path: 'c/template', prop: 'flyteVersion', value: `v1.16.8-${'b'.repeat(125)}`, allowed: 'at most 128 characters' },
];

/** Class 4: syntax that the version parser, S3, MinIO, URL clients and DNS refuse. */
const SYNTAX: BadInput[] = [
  { name: 'version v1.16.8-rc. (an empty pre-release identifier)', class: 'syntax', build: admin({ version: 'v1.16.8-rc.' }), path: 'c/admin', prop: 'version', value: 'v1.16.8-rc.', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'version with two dots in its pre-release', class: 'syntax', build: nf({ version: '1.8.3-rc..1' }), path: 'c/nf', prop: 'version', value: '1.8.3-rc..1', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'version with a leading zero in a numeric pre-release identifier', class: 'syntax', build: ms({ version: 'v0.8.0-01' }), path: 'c/ms', prop: 'version', value: 'v0.8.0-01', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'version with an empty build', class: 'syntax', build: template({ flyteVersion: 'v1.16.8+' }), path: 'c/template', prop: 'flyteVersion', value: 'v1.16.8+', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'version with a pre-release character outside the grammar', class: 'syntax', build: task({ flyteVersion: 'v1.16.8-rc_1' }), path: 'c/task', prop: 'flyteVersion', value: 'v1.16.8-rc_1', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'store endpoint on port 0', class: 'syntax', build: () => ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:0' }), path: 'ObjectStore.minio', prop: 'endpoint', value: 'http://minio.flyte.svc:0', allowed: 'a port from 1 to 65535' },
  { name: 'store endpoint host with a comma', class: 'syntax', build: () => ObjectStore.s3({ bucket: 'flyte-data', endpoint: 'https://s3,evil.example.com' }), path: 'ObjectStore.s3', prop: 'endpoint', value: 'https://s3,evil.example.com', allowed: 'minio.flyte.svc:9000' },
  { name: 'bucket my..bucket', class: 'syntax', build: s3('my..bucket'), path: 'ObjectStore.s3', prop: 'bucket', value: 'my..bucket', allowed: S3_RULES },
  { name: 'bucket shaped like an IP address', class: 'syntax', build: minio('192.168.5.4'), path: 'ObjectStore.minio', prop: 'bucket', value: '192.168.5.4', allowed: MINIO_RULES },
  { name: 'bucket with the xn-- prefix', class: 'syntax', build: s3('xn--bucket'), path: 'ObjectStore.s3', prop: 'bucket', value: 'xn--bucket', allowed: S3_RULES },
  { name: 'bucket my.-bucket (MinIO)', class: 'syntax', build: minio('my.-bucket'), path: 'ObjectStore.minio', prop: 'bucket', value: 'my.-bucket', allowed: MINIO_RULES },
  { name: 'bucket my-.bucket (S3, a DNS label ending in "-")', class: 'syntax', build: s3('my-.bucket'), path: 'ObjectStore.s3', prop: 'bucket', value: 'my-.bucket', allowed: S3_RULES },
  { name: 'bucket with the sthree- prefix', class: 'syntax', build: s3('sthree-data'), path: 'ObjectStore.s3', prop: 'bucket', value: 'sthree-data', allowed: S3_RULES },
  { name: 'bucket with the amzn-s3-demo- prefix', class: 'syntax', build: s3('amzn-s3-demo-data'), path: 'ObjectStore.s3', prop: 'bucket', value: 'amzn-s3-demo-data', allowed: S3_RULES },
  { name: 'bucket with the -s3alias suffix', class: 'syntax', build: s3('data-s3alias'), path: 'ObjectStore.s3', prop: 'bucket', value: 'data-s3alias', allowed: S3_RULES },
  { name: 'bucket with the --ol-s3 suffix', class: 'syntax', build: s3('data--ol-s3'), path: 'ObjectStore.s3', prop: 'bucket', value: 'data--ol-s3', allowed: S3_RULES },
  { name: 'bucket with the .mrap suffix', class: 'syntax', build: s3('data.mrap'), path: 'ObjectStore.s3', prop: 'bucket', value: 'data.mrap', allowed: S3_RULES },
  { name: 'bucket with the --x-s3 suffix', class: 'syntax', build: s3('data--x-s3'), path: 'ObjectStore.s3', prop: 'bucket', value: 'data--x-s3', allowed: S3_RULES },
  { name: 'bucket with the --table-s3 suffix', class: 'syntax', build: s3('data--table-s3'), path: 'ObjectStore.s3', prop: 'bucket', value: 'data--table-s3', allowed: S3_RULES },
  { name: 'a route host label of 64 characters', class: 'syntax', build: (c) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }).exposeViaGateway({ listener: LISTENER, host: `${'n'.repeat(64)}.example.com` }),
    path: 'c/nf.exposeViaGateway', prop: 'host', value: `${'n'.repeat(64)}.example.com`, allowed: 'labels have at most 63 characters', constructStays: true },
  { name: 'an Admin gRPC host label of 64 characters', class: 'syntax', build: (c) => admin()(c).exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: `${'g'.repeat(64)}.example.com` }),
    path: 'c/admin.exposeViaGateway', prop: 'grpcHost', value: `${'g'.repeat(64)}.example.com`, allowed: 'labels have at most 63 characters', constructStays: true },
];

/** Class 4, at synth: routes that tie, and patched fields of the wrong JSON type. */
const exposedAdmin = (c: Chart) => {
  const a = new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE });
  a.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
  return a;
};
const RULE0 = 'spec.rules[0].matches[0]';
const NF_DEPLOYMENT = 'c/nf/Workload/Deployment';
const patchNf = (path: string, value: unknown) => (c: Chart) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }).deployment.addJsonPatch(JsonPatch.replace(path, value));
const SYNTH: BadInput[] = [
  { name: 'Numaflow at / on Admin\'s host and listener', class: 'syntax', at: 'synth', build: (c) => { exposedAdmin(c); new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }).exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com' }); },
    path: 'c/nf/Gateway/HttpRoute', prop: RULE0, value: { path: { type: 'PathPrefix', value: '/' } }, allowed: 'a path of its own on the shared host' },
  { name: 'a Console with baseUrl / on Admin\'s host', class: 'syntax', at: 'synth', build: (c) => { new Console(c, 'console', { admin: exposedAdmin(c), baseUrl: '/' }).exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com' }); },
    path: 'c/console/Gateway/HttpRoute', prop: RULE0, value: { path: { type: 'PathPrefix', value: '/' } }, allowed: 'the Console at "/console"' },
  { name: 'two Numaflow servers at /ui/ and /ui on one host', class: 'syntax', at: 'synth', build: (c) => {
    new NumaflowServer(c, 'a', { tls: TlsMode.disabled(), baseHref: '/ui/' }).exposeViaGateway({ listener: LISTENER, host: 'ui.example.com' });
    new NumaflowServer(c, 'b', { tls: TlsMode.disabled(), namespace: 'other', baseHref: '/ui' }).exposeViaGateway({ listener: LISTENER, host: 'ui.example.com' });
  }, path: 'c/b/Gateway/HttpRoute', prop: RULE0, value: { path: { type: 'PathPrefix', value: '/ui' } }, allowed: 'another host, or another listener' },
  { name: 'patch: replicas 1.5', class: 'syntax', at: 'synth', build: patchNf('/spec/replicas', 1.5), path: NF_DEPLOYMENT, prop: 'spec.replicas', value: 1.5, allowed: 'an integer from 0' },
  { name: 'patch: replicas as a string', class: 'syntax', at: 'synth', build: patchNf('/spec/replicas', '2'), path: NF_DEPLOYMENT, prop: 'spec.replicas', value: '2', allowed: 'an integer from 0' },
  { name: 'patch: a containerPort as a string', class: 'syntax', at: 'synth', build: patchNf(`${C0}/ports/0/containerPort`, '8080'), path: NF_DEPLOYMENT, prop: 'spec.template.spec.containers[0].ports[0].containerPort', value: '8080', allowed: 'an integer from 1 to 65535' },
  { name: 'patch: initialDelaySeconds as a string', class: 'syntax', at: 'synth', build: patchNf(`${C0}/livenessProbe/initialDelaySeconds`, '3'), path: NF_DEPLOYMENT, prop: 'spec.template.spec.containers[0].livenessProbe.initialDelaySeconds', value: '3', allowed: 'an integer from 0' },
  { name: 'patch: a probe port with a fraction', class: 'syntax', at: 'synth', build: patchNf(`${C0}/readinessProbe/httpGet/port`, 8080.5), path: NF_DEPLOYMENT, prop: 'spec.template.spec.containers[0].readinessProbe.httpGet.port', value: 8080.5, allowed: 'a port number from 1 to 65535 or a port name' },
  { name: 'patch: a Service port as a string', class: 'syntax', at: 'synth', build: (c) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }).service.addJsonPatch(JsonPatch.replace('/spec/ports/0/port', '80')),
    path: 'c/nf/Workload/Service', prop: 'spec.ports[0].port', value: '80', allowed: 'an integer from 1 to 65535' },
  { name: 'patch: an autoscaler\'s maxReplicas as a string', class: 'syntax', at: 'synth', build: (c) => new PodAutoscaler(c, 'pa', {
    target: ScaleTarget.fromWorkload({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'vllm', namespace: 'serving', scheme: Scheme.HTTP, port: 8000 }),
    strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3,
  }).resource.addJsonPatch(JsonPatch.replace('/spec/maxReplicas', '3')), path: 'c/pa/Resource', prop: 'spec.maxReplicas', value: '3', allowed: 'an integer from 1' },
];

/** Class 2: a setting that changed meaning without a word. */
const caStore = (endpoint: string) => ObjectStore.minio({ bucket: 'flyte-data', endpoint, trust: endpoint.startsWith('https') ? Trust.systemRoots() : undefined });
const MEANING: BadInput[] = [
  { name: 'a pod store over https under a template store over http', class: 'meaning', build: (c) => task({ podTemplate: new FlytePodTemplate(c, 'template', { objectStore: STORE }), objectStore: caStore('https://minio.flyte.svc:9000') })(c),
    path: 'c/task', prop: 'objectStore', value: undefined, allowed: 'a store with the same scheme' },
  { name: 'a pod store over http under a template store over https', class: 'meaning', build: (c) => task({ podTemplate: new FlytePodTemplate(c, 'template', { objectStore: caStore('https://minio.flyte.svc:9000') }), objectStore: STORE })(c),
    path: 'c/task', prop: 'objectStore', value: undefined, allowed: 'no objectStore prop (the template\'s is used)' },
  { name: 'useAuth with its Secret but no auth section', class: 'meaning', build: admin({ useAuth: true, authSecret: secret('flyte-admin-secrets') }), path: 'c/admin', prop: 'extraConfig.auth', value: undefined, allowed: 'authorizedUris' },
  { name: 'useAuth with its Secret and an empty auth section', class: 'meaning', build: admin({ useAuth: true, authSecret: secret('flyte-admin-secrets'), extraConfig: { auth: {} } }), path: 'c/admin', prop: 'extraConfig.auth', value: undefined, allowed: 'or useAuth: false' },
  { name: 'allowedHeaders "*" (matched literally)', class: 'meaning', build: admin({ allowedHeaders: ['*'] }), path: 'c/admin', prop: 'allowedHeaders[0]', value: '*', allowed: 'the exact header names browsers send' },
  { name: 'allowedHeaders with a wildcard pattern', class: 'meaning', build: admin({ allowedHeaders: ['Content-Type', 'x-flyte-*'] }), path: 'c/admin', prop: 'allowedHeaders[1]', value: 'x-flyte-*', allowed: 'the list replaces that default' },
];

export const LIMIT_INPUTS: BadInput[] = [...LIMITS, ...SYNTAX, ...SYNTH, ...MEANING];
