import { ObjectStore, TlsMode, Trust } from '../lib';
import { admin, BadInput, context, HTTPS_STORE_OPTIONS, pair, STORE_OPTIONS, task, template, userTemplate } from './bad-input-case';

const caStore = (trust: Trust) => ObjectStore.minio({ ...HTTPS_STORE_OPTIONS, trust });

/** Refused inputs of the Flyte constructs. */
export const BAD_FLYTE_INPUTS: BadInput[] = [
  { name: 'Admin with a self-signed mode', class: 'tls-modes', build: admin({ tls: TlsMode.selfSigned() }), path: 'c/admin', prop: 'tls', value: undefined, allowed: 'TlsMode.certManager' },
  { name: 'Admin origin "*"', class: 'cors', build: admin({ allowedOrigins: ['*'] }), path: 'c/admin', prop: 'allowedOrigins[0]', value: '*', allowed: 'no "*"' },
  { name: 'Admin origin with a path', class: 'values', build: admin({ allowedOrigins: ['http://localhost:8080/console'] }), path: 'c/admin', prop: 'allowedOrigins[0]', value: 'http://localhost:8080/console', allowed: 'no path' },
  { name: 'Admin extraConfig overriding server.security.secure', class: 'derived', build: admin({ tls: TlsMode.fromSecretName('t'), extraConfig: { server: { security: { secure: false } } } }), path: 'c/admin', prop: 'extraConfig.server.security.secure', value: false, allowed: 'tls prop' },
  { name: 'Admin deprecated grpcPort', class: 'derived', build: admin({ extraConfig: { server: { grpcPort: 9000 } } }), path: 'c/admin', prop: 'extraConfig.server.grpcPort', value: 9000, allowed: 'tls prop' },
  { name: 'Admin without a database password Secret', class: 'null-required', build: admin({ database: { host: 'pg', username: 'u' } }), path: 'c/admin', prop: 'database.passwordSecret', value: undefined, allowed: 'passwordSecret' },
  { name: 'Admin MinIO store endpoint with a path', class: 'values', build: (c) => admin({ objectStore: ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:9000/flyte' }) })(c), path: 'ObjectStore.minio', prop: 'endpoint', value: 'http://minio.flyte.svc:9000/flyte', allowed: 'https://minio.flyte.svc:9000' },
  { name: 'Admin store bucket that is no bucket name', class: 'values', build: (c) => admin({ objectStore: ObjectStore.s3({ bucket: 'Flyte_Data' }) })(c), path: 'ObjectStore.s3', prop: 'bucket', value: 'Flyte_Data', allowed: '3 to 63 characters' },
  { name: 'Admin version below 1.10', class: 'versions', build: admin({ version: '1.9.0' }), path: 'c/admin', prop: 'version', value: '1.9.0', allowed: '>= v1.10.0' },
  { name: 'Admin --config in extraArgs', class: 'derived', build: admin({ extraArgs: ['--config=/x.yaml'] }), path: 'c/admin', prop: 'extraArgs[0]', value: '--config=/x.yaml', allowed: 'extraConfig' },
  { name: 'Console self-signed', class: 'tls-modes', build: pair({}, { tls: TlsMode.selfSigned() }), path: 'c/console', prop: 'tls', value: undefined, allowed: 'SelfSigned (or CA) issuer' },
  { name: 'Console origin scheme differs from Admin publicUrl', class: 'wiring', build: pair({ publicUrl: 'https://admin.example.com' }, { publicOrigin: 'http://console.example.com' }), path: 'c/console', prop: 'publicOrigin', value: 'http://console.example.com', allowed: 'https' },
  { name: 'Console extraArgs replacing server.js', class: 'derived', build: pair({}, { extraArgs: ['--inspect'] }), path: 'c/console', prop: 'extraArgs', value: ['--inspect'], allowed: 'extraEnv' },
  { name: 'Pod template store with a CA over plain http', class: 'tls-modes', build: (c) => template({ objectStore: ObjectStore.minio({ ...STORE_OPTIONS, trust: Trust.caFromConfigMapName('ca') }) })(c), path: 'ObjectStore.minio', prop: 'trust', value: undefined, allowed: 'an https:// endpoint' },
  { name: 'Pod template store that skips verification', class: 'tls-modes', build: (c) => template({ objectStore: caStore(Trust.skipVerify()) })(c), path: 'ObjectStore.minio', prop: 'trust', value: undefined, allowed: 'Trust.caFromSecret' },
  { name: 'Pod template CA before init-container templates (v1.13)', class: 'versions', build: template({ objectStore: caStore(Trust.caFromConfigMapName('ca')), flyteVersion: 'v1.13.3' }), path: 'c/template', prop: 'flyteVersion', value: 'v1.13.3', allowed: '>= v1.14.0' },
  { name: 'Copilot store verified otherwise than its template\'s', class: 'tls-modes', build: (c) => task({ podTemplate: template({ objectStore: caStore(Trust.caFromConfigMapName('ca')) })(c), objectStore: caStore(Trust.systemRoots()) })(c), path: 'c/task', prop: 'objectStore', value: undefined, allowed: 'no objectStore prop' },
  { name: 'Copilot native sidecar on Kubernetes 1.28', class: 'versions', build: task({ kubernetesVersion: '1.28' }), path: 'c/task', prop: 'kubernetesVersion', value: '1.28', allowed: '>= 1.29' },
  { name: 'Copilot SYS_PTRACE without opt-in (v1.15)', class: 'restricted', build: task({ flyteVersion: 'v1.15.3' }), path: 'c/task', prop: 'flyteVersion', value: 'v1.15.3', allowed: 'allowPtrace' },
  { name: 'Copilot same-named init containers in the template', class: 'wiring', build: task({ flyteVersion: 'v1.14.0', allowPtrace: true, podTemplateSpec: userTemplate([{ name: 'flyte-copilot-downloader', image: 'noop' }]) }), path: 'c/task', prop: 'podTemplateSpec.initContainers[1].name', value: 'flyte-copilot-downloader', allowed: 'primary-init' },
  { name: 'Copilot template mount without a volume', class: 'wiring', build: task({ podTemplateSpec: { spec: { ...userTemplate([]).spec, containers: [{ name: 'default', image: 'noop', securityContext: context, volumeMounts: [{ name: 'nope', mountPath: '/x' }] }] } } }), path: 'c/task', prop: 'podTemplateSpec', value: undefined, allowed: 'a volume for every mount' },
  { name: 'Console origin "*"', class: 'cors', build: pair({}, { publicOrigin: '*' }), path: 'c/console', prop: 'publicOrigin', value: '*', allowed: 'no "*"' },
];
