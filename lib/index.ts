// The public API. Nothing outside this file is part of it.
export { Errors, ValidationError } from './errors';
export { Version } from './version';
export { Trust, TrustKind } from './tls/trust';
export { Scheme } from './tls/scheme';
export { TlsMode, TlsModeKind, IssuerKind, IssuerRef, FromSecretOptions, CertManagerOptions } from './tls/tls-mode';
export { Endpoint, EndpointProps } from './tls/endpoint';
export { ObjectStore, ObjectStoreCredentials, ObjectStoreOptions, S3ObjectStoreOptions, MinioObjectStoreOptions } from './storage/object-store';
export { checkRestricted, CheckRestrictedOptions, PodSecurityCheck, RestrictedViolation } from './check/check-restricted';
export { RestrictedNamespace, RestrictedNamespaceProps } from './namespaces/restricted-namespace';
export { PodSecurityLevel } from './security/pod-security-level';
export { checkManifests, CheckManifestsOptions, ManifestFinding, ManifestRule, MANIFEST_RULES } from './check';
export { Resources, ResourceQuantities, ServerCommonProps } from './workload/common-props';
export { IScalableEndpoint, ScaleTargetRef } from './workload/scalable';
export { AlternativeFolder, IStack, synthStacks, writeStacks, WriteStacksOptions } from './synth/synth-stacks';
export { writeKustomization } from './synth/output-folder';
export { Checks, StackSynth } from './api-classes';
export { ListenerProtocol, GatewayListener, GatewayDataPlane, ExposeViaGatewayOptions, AdminExposeViaGatewayOptions } from './gateway/gateway-options';
export { GatewayExposure } from './gateway/gateway-routes';
export {
  GatewayImplementation, GatewayImplementationKind, EnvoyGatewayOptions, IstioOptions, CiliumOptions, NginxGatewayFabricOptions,
} from './gateway/gateway-implementation';
export { GatewayNamespace, GatewayNamespaceProps } from './gateway/gateway-namespace';
export { StackNetworkPolicies, StackNetworkPoliciesProps } from './network/stack-network-policies';
export { NetworkPeer } from './network/network-flows';
export { NetworkEgressOptions, EgressDestination, NodeLocalDnsCache, ServiceTranslation } from './network/egress-options';
export { NumaflowServer, NumaflowServerProps } from './numaflow/numaflow-server';
export { NumaflowUserRbac } from './numaflow/numaflow-config';
export { MetricsServer, MetricsServerProps } from './metrics/metrics-server';
export { PodAutoscaler, PodAutoscalerProps, ScalingStrategy, AutoscalerMetric } from './metrics/pod-autoscaler';
export { ScaleTarget, RawScaleTarget } from './metrics/scale-target';
export { SecureAdmin, SecureAdminProps } from './flyte/admin/secure-admin';
export { AdminDatabase } from './flyte/admin/admin-config';
export { AdminClusterRole, AdminClusterRoleOptions } from './flyte/admin/admin-rbac';
export { FlyteScheduler } from './flyte/admin/admin-peers';
export { AdminClientConfig, AdminClientConfigOptions } from './flyte/admin/client-config';
export { Console, ConsoleProps } from './flyte/console/console';
export { FlytePodTemplate, FlytePodTemplateProps } from './flyte/copilot/flyte-pod-template';
export { CopilotPod, CopilotPodProps, CopilotContainerNames } from './flyte/copilot/copilot-pod';
// Escape hatches: the custom resources the constructs create, with their generated types.
export * from './imports/cert-manager';
export * from './imports/aibrix';
