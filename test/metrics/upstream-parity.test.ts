import { MetricsServer, TlsMode } from '../../lib';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { expectValid, synth, testChart } from '../support/harness';
import { rulesCover, upstreamManifest } from '../support/reference';

// Our selfSigned output in the default namespace against the official release manifests
// (kubectl kustomize manifests/overlays/release, v0.9.0). Deliberate differences are in docs/metrics-server-aibrix.md.
const upstream = upstreamManifest('metrics-server-release.yaml');
const chart = testChart();
new MetricsServer(chart, 'metrics', { tls: TlsMode.selfSigned() });
const ours = synth(chart);
const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const find = (o: any) => ours.find((x) => key(x) === key(o));
const mainOf = (objs: any[]) => containersOf(podOf(objs.find((o) => o.kind === 'Deployment'))!.spec)[0].container;

test('the reference holds the objects we expect to compare', () => {
  expect(upstream.map(key).sort()).toEqual([
    'APIService//v1beta1.metrics.k8s.io', 'ClusterRole//system:aggregated-metrics-reader', 'ClusterRole//system:metrics-server',
    'ClusterRoleBinding//metrics-server:system:auth-delegator', 'ClusterRoleBinding//system:metrics-server',
    'Deployment/kube-system/metrics-server', 'RoleBinding/kube-system/metrics-server-auth-reader',
    'Service/kube-system/metrics-server', 'ServiceAccount/kube-system/metrics-server',
  ]);
  expectValid(ours, { endpoints: [] });
});

test.each(upstream.map((o) => [key(o), o]))('we emit %s', (_k, o) => {
  expect(find(o)).toBeDefined();
});

test('every upstream container arg is ours too', () => {
  expect(mainOf(ours).args).toEqual(expect.arrayContaining(mainOf(upstream).args));
});

test('same probes, ports and image', () => {
  const [u, o] = [mainOf(upstream), mainOf(ours)];
  expect(o.livenessProbe).toEqual(u.livenessProbe);
  expect(o.readinessProbe).toEqual(u.readinessProbe);
  expect(o.ports).toEqual(u.ports);
  expect(o.image).toBe(u.image);
  expect(o.resources).toEqual(u.resources);
});

test('the container security context has every upstream setting', () => {
  expect(mainOf(ours).securityContext).toMatchObject(mainOf(upstream).securityContext);
});

test.each(upstream.filter((o) => o.kind === 'ClusterRole').map((o) => [o.metadata.name, o]))('ClusterRole %s grants at least the upstream rules', (_n, o) => {
  expect(rulesCover(find(o).rules, o.rules)).toBe(true);
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) expect(find(o).metadata.labels[k]).toBe(v);
});

test.each(upstream.filter((o) => o.kind.endsWith('Binding')).map((o) => [key(o), o]))('%s binds the same role to the same subjects', (_k, o) => {
  expect(find(o).roleRef).toEqual(o.roleRef);
  expect(find(o).subjects).toEqual(o.subjects);
});

test('APIService and Service match', () => {
  const api = upstream.find((o) => o.kind === 'APIService');
  expect(find(api).spec).toEqual({ ...api.spec, service: { ...api.spec.service, port: 443 } });
  const svc = upstream.find((o) => o.kind === 'Service');
  expect(find(svc).spec.ports).toEqual(svc.spec.ports);
});

test('Deployment-level settings match', () => {
  const dep = upstream.find((o) => o.kind === 'Deployment');
  expect(find(dep).spec.strategy).toEqual(dep.spec.strategy);
  const [u, o] = [dep.spec.template.spec, find(dep).spec.template.spec];
  expect(o.nodeSelector).toEqual(u.nodeSelector);
  expect(o.priorityClassName).toBe(u.priorityClassName);
  expect(o.serviceAccountName).toBe(u.serviceAccountName);
});
