// The public API of lib/check (re-exported by lib/index.ts).
export { checkManifests, CheckManifestsOptions } from './check-manifests';
export { ManifestFinding, ManifestRule, MANIFEST_RULES } from '../rules/findings';
export { parseQuantity } from '../rules/quantity';
export { looksSecret, urlCredentials } from '../rules/secret-patterns';
