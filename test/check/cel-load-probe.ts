// Run by cel-gateway-api.test.ts in a process of its own: which of the CEL evaluator and the
// generated rules are loaded after importing the library, after a check without Gateway API
// objects, and after a check with one.
import * as lib from '../../lib';

const loaded = () => ['@bufbuild/cel', 'cel-crd-rules'].filter((m) => Object.keys(require.cache).some((k) => k.includes(`${m}`)));
const afterImport = loaded();
lib.checkManifests([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }]);
const afterPlainCheck = loaded();
lib.checkManifests([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'x' }, spec: { rules: [{}] } }]);
console.log(JSON.stringify({ afterImport, afterPlainCheck, afterGatewayCheck: loaded() }));
