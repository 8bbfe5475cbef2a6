import { Chart } from 'cdk8s';
import {
  Console, CopilotPod, FlytePodTemplate, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, Scheme, SecureAdmin, TlsMode,
} from '../lib';
import { admin, BadInput, nf, STORE } from './bad-input-case';
import { DATABASE } from './support/flyte-invariants';

// Issue 23, class 7: refusals that named the wrong prop. Props missing as a whole are refused as
// the one prop they need; duplicates as the prop that named the object; two autoscalers of one
// workload as the second one's target; a pod named like copilot's containers as its name.

const autoscale = (id: string, target: ScaleTarget, name?: string) => (c: Chart) =>
  new PodAutoscaler(c, id, { target, name, strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 });
const WORKLOAD = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'vllm', namespace: 'serving', scheme: Scheme.HTTP, port: 8000 };
const copilotNamed = (name: string, flyteVersion = 'v1.16.8') => (c: Chart) =>
  new CopilotPod(c, 'task', { image: 'alpine:3.20', name, podTemplate: new FlytePodTemplate(c, 'template', { objectStore: STORE, flyteVersion }), allowPtrace: flyteVersion < 'v1.16.0' || undefined });

export const MESSAGE_INPUTS: BadInput[] = [
  { name: 'NumaflowServer without props', class: 'messages', build: (c) => new NumaflowServer(c, 'nf', undefined as any), path: 'c/nf', prop: 'tls', value: undefined, allowed: 'a TlsMode' },
  { name: 'MetricsServer with null props', class: 'messages', build: (c) => new MetricsServer(c, 'ms', null as any), path: 'c/ms', prop: 'tls', value: undefined, allowed: 'a TlsMode' },
  { name: 'Console without props', class: 'messages', build: (c) => new Console(c, 'console', undefined as any), path: 'c/console', prop: 'admin', value: undefined, allowed: 'a SecureAdmin' },
  { name: 'FlytePodTemplate with null props', class: 'messages', build: (c) => new FlytePodTemplate(c, 'template', null as any), path: 'c/template', prop: 'objectStore', value: undefined, allowed: 'an ObjectStore' },
  { name: 'CopilotPod without props', class: 'messages', build: (c) => new CopilotPod(c, 'task', undefined as any), path: 'c/task', prop: 'image', value: undefined, allowed: 'a string' },
  { name: 'PodAutoscaler with null props', class: 'messages', build: (c) => new PodAutoscaler(c, 'pa', null as any), path: 'c/pa', prop: 'target', value: undefined, allowed: 'a ScaleTarget' },
  { name: 'ObjectStore.s3 without options', class: 'messages', build: () => ObjectStore.s3(undefined as any), path: 'ObjectStore.s3', prop: 'bucket', value: undefined, allowed: 'a string' },
  { name: 'exposeViaGateway without options', class: 'messages', build: (c) => new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }).exposeViaGateway(undefined as any),
    path: 'c/nf.exposeViaGateway', prop: 'listener', value: undefined, allowed: 'an object (GatewayListener)', constructStays: true },
  { name: 'the string "yes" for adminEnabled (said once what it is)', class: 'messages', build: nf({ adminEnabled: 'yes' }), path: 'c/nf', prop: 'adminEnabled', value: 'yes', allowed: 'a boolean' },
  { name: 'a pod named like the downloader', class: 'messages', build: copilotNamed('flyte-copilot-downloader'), path: 'c/task', prop: 'name', value: 'flyte-copilot-downloader', allowed: 'another pod name' },
  { name: 'a pod named like the uploader', class: 'messages', build: copilotNamed('flyte-copilot-uploader'), path: 'c/task', prop: 'name', value: 'flyte-copilot-uploader', allowed: 'another pod name' },
  { name: 'a pod named like the sidecar of Flyte 1.13', class: 'messages', build: copilotNamed('flyte-copilot-sidecar', 'v1.13.3'), path: 'c/task', prop: 'name', value: 'flyte-copilot-sidecar', allowed: 'another pod name' },
  { name: 'a second autoscaler of a server under another name', class: 'messages', at: 'synth', build: (c) => {
    const target = ScaleTarget.fromServer(new NumaflowServer(c, 't', { tls: TlsMode.disabled() }));
    autoscale('p1', target)(c);
    autoscale('p2', target, 'numaflow-server-cpu')(c);
  }, path: 'c/p2', prop: 'target', value: 'Deployment/numaflow-system/numaflow-server', allowed: 'one autoscaler per workload' },
  { name: 'a second autoscaler of a workload under another name', class: 'messages', at: 'synth', build: (c) => {
    autoscale('p1', ScaleTarget.fromWorkload(WORKLOAD), 'vllm-queue')(c);
    autoscale('p2', ScaleTarget.fromWorkload(WORKLOAD), 'vllm-latency')(c);
  }, path: 'c/p2', prop: 'target', value: 'Deployment/serving/vllm', allowed: 'one autoscaler per workload' },
  { name: 'two Certificates into one Secret (Admin and metrics-server)', class: 'messages', at: 'synth', build: (c) => {
    const tls = TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'shared-tls' });
    admin({ tls })(c);
    new MetricsServer(c, 'ms', { tls, namespace: 'flyte' });
  }, path: 'c/ms', prop: 'tls', value: undefined, allowed: 'a certManager mode whose secretName no other Certificate' },
  { name: 'two templates of one given name', class: 'messages', at: 'synth', build: (c) => {
    new FlytePodTemplate(c, 't1', { objectStore: STORE, name: 'gpu' });
    new FlytePodTemplate(c, 't2', { objectStore: STORE, name: 'gpu' });
  }, path: 'c/t2', prop: 'name', value: 'gpu', allowed: 'another name for one of the templates' },
  { name: 'two Admins of one namespace in two charts', class: 'messages', at: 'synth', build: (c) => {
    admin()(c);
    new SecureAdmin(new Chart(c.node.scope!, 'c2'), 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: STORE });
  }, path: 'c2/admin', prop: 'namespace', value: 'flyte', allowed: 'one Flyte Admin per namespace' },
];
