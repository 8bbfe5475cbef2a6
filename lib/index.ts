// The public API. Nothing outside this file is part of it.
export { ValidationError } from './errors';
export { Trust, TrustKind } from './tls/trust';
export { TlsMode, TlsModeKind, IssuerRef, FromSecretOptions, CertManagerOptions } from './tls/tls-mode';
export { Endpoint, EndpointProps } from './tls/endpoint';
export { checkRestricted, CheckRestrictedOptions, PodSecurityCheck, RestrictedViolation } from './security/check-restricted';
export { Resources, ResourceQuantities, ServerCommonProps } from './workload/common-props';
export { NumaflowServer, NumaflowServerProps } from './numaflow/numaflow-server';
export { NumaflowUserRbac } from './numaflow/numaflow-config';
