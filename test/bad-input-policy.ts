import { JsonPatch } from 'cdk8s';
import { Console, FlytePodTemplate, NumaflowServer, ObjectStore, ScaleTarget, Scheme, SecureAdmin, TlsMode } from '../lib';
import { admin, ADMIN_STORE, BadInput, ms, nf, pa, pair, STORE, STORE_OPTIONS, task, template } from './bad-input-case';
import { DATABASE, STORAGE } from './support/flyte-invariants';
import { secret } from './support/refs';

// What the constructs refuse by policy: names and labels the API server refuses, requests above
// limits, pods that Pod Security restricted refuses, secrets written inline, CORS open to every
// origin, and versions outside the release line a construct models.

const LABEL = 'lower-case letters, digits and \'-\', at most 63 characters';
const SUBDOMAIN = 'lower-case letters, digits, \'-\' and \'.\', at most 253 characters';
const LABEL_KV = 'a key like "team" or "example.com/team"';
const REFERENCE = 'a reference to a Secret';
const NO_CREDENTIALS = 'the URL without credentials';
const ORIGIN = 'an origin like "https://console.example.com"';
const SECRET_FILE = 'a key that names a file of a Secret the construct mounts';

const NAMES: BadInput[] = [
  { name: 'instance with upper case', class: 'names-labels', build: nf({ instance: 'Numaflow' }), path: 'c/nf', prop: 'instance', value: 'Numaflow', allowed: LABEL },
  { name: 'label key with a space', class: 'names-labels', build: nf({ labels: { 'bad key': 'x' } }), path: 'c/nf', prop: 'labels.bad key', value: 'x', allowed: LABEL_KV },
  { name: 'label value of 64 characters', class: 'names-labels', build: nf({ labels: { team: 'x'.repeat(64) } }), path: 'c/nf', prop: 'labels.team', value: 'x'.repeat(64), allowed: LABEL_KV },
  { name: 'label value with a slash', class: 'names-labels', build: ms({ labels: { team: 'a/b' } }), path: 'c/ms', prop: 'labels.team', value: 'a/b', allowed: LABEL_KV },
  { name: 'label key prefix with upper case', class: 'names-labels', build: nf({ labels: { 'Example.COM/team': 'x' } }), path: 'c/nf', prop: 'labels.Example.COM/team', value: 'x', allowed: LABEL_KV },
  { name: 'annotation key with a space', class: 'names-labels', build: admin({ annotations: { 'a b': 'x' } }), path: 'c/admin', prop: 'annotations.a b', value: 'x', allowed: 'a key like "example.com/note"' },
  { name: 'node selector value with a space', class: 'names-labels', build: nf({ nodeSelector: { 'kubernetes.io/os': 'linux os' } }), path: 'c/nf', prop: 'nodeSelector.kubernetes.io/os', value: 'linux os', allowed: LABEL_KV },
  { name: 'namespace of 64 characters', class: 'names-labels', build: nf({ namespace: 'a'.repeat(64) }), path: 'c/nf', prop: 'namespace', value: 'a'.repeat(64), allowed: LABEL },
  { name: 'namespace with a dot', class: 'names-labels', build: admin({ namespace: 'flyte.prod' }), path: 'c/admin', prop: 'namespace', value: 'flyte.prod', allowed: LABEL },
  { name: 'cluster domain with an underscore', class: 'names-labels', build: nf({ clusterDomain: 'Cluster_Local' }), path: 'c/nf', prop: 'clusterDomain', value: 'Cluster_Local', allowed: SUBDOMAIN },
  { name: 'priority class with a space', class: 'names-labels', build: ms({ priorityClassName: 'High Priority' }), path: 'c/ms', prop: 'priorityClassName', value: 'High Priority', allowed: SUBDOMAIN },
  { name: 'image pull Secret with a space', class: 'names-labels', build: nf({ imagePullSecrets: [secret('Reg Creds')] }), path: 'c/nf', prop: 'imagePullSecrets[0].name', value: 'Reg Creds', allowed: SUBDOMAIN },
  { name: 'pod template name with an underscore', class: 'names-labels', build: template({ name: 'Flyte_Template' }), path: 'c/template', prop: 'name', value: 'Flyte_Template', allowed: SUBDOMAIN },
  { name: 'task namespace with upper case', class: 'names-labels', build: template({ taskNamespaces: ['Team-A'] }), path: 'c/template', prop: 'taskNamespaces[0]', value: 'Team-A', allowed: LABEL },
  { name: 'copilot pod name with a dot', class: 'names-labels', build: task({ name: 'task.1' }), path: 'c/task', prop: 'name', value: 'task.1', allowed: LABEL },
  { name: 'autoscaler name with upper case', class: 'names-labels', build: pa({ name: 'PA' }), path: 'c/pa', prop: 'name', value: 'PA', allowed: SUBDOMAIN },
  { name: 'raw scale target name with a space', class: 'names-labels', build: () => ScaleTarget.fromWorkload({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'Bad Name', namespace: 'serving', scheme: Scheme.HTTP, port: 8080 }), path: 'ScaleTarget.fromWorkload', prop: 'name', value: 'Bad Name', allowed: SUBDOMAIN },
  { name: 'auth Secret name with upper case', class: 'names-labels', build: admin({ useAuth: true, authSecret: secret('Flyte-Auth') }), path: 'c/admin', prop: 'authSecret.name', value: 'Flyte-Auth', allowed: SUBDOMAIN },
];

/** Requests the user gave above limits, the user's or the component's (limits alone lower the default requests instead). */
const RESOURCES: BadInput[] = [
  { name: 'Numaflow cpu request above the default limit 500m', class: 'resources', build: nf({ resources: { requests: { cpu: '2' } } }), path: 'c/nf', prop: 'resources.requests.cpu', value: '2', allowed: 'resources.limits as well' },
  { name: 'Numaflow memory request above its own limit', class: 'resources', build: nf({ resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } }), path: 'c/nf', prop: 'resources.requests.memory', value: '2Gi', allowed: 'a request <= 1Gi' },
  { name: 'Numaflow request above its own limit', class: 'resources', build: nf({ resources: { requests: { cpu: '1' }, limits: { cpu: '500m' } } }), path: 'c/nf', prop: 'resources.requests.cpu', value: '1', allowed: 'a request <= 500m' },
  { name: 'Admin memory request above the default limit 500Mi', class: 'resources', build: admin({ resources: { requests: { memory: '1Gi' } } }), path: 'c/admin', prop: 'resources.requests.memory', value: '1Gi', allowed: 'a request <= 500Mi' },
  { name: 'Admin cpu request above its own limit', class: 'resources', build: admin({ resources: { requests: { cpu: '1' }, limits: { cpu: '500m' } } }), path: 'c/admin', prop: 'resources.requests.cpu', value: '1', allowed: 'a request <= 500m' },
  { name: 'Console memory request above the default limit 250Mi', class: 'resources', build: pair({}, { resources: { requests: { memory: '1Gi' } } }), path: 'c/console', prop: 'resources.requests.memory', value: '1Gi', allowed: 'a request <= 250Mi' },
  { name: 'metrics-server request above its own limit', class: 'resources', build: ms({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }), path: 'c/ms', prop: 'resources.requests.cpu', value: '2', allowed: 'a request <= 1' },
  { name: 'metrics-server memory request above its own limit', class: 'resources', build: ms({ resources: { requests: { memory: '1Gi' }, limits: { memory: '500Mi' } } }), path: 'c/ms', prop: 'resources.requests.memory', value: '1Gi', allowed: 'a request <= 500Mi' },
  { name: 'pod template request above its limit', class: 'resources', build: template({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }), path: 'c/template', prop: 'resources.requests.cpu', value: '2', allowed: 'a request <= 1' },
  { name: 'copilot task request above its limit', class: 'resources', build: task({ resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } }), path: 'c/task', prop: 'resources.requests.memory', value: '2Gi', allowed: 'a request <= 1Gi' },
  { name: 'negative quantity', class: 'resources', build: nf({ resources: { requests: { cpu: '-1' } } }), path: 'c/nf', prop: 'resources.requests.cpu', value: '-1', allowed: '"100m"' },
  { name: 'a number where a quantity string goes', class: 'resources', build: ms({ resources: { limits: { memory: 512 } } }), path: 'c/ms', prop: 'resources.limits.memory', value: 512, allowed: 'a string' },
];

/** Pods that Pod Security restricted (v1.28) refuses. */
const RESTRICTED: BadInput[] = [
  { name: 'hostPath volume in every task pod', class: 'restricted', build: template({ extraVolumes: [{ name: 'host', hostPath: { path: '/var/run' } }] }), path: 'c/template', prop: 'extraVolumes[0].hostPath', value: 'host', allowed: 'a volume of a source restricted allows' },
  { name: 'hostPath as the second extra volume', class: 'restricted', build: template({ extraVolumes: [{ name: 'ok', emptyDir: {} }, { name: 'host', hostPath: { path: '/' } }] }), path: 'c/template', prop: 'extraVolumes[1].hostPath', value: 'host', allowed: 'configMap, csi' },
  { name: 'NFS volume in every task pod', class: 'restricted', build: template({ extraVolumes: [{ name: 'nfs', nfs: { server: 'nfs.example.com', path: '/exports' } }] }), path: 'c/template', prop: 'extraVolumes[0].nfs', value: 'nfs', allowed: 'persistentVolumeClaim' },
  { name: 'gitRepo volume in every task pod', class: 'restricted', build: template({ extraVolumes: [{ name: 'repo', gitRepo: { repository: 'https://example.com/r.git' } }] }), path: 'c/template', prop: 'extraVolumes[0].gitRepo', value: 'repo', allowed: 'emptyDir' },
  { name: 'iSCSI volume in every task pod', class: 'restricted', build: template({ extraVolumes: [{ name: 'disk', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:disk', lun: 0 } }] }), path: 'c/template', prop: 'extraVolumes[0].iscsi', value: 'disk', allowed: 'projected' },
  { name: 'task pods as root (runAsUser 0)', class: 'restricted', build: template({ runAsUser: 0 }), path: 'c/template', prop: 'runAsUser', value: 0, allowed: 'a UID from 1' },
  { name: 'a user template with a privileged entry', class: 'restricted', build: task({ podTemplateSpec: { spec: { containers: [{ name: 'default', image: 'noop', securityContext: { privileged: true } }] } } }), path: 'c/task', prop: 'podTemplateSpec', value: 'PodTemplateSpec', allowed: 'the restricted security context on "default" and "default-init"' },
  { name: 'a user template without security contexts', class: 'restricted', build: task({ podTemplateSpec: { spec: { containers: [{ name: 'default', image: 'noop' }] } } }), path: 'c/task', prop: 'podTemplateSpec', value: 'PodTemplateSpec', allowed: 'the restricted security context on "default" and "default-init"' },
  { name: 'a user template on the host network', class: 'restricted', build: task({ podTemplateSpec: { spec: { hostNetwork: true, containers: [{ name: 'default', image: 'noop' }] } } }), path: 'c/task', prop: 'podTemplateSpec', value: 'PodTemplateSpec', allowed: 'the restricted security context on "default" and "default-init"' },
  { name: 'patched capabilities on the pod template', class: 'restricted', at: 'synth', build: (c) => new FlytePodTemplate(c, 'template', { objectStore: STORE }).podTemplate.addJsonPatch(JsonPatch.add('/template/spec/containers/0/securityContext/capabilities/add', ['SYS_ADMIN'])), path: 'c/template/PodTemplate', prop: 'template.spec.containers[0]', value: undefined, allowed: 'list "capabilities_baseline" in the cdk8s-tls-constructs/pod-security-exceptions annotation' },
  { name: 'patched hostPath volume on the pod template', class: 'restricted', at: 'synth', build: (c) => new FlytePodTemplate(c, 'template', { objectStore: STORE }).podTemplate.addJsonPatch(JsonPatch.add('/template/spec/volumes', [{ name: 'h', hostPath: { path: '/' } }])), path: 'c/template/PodTemplate', prop: 'template.spec', value: undefined, allowed: 'list "hostpathvolumes"' },
  { name: 'patched runAsNonRoot false on Numaflow', class: 'restricted', at: 'synth', build: (c) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }).deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/securityContext/runAsNonRoot', false)), path: 'c/nf/Workload/Deployment', prop: 'spec.template.spec', value: undefined, allowed: 'list "runasnonroot"' },
];

/** Secrets typed inline, wherever they can enter. */
const SECRETS: BadInput[] = [
  { name: 'credentials in Admin publicUrl', class: 'secrets', build: admin({ publicUrl: 'https://admin:hunter2@flyte.example.com' }), path: 'c/admin', prop: 'publicUrl', value: 'https://***@flyte.example.com', allowed: ORIGIN },
  { name: 'credentials in Numaflow publicUrl', class: 'secrets', build: nf({ publicUrl: 'http://admin:hunter2@numaflow.example.com' }), path: 'c/nf', prop: 'publicUrl', value: 'http://***@numaflow.example.com', allowed: ORIGIN },
  { name: 'credentials in Console publicOrigin', class: 'secrets', build: (c) => new Console(c, 'console', { admin: new SecureAdmin(c, 'a', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE }), publicOrigin: 'http://u:p@console.example.com' }), path: 'c/console', prop: 'publicOrigin', value: 'http://***@console.example.com', allowed: ORIGIN },
  { name: 'credentials in Admin\'s store endpoint', class: 'secrets', build: (c) => admin({ objectStore: ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: 'http://minio:minio123@minio.flyte.svc:9000' }) })(c), path: 'ObjectStore.minio', prop: 'endpoint', value: 'http://***@minio.flyte.svc:9000', allowed: 'credentials (a Secret) for the keys' },
  { name: 'an access key as the user of copilot\'s store endpoint', class: 'secrets', build: (c) => task({ objectStore: ObjectStore.s3({ ...STORE_OPTIONS, endpoint: 'https://AKIAEXAMPLE@s3.example.com' }) })(c), path: 'ObjectStore.s3', prop: 'endpoint', value: 'https://***@s3.example.com', allowed: 'credentials (a Secret) for the keys' },
  { name: 'credentials in a Numaflow extra arg', class: 'secrets', build: nf({ extraArgs: ['--daemon-client-protocol=https://u:p@daemon'] }), path: 'c/nf', prop: 'extraArgs[0]', value: 'https://u:***@daemon', allowed: NO_CREDENTIALS },
  { name: 'a literal --kubelet-password extra arg', class: 'secrets', build: ms({ extraArgs: ['--kubelet-password=hunter2'] }), path: 'c/ms', prop: 'extraArgs[0]', value: '(redacted)', allowed: REFERENCE },
  { name: 'a literal secret as the next argument (--token abc)', class: 'secrets', build: ms({ extraArgs: ['--token', 'abc'] }), path: 'c/ms', prop: 'extraArgs[0]', value: '(redacted)', allowed: REFERENCE },
  { name: 'credentials in an extra env value', class: 'secrets', build: nf({ extraEnv: [{ name: 'PROMETHEUS_URL', value: 'http://u:p@prometheus:9090' }] }), path: 'c/nf', prop: 'extraEnv[0].value', value: 'http://u:***@prometheus:9090', allowed: NO_CREDENTIALS },
  { name: 'a literal AWS_SECRET_ACCESS_KEY env on Admin', class: 'secrets', build: admin({ extraEnv: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'abc' }] }), path: 'c/admin', prop: 'extraEnv[0]', value: 'AWS_SECRET_ACCESS_KEY', allowed: 'objectStore credentials' },
  { name: 'a literal AWS_SESSION_TOKEN env on Admin', class: 'secrets', build: admin({ extraEnv: [{ name: 'AWS_SESSION_TOKEN', value: 'abc' }] }), path: 'c/admin', prop: 'extraEnv[0].value', value: '(redacted)', allowed: 'valueFrom.secretKeyRef' },
  { name: 'a literal secret env on the Console', class: 'secrets', build: pair({}, { extraEnv: [{ name: 'SECRET_KEY', value: 'x' }] }), path: 'c/console', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'Flyte config: a nested clientSecret', class: 'secrets', build: admin({ extraConfig: { auth: { appAuth: { selfAuthServer: { staticClients: { flytectl: { clientSecret: 'hunter2' } } } } } } }), path: 'c/admin', prop: 'extraConfig.auth.appAuth.selfAuthServer.staticClients.flytectl.clientSecret', value: '(redacted)', allowed: SECRET_FILE },
  { name: 'Flyte config: an upper-case PASSWORD key', class: 'secrets', build: admin({ extraConfig: { auth: { PASSWORD: 'x' } } }), path: 'c/admin', prop: 'extraConfig.auth.PASSWORD', value: '(redacted)', allowed: SECRET_FILE },
  { name: 'Flyte config: a dotted clientSecret key', class: 'secrets', build: admin({ extraConfig: { auth: { 'userAuth.openId.clientSecret': 'x' } } }), path: 'c/admin', prop: 'extraConfig.auth.userAuth.openId.clientSecret', value: '(redacted)', allowed: SECRET_FILE },
  { name: 'Flyte config: Database.Postgres.Password in another case', class: 'secrets', build: admin({ extraConfig: { Database: { 'Postgres.Password': 'x' } } }), path: 'c/admin', prop: 'extraConfig.Database.Postgres.Password', value: '(redacted)', allowed: 'database.passwordSecret' },
  { name: 'Flyte config: an inline storage access-key', class: 'secrets', build: admin({ extraConfig: { storage: { connection: { 'access-key': 'AKIA' } } } }), path: 'c/admin', prop: 'extraConfig.storage.connection.access-key', value: '(redacted)', allowed: 'the objectStore prop (its credentials: a Secret)' },
  { name: 'Flyte config: credentials in a URL', class: 'secrets', build: admin({ extraConfig: { logger: { sink: 'https://u:p@logs.example.com' } } }), path: 'c/admin', prop: 'extraConfig.logger.sink', value: 'https://u:***@logs.example.com', allowed: NO_CREDENTIALS },
  { name: 'a plain-text database password', class: 'secrets', build: admin({ database: { ...DATABASE, password: 'hunter2' } }), path: 'c/admin', prop: 'database.password', value: '(redacted)', allowed: 'database.passwordSecret' },
  { name: 'credentials in an annotation', class: 'secrets', build: admin({ annotations: { 'example.com/db': 'postgres://flyte:hunter2@db' } }), path: 'c/admin', prop: 'annotations.example.com/db', value: 'postgres://flyte:***@db', allowed: NO_CREDENTIALS },
  { name: 'credentials in Numaflow metricsProxyConfig', class: 'secrets', build: nf({ metricsProxyConfig: 'url: http://admin:pw@prometheus:9090\n' }), path: 'c/nf', prop: 'metricsProxyConfig', value: 'http://admin:***@prometheus:9090', allowed: NO_CREDENTIALS },
  { name: 'a password key in Numaflow metricsProxyConfig', class: 'secrets', at: 'synth', build: nf({ metricsProxyConfig: 'url: http://prometheus:9090\npassword: hunter2\n' }), path: 'c/nf/MetricsProxyConfig', prop: 'data[config.yaml]', value: '***', allowed: 'move password to a Secret' },
  { name: 'a literal --password in the task args', class: 'secrets', build: task({ args: ['--password=x'] }), path: 'c/task', prop: 'args[0]', value: '(redacted)', allowed: REFERENCE },
  { name: 'credentials in the task command', class: 'secrets', build: task({ command: ['sh', '-c', 'curl https://u:p@example.com'] }), path: 'c/task', prop: 'command[2]', value: 'https://u:***@example.com', allowed: NO_CREDENTIALS },
  { name: 'a literal Flyte config secret as an Admin flag', class: 'secrets', build: admin({ extraArgs: ['--auth.appAuth.thirdPartyConfig.flyteClient.clientSecret=x'] }), path: 'c/admin', prop: 'extraArgs[0]', value: '(redacted)', allowed: REFERENCE },
  { name: 'a literal Flyte config secret as a dotted env var', class: 'secrets', build: admin({ extraEnv: [{ name: 'AUTH.CLIENTSECRET', value: 'x' }] }), path: 'c/admin', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'credentials in a Numaflow RBAC policy line', class: 'secrets', at: 'synth', build: nf({ userRbac: { policy: ['p, https://u:p@x, *, *, *'] } }), path: 'c/nf/RbacConfig', prop: 'data[rbac-policy.csv]', value: 'https://u:***@x,', allowed: 'write $(VAR) in place of the password' },
];

/** CORS open to every origin, wherever it can be set. */
const CORS: BadInput[] = [
  { name: 'Numaflow wildcard subdomain origin', class: 'cors', build: nf({ corsAllowedOrigins: ['https://*.example.com'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: 'https://*.example.com', allowed: 'no "*"' },
  { name: 'Numaflow "*" after an exact origin', class: 'cors', build: nf({ corsAllowedOrigins: ['https://ui.example.com', '*'] }), path: 'c/nf', prop: 'corsAllowedOrigins[1]', value: '*', allowed: 'no "*"' },
  { name: 'Numaflow --cors-allowed-origins=* as an extra arg', class: 'cors', build: nf({ extraArgs: ['--cors-allowed-origins=*'] }), path: 'c/nf', prop: 'extraArgs[0]', value: '--cors-allowed-origins=*', allowed: 'the typed prop' },
  { name: 'Numaflow NUMAFLOW_SERVER_CORS_ALLOWED_ORIGINS env', class: 'cors', build: nf({ extraEnv: [{ name: 'NUMAFLOW_SERVER_CORS_ALLOWED_ORIGINS', value: '*' }] }), path: 'c/nf', prop: 'extraEnv[0]', value: 'NUMAFLOW_SERVER_CORS_ALLOWED_ORIGINS', allowed: 'the typed prop' },
  { name: 'Admin extraConfig setting allowedOrigins', class: 'cors', build: admin({ extraConfig: { server: { security: { allowedOrigins: ['*'] } } } }), path: 'c/admin', prop: 'extraConfig.server.security.allowedOrigins', value: ['*'], allowed: 'the allowedOrigins prop or admin.allowOrigin()' },
  { name: 'Admin extraConfig setting AllowCors in another case', class: 'cors', build: admin({ extraConfig: { Server: { Security: { AllowCors: true } } } }), path: 'c/admin', prop: 'extraConfig.Server.Security.AllowCors', value: true, allowed: 'the allowedOrigins prop' },
  { name: 'Admin extraConfig dotted server.security.allowedOrigins', class: 'cors', build: admin({ extraConfig: { 'server.security.allowedOrigins': ['*'] } }), path: 'c/admin', prop: 'extraConfig.server.security.allowedOrigins', value: ['*'], allowed: 'the allowedOrigins prop' },
  { name: 'Admin --server.security.allowedOrigins=* extra arg', class: 'cors', build: admin({ extraArgs: ['--server.security.allowedOrigins=*'] }), path: 'c/admin', prop: 'extraArgs[0]', value: '--server.security.allowedOrigins=*', allowed: 'the allowedOrigins prop' },
  { name: 'Admin SERVER.SECURITY.ALLOWEDORIGINS env', class: 'cors', build: admin({ extraEnv: [{ name: 'SERVER.SECURITY.ALLOWEDORIGINS', value: '*' }] }), path: 'c/admin', prop: 'extraEnv[0]', value: 'SERVER.SECURITY.ALLOWEDORIGINS', allowed: 'the allowedOrigins prop' },
  { name: 'Admin server.security.allowCors env', class: 'cors', build: admin({ extraEnv: [{ name: 'server.security.allowCors', value: 'true' }] }), path: 'c/admin', prop: 'extraEnv[0]', value: 'server.security.allowCors', allowed: 'the allowedOrigins prop' },
  { name: 'admin.allowOrigin("*")', class: 'cors', constructStays: true, build: (c) => (admin()(c) as SecureAdmin).allowOrigin('*'), path: 'c/admin', prop: 'origin', value: '*', allowed: 'no "*"' },
];

/** Versions outside the line a construct models: later majors, too old, not semver, not strings. */
const VERSIONS: BadInput[] = [
  { name: 'Numaflow v2', class: 'versions', build: nf({ version: 'v2.0.0' }), path: 'c/nf', prop: 'version', value: 'v2.0.0', allowed: 'a version of the 1.x line' },
  { name: 'Numaflow v2 release candidate', class: 'versions', build: nf({ version: 'v2.0.0-rc1' }), path: 'c/nf', prop: 'version', value: 'v2.0.0-rc1', allowed: 'a version of the 1.x line' },
  { name: 'metrics-server v1', class: 'versions', build: ms({ version: 'v1.0.0' }), path: 'c/ms', prop: 'version', value: 'v1.0.0', allowed: 'a version of the 0.x line' },
  { name: 'Flyte Admin v2', class: 'versions', build: admin({ version: 'v2.0.0' }), path: 'c/admin', prop: 'version', value: 'v2.0.0', allowed: 'a version of the 1.x line' },
  { name: 'Console v2', class: 'versions', build: pair({}, { version: '2.0.0' }), path: 'c/console', prop: 'version', value: '2.0.0', allowed: 'a version of the 1.x line' },
  { name: 'Console too old', class: 'versions', build: pair({}, { version: 'v0.9.0' }), path: 'c/console', prop: 'version', value: 'v0.9.0', allowed: 'a version >= v1.10.0' },
  { name: 'Flyte 2 for the pod template', class: 'versions', build: template({ flyteVersion: '2.0.0' }), path: 'c/template', prop: 'flyteVersion', value: '2.0.0', allowed: 'a version of the 1.x line' },
  { name: 'Flyte 2 beta for copilot', class: 'versions', build: task({ flyteVersion: 'v2.0.0-beta.1' }), path: 'c/task', prop: 'flyteVersion', value: 'v2.0.0-beta.1', allowed: 'a version of the 1.x line' },
  { name: 'AIbrix v1', class: 'versions', build: pa({ aibrixVersion: 'v1.0.0' }), path: 'c/pa', prop: 'aibrixVersion', value: 'v1.0.0', allowed: 'a version of the 0.x line' },
  { name: 'a version without patch', class: 'versions', build: ms({ version: '0.7' }), path: 'c/ms', prop: 'version', value: '0.7', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'a version with leading zeros', class: 'versions', build: nf({ version: 'v1.08.0' }), path: 'c/nf', prop: 'version', value: 'v1.08.0', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'a version with a trailing space', class: 'versions', build: ms({ version: 'v0.7.0 ' }), path: 'c/ms', prop: 'version', value: 'v0.7.0 ', allowed: 'MAJOR.MINOR.PATCH' },
  { name: 'a number for a version', class: 'versions', build: pa({ aibrixVersion: 0.4 }), path: 'c/pa', prop: 'aibrixVersion', value: 0.4, allowed: 'a string' },
  { name: 'a Kubernetes version that is no version', class: 'versions', build: task({ kubernetesVersion: 'latest' }), path: 'c/task', prop: 'kubernetesVersion', value: 'latest', allowed: 'v1.29.3-eks-adc7111' },
  { name: 'a number for the Kubernetes version', class: 'versions', build: task({ kubernetesVersion: 1.29 }), path: 'c/task', prop: 'kubernetesVersion', value: 1.29, allowed: 'a string' },
  { name: 'Admin v1.13.2 with TLS and a cross-origin Console (synth)', class: 'versions', at: 'synth', build: (c) => new Console(c, 'console', { admin: admin({ tls: TlsMode.fromSecretName('flyte-tls'), version: 'v1.13.2', publicUrl: 'https://flyte.example.com' })(c) as SecureAdmin, publicOrigin: 'https://console.example.com' }), path: 'c/admin', prop: 'version', value: 'v1.13.2', allowed: 'version >= v1.13.3' },
];

/** Values of the right type that no manifest can carry. */
const VALUES: BadInput[] = [
  { name: 'replicas above int32', class: 'values', build: nf({ replicas: 2 ** 31 }), path: 'c/nf', prop: 'replicas', value: 2 ** 31, allowed: 'at most 2147483647' },
  { name: 'maxReplicas above int32', class: 'values', build: pa({ maxReplicas: 2 ** 31 }), path: 'c/pa', prop: 'maxReplicas', value: 2 ** 31, allowed: 'at most 2147483647' },
  { name: 'a targetValue written in exponent notation (1e-7)', class: 'values', build: pa({ metric: { name: 'm', targetValue: 1e-7 } }), path: 'c/pa', prop: 'metric.targetValue', value: 1e-7, allowed: 'from 0.000001' },
];

export const POLICY_INPUTS: BadInput[] = [...NAMES, ...RESOURCES, ...RESTRICTED, ...SECRETS, ...CORS, ...VERSIONS, ...VALUES];
