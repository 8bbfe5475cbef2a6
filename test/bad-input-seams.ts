import { App, Chart } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-28';
import { Console, GatewayImplementation, IStack, MetricsServer, ObjectStore, ScaleTarget, synthStacks, TlsMode, Trust, writeStacks } from '../lib';
import { admin, BadInput, CA, HTTPS_STORE_OPTIONS, ms, nf, pa, task, template } from './bad-input-case';
import { tempDir } from './support/temp-dirs';

// Refusals at the seams between constructs (issue #21): wiring whose partner's App was already
// synthesized, or is in no stack of the synthStacks / writeStacks call being built (refused when
// the registrant is made, naming both paths); and references to Secrets and ConfigMaps whose
// namespace is known and is not the reader's (refused at synth, naming the prop and both namespaces).

// Envoy Gateway serves Admin's gRPC with TLS on (the generic implementation refuses it).
const LISTENER = { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https', implementation: GatewayImplementation.envoyGateway({ version: 'v1.9.0' }) };

/** A partner made by `make` in chart `o` of another App, which is then synthesized. */
function synthesized<T>(make: (c: Chart) => T): T {
  const app = new App();
  const partner = make(new Chart(app, 'o'));
  app.synthYaml();
  return partner;
}

/** A partner made by `make` in chart `o` of another App, never synthesized (not a stack of the call). */
const outside = <T>(make: (c: Chart) => T): T => make(new Chart(new App(), 'o'));

/** A stack `z` whose chart `build` fills. */
const stack = (build: (c: Chart) => unknown, id = 'z'): IStack => ({ id, createChart: (scope, chartId) => {
  const chart = new Chart(scope, chartId);
  build(chart);
  return chart;
} });

/** A chart of the case's App in namespace `namespace`, for the referenced objects. */
const other = (c: Chart, namespace = 'elsewhere') => new Chart(c.node.scope!, `ns-${namespace}`, { namespace });
const secretIn = (c: Chart, name: string, namespace?: string) => new Secret(other(c, namespace), name, { metadata: { name } });
const httpsStore = (options: any) => ObjectStore.minio({ ...HTTPS_STORE_OPTIONS, ...options });

const WIRING: BadInput[] = [
  { name: 'a Console whose Admin\'s App was already synthesized', class: 'wiring', build: (c) => new Console(c, 'console', { admin: synthesized(admin()) }),
    path: 'c/console', prop: 'admin', value: 'o/admin', allowed: 'c/console made before o/admin\'s App is synthesized' },
  { name: 'an autoscaler whose metrics-server\'s App was already synthesized', class: 'wiring', build: (c) => pa({ target: ScaleTarget.fromServer(synthesized(ms())), aibrixVersion: 'v0.4.1' })(c),
    path: 'c/pa', prop: 'target', value: 'o/ms', allowed: 'both in one App, or in stacks of one synthStacks / writeStacks call' },
  { name: 'an autoscaler whose Numaflow target\'s App was already synthesized', class: 'wiring', build: (c) => pa({ target: ScaleTarget.fromServer(synthesized(nf())) })(c),
    path: 'c/pa', prop: 'target', value: 'o/nf', allowed: 'made before o/nf\'s App is synthesized' },
  { name: 'a Console whose Admin is in no stack of the synthStacks call', class: 'wiring', build: () => {
    const a = outside(admin());
    synthStacks([stack((c) => new Console(c, 'console', { admin: a }))]);
  }, path: 'z/console', prop: 'admin', value: 'o/admin', allowed: 'the stack that makes o/admin in the stacks of this synthStacks call too' },
  { name: 'an autoscaler whose target is in no stack of the writeStacks call', class: 'wiring', build: () => {
    const target = outside(nf());
    writeStacks([stack((c) => pa({ target: ScaleTarget.fromServer(target) })(c))], { outdir: tempDir('seams-') });
  }, path: 'z/pa', prop: 'target', value: 'o/nf', allowed: 'in the stacks of this writeStacks call too' },
  { name: 'an alternative that wires into a stack of the cluster', class: 'wiring', build: () => {
    let server: MetricsServer;
    writeStacks([stack((c) => { server = ms()(c); }, 'metrics')], { outdir: tempDir('seams-'), alternatives: [stack((c) => pa({ target: ScaleTarget.fromServer(server), aibrixVersion: 'v0.4.1' })(c), 'alt')] });
  }, path: 'alt/pa', prop: 'target', value: 'metrics/ms', allowed: 'in the alternatives of this writeStacks call too' },
  { name: 'allowOrigin, while a stack is built, on an Admin of a synthesized App', class: 'wiring', build: () => {
    const a = synthesized(admin());
    synthStacks([stack(() => a.allowOrigin('https://console.example.com'))]);
  }, path: 'o/admin.allowOrigin', prop: 'origin', value: 'https://console.example.com', allowed: 'the stack that makes o/admin in the stacks of this synthStacks call too' },
  { name: 'allowPath, while a stack is built, on a metrics-server outside the call', class: 'wiring', build: () => {
    const server = outside(ms());
    synthStacks([stack(() => server.allowPath('/stats'))]);
  }, path: 'o/ms.allowPath', prop: 'path', value: '/stats', allowed: 'the stack that makes o/ms in the stacks of this synthStacks call too' },
  { name: 'omitReplicas, while a stack is built, on a Numaflow server of a synthesized App', class: 'wiring', build: () => {
    const server = synthesized(nf());
    synthStacks([stack(() => server.omitReplicas())]);
  }, path: 'o/nf.omitReplicas', prop: 'omitReplicas', value: 'o/nf', allowed: 'the stack that makes o/nf in the stacks of this synthStacks call too' },
  { name: 'exposeViaGateway, while a stack is built, on a server of a synthesized App', class: 'wiring', build: () => {
    const server = synthesized(nf());
    synthStacks([stack(() => server.exposeViaGateway({ listener: LISTENER, host: 'numaflow.example.com' }))]);
  }, path: 'o/nf.exposeViaGateway', prop: 'exposeViaGateway', value: 'o/nf', allowed: 'or both in one stack' },
  { name: 'exposing an Admin whose Console\'s App (another) was already synthesized', class: 'wiring', build: (c) => {
    const a = admin()(c);
    const ui = new App();
    new Console(new Chart(ui, 'ui'), 'console', { admin: a, namespace: 'flyte-console' });
    ui.synthYaml();
    a.exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
  }, path: 'c/admin.exposeViaGateway', prop: 'exposeViaGateway', value: 'ui/console', allowed: 'exposeViaGateway before ui/console\'s App is synthesized', constructStays: true },
];

const NAMESPACES: BadInput[] = [
  { name: 'a serving Secret of another namespace', class: 'wiring', at: 'synth', build: (c) => admin({ tls: TlsMode.fromSecret(secretIn(c, 'flyte-tls')) })(c),
    path: 'c/admin', prop: 'tls', value: 'Secret/flyte-tls', allowed: 'a Secret in namespace "flyte"' },
  { name: 'a database password Secret with another metadata.namespace', class: 'wiring', at: 'synth', build: (c) => admin({
    database: { host: 'postgres.flyte.svc', username: 'flyteadmin', passwordSecret: { secret: new Secret(c, 'db', { metadata: { name: 'flyte-db', namespace: 'postgres' } }), key: 'password' } },
  })(c), path: 'c/admin', prop: 'database.passwordSecret.secret', value: 'Secret/flyte-db', allowed: 'with metadata.namespace "flyte"' },
  { name: 'Admin\'s auth keys in another namespace', class: 'wiring', at: 'synth', build: (c) => admin({ useAuth: true, authSecret: secretIn(c, 'flyte-admin-secrets'), extraConfig: { auth: { appAuth: {} } } })(c),
    path: 'c/admin', prop: 'authSecret', value: 'Secret/flyte-admin-secrets', allowed: 'Secret.fromSecretName(scope, id, "flyte-admin-secrets")' },
  { name: 'store credentials in another namespace', class: 'wiring', at: 'synth', build: (c) => admin({ objectStore: httpsStore({ credentials: { secret: secretIn(c, 'flyte-storage') } }) })(c),
    path: 'c/admin', prop: 'objectStore.credentials.secret', value: 'Secret/flyte-storage', allowed: 'a Secret in namespace "flyte"' },
  { name: 'a store CA ConfigMap in another namespace', class: 'wiring', at: 'synth', build: (c) => admin({
    objectStore: httpsStore({ trust: Trust.caFromConfigMap(new ConfigMap(other(c), 'ca', { metadata: { name: 'my-cert-bundle' }, data: { 'ca.crt': CA } })) }),
  })(c), path: 'c/admin', prop: 'objectStore.trust', value: 'ConfigMap/my-cert-bundle', allowed: 'ConfigMap.fromConfigMapName(scope, id, "my-cert-bundle")' },
  { name: 'an image pull secret of another namespace', class: 'wiring', at: 'synth', build: (c) => nf({ imagePullSecrets: [secretIn(c, 'regcred')] })(c),
    path: 'c/nf', prop: 'imagePullSecrets[0]', value: 'Secret/regcred', allowed: 'a Secret in namespace "numaflow-system"' },
  { name: 'a Console in another namespace than its Admin\'s serving Secret', class: 'wiring', at: 'synth', build: (c) => {
    const a = admin({ tls: TlsMode.fromSecret(secretIn(c, 'flyte-tls', 'flyte')) })(c);
    new Console(c, 'console', { admin: a, namespace: 'flyte-console' });
  }, path: 'c/console', prop: 'tls', value: 'Secret/flyte-tls', allowed: 'a Secret in namespace "flyte-console"' },
  { name: 'a metrics-server Secret of another namespace', class: 'wiring', at: 'synth', build: (c) => ms({ tls: TlsMode.fromSecret(secretIn(c, 'metrics-tls', 'monitoring'), { trust: Trust.caPem(CA) }) })(c),
    path: 'c/ms', prop: 'tls', value: 'Secret/metrics-tls', allowed: 'a Secret in namespace "kube-system"' },
  { name: 'a pod template CA that only one of its task namespaces holds', class: 'wiring', at: 'synth', build: (c) => template({
    objectStore: httpsStore({ trust: Trust.caFromConfigMap(new ConfigMap(other(c, 'flyte'), 'ca', { metadata: { name: 'my-cert-bundle' }, data: { 'ca.crt': CA } })) }), taskNamespaces: ['team-a'],
  })(c), path: 'c/template', prop: 'objectStore.trust', value: 'ConfigMap/my-cert-bundle', allowed: 'with a ConfigMap of that name in each of "flyte", "team-a"' },
  { name: 'a copilot pod\'s store credentials in another namespace', class: 'wiring', at: 'synth', build: (c) => {
    const store = httpsStore({ credentials: { secret: secretIn(c, 'flyte-storage') } });
    task({ podTemplate: template({ objectStore: store, namespace: 'elsewhere' })(c), objectStore: store, namespace: 'team-b' })(c);
  }, path: 'c/task', prop: 'objectStore.credentials.secret', value: 'Secret/flyte-storage', allowed: 'a Secret in namespace "team-b"' },
  { name: 'a BackendTLSPolicy CA ConfigMap of another namespace', class: 'wiring', at: 'synth', build: (c) => {
    const ca = new ConfigMap(other(c), 'ca', { metadata: { name: 'flyte-ca' }, data: { 'ca.crt': CA } });
    admin({ tls: TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromConfigMap(ca) }) })(c).exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
  }, path: 'c/admin', prop: 'tls.trust', value: 'ConfigMap/flyte-ca', allowed: 'a ConfigMap in namespace "flyte"' },
];

export const SEAM_INPUTS: BadInput[] = [...WIRING, ...NAMESPACES];
