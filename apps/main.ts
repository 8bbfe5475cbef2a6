import { StackSpec, TlsMode, writeStacks } from '../lib';
import { copilotTaskStack, copilotTemplateStack } from './stacks/copilot';
import { flyteCertManagerStack, flytePlainStack, flyteTlsStack } from './stacks/flyte';
import { metricsStack } from './stacks/metrics';
import { numaflowStack } from './stacks/numaflow';

// One chart per realistic stack and TLS mode; each becomes dist/<id>.k8s.yaml. Each stack is
// synthesized in its own App (linear in the number of stacks; see writeStacks).
const stacks: StackSpec[] = [
  // Admin + Console from one existing Secret; clients verify against its private CA.
  { id: 'flyte-tls', build: flyteTlsStack },
  // cert-manager issues one certificate per server, with the ingress hosts.
  { id: 'flyte-cert-manager', build: flyteCertManagerStack },
  // Plain HTTP for a dev cluster, MinIO credentials from a Secret.
  { id: 'flyte-plain', build: flytePlainStack },
  // Behind a mesh that does mTLS: plain HTTP, one team's namespace only.
  { id: 'numaflow-plain', build: (s, id) => numaflowStack(s, id, TlsMode.disabled(), { namespace: 'numaflow-dev', namespaced: true }) },
  // Cluster-wide UI speaking HTTPS with its own in-memory certificate.
  { id: 'numaflow-self-signed', build: (s, id) => numaflowStack(s, id, TlsMode.selfSigned()) },
  // The cluster PodTemplate for copilot task pods: restricted contexts and the object store's CA.
  { id: 'copilot-template', build: copilotTemplateStack },
  // A copilot task pod as Flyte v1.16.8 builds it with that template, to preview before a rollout.
  { id: 'copilot-task', build: copilotTaskStack },
  // metrics-server with its self-made certificate, scaled by AIbrix v0.4 (later AIbrix scrapes only HTTP).
  { id: 'metrics-self-signed', build: (s, id) => metricsStack(s, id, TlsMode.selfSigned(), { autoscaleWithAibrix: 'v0.4.1' }) },
];

writeStacks(stacks);
