import { IStack, TlsMode, writeStacks } from '../../lib';
import { copilotTaskStack, copilotTemplateStack } from './stacks/copilot';
import { flyteCertManagerStack, flytePlainStack, flyteTlsStack } from './stacks/flyte';
import { metricsStack } from './stacks/metrics';
import { namespacesStack } from './stacks/namespaces';
import { numaflowStack } from './stacks/numaflow';

// One chart per realistic stack and TLS mode; each becomes dist/<id>.k8s.yaml. Together they form
// one cluster (dist/kustomization.yaml lists them). Each stack is synthesized in its own App
// (linear in the number of stacks; see writeStacks).
const stacks: IStack[] = [
  // The namespaces below, enforcing Pod Security "restricted".
  { id: 'namespaces', createChart: (s, id) => namespacesStack(s, id, ['flyte', 'flyte-cm', 'flyte-dev', 'numaflow-dev', 'numaflow-system']) },
  // Admin + Console from one existing Secret; clients verify against its private CA.
  { id: 'flyte-tls', createChart: flyteTlsStack },
  // cert-manager issues one certificate per server, with the ingress hosts.
  { id: 'flyte-cert-manager', createChart: flyteCertManagerStack },
  // Plain HTTP for a dev cluster, MinIO credentials from a Secret.
  { id: 'flyte-plain', createChart: flytePlainStack },
  // Behind a mesh that does mTLS: plain HTTP, one team's namespace only.
  { id: 'numaflow-plain', createChart: (s, id) => numaflowStack(s, id, TlsMode.disabled(), { namespace: 'numaflow-dev', namespaced: true }) },
  // Cluster-wide UI speaking HTTPS with its own in-memory certificate.
  { id: 'numaflow-self-signed', createChart: (s, id) => numaflowStack(s, id, TlsMode.selfSigned()) },
  // The cluster PodTemplate for copilot task pods: restricted contexts and the object store's CA.
  { id: 'copilot-template', createChart: copilotTemplateStack },
  // metrics-server with its self-made certificate, scaled by AIbrix v0.4 (later AIbrix scrapes only HTTP).
  { id: 'metrics-self-signed', createChart: (s, id) => metricsStack(s, id, TlsMode.selfSigned(), { autoscaleWithAibrix: 'v0.4.1' }) },
];

// Alternatives to a stack above that cannot share its cluster (one metrics-server per cluster: the
// APIService v1beta1.metrics.k8s.io is cluster-wide). They go to dist/alternatives/, outside the
// kustomization, the Helm chart and `cdk8s synth --stdout`.
const alternatives: IStack[] = [
  // metrics-server serving a cert-manager certificate; the CA is injected into its APIService.
  { id: 'metrics-cert-manager', createChart: (s, id) => metricsStack(s, id, TlsMode.certManager({ issuer: { name: 'cluster-ca' } }), { autoscaleWithAibrix: 'v0.4.1' }) },
];

// Previews: what Flyte will build, to inspect and test, never to apply. They go to previews/, never
// to dist/ (`kubectl apply -R -f dist` would run them), the kustomization or the Helm chart.
const previews: IStack[] = [
  // A copilot task pod as Flyte v1.16.8 builds it with that template, to preview before a rollout.
  { id: 'copilot-task', createChart: copilotTaskStack },
];

// Everything, kustomization.yaml included, so that plain `cdk8s synth` writes the complete output.
writeStacks(stacks, { alternatives, previews });
