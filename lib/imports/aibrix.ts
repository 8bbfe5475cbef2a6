// Typed class for the AIbrix `PodAutoscaler` (autoscaling.aibrix.ai/v1alpha1), written by hand from
// vllm-project/aibrix api/autoscaling/v1alpha1/podautoscaler_types.go (fields this library sets).
// Output is validated in tests against a JSON schema written from the same facts.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** `spec.scaleTargetRef` (a core ObjectReference; the webhook requires kind and name). */
export interface AibrixScaleTargetRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

/** One `spec.metricsSources[]` entry. `port` and `targetValue` are strings in the CRD. */
export interface AibrixMetricSource {
  readonly metricSourceType: 'pod' | 'resource' | 'custom' | 'external' | 'domain';
  readonly protocolType?: 'http' | 'https';
  readonly endpoint?: string;
  readonly path?: string;
  readonly port?: string;
  readonly targetMetric: string;
  readonly targetValue: string;
}

/** `PodAutoscaler.spec` (the fields this library sets). */
export interface AibrixPodAutoscalerSpec {
  readonly scaleTargetRef: AibrixScaleTargetRef;
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  readonly metricsSources: AibrixMetricSource[];
  readonly scalingStrategy: 'HPA' | 'KPA' | 'APA';
}

export interface AibrixPodAutoscalerProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: AibrixPodAutoscalerSpec;
}

/** An autoscaling.aibrix.ai/v1alpha1 PodAutoscaler. */
export class AibrixPodAutoscaler extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'autoscaling.aibrix.ai/v1alpha1', kind: 'PodAutoscaler' };

  constructor(scope: Construct, id: string, props: AibrixPodAutoscalerProps) {
    super(scope, id, { ...AibrixPodAutoscaler.GVK, ...props });
  }
}
