// The example app names its gateway implementation, Envoy Gateway, and dist/alternatives/istio/
// holds the same cluster on Istio: exactly the stacks that differ, each valid, each differing from
// its dist/ counterpart only where the implementation decides.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { expectValid } from '../support/harness';

const dist = path.resolve(__dirname, '../../dist');
const istioDir = path.join(dist, 'alternatives/istio');
const read = (file: string): any[] => parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()).filter((o) => o);
const find = (objects: any[], kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
const gatewayRule = (policy: any, port: number) => policy.spec.ingress.find((r: any) => r.ports.some((p: any) => p.port === port) && r.from?.[0]?.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] !== policy.metadata.namespace);
const EXTERNAL: { [file: string]: string[] } = {
  'flyte-cert-manager.k8s.yaml': ['Secret/flyte-cm/flyte-db'],
  'flyte-plain.k8s.yaml': ['Secret/flyte-dev/flyte-db', 'Secret/flyte-dev/flyte-storage'],
};

test('dist/ runs on Envoy Gateway: class eg, and the policies admit its proxies of this Gateway only', () => {
  expect(find(read(path.join(dist, 'gateway.k8s.yaml')), 'Gateway', 'public').spec.gatewayClassName).toBe('eg');
  const EG_PROXIES = [{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } },
    podSelector: { matchLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'public', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway' } },
  }];
  for (const file of ['flyte-cert-manager.k8s.yaml', 'flyte-plain.k8s.yaml', 'numaflow-plain.k8s.yaml']) {
    const rules = read(path.join(dist, file)).filter((o) => o.kind === 'NetworkPolicy').flatMap((p) => p.spec.ingress);
    const fromGateway = rules.filter((r: any) => JSON.stringify(r.from ?? []).includes('gateway'));
    // Admin and Console (or the Numaflow server) each admit the proxies, and nothing else of a gateway.
    expect(fromGateway.length).toBeGreaterThan(0);
    for (const r of fromGateway) expect(r.from).toEqual(EG_PROXIES);
  }
  // Envoy Gateway runs no pod in the Gateway's namespace: it enforces restricted.
  expect(find(read(path.join(dist, 'namespaces.k8s.yaml')), 'Namespace', 'gateway').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
});

describe('dist/alternatives/istio/', () => {
  const files = fs.readdirSync(istioDir).sort();

  test('holds exactly the stacks that differ on Istio, each differing from its dist/ counterpart', () => {
    expect(files).toEqual(['flyte-cert-manager.k8s.yaml', 'flyte-plain.k8s.yaml', 'gateway.k8s.yaml', 'namespaces.k8s.yaml', 'numaflow-plain.k8s.yaml']);
    for (const f of files) expect(fs.readFileSync(path.join(istioDir, f), 'utf8')).not.toBe(fs.readFileSync(path.join(dist, f), 'utf8'));
    // The stacks that are not exposed are the same on any gateway: not repeated.
    for (const f of ['flyte-tls.k8s.yaml', 'numaflow-self-signed.k8s.yaml', 'metrics-self-signed.k8s.yaml', 'copilot-template.k8s.yaml']) expect(files).not.toContain(f);
  });

  test.each(fs.readdirSync(istioDir).sort())('%s passes expectValid', (file) => {
    expectValid(read(path.join(istioDir, file)), { external: EXTERNAL[file] ?? [] });
  });

  test('the Gateway is of class istio; its namespace enforces baseline (gateways.seccompProfile unset), audits and warns restricted', () => {
    expect(find(read(path.join(istioDir, 'gateway.k8s.yaml')), 'Gateway', 'public').spec.gatewayClassName).toBe('istio');
    const labels = find(read(path.join(istioDir, 'namespaces.k8s.yaml')), 'Namespace', 'gateway').metadata.labels;
    expect([labels['pod-security.kubernetes.io/enforce'], labels['pod-security.kubernetes.io/audit'], labels['pod-security.kubernetes.io/warn']]).toEqual(['baseline', 'restricted', 'restricted']);
    const others = read(path.join(istioDir, 'namespaces.k8s.yaml')).filter((o) => o.metadata.name !== 'gateway');
    expect(others.map((o) => o.metadata.labels['pod-security.kubernetes.io/enforce'])).toEqual(others.map(() => 'restricted'));
  });

  test('Admin\'s TLS port declares appProtocol http2, which Istio reads; the policies admit Istio\'s gateway pods', () => {
    const objects = read(path.join(istioDir, 'flyte-cert-manager.k8s.yaml'));
    expect(find(objects, 'Service', 'flyteadmin').spec.ports.filter((p: any) => p.name !== 'http-metrics')).toEqual([{ appProtocol: 'http2', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }]);
    expect(find(objects, 'Service', 'flyteconsole').spec.ports[0].appProtocol).toBeUndefined();
    const rule = gatewayRule(find(objects, 'NetworkPolicy', 'flyteadmin'), 8088);
    expect(rule.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway' } }, podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' } } }]);
  });
});
