// The public API. Nothing outside this file is part of it.
export { ValidationError } from './errors';
export { Version } from './version';
export { Trust, TrustKind } from './tls/trust';
export { TlsMode, TlsModeKind, IssuerRef, FromSecretOptions, CertManagerOptions } from './tls/tls-mode';
export { Endpoint, EndpointProps } from './tls/endpoint';
export { checkRestricted, CheckRestrictedOptions, PodSecurityCheck, RestrictedViolation } from './security/check-restricted';
export { Resources, ResourceQuantities, ServerCommonProps } from './workload/common-props';
export { IScalableEndpoint, ScaleTargetRef } from './workload/scalable';
export { StackSpec, synthStacks, writeStacks } from './synth/synth-stacks';
export { NumaflowServer, NumaflowServerProps } from './numaflow/numaflow-server';
export { NumaflowUserRbac } from './numaflow/numaflow-config';
export { MetricsServer, MetricsServerProps } from './metrics/metrics-server';
export { PodAutoscaler, PodAutoscalerProps, ScalingStrategy, RawScaleTarget, AutoscalerMetric } from './metrics/pod-autoscaler';
export { SecureAdmin, SecureAdminProps } from './flyte/secure-admin';
export { AdminDatabase, AdminStorage, AdminStorageType, StorageCredentials, SecretKeyRef } from './flyte/admin-config';
export { AdminExtraConfig } from './flyte/admin-extra-config';
export { AdminClientConfig, AdminClientConfigOptions } from './flyte/admin-client-config';
export { Console, ConsoleProps } from './flyte/console';
