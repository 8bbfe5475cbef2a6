import { k8s } from 'cdk8s-plus-28';
import { Json } from './pod-template-merge';

export { typedPodSpec } from '../../workload/typed-json';

/** The typed `k8s.PodTemplateSpec` (or one already in JSON) → manifest JSON without unset fields. */
export function podTemplateJson(template: k8s.PodTemplateSpec | undefined): { metadata?: Json; spec?: Json } | undefined {
  if (template === undefined) return undefined;
  return JSON.parse(JSON.stringify(k8s.toJson_PodTemplateSpec(template) ?? {}));
}
