import { App, Chart } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CopilotPod, CopilotPodProps, FlytePodTemplate, FlytePodTemplateProps, ObjectStore, Trust } from '../../lib';

/**
 * The object store of the copilot examples: MinIO over HTTPS with a certificate signed by a private
 * CA that trust-manager distributes as the ConfigMap `my-cert-bundle` (seed scenario 002), its key
 * pair in the Secret `flyte-storage`.
 */
export function copilotStore(scope: Construct): ObjectStore {
  return ObjectStore.minio({
    bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', credentials: { secret: Secret.fromSecretName(scope, 'storage-keys', 'flyte-storage') },
    trust: Trust.caFromConfigMap(ConfigMap.fromConfigMapName(scope, 'storage-ca', 'my-cert-bundle')),
  });
}

/**
 * `copilot-template`: the cluster PodTemplate Flyte merges into every task pod — restricted security
 * contexts on `default` and `default-init` (copilot containers get none upstream) and the store's CA
 * mounted for copilot — plus the FlytePropeller config fragment that points Flyte at it.
 */
export function copilotTemplateStack(scope: Construct, id = 'copilot-template', props: Partial<FlytePodTemplateProps> = {}): Chart {
  const chart = new Chart(scope, id);
  new FlytePodTemplate(chart, 'template', { objectStore: copilotStore(chart), ...props });
  return chart;
}

/**
 * `copilot-task`: a raw-container task pod with copilot as Flyte v1.16.8 builds it with that template,
 * to apply in a test namespace before a rollout (the downloader's TLS handshake with the store shows
 * that the CA reaches copilot). Stacks are synthesized one App each, so the template is rebuilt here
 * from the same props outside this stack's App: merged into the pod, never emitted twice.
 */
export function copilotTaskStack(scope: Construct, id = 'copilot-task', props: Partial<CopilotPodProps> = {},
  templateProps: Partial<FlytePodTemplateProps> = {}): Chart {
  const model = new Chart(new App(), 'copilot-template-model');
  const template = new FlytePodTemplate(model, 'template', { objectStore: copilotStore(model), ...templateProps });
  const chart = new Chart(scope, id);
  new CopilotPod(chart, 'task', {
    podTemplate: template,
    image: 'docker.io/library/alpine:3.20',
    command: ['sh', '-c', 'cp /var/flyte/inputs/input /var/flyte/outputs/output'],
    ...props,
  });
  return chart;
}
