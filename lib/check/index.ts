// The public API of lib/check (re-exported by lib/index.ts).
export { checkManifests, CheckManifestsOptions } from './check-manifests';
export { ManifestFinding, ManifestRule, MANIFEST_RULES } from './findings';
export { parseQuantity } from './quantity';
export { looksSecret, urlCredentials } from './secret-patterns';
