// DESIGN §6 item 5 (reference half), checked on every output the tests synthesize: every Secret
// or ConfigMap a pod needs is created by the stack or named by the user in a prop. The library
// cannot judge it (a name in a prop points at an object of the cluster), so it is the tests' own.
import { containersOf, objectRef, podOf } from '../../lib/rules/pod-specs';

/** Secrets and ConfigMaps a pod references (volumes, projected sources, env and envFrom), optional ones excluded. */
function referencesOf(spec: any): { kind: 'Secret' | 'ConfigMap'; name: string }[] {
  const refs: { kind: 'Secret' | 'ConfigMap'; name: string }[] = [];
  for (const v of spec.volumes ?? []) {
    if (v.secret && !v.secret.optional) refs.push({ kind: 'Secret', name: v.secret.secretName });
    if (v.configMap && !v.configMap.optional) refs.push({ kind: 'ConfigMap', name: v.configMap.name });
    for (const s of v.projected?.sources ?? []) {
      if (s.secret && !s.secret.optional) refs.push({ kind: 'Secret', name: s.secret.name });
      if (s.configMap && !s.configMap.optional) refs.push({ kind: 'ConfigMap', name: s.configMap.name });
    }
  }
  for (const { container } of containersOf(spec)) {
    for (const e of container.env ?? []) {
      const s = e.valueFrom?.secretKeyRef;
      const c = e.valueFrom?.configMapKeyRef;
      if (s && !s.optional) refs.push({ kind: 'Secret', name: s.name });
      if (c && !c.optional) refs.push({ kind: 'ConfigMap', name: c.name });
    }
    for (const f of container.envFrom ?? []) {
      if (f.secretRef && !f.secretRef.optional) refs.push({ kind: 'Secret', name: f.secretRef.name });
      if (f.configMapRef && !f.configMapRef.optional) refs.push({ kind: 'ConfigMap', name: f.configMapRef.name });
    }
  }
  return refs;
}

/**
 * Item 5 (reference half): every Secret/ConfigMap a pod needs is created in the stack (same
 * namespace) or named by the user in a prop (`external`, as `Secret/<ns>/<name>` or `ConfigMap/<ns>/<name>`).
 */
export function checkReferences(objects: readonly any[], external: readonly string[] = []): string[] {
  const created = new Set(objects.filter((o) => o?.kind === 'Secret' || o?.kind === 'ConfigMap').map(objectRef));
  // cert-manager fills the Secret a Certificate names.
  for (const cert of objects.filter((o) => o?.kind === 'Certificate')) {
    created.add(`Secret/${cert.metadata?.namespace}/${cert.spec?.secretName}`);
  }
  const errors: string[] = [];
  for (const pod of objects.map(podOf)) {
    if (!pod) continue;
    for (const ref of referencesOf(pod.spec)) {
      const id = `${ref.kind}/${pod.namespace}/${ref.name}`;
      if (!created.has(id) && !external.includes(id)) errors.push(`${pod.object} references ${id}, which the stack does not create and no prop names`);
    }
  }
  return errors;
}
