import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Json } from './pod-template-merge';
import { plainJson } from '../../plain-json';

/** The typed `k8s.PodTemplateSpec` (or one already in JSON) → manifest JSON without unset fields. */
export function podTemplateJson(template: k8s.PodTemplateSpec | undefined): { metadata?: Json; spec?: Json } | undefined {
  if (template === undefined) return undefined;
  return plainJson(k8s.toJson_PodTemplateSpec(template) ?? {});
}
