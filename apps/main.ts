import { IStack, TlsMode, writeStacks } from '../lib';
import { copilotTaskStack, copilotTemplateStack } from './stacks/copilot';
import { flyteCertManagerStack, flytePlainStack, flyteTlsStack } from './stacks/flyte';
import { gatewayStack, ISTIO, publicListener } from './stacks/gateway';
import { metricsStack } from './stacks/metrics';
import { namespacesStack } from './stacks/namespaces';
import { numaflowStack } from './stacks/numaflow';

const NAMESPACES = ['flyte', 'flyte-cm', 'flyte-dev', 'gateway', 'numaflow-dev', 'numaflow-system'];
const NUMAFLOW_DEV = { namespace: 'numaflow-dev', namespaced: true };

// One chart per realistic stack and TLS mode; each becomes dist/<id>.k8s.yaml. Together they form
// one cluster (dist/kustomization.yaml lists them). Each stack is synthesized in its own App
// (linear in the number of stacks; see writeStacks).
const stacks: IStack[] = [
  // The namespaces below, enforcing Pod Security "restricted".
  { id: 'namespaces', createChart: (s, id) => namespacesStack(s, id, NAMESPACES) },
  // The Gateway the exposed stacks attach their routes to, run by Envoy Gateway v1.9.0.
  { id: 'gateway', createChart: gatewayStack },
  // Admin + Console from one existing Secret; clients verify against its private CA.
  { id: 'flyte-tls', createChart: flyteTlsStack },
  // cert-manager issues one certificate per server; exposed through the Gateway, TLS to the pods too.
  { id: 'flyte-cert-manager', createChart: flyteCertManagerStack },
  // Plain HTTP in the cluster, HTTPS at the Gateway, NetworkPolicies with egress; MinIO credentials from a Secret.
  { id: 'flyte-plain', createChart: flytePlainStack },
  // One team's namespace only: plain HTTP behind the Gateway, which only it may reach (NetworkPolicy).
  { id: 'numaflow-plain', createChart: (s, id) => numaflowStack(s, id, TlsMode.disabled(), NUMAFLOW_DEV, 'numaflow.example.com') },
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

// The same cluster on Istio 1.30.3 instead of Envoy Gateway: the stacks that differ, in
// dist/alternatives/istio/ (the other stacks are dist/'s). The gateway namespace enforces baseline
// (Istio's generated gateway pods set no seccomp profile), the Gateway is of class istio, the
// policies admit Istio's gateway pods, and Admin's TLS port declares appProtocol http2 (Istio
// speaks HTTP/2 to a port only when the port says so).
const istioListener = publicListener(ISTIO);
const istio: IStack[] = [
  { id: 'namespaces', createChart: (s, id) => namespacesStack(s, id, NAMESPACES, ISTIO) },
  { id: 'gateway', createChart: (s, id) => gatewayStack(s, id, ISTIO) },
  { id: 'flyte-cert-manager', createChart: (s, id) => flyteCertManagerStack(s, id, istioListener) },
  { id: 'flyte-plain', createChart: (s, id) => flytePlainStack(s, id, istioListener) },
  { id: 'numaflow-plain', createChart: (s, id) => numaflowStack(s, id, TlsMode.disabled(), NUMAFLOW_DEV, 'numaflow.example.com', istioListener) },
];

// Previews: what Flyte will build, to inspect and test, never to apply. They go to previews/, never
// to dist/ (`kubectl apply -R -f dist` would run them), the kustomization or the Helm chart.
const previews: IStack[] = [
  // A copilot task pod as Flyte v1.16.8 builds it with that template, to preview before a rollout.
  { id: 'copilot-task', createChart: copilotTaskStack },
];

// Everything, kustomization.yaml included, so that plain `cdk8s synth` writes the complete output.
writeStacks(stacks, { alternatives, alternativeFolders: [{ folder: 'istio', stacks: istio }], previews });
