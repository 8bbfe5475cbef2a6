import { App, Chart } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Console, CopilotPod, FlytePodTemplate, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, IStack, TlsMode, Trust,
} from '../lib';

/**
 * The benchmark's "full stack": all seven constructs, one TLS mode per family (DESIGN §3), as in
 * the all-seven example of docs/constructs.md.
 */
export function fullStack(scope: Construct, id: string): Chart {
  const chart = new Chart(scope, id);
  const issued = TlsMode.certManager({ issuer: { name: 'cluster-ca' } });
  const admin = new SecureAdmin(chart, 'admin', {
    tls: issued, publicUrl: 'https://flyte.example.com',
    database: { host: 'postgres.flyte.svc', username: 'flyteadmin', passwordSecret: { secret: Secret.fromSecretName(chart, 'db-password', 'flyte-db'), key: 'password' } },
    objectStore: ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' }),
  });
  new Console(chart, 'console', { admin, publicOrigin: 'https://console.flyte.example.com' });
  const store = ObjectStore.minio({
    bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', credentials: { secret: Secret.fromSecretName(chart, 'storage-keys', 'flyte-storage') },
    trust: Trust.caFromConfigMap(ConfigMap.fromConfigMapName(chart, 'storage-ca', 'my-cert-bundle')),
  });
  const template = new FlytePodTemplate(chart, 'template', { objectStore: store });
  new CopilotPod(chart, 'task', {
    podTemplate: template, image: 'alpine:3.20',
  });
  const metrics = new MetricsServer(chart, 'metrics', { tls: issued });
  new PodAutoscaler(chart, 'autoscaler', {
    target: ScaleTarget.fromServer(metrics), strategy: ScalingStrategy.KPA, metric: { name: 'go_threads', targetValue: 20 }, maxReplicas: 4, aibrixVersion: 'v0.4.1',
  });
  new NumaflowServer(chart, 'numaflow', { tls: TlsMode.selfSigned() });
  return chart;
}

export const fullStacks = (n: number): IStack[] => Array.from({ length: n }, (_, i) => ({ id: `stack-${i}`, createChart: fullStack }));

/** The objects of one full stack, as synthesized. */
export function fullStackObjects(): any[] {
  return fullStack(new App(), 'stack').toJson();
}
