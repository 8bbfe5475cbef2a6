import type { FindingCauses } from '../synth-pass';
import type { TlsMode } from '../tls/tls-mode';

// Which prop of a construct gave the names its objects carry, so that the synth-time pass refuses
// a duplicate as that prop (DESIGN §7: the prop, not the field the library made of it).

/**
 * A server whose objects carry upstream's fixed names (`flyteadmin`, `numaflow-server-rbac-config`)
 * in its `namespace`: a second one in that namespace is the cause of a duplicate. Cluster-scoped
 * objects named after the namespace (`<namespace>-flyteadmin`) have the same cause; cluster-scoped
 * objects of fixed name (metrics-server's APIService) have none, and are named as the object.
 * A Certificate issuing into another's Secret is caused by `tls`.
 */
export function serverCauses(path: string, component: string, namespace: string, tls: TlsMode): (json: any) => FindingCauses | undefined {
  const byNamespace = { path, prop: 'namespace', value: namespace,
    allowed: `another namespace for one of them: a ${component}'s objects carry upstream's fixed names, so there is one ${component} per namespace (instance changes only labels)` };
  const namespaced: FindingCauses = {
    'metadata.name': byNamespace,
    'spec.secretName': { path, prop: 'tls', value: tls, allowed: 'a certManager mode whose secretName no other Certificate of the namespace issues into (without secretName each server issues into <service>-tls)' },
  };
  const cluster: FindingCauses = { 'metadata.name': byNamespace };
  return (json) => {
    const metadata = json?.metadata ?? {};
    // An object in another namespace (metrics-server's RoleBinding in kube-system) is not placed by the prop.
    if (metadata.namespace !== undefined) return metadata.namespace === namespace ? namespaced : undefined;
    return typeof metadata.name === 'string' && metadata.name.includes(namespace) ? cluster : undefined;
  };
}

/** A construct whose objects are named by one of its props (`name`): that prop is the cause of a duplicate. */
export function namedCauses(path: string, prop: string, value: string, allowed: string, more: FindingCauses = {}): () => FindingCauses {
  const causes: FindingCauses = { 'metadata.name': { path, prop, value, allowed }, ...more };
  return () => causes;
}
