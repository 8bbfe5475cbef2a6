import { Chart } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-28';
import {
  CopilotPod, FlytePodTemplate, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, Scheme, SecureAdmin,
  TlsMode, Trust, ValidationError,
} from '../../lib';
import { DATABASE } from '../support/flyte-invariants';
import { synth, testApp } from '../support/harness';

// The reference-taking factories (cdk8s-plus ISecret / IConfigMap) and their string-named twins make
// the same values and the same manifests: only the name of a reference is read.

const chart = () => new Chart(testApp(), 'c');

describe('Secret and ConfigMap references', () => {
  test('TlsMode.fromSecret(ISecret) is TlsMode.fromSecretName(name)', () => {
    const c = chart();
    const byRef = TlsMode.fromSecret(Secret.fromSecretName(c, 'tls', 'flyte-tls'), { trust: Trust.caFromSecret(Secret.fromSecretName(c, 'ca', 'flyte-ca')) });
    const byName = TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName('flyte-ca') });
    expect(String(byRef)).toBe(String(byName));
    expect(byRef.servingSecretName('flyteadmin')).toBe('flyte-tls');
    expect(byRef.trust.sameAs(byName.trust)).toBe(true);
  });

  test('Trust.caFromConfigMap(IConfigMap, key) is Trust.caFromConfigMapName(name, key)', () => {
    const trust = Trust.caFromConfigMap(ConfigMap.fromConfigMapName(chart(), 'ca', 'my-cert-bundle'), 'bundle.pem');
    expect(trust.sameAs(Trust.caFromConfigMapName('my-cert-bundle', 'bundle.pem'))).toBe(true);
    expect([trust.kind, trust.configMapName, trust.key]).toEqual(['caConfigMap', 'my-cert-bundle', 'bundle.pem']);
  });

  test('a Secret the chart itself creates (cdk8s-plus Secret) is referenced by its name', () => {
    const c = chart();
    const made = new Secret(c, 'made', { metadata: { name: 'made-tls' } });
    expect(TlsMode.fromSecret(made).secretName).toBe('made-tls');
  });

  test('Admin served from a Secret reference synthesizes exactly as from its name; every reference reaches the pod by name', () => {
    const build = (byRef: boolean) => {
      const c = chart();
      const ref = (name: string) => Secret.fromSecretName(c, `ref-${name}`, name);
      new SecureAdmin(c, 'admin', {
        tls: byRef ? TlsMode.fromSecret(ref('flyte-tls')) : TlsMode.fromSecretName('flyte-tls'),
        useAuth: true, authSecret: ref('flyte-admin-secrets'), imagePullSecrets: [ref('regcred')],
        database: { ...DATABASE, passwordSecret: { secret: ref('flyte-db'), key: 'password' } },
        objectStore: ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:9000', credentials: { secret: ref('flyte-storage') } }),
        extraConfig: { auth: { appAuth: { thirdPartyConfig: { flyteClient: { clientId: 'flytectl' } } } } },
      });
      return synth(c);
    };
    const objects = build(true);
    expect(objects).toEqual(build(false));
    const pod = objects.find((o) => o.kind === 'Deployment').spec.template.spec;
    expect(pod.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(pod.volumes).toEqual(expect.arrayContaining([{ name: 'auth-secrets', secret: { secretName: 'flyte-admin-secrets' } }]));
  });
});

describe('ScaleTarget and the CopilotPod template props', () => {
  test('ScaleTarget.fromServer and fromWorkload describe the same scrape when they name the same pods', () => {
    const c = chart();
    const nf = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() });
    const fromServer = new PodAutoscaler(c, 'a', { target: ScaleTarget.fromServer(nf), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3, name: 'a' });
    const raw = ScaleTarget.fromWorkload({ ...nf.scaleTarget, scheme: Scheme.HTTP, port: nf.endpoint.port });
    const fromWorkload = new PodAutoscaler(c, 'b', { target: raw, strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3, name: 'b' });
    expect(fromWorkload.resource.toJson().spec).toEqual(fromServer.resource.toJson().spec);
    expect(String(raw)).toBe(`ScaleTarget(Deployment/${nf.scaleTarget.namespace}/${nf.scaleTarget.name})`);
  });

  test('a metrics-server target keeps its scheme enum: HTTPS', () => {
    const c = chart();
    expect(new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() }).endpoint.scheme).toBe(Scheme.HTTPS);
  });

  test('podTemplate and podTemplateSpec together are refused', () => {
    const c = chart();
    const store = ObjectStore.s3({ bucket: 'flyte-data' });
    const podTemplate = new FlytePodTemplate(c, 'template', { objectStore: store });
    expect(() => new CopilotPod(c, 'task', { podTemplate, podTemplateSpec: { spec: { containers: [] } }, image: 'alpine:3.20' }))
      .toThrow(ValidationError);
    expect(() => new CopilotPod(c, 'task', { podTemplate, podTemplateSpec: { spec: { containers: [] } }, image: 'alpine:3.20' }))
      .toThrow(/^c\/task: podTemplateSpec "PodTemplateSpec" is not allowed: the pod has one runtime PodTemplate, and podTemplate gives it already; use podTemplate or podTemplateSpec, not both$/);
  });
});
