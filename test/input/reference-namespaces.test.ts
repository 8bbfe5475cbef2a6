import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-28';
import {
  Console, CopilotPod, FlytePodTemplate, GatewayImplementation, GatewayListener, MetricsServer, NumaflowServer, ObjectStore, SecureAdmin, synthStacks, TlsMode, Trust, ValidationError,
} from '../../lib';
import { DATABASE } from '../support/flyte-invariants';
import { synth, testApp } from '../support/harness';

// A referenced Secret or ConfigMap whose namespace is known (a cdk8s-plus object made in a
// namespaced chart, or with metadata.namespace) must live in the namespace that reads it: the
// construct's own for its serving Secret, database password, auth keys, store credentials and CA,
// and image pull secrets; each of taskNamespaces for a FlytePodTemplate's store; the policy's for a
// BackendTLSPolicy's CA. References by name stay accepted. Judged at synth, on the emitted objects.

const CA = fs.readFileSync(path.join(__dirname, '../support/fixtures/ca.crt.pem'), 'utf8');
// Envoy Gateway serves Admin's gRPC with TLS on (the generic implementation refuses it).
const LISTENER: GatewayListener = { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https', implementation: GatewayImplementation.envoyGateway({ version: 'v1.9.0' }) };

/** Chart `refs` in namespace `elsewhere` (its objects' namespace), and chart `c` (no namespace) for the constructs, in one App. */
function charts(app: App = testApp()) {
  return { app, refs: new Chart(app, 'refs', { namespace: 'elsewhere' }), c: new Chart(app, 'c') };
}

/** The ValidationError a synth throws (its refusals), or undefined. */
function refusals(chart: Chart): ValidationError[] {
  try {
    synth(chart);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.errors;
  }
}

const store = (options: Partial<Parameters<typeof ObjectStore.minio>[0]> = {}) =>
  ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', ...options });

const admin = (c: Chart, props: any = {}) => new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: store(), ...props });

/** Each reading point: the construct, the prop named, the reference's kind, and the reading namespace. */
const CASES: { name: string; prop: string; kind: 'Secret' | 'ConfigMap'; path: string; reader: string; build: (c: Chart, s: Secret, cm: ConfigMap) => unknown }[] = [
  { name: 'Admin serving Secret', prop: 'tls', kind: 'Secret', path: 'c/admin', reader: 'flyte', build: (c, s) => admin(c, { tls: TlsMode.fromSecret(s) }) },
  { name: 'Admin database password', prop: 'database.passwordSecret.secret', kind: 'Secret', path: 'c/admin', reader: 'flyte', build: (c, s) => admin(c, { database: { ...DATABASE, passwordSecret: { secret: s, key: 'password' } } }) },
  { name: 'Admin auth keys', prop: 'authSecret', kind: 'Secret', path: 'c/admin', reader: 'flyte', build: (c, s) => admin(c, { useAuth: true, authSecret: s, extraConfig: { auth: { appAuth: {} } } }) },
  { name: 'Admin store credentials', prop: 'objectStore.credentials.secret', kind: 'Secret', path: 'c/admin', reader: 'flyte', build: (c, s) => admin(c, { objectStore: store({ credentials: { secret: s } }) }) },
  { name: 'Admin store CA (Secret)', prop: 'objectStore.trust', kind: 'Secret', path: 'c/admin', reader: 'flyte', build: (c, s) => admin(c, { objectStore: store({ trust: Trust.caFromSecret(s) }) }) },
  { name: 'Admin store CA (ConfigMap)', prop: 'objectStore.trust', kind: 'ConfigMap', path: 'c/admin', reader: 'flyte', build: (c, _s, cm) => admin(c, { objectStore: store({ trust: Trust.caFromConfigMap(cm) }) }) },
  { name: 'Admin image pull secret', prop: 'imagePullSecrets[1]', kind: 'Secret', path: 'c/admin', reader: 'flyte', build: (c, s) => admin(c, { imagePullSecrets: [Secret.fromSecretName(c, 'reg', 'regcred'), s] }) },
  { name: 'Console serving Secret (its Admin\'s mode)', prop: 'tls', kind: 'Secret', path: 'c/console', reader: 'flyte-console', build: (c, s) => {
    const tls = TlsMode.fromSecret(s);
    // Admin reads the same Secret in "elsewhere": accepted; the Console in its own namespace is not.
    new Console(c, 'console', { admin: admin(c, { tls, namespace: 'elsewhere' }), namespace: 'flyte-console' });
  } },
  { name: 'Console image pull secret', prop: 'imagePullSecrets[0]', kind: 'Secret', path: 'c/console', reader: 'flyte', build: (c, s) => new Console(c, 'console', { admin: admin(c), imagePullSecrets: [s] }) },
  { name: 'metrics-server serving Secret', prop: 'tls', kind: 'Secret', path: 'c/ms', reader: 'kube-system', build: (c, s) => new MetricsServer(c, 'ms', { tls: TlsMode.fromSecret(s, { trust: Trust.caPem(CA) }) }) },
  { name: 'Numaflow image pull secret', prop: 'imagePullSecrets[0]', kind: 'Secret', path: 'c/nf', reader: 'numaflow-system', build: (c, s) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled(), imagePullSecrets: [s] }) },
  { name: 'pod template credentials', prop: 'objectStore.credentials.secret', kind: 'Secret', path: 'c/template', reader: 'team-a', build: (c, s) => new FlytePodTemplate(c, 'template', { objectStore: store({ credentials: { secret: s } }), namespace: 'team-a' }) },
  { name: 'pod template CA (its own namespace, where tasks run too)', prop: 'objectStore.trust', kind: 'ConfigMap', path: 'c/template', reader: 'flyte', build: (c, _s, cm) => new FlytePodTemplate(c, 'template', { objectStore: store({ trust: Trust.caFromConfigMap(cm) }) }) },
  { name: 'copilot pod credentials', prop: 'objectStore.credentials.secret', kind: 'Secret', path: 'c/pod', reader: 'flyte', build: (c, s) =>
    new CopilotPod(c, 'pod', { podTemplate: new FlytePodTemplate(c, 'template', { objectStore: store() }), objectStore: store({ credentials: { secret: s } }), image: 'alpine:3.20' }) },
  { name: 'BackendTLSPolicy CA ConfigMap', prop: 'tls.trust', kind: 'ConfigMap', path: 'c/admin', reader: 'flyte', build: (c, _s, cm) => {
    admin(c, { tls: TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromConfigMap(cm) }) }).exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' });
  } },
];

describe.each(CASES)('$name', (c) => {
  test('refused when the referenced object lives in another namespace, naming the prop, both namespaces and the fix', () => {
    const { refs, c: chart } = charts();
    const secret = new Secret(refs, 'secret');
    const configMap = new ConfigMap(refs, 'ca', { data: { 'ca.crt': CA } });
    c.build(chart, secret, configMap);
    const found = refusals(chart).filter((e) => e.path === c.path);
    expect(found.map((e) => [e.path, e.prop])).toEqual([[c.path, c.prop]]);
    const ref = c.kind === 'Secret' ? secret : configMap;
    expect(found[0].value).toBe(`${c.kind}/${ref.name}`);
    expect(found[0].message).toContain(`the ${c.kind} lives in namespace "elsewhere", and it is read from namespace "${c.reader}"`);
    expect(found[0].allowed).toContain(`${c.kind}.from${c.kind}Name(scope, id, "${ref.name}")`);
  });

  test('accepted when it lives in the reading namespace (its chart\'s, or metadata.namespace), and by name anywhere', () => {
    const local = charts();
    const home = new Chart(local.app, 'home', { namespace: c.reader });
    c.build(local.c, new Secret(home, 'secret'), new ConfigMap(local.c, 'ca', { metadata: { namespace: c.reader }, data: { 'ca.crt': CA } }));
    const judged = (chart: Chart) => refusals(chart).filter((e) => e.path === c.path);
    expect(judged(local.c)).toEqual([]);
    // A reference by name is the user's: accepted although an object of that name lives elsewhere in the output.
    const byName = charts();
    new Secret(byName.refs, 'decoy', { metadata: { name: 'flyte-tls' } });
    c.build(byName.c, Secret.fromSecretName(byName.c, 'secret', 'flyte-tls') as Secret, ConfigMap.fromConfigMapName(byName.c, 'ca', 'flyte-ca') as ConfigMap);
    expect(judged(byName.c)).toEqual([]);
    // A chart without a namespace leaves the object's namespace unknown: accepted.
    const unknown = charts();
    c.build(unknown.c, new Secret(unknown.c, 'secret'), new ConfigMap(unknown.c, 'ca', { data: { 'ca.crt': CA } }));
    expect(judged(unknown.c)).toEqual([]);
  });
});

describe('what is judged is the emitted namespace', () => {
  test('a JSON patch that moves the referenced Secret decides, in either direction', () => {
    const moved = charts();
    const secret = new Secret(moved.c, 'tls', { metadata: { namespace: 'flyte' } });
    ApiObject.of(secret).addJsonPatch(JsonPatch.replace('/metadata/namespace', 'elsewhere'));
    admin(moved.c, { tls: TlsMode.fromSecret(secret) });
    expect(refusals(moved.c).map((e) => e.prop)).toEqual(['tls']);
    const back = charts();
    const there = new Secret(back.refs, 'tls');
    ApiObject.of(there).addJsonPatch(JsonPatch.replace('/metadata/namespace', 'flyte'));
    admin(back.c, { tls: TlsMode.fromSecret(there) });
    expect(refusals(back.c)).toEqual([]);
  });

  test('the accepted Secret is the one the pod mounts, by name, in its own namespace', () => {
    const { app, c } = charts();
    const secret = new Secret(new Chart(app, 'flyte', { namespace: 'flyte' }), 'tls', { metadata: { name: 'flyte-tls' } });
    admin(c, { tls: TlsMode.fromSecret(secret) });
    const deployment = synth(c).find((o) => o.kind === 'Deployment');
    expect(deployment.metadata.namespace).toBe('flyte');
    expect(deployment.spec.template.spec.volumes).toEqual(expect.arrayContaining([expect.objectContaining({ secret: expect.objectContaining({ secretName: 'flyte-tls' }) })]));
  });

  test('one TlsMode shared by stacks in two namespaces: judged where each server consumes it', () => {
    // A mode is a value made before any chart; its Secret's namespace is judged per server.
    let tls: TlsMode | undefined;
    const stacks = (namespace: string) => [
      { id: 'secrets', createChart: (s: any, id: string) => {
        const chart = new Chart(s, id, { namespace: 'flyte' });
        tls = TlsMode.fromSecret(new Secret(chart, 'tls', { metadata: { name: 'flyte-tls' } }));
        return chart;
      } },
      { id: 'flyte', createChart: (s: any, id: string) => {
        const chart = new Chart(s, id);
        admin(chart, { tls, namespace });
        return chart;
      } },
    ];
    expect(synthStacks(stacks('flyte')).get('flyte')).toContain('secretName: flyte-tls');
    let error: unknown;
    try {
      synthStacks(stacks('team-b'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => [e.path, e.prop])).toEqual([['flyte/admin', 'tls']]);
    expect((error as ValidationError).message).toContain('lives in namespace "flyte", and it is read from namespace "team-b"');
  });

  test('a pod template reads its store in every task namespace: one object cannot serve two', () => {
    const { app, c } = charts();
    const secret = new Secret(new Chart(app, 'flyte', { namespace: 'flyte' }), 'keys');
    new FlytePodTemplate(c, 'template', { objectStore: store({ credentials: { secret } }), taskNamespaces: ['team-a', 'team-b'] });
    const found = refusals(c);
    expect(found.map((e) => e.prop)).toEqual(['objectStore.credentials.secret']);
    expect(found[0].message).toContain('read from namespace "team-a"');
    expect(found[0].allowed).toContain('with a Secret of that name in each of "flyte", "team-a", "team-b"');
    expect(() => Testing.synth(c)).toThrow(ValidationError);
  });
});
