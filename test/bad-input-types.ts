import { Chart } from 'cdk8s';
import {
  checkManifests, checkRestricted, Console, Endpoint, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, synthStacks,
  TlsMode, Trust,
} from '../lib';
import { admin, BadInput, ms, nf, pa, pair, STORE_OPTIONS, task, template } from './bad-input-case';
import { DATABASE, STORAGE } from './support/flyte-invariants';
import { configMap, secret } from './support/refs';

const STORE_HINT = 'ObjectStore.s3({ bucket, ... }) or ObjectStore.minio({ bucket, endpoint, ... })';

// Props as JavaScript callers and JSON-loaded configuration deliver them: wrong run-time types,
// typo'd prop names (with "did you mean"), and required props that are null or missing.

const BOOLEAN = 'a boolean (true or false, not a string)';
const target = (c: Chart) => new PodAutoscaler(c, 'pa', { strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3, target: null } as any);

/** Wrong run-time types. */
const TYPES: BadInput[] = [
  { name: 'the string "false" for readonly', class: 'types', build: nf({ readonly: 'false' }), path: 'c/nf', prop: 'readonly', value: 'false', allowed: BOOLEAN },
  { name: 'the string "true" for kubeletInsecureTls', class: 'types', build: ms({ kubeletInsecureTls: 'true' }), path: 'c/ms', prop: 'kubeletInsecureTls', value: 'true', allowed: BOOLEAN },
  { name: 'the string "false" for useAuth', class: 'types', build: admin({ useAuth: 'false' }), path: 'c/admin', prop: 'useAuth', value: 'false', allowed: BOOLEAN },
  { name: 'the string "true" for allowPtrace', class: 'types', build: task({ allowPtrace: 'true' }), path: 'c/task', prop: 'allowPtrace', value: 'true', allowed: BOOLEAN },
  { name: 'the string "false" for copilot inputs', class: 'types', build: task({ inputs: 'false' }), path: 'c/task', prop: 'inputs', value: 'false', allowed: 'a list of string values' },
  { name: 'true for copilot inputs (the API before 1.0)', class: 'types', build: task({ inputs: true }), path: 'c/task', prop: 'inputs', value: true, allowed: '["input"] (the default: leave it out)' },
  { name: 'false for copilot outputs (the API before 1.0)', class: 'types', build: task({ outputs: false }), path: 'c/task', prop: 'outputs', value: false, allowed: '[] for none' },
  { name: 'NaN replicas', class: 'types', build: nf({ replicas: NaN }), path: 'c/nf', prop: 'replicas', value: NaN, allowed: 'an integer' },
  { name: 'a string for securePort', class: 'types', build: ms({ securePort: '10250' }), path: 'c/ms', prop: 'securePort', value: '10250', allowed: '1 to 65535' },
  { name: 'a string for the database port', class: 'types', build: admin({ database: { ...DATABASE, port: '5432' } }), path: 'c/admin', prop: 'database.port', value: '5432', allowed: '1 to 65535' },
  { name: 'a string for maxReplicas', class: 'types', build: pa({ maxReplicas: '3' }), path: 'c/pa', prop: 'maxReplicas', value: '3', allowed: 'an integer' },
  { name: 'NaN targetValue', class: 'types', build: pa({ metric: { name: 'm', targetValue: NaN } }), path: 'c/pa', prop: 'metric.targetValue', value: NaN, allowed: 'a finite number' },
  { name: 'Infinity targetValue', class: 'types', build: pa({ metric: { name: 'm', targetValue: Infinity } }), path: 'c/pa', prop: 'metric.targetValue', value: Infinity, allowed: 'a finite number' },
  { name: 'a string, not a list, for corsAllowedOrigins', class: 'types', build: nf({ corsAllowedOrigins: 'https://ui.example.com' }), path: 'c/nf', prop: 'corsAllowedOrigins', value: 'https://ui.example.com', allowed: 'a list of string values' },
  { name: 'a string, not a list, for allowedOrigins', class: 'types', build: admin({ allowedOrigins: 'https://console.example.com' }), path: 'c/admin', prop: 'allowedOrigins', value: 'https://console.example.com', allowed: 'a list of string values' },
  { name: 'an object, not a list, for extraVolumes', class: 'types', build: template({ extraVolumes: { name: 'scratch', emptyDir: {} } }), path: 'c/template', prop: 'extraVolumes', value: { name: 'scratch', emptyDir: {} }, allowed: 'a list of k8s.Volume values' },
  { name: 'an object for a string (namespace)', class: 'types', build: nf({ namespace: { name: 'numaflow' } }), path: 'c/nf', prop: 'namespace', value: { name: 'numaflow' }, allowed: 'a string' },
  { name: 'a number for a string (version)', class: 'types', build: nf({ version: 1.8 }), path: 'c/nf', prop: 'version', value: 1.8, allowed: 'a string' },
  { name: 'a list for an object (resources)', class: 'types', build: nf({ resources: [{ cpu: '1' }] }), path: 'c/nf', prop: 'resources', value: [{ cpu: '1' }], allowed: 'an object' },
  { name: 'a number in a string map (labels)', class: 'types', build: nf({ labels: { team: 5 } }), path: 'c/nf', prop: 'labels.team', value: 5, allowed: 'a string' },
  { name: 'a string for the TLS mode', class: 'types', build: pair({}, { tls: 'TlsMode.disabled()' }), path: 'c/console', prop: 'tls', value: 'TlsMode.disabled()', allowed: 'TlsMode factories' },
  { name: 'a look-alike object for the TLS mode', class: 'types', build: nf({ tls: { kind: 'disabled', enabled: false, scheme: 'http' } }), path: 'c/nf', prop: 'tls', value: { kind: 'disabled', enabled: false, scheme: 'http' }, allowed: 'TlsMode factories' },
  { name: 'a Trust where an ObjectStore goes', class: 'types', build: template({ objectStore: Trust.systemRoots() }), path: 'c/template', prop: 'objectStore', value: undefined, allowed: STORE_HINT },
  { name: 'the old storage object for Admin\'s objectStore', class: 'types', build: admin({ objectStore: STORAGE }), path: 'c/admin', prop: 'objectStore', value: STORAGE, allowed: STORE_HINT },
  { name: 'a string for an object store\'s trust', class: 'types', build: () => ObjectStore.s3({ bucket: 'flyte-data', trust: 'Trust.systemRoots()' as any }), path: 'ObjectStore.s3', prop: 'trust', value: 'Trust.systemRoots()', allowed: 'Trust factories' },
  { name: 'a string for the trust option', class: 'types', build: () => TlsMode.fromSecretName('flyte-tls', { trust: 'Trust.systemRoots()' as any }), path: 'TlsMode.fromSecretName', prop: 'trust', value: 'Trust.systemRoots()', allowed: 'Trust factories' },
  { name: 'a string tolerationSeconds inside a toleration', class: 'types', build: nf({ tolerations: [{ key: 'dedicated', operator: 'Exists', tolerationSeconds: '300' }] }), path: 'c/nf', prop: 'tolerations[0].tolerationSeconds', value: '300', allowed: 'a number' },
  { name: 'a number env value', class: 'types', build: nf({ extraEnv: [{ name: 'LOG_LEVEL', value: 5 }] }), path: 'c/nf', prop: 'extraEnv[0].value', value: 5, allowed: 'a string' },
  { name: 'a string for a nested boolean (secretKeyRef.optional)', class: 'types', build: nf({ extraEnv: [{ name: 'TOKEN_FILE', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: 'false' } } }] }), path: 'c/nf', prop: 'extraEnv[0].valueFrom.secretKeyRef.optional', value: 'false', allowed: 'true or false' },
  { name: 'a Date in Admin config', class: 'types', build: admin({ extraConfig: { logger: { level: new Date(0) } } }), path: 'c/admin', prop: 'extraConfig.logger.level', value: undefined, allowed: 'a YAML value' },
  { name: 'a string for checkManifests options.complete', class: 'types', build: () => checkManifests([], { complete: 'false' as any }), path: 'checkManifests', prop: 'options.complete', value: 'false', allowed: BOOLEAN },
  { name: 'a Set for checkManifests options.report', class: 'types', build: () => checkManifests([], { report: 'all' as any }), path: 'checkManifests', prop: 'options.report', value: 'all', allowed: 'a list' },
  { name: 'a string for checkManifests objects', class: 'types', build: () => checkManifests('kind: Pod' as any), path: 'checkManifests', prop: 'objects', value: 'kind: Pod', allowed: 'a list of manifest objects' },
  { name: 'a number for a stack createChart function', class: 'types', build: () => synthStacks([{ id: 'a', createChart: 5 as any }]), path: 'synthStacks', prop: 'stacks[0].createChart', value: 5, allowed: 'a function' },
  // References to existing Secrets and ConfigMaps are cdk8s-plus ISecret / IConfigMap: the names as
  // strings (the API before 1.0) and the other kind are refused, naming the factory to use.
  { name: 'a Secret name as a string for TlsMode.fromSecret', class: 'types', build: () => TlsMode.fromSecret('flyte-tls' as any), path: 'TlsMode.fromSecret', prop: 'secret', value: 'flyte-tls', allowed: 'TlsMode.fromSecretName("name")' },
  { name: 'a ConfigMap for TlsMode.fromSecret', class: 'types', build: () => TlsMode.fromSecret(configMap('flyte-tls') as any), path: 'TlsMode.fromSecret', prop: 'secret', value: 'ConfigMap/flyte-tls', allowed: 'Secret.fromSecretName' },
  { name: 'a Secret for Trust.caFromConfigMap', class: 'types', build: () => Trust.caFromConfigMap(secret('ca') as any), path: 'Trust.caFromConfigMap', prop: 'configMap', value: 'Secret/ca', allowed: 'ConfigMap.fromConfigMapName' },
  { name: 'a ConfigMap name as a string for Trust.caFromConfigMap', class: 'types', build: () => Trust.caFromConfigMap('ca-bundle' as any), path: 'Trust.caFromConfigMap', prop: 'configMap', value: 'ca-bundle', allowed: 'Trust.caFromConfigMapName("name")' },
  { name: 'a Secret name as a string for Trust.caFromSecret', class: 'types', build: () => Trust.caFromSecret('ca' as any), path: 'Trust.caFromSecret', prop: 'secret', value: 'ca', allowed: 'Trust.caFromSecretName("name")' },
  { name: 'a Secret name as a string for the auth Secret', class: 'types', build: admin({ useAuth: true, authSecret: 'flyte-auth' }), path: 'c/admin', prop: 'authSecret', value: 'flyte-auth', allowed: 'Secret.fromSecretName(scope, id, "name")' },
  { name: 'a Secret name as a string for the database password', class: 'types', build: admin({ database: { ...DATABASE, passwordSecret: { secret: 'flyte-db', key: 'password' } } }), path: 'c/admin', prop: 'database.passwordSecret.secret', value: 'flyte-db', allowed: 'Secret.fromSecretName' },
  { name: 'image pull Secret names as strings', class: 'types', build: nf({ imagePullSecrets: ['regcred'] }), path: 'c/nf', prop: 'imagePullSecrets[0]', value: 'regcred', allowed: 'Secret.fromSecretName' },
  { name: 'a store credentials Secret name as a string', class: 'types', build: () => ObjectStore.s3({ bucket: 'flyte-data', credentials: { secret: 'flyte-storage' as any } }), path: 'ObjectStore.s3', prop: 'credentials.secret', value: 'flyte-storage', allowed: 'Secret.fromSecretName' },
  { name: 'a raw object for the autoscaler target (the API before 1.0)', class: 'types', build: pa({ target: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'vllm', namespace: 'llm', scheme: 'http', port: 8000 } }), path: 'c/pa', prop: 'target', value: undefined, allowed: 'ScaleTarget.fromWorkload' },
  { name: 'a construct for the autoscaler target (the API before 1.0)', class: 'types', build: (c) => new PodAutoscaler(c, 'pa', { target: new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }) as any, strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 }), path: 'c/pa', prop: 'target', value: undefined, allowed: 'ScaleTarget.fromServer(server)' },
  { name: 'a scheme string that is no Scheme', class: 'types', build: () => ScaleTarget.fromWorkload({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'vllm', namespace: 'llm', scheme: 'HTTPS' as any, port: 8000 }), path: 'ScaleTarget.fromWorkload', prop: 'scheme', value: 'HTTPS', allowed: 'Scheme.HTTP or Scheme.HTTPS' },
  { name: 'a look-alike for ScaleTarget.fromServer', class: 'types', build: () => ScaleTarget.fromServer({ endpoint: 'http://x:80', omitReplicas: () => undefined } as any), path: 'ScaleTarget.fromServer', prop: 'server', value: undefined, allowed: 'a MetricsServer, NumaflowServer' },
  { name: 'a FlytePodTemplate spec in podTemplate', class: 'types', build: task({ podTemplate: { spec: { containers: [{ name: 'default', image: 'noop' }] } } }), path: 'c/task', prop: 'podTemplate', value: undefined, allowed: 'podTemplateSpec' },
  { name: 'an issuer kind in lower case', class: 'types', build: () => TlsMode.certManager({ issuer: { name: 'ca', kind: 'clusterissuer' as any } }), path: 'TlsMode.certManager', prop: 'issuer.kind', value: 'clusterissuer', allowed: 'IssuerKind.CLUSTER_ISSUER' },
  { name: 'a 1e21 targetValue (exponent notation)', class: 'types', build: pa({ metric: { name: 'm', targetValue: 1e21 } }), path: 'c/pa', prop: 'metric.targetValue', value: 1e21, allowed: 'a positive number from 0.000001 to below 1e21' },
];

/** Typo'd prop names, at the top and nested. */
const UNKNOWN: BadInput[] = [
  { name: 'publicURL for publicUrl (Numaflow)', class: 'unknown-props', build: nf({ publicURL: 'https://numaflow.example.com' }), path: 'c/nf', prop: 'publicURL', value: 'https://numaflow.example.com', allowed: 'publicUrl' },
  { name: 'publicURL for publicUrl (Admin)', class: 'unknown-props', build: admin({ publicURL: 'https://flyte.example.com' }), path: 'c/admin', prop: 'publicURL', value: 'https://flyte.example.com', allowed: 'publicUrl' },
  { name: 'publicOrigins for publicOrigin', class: 'unknown-props', build: pair({}, { publicOrigins: ['https://console.example.com'] }), path: 'c/console', prop: 'publicOrigins', value: ['https://console.example.com'], allowed: 'publicOrigin' },
  { name: 'securePorts for securePort', class: 'unknown-props', build: ms({ securePorts: 10250 }), path: 'c/ms', prop: 'securePorts', value: 10250, allowed: 'securePort' },
  { name: 'extraVolume for extraVolumes', class: 'unknown-props', build: template({ extraVolume: [{ name: 'scratch', emptyDir: {} }] }), path: 'c/template', prop: 'extraVolume', value: undefined, allowed: 'extraVolumes' },
  { name: 'min_replicas for minReplicas', class: 'unknown-props', build: pa({ min_replicas: 1 }), path: 'c/pa', prop: 'min_replicas', value: 1, allowed: 'minReplicas' },
  { name: 'nested: userRbac.defaultrole', class: 'unknown-props', build: nf({ userRbac: { defaultrole: 'role:readonly' } }), path: 'c/nf', prop: 'userRbac.defaultrole', value: 'role:readonly', allowed: 'defaultRole' },
  { name: 'ObjectStore option Bucket', class: 'unknown-props', build: (c) => admin({ objectStore: ObjectStore.minio({ ...STORE_OPTIONS, Bucket: 'flyte-data' } as any) })(c), path: 'ObjectStore.minio', prop: 'Bucket', value: 'flyte-data', allowed: 'bucket' },
  { name: 'nested: database.hostname', class: 'unknown-props', build: admin({ database: { ...DATABASE, hostname: 'pg' } }), path: 'c/admin', prop: 'database.hostname', value: 'pg', allowed: 'one of host, port' },
  { name: 'nested: resources.limit', class: 'unknown-props', build: nf({ resources: { limit: { cpu: '1' } } }), path: 'c/nf', prop: 'resources.limit', value: { cpu: '1' }, allowed: 'limits' },
  { name: 'nested: resources.requests.gpu', class: 'unknown-props', build: nf({ resources: { requests: { gpu: '1' } } }), path: 'c/nf', prop: 'resources.requests.gpu', value: '1', allowed: 'cpu' },
  { name: 'nested: ObjectStore option credentials.secret', class: 'unknown-props', build: (c) => task({ objectStore: ObjectStore.minio({ ...STORE_OPTIONS, credentials: { secret: secret('creds'), secretName: 'creds' } as any }) })(c), path: 'ObjectStore.minio', prop: 'credentials.secretName', value: 'creds', allowed: 'one of secret' },
  { name: 'nested: metric.target', class: 'unknown-props', build: pa({ metric: { name: 'm', targetValue: 1, target: 2 } }), path: 'c/pa', prop: 'metric.target', value: 2, allowed: 'one of name, targetValue' },
  { name: 'nested: issuer.Kind', class: 'unknown-props', build: () => TlsMode.certManager({ issuer: { name: 'ca', Kind: 'Issuer' } as any }), path: 'TlsMode.certManager', prop: 'issuer.Kind', value: 'Issuer', allowed: 'kind' },
  { name: 'fromSecret option trusts', class: 'unknown-props', build: () => TlsMode.fromSecretName('flyte-tls', { trusts: Trust.systemRoots() } as any), path: 'TlsMode.fromSecretName', prop: 'trusts', value: undefined, allowed: 'trust' },
  { name: 'Endpoint prop service', class: 'unknown-props', build: () => new Endpoint({ mode: TlsMode.disabled(), service: 'api', namespace: 'apps', port: 8080 } as any), path: 'Endpoint', prop: 'service', value: 'api', allowed: 'one of mode, serviceName' },
  { name: 'checkRestricted option skipp', class: 'unknown-props', build: () => checkRestricted([], { skipp: ['privileged'] } as any), path: 'checkRestricted', prop: 'options.skipp', value: ['privileged'], allowed: 'skip' },
  { name: 'checkManifests option skips', class: 'unknown-props', build: () => checkManifests([], { skips: ['name'] } as any), path: 'checkManifests', prop: 'options.skips', value: ['name'], allowed: 'skip' },
  { name: 'a stack spec with a name field', class: 'unknown-props', build: () => synthStacks([{ id: 'a', name: 'a', createChart: (s: any, id: string) => new Chart(s, id) } as any]), path: 'synthStacks', prop: 'stacks[0].name', value: 'a', allowed: 'id and createChart' },
  { name: 'a k8s field that does not exist (toleration.seconds)', class: 'unknown-props', build: nf({ tolerations: [{ key: 'dedicated', seconds: 300 }] }), path: 'c/nf', prop: 'tolerations[0].seconds', value: undefined, allowed: 'the fields of k8s.Toleration' },
];

/** Required props set to null, undefined or left out. */
const NULL_REQUIRED: BadInput[] = [
  { name: 'Numaflow tls null', class: 'null-required', build: nf({ tls: null }), path: 'c/nf', prop: 'tls', value: undefined, allowed: 'TlsMode factories' },
  { name: 'metrics-server tls undefined', class: 'null-required', build: ms({ tls: undefined }), path: 'c/ms', prop: 'tls', value: undefined, allowed: 'TlsMode factories' },
  { name: 'Admin tls null', class: 'null-required', build: admin({ tls: null }), path: 'c/admin', prop: 'tls', value: undefined, allowed: 'TlsMode factories' },
  { name: 'Admin database null', class: 'null-required', build: admin({ database: null }), path: 'c/admin', prop: 'database', value: undefined, allowed: 'passwordSecret' },
  { name: 'Admin objectStore undefined', class: 'null-required', build: admin({ objectStore: undefined }), path: 'c/admin', prop: 'objectStore', value: undefined, allowed: 'an ObjectStore' },
  { name: 'Admin store bucket null', class: 'null-required', build: (c) => admin({ objectStore: ObjectStore.s3({ bucket: null } as any) })(c), path: 'ObjectStore.s3', prop: 'bucket', value: null, allowed: 'a string' },
  { name: 'Admin database.username undefined', class: 'null-required', build: admin({ database: { ...DATABASE, username: undefined } }), path: 'c/admin', prop: 'database.username', value: undefined, allowed: 'a string' },
  { name: 'Console admin null', class: 'null-required', build: (c) => new Console(c, 'console', { admin: null } as any), path: 'c/console', prop: 'admin', value: undefined, allowed: 'SecureAdmin' },
  { name: 'FlytePodTemplate objectStore null', class: 'null-required', build: template({ objectStore: null }), path: 'c/template', prop: 'objectStore', value: undefined, allowed: 'an ObjectStore' },
  { name: 'CopilotPod image null', class: 'null-required', build: task({ image: null }), path: 'c/task', prop: 'image', value: undefined, allowed: 'image:tag' },
  { name: 'CopilotPod without objectStore and without a FlytePodTemplate', class: 'null-required', build: task({ objectStore: null }), path: 'c/task', prop: 'objectStore', value: undefined, allowed: STORE_HINT },
  { name: 'MinIO store without endpoint', class: 'null-required', build: () => ObjectStore.minio({ bucket: 'flyte-data' } as any), path: 'ObjectStore.minio', prop: 'endpoint', value: undefined, allowed: 'a string' },
  { name: 'PodAutoscaler maxReplicas null', class: 'null-required', build: pa({ maxReplicas: null }), path: 'c/pa', prop: 'maxReplicas', value: null, allowed: 'an integer' },
  { name: 'PodAutoscaler metric null', class: 'null-required', build: pa({ metric: null }), path: 'c/pa', prop: 'metric', value: null, allowed: 'AutoscalerMetric' },
  { name: 'PodAutoscaler target null', class: 'null-required', build: target, path: 'c/pa', prop: 'target', value: undefined, allowed: 'ScaleTarget.fromWorkload' },
  { name: 'PodAutoscaler strategy left out', class: 'null-required', build: (c) => new PodAutoscaler(c, 'pa', { target: ScaleTarget.fromServer(new NumaflowServer(c, 'target', { tls: TlsMode.disabled() })), metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 } as any), path: 'c/pa', prop: 'strategy', value: undefined, allowed: 'ScalingStrategy.HPA, KPA or APA' },
  { name: 'TlsMode.fromSecretName(null)', class: 'null-required', build: () => TlsMode.fromSecretName(null as any), path: 'TlsMode.fromSecretName', prop: 'secretName', value: null, allowed: 'lower-case' },
  { name: 'TlsMode.certManager issuer null', class: 'null-required', build: () => TlsMode.certManager({ issuer: null } as any), path: 'TlsMode.certManager', prop: 'issuer.name', value: undefined, allowed: 'Issuer or ClusterIssuer' },
  { name: 'Trust.caPem(undefined)', class: 'null-required', build: () => Trust.caPem(undefined as any), path: 'Trust.caPem', prop: 'pem', value: undefined, allowed: 'BEGIN CERTIFICATE' },
  { name: 'Endpoint mode null', class: 'null-required', build: () => new Endpoint({ mode: null, serviceName: 'api', namespace: 'apps', port: 8080 } as any), path: 'Endpoint', prop: 'mode', value: null, allowed: 'a TlsMode' },
  { name: 'ObjectStore.minio(null)', class: 'null-required', build: () => ObjectStore.minio(null as any), path: 'ObjectStore.minio', prop: 'bucket', value: undefined, allowed: 'a string' },
  { name: 'a store credentials secret undefined', class: 'null-required', build: () => ObjectStore.s3({ bucket: 'flyte-data', credentials: { secret: undefined } as any }), path: 'ObjectStore.s3', prop: 'credentials.secret', value: undefined, allowed: 'an ISecret' },
  { name: 'Admin props null', class: 'null-required', build: (c) => new SecureAdmin(c, 'admin', null as any), path: 'c/admin', prop: 'tls', value: undefined, allowed: 'a TlsMode' },
];

export const TYPE_INPUTS: BadInput[] = [...TYPES, ...UNKNOWN, ...NULL_REQUIRED];
