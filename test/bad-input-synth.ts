import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  Console, CopilotPod, FlytePodTemplate, MetricsServer, NumaflowServer, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, synthStacks, TlsMode,
} from '../lib';
import { ADMIN_STORE, BadInput, C0, STORE } from './bad-input-case';
import { DATABASE } from './support/flyte-invariants';

// Refused at synth: escape-hatch edits of the objects the constructs expose (JSON patches and
// direct edits), and objects emitted twice. The one synth-time pass checks the final JSON of every
// object and throws one ValidationError whose first refusal is checked here.

const CA = fs.readFileSync(path.join(__dirname, 'support/fixtures/ca.crt.pem'), 'utf8');
const newNf = (c: Chart, id = 'nf', props: any = {}) => new NumaflowServer(c, id, { tls: TlsMode.disabled(), ...props });
const newAdmin = (c: Chart, id = 'admin', props: any = {}) => new SecureAdmin(c, id, { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE, ...props });
/** A patch of the Numaflow server's Deployment. */
const patchNf = (...patches: JsonPatch[]) => (c: Chart) => newNf(c).deployment.addJsonPatch(...patches);
const NF_DEPLOYMENT = 'c/nf/Workload/Deployment';
const ADMIN_DEPLOYMENT = 'c/admin/Workload/Deployment';
const LIVENESS = 'spec.template.spec.containers[0].livenessProbe.httpGet';
const stack = (build: (c: Chart) => unknown) => (scope: any, id: string) => {
  const chart = new Chart(scope, id);
  build(chart);
  return chart;
};

/** Escape hatches that break what the construct derived: each refused at synth. */
const PATCHES: BadInput[] = [
  { name: 'patch: a container port the probes no longer reach', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace(`${C0}/ports/0/containerPort`, 9999)), path: NF_DEPLOYMENT, prop: `${LIVENESS}.port`, value: 'http', allowed: 'probe port 8080 with scheme HTTP' },
  { name: 'patch: a renamed container port the probes and Service name', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace(`${C0}/ports/0/name`, 'web')), path: NF_DEPLOYMENT, prop: `${LIVENESS}.port`, value: 'http', allowed: 'target a port that container "main" declares' },
  { name: 'patch: a probe port no container declares', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace(`${C0}/livenessProbe/httpGet/port`, 'nope')), path: NF_DEPLOYMENT, prop: `${LIVENESS}.port`, value: 'nope', allowed: 'target a port that container "main" declares ("http" (8080))' },
  { name: 'patch: an HTTPS probe of the plain-HTTP server', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace(`${C0}/livenessProbe/httpGet/scheme`, 'HTTPS')), path: NF_DEPLOYMENT, prop: `${LIVENESS}.scheme`, value: 'HTTPS', allowed: 'set livenessProbe.httpGet.scheme to HTTP' },
  { name: 'patch: a mount of a volume the pod lacks', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace(`${C0}/volumeMounts/0/name`, 'ghost')), path: NF_DEPLOYMENT, prop: 'spec.template.spec.containers[0].volumeMounts[0].name', value: 'ghost', allowed: 'mount one of the pod\'s volumes' },
  { name: 'patch: a label key the API server refuses', class: 'patches', at: 'synth', build: patchNf(JsonPatch.add('/metadata/labels/bad key', 'x')), path: NF_DEPLOYMENT, prop: 'metadata.labels[bad key]', value: 'bad key', allowed: 'a key of an optional DNS-1123 subdomain prefix' },
  { name: 'patch: an object name the API server refuses', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace('/metadata/name', 'Numaflow_Server')), path: NF_DEPLOYMENT, prop: 'metadata.name', value: 'Numaflow_Server', allowed: 'lower-case letters, digits' },
  { name: 'patch: a privileged container (Pod Security restricted)', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace(`${C0}/securityContext/privileged`, true)), path: NF_DEPLOYMENT, prop: 'spec.template.spec.containers[0]', value: undefined, allowed: 'list "privileged" in the cdk8s-tls-constructs/pod-security-exceptions annotation' },
  { name: 'patch: a request above the limit', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace(`${C0}/resources/requests/cpu`, '2')), path: NF_DEPLOYMENT, prop: 'spec.template.spec.containers[0].resources.requests[cpu]', value: '2', allowed: 'request at most the limit ("500m")' },
  { name: 'patch: Admin config turned to plain HTTP under HTTPS probes', class: 'patches', at: 'synth', build: (c) => newAdmin(c, 'admin', { tls: TlsMode.fromSecretName('flyte-tls') }).configMap.addJsonPatch(JsonPatch.replace('/data/server.yaml', 'server:\n  httpPort: 8088\n  security:\n    secure: false\n')), path: ADMIN_DEPLOYMENT, prop: `${LIVENESS}.scheme`, value: 'HTTPS', allowed: 'set livenessProbe.httpGet.scheme to HTTP' },
  { name: 'patch: the Console told to serve HTTPS under HTTP probes', class: 'patches', at: 'synth', build: (c) => new Console(c, 'console', { admin: newAdmin(c) }).configMap.addJsonPatch(JsonPatch.add('/data/ADMIN_API_USE_SSL', 'https')), path: 'c/console/Workload/Deployment', prop: `${LIVENESS}.scheme`, value: 'HTTP', allowed: 'set livenessProbe.httpGet.scheme to HTTPS' },
  { name: 'patch: a caBundle beside the APIService\'s skip-verify', class: 'patches', at: 'synth', build: (c) => new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() }).apiService.addJsonPatch(JsonPatch.add('/spec/caBundle', Buffer.from(CA).toString('base64'))), path: 'c/ms/ApiService', prop: 'spec.insecureSkipTLSVerify', value: true, allowed: 'drop insecureSkipTLSVerify' },
  { name: 'patch: Admin CORS opened to "*" in its config', class: 'patches', at: 'synth', build: (c) => newAdmin(c).configMap.addJsonPatch(JsonPatch.replace('/data/server.yaml', 'server:\n  httpPort: 8088\n  grpc:\n    port: 8089\n  security:\n    secure: false\n    allowCors: true\n    allowedOrigins: ["*"]\n')), path: ADMIN_DEPLOYMENT, prop: 'spec.template.spec.containers[0]', value: ['*'], allowed: 'set server.security.allowedOrigins to the exact origins' },
  { name: 'patch: Numaflow --cors-allowed-origins=* appended', class: 'patches', at: 'synth', build: patchNf(JsonPatch.add(`${C0}/args/-`, '--cors-allowed-origins=*')), path: NF_DEPLOYMENT, prop: 'spec.template.spec.containers[0].args[8]', value: '*', allowed: 'list the exact origins' },
  { name: 'patch: a literal password env var', class: 'patches', at: 'synth', build: patchNf(JsonPatch.add(`${C0}/env/-`, { name: 'DB_PASSWORD', value: 'hunter2' })), path: NF_DEPLOYMENT, prop: 'spec.template.spec.containers[0].env[1].value', value: '***', allowed: 'valueFrom.secretKeyRef' },
  { name: 'patch: a secret key added to Admin\'s ConfigMap', class: 'patches', at: 'synth', build: (c) => newAdmin(c).configMap.addJsonPatch(JsonPatch.add('/data/auth.yaml', 'auth:\n  clientSecret: hunter2\n')), path: 'c/admin/Config', prop: 'data[auth.yaml]', value: '***', allowed: 'move auth.clientSecret to a Secret' },
  { name: 'patch: a path that does not exist', class: 'patches', at: 'synth', build: patchNf(JsonPatch.replace('/spec/nope/x', 1)), path: NF_DEPLOYMENT, prop: 'toJson', value: undefined, allowed: 'JSON patches whose paths exist' },
  { name: 'direct edit: metadata.addLabel with a bad key', class: 'patches', at: 'synth', build: (c) => newNf(c).deployment.metadata.addLabel('bad key', 'x'), path: NF_DEPLOYMENT, prop: 'metadata.labels[bad key]', value: 'bad key', allowed: 'a key of an optional DNS-1123 subdomain prefix' },
  { name: 'direct edit: an annotation with a password on the APIService', class: 'patches', at: 'synth', build: (c) => new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() }).apiService.metadata.addAnnotation('example.com/upstream', 'https://admin:hunter2@metrics.example.com'), path: 'c/ms/ApiService', prop: 'metadata.annotations[example.com/upstream]', value: 'https://admin:***@metrics.example.com', allowed: 'write $(VAR) in place of the password' },
];

/** Two constructs (or a construct and the user's own object) emitting one object. */
const DUPLICATES: BadInput[] = [
  { name: 'two Admins in one namespace', class: 'duplicates', at: 'synth', build: (c) => [newAdmin(c, 'a1'), newAdmin(c, 'a2')], path: 'c/a2', prop: 'namespace', value: 'flyte', allowed: 'one Flyte Admin per namespace' },
  { name: 'two Consoles of one Admin in one namespace', class: 'duplicates', at: 'synth', build: (c) => { const a = newAdmin(c); new Console(c, 'k1', { admin: a }); new Console(c, 'k2', { admin: a, publicOrigin: 'http://localhost:8081' }); }, path: 'c/k2', prop: 'namespace', value: 'flyte', allowed: 'another namespace for one of them' },
  { name: 'two MetricsServers (one APIService and cluster roles per cluster)', class: 'duplicates', at: 'synth', build: (c) => [new MetricsServer(c, 'm1', { tls: TlsMode.selfSigned() }), new MetricsServer(c, 'm2', { tls: TlsMode.selfSigned(), namespace: 'monitoring' })], path: 'c/m2/Workload/AggregatedReader', prop: 'metadata.name', value: 'system:aggregated-metrics-reader', allowed: 'emit the object once, or give one of them another name' },
  { name: 'two NumaflowServers in one namespace', class: 'duplicates', at: 'synth', build: (c) => [newNf(c, 'n1'), newNf(c, 'n2')], path: 'c/n2', prop: 'namespace', value: 'numaflow-system', allowed: 'instance changes only labels' },
  { name: 'two FlytePodTemplates of the default name', class: 'duplicates', at: 'synth', build: (c) => [new FlytePodTemplate(c, 't1', { objectStore: STORE }), new FlytePodTemplate(c, 't2', { objectStore: STORE })], path: 'c/t2', prop: 'name', value: 'flyte-template', allowed: 'another name for one of the templates' },
  { name: 'two CopilotPods of the default name', class: 'duplicates', at: 'synth', build: (c) => { const t = new FlytePodTemplate(c, 't', { objectStore: STORE }); new CopilotPod(c, 'p1', { podTemplate: t, image: 'alpine:3.20' }); new CopilotPod(c, 'p2', { podTemplate: t, image: 'alpine:3.20' }); }, path: 'c/p2', prop: 'name', value: 'copilot-task', allowed: 'another name for one of the pods' },
  { name: 'two PodAutoscalers of one target', class: 'duplicates', at: 'synth', build: (c) => { const t = newNf(c, 't'); const m = { strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 }; new PodAutoscaler(c, 'p1', { target: ScaleTarget.fromServer(t), ...m }); new PodAutoscaler(c, 'p2', { target: ScaleTarget.fromServer(t), ...m }); }, path: 'c/p2', prop: 'target', value: 'Deployment/numaflow-system/numaflow-server', allowed: 'one autoscaler per workload' },
  { name: 'a user\'s ServiceAccount (ApiObject) clashing with ours', class: 'duplicates', at: 'synth', build: (c) => { newNf(c); new ApiObject(c, 'mine', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'numaflow-server-sa', namespace: 'numaflow-system' } }); }, path: 'c/mine', prop: 'metadata.name', value: 'numaflow-server-sa', allowed: 'emit the object once' },
  { name: 'a user\'s ClusterRole clashing with metrics-server\'s', class: 'duplicates', at: 'synth', build: (c) => { new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() }); new ApiObject(c, 'mine', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:metrics-server' } }); }, path: 'c/mine', prop: 'metadata.name', value: 'system:metrics-server', allowed: 'emit the object once, or give one of them another name' },
  { name: 'a user\'s ConfigMap clashing with Admin\'s config', class: 'duplicates', at: 'synth', build: (c) => { new k8s.KubeConfigMap(c, 'mine', { metadata: { name: 'flyte-admin-base-config', namespace: 'flyte' }, data: {} }); newAdmin(c); }, path: 'c/admin/Config', prop: 'metadata.name', value: 'flyte-admin-base-config', allowed: 'emit the object once' },
  { name: 'two charts of one app emitting one object', class: 'duplicates', at: 'synth', build: (c) => { newNf(c); newNf(new Chart(c.node.scope!, 'c2')); }, path: 'c2/nf', prop: 'namespace', value: 'numaflow-system', allowed: 'one Numaflow server per namespace' },
  { name: 'two stacks in synthStacks emitting one object', class: 'duplicates', build: () => synthStacks([{ id: 'a', createChart: stack((c) => newNf(c)) }, { id: 'b', createChart: stack((c) => newNf(c)) }]), path: 'b/nf', prop: 'namespace', value: 'numaflow-system', allowed: 'one Numaflow server per namespace' },
  { name: 'two stacks in synthStacks each with a metrics-server', class: 'duplicates', build: () => synthStacks([{ id: 'a', createChart: stack((c) => new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() })) }, { id: 'b', createChart: stack((c) => new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned(), namespace: 'monitoring' })) }]), path: 'b/ms/Workload/AggregatedReader', prop: 'metadata.name', value: 'system:aggregated-metrics-reader', allowed: 'emit the object once' },
  { name: 'a Console Certificate issuing into the Admin\'s Secret', class: 'duplicates', build: (c) => new Console(c, 'console', { admin: newAdmin(c, 'admin', { tls: TlsMode.certManager({ issuer: { name: 'ca' } }) }), tls: TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'flyteadmin-tls' }) }), path: 'c/console', prop: 'tls', value: undefined, allowed: 'a certManager mode without secretName' },
];

export const SYNTH_TIME_INPUTS: BadInput[] = [...PATCHES, ...DUPLICATES];
