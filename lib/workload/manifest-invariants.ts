import { containersOf, objectRef, podOf } from '../rules/pod-specs';

/**
 * Checks of DESIGN §6 over synthesized manifests (plain JSON). Each returns messages; empty means
 * the invariant holds. The constructs run them at synth; the test harness runs them on every output.
 */

/** Item 1: every Service targetPort names (or numbers) a port of a pod it selects; probes target declared ports. */
export function checkPortWiring(objects: readonly any[]): string[] {
  const errors: string[] = [];
  const pods = objects.map((o) => ({ o, pod: podOf(o) })).filter((p) => p.pod);
  for (const svc of objects.filter((o) => o?.kind === 'Service')) {
    const selector: { [k: string]: string } = svc.spec?.selector ?? {};
    if (Object.keys(selector).length === 0) continue; // a selector-less Service has its own Endpoints
    const selected = pods.filter(({ o, pod }) => (o.metadata?.namespace ?? '') === (svc.metadata?.namespace ?? '')
      && Object.entries(selector).every(([k, v]) => pod!.metadata?.labels?.[k] === v));
    if (selected.length === 0) {
      errors.push(`${objectRef(svc)} selects no pod of the stack (selector ${JSON.stringify(selector)})`);
      continue;
    }
    const ports = selected.flatMap(({ pod }) => containersOf(pod!.spec).flatMap(({ container }) => container.ports ?? []));
    for (const p of svc.spec?.ports ?? []) {
      const target = p.targetPort ?? p.port;
      const found = typeof target === 'string' ? ports.some((cp: any) => cp.name === target) : ports.some((cp: any) => cp.containerPort === target);
      if (!found) errors.push(`${objectRef(svc)} port ${p.name ?? p.port} targets ${JSON.stringify(target)}, which no selected container declares`);
    }
  }
  for (const { pod } of pods) {
    for (const { container } of containersOf(pod!.spec)) {
      for (const probeName of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const probe = container[probeName];
        const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
        if (port === undefined) continue;
        const declared = (container.ports ?? []).some((cp: any) => (typeof port === 'string' ? cp.name === port : cp.containerPort === port));
        if (!declared) errors.push(`${pod!.object} container ${container.name} ${probeName} targets port ${JSON.stringify(port)}, which the container does not declare`);
      }
    }
  }
  return errors;
}

/** Items 1 and 8, item 5 (mount half) and item 7: every volumeMount has a volume, mount paths and container names are unique. */
export function checkPodInvariants(objects: readonly any[]): string[] {
  const errors = [...checkPortWiring(objects), ...checkApiServices(objects)];
  for (const pod of objects.map(podOf)) {
    if (!pod) continue;
    const volumes = new Set((pod.spec.volumes ?? []).map((v: any) => v.name));
    const names = new Set<string>();
    for (const { container } of containersOf(pod.spec)) {
      if (names.has(container.name)) errors.push(`${pod.object} has two containers named ${container.name}`);
      names.add(container.name);
      const paths = new Set<string>();
      for (const m of container.volumeMounts ?? []) {
        if (!volumes.has(m.name)) errors.push(`${pod.object} container ${container.name} mounts volume ${m.name}, which the pod does not define`);
        if (paths.has(m.mountPath)) errors.push(`${pod.object} container ${container.name} mounts two volumes at ${m.mountPath}`);
        paths.add(m.mountPath);
      }
    }
  }
  return errors;
}

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

/** Item 8: an APIService never has both `insecureSkipTLSVerify: true` and a caBundle (the API server rejects it). */
export function checkApiServices(objects: readonly any[]): string[] {
  return objects
    .filter((o) => o?.kind === 'APIService' && o.spec?.insecureSkipTLSVerify === true && o.spec?.caBundle)
    .map((o) => `${objectRef(o)} has insecureSkipTLSVerify: true and a caBundle, which the API server rejects`);
}

/**
 * One stack must not emit an object twice (the second apply would overwrite the first), nor two
 * cert-manager Certificates that issue into one Secret (they would overwrite each other's key).
 */
export function checkDuplicates(objects: readonly any[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  const secrets = new Map<string, string>();
  for (const o of objects) {
    const id = `${o?.apiVersion} ${objectRef(o)}`;
    if (seen.has(id)) errors.push(`${objectRef(o)} is emitted twice`);
    seen.add(id);
    if (o?.kind === 'Certificate' && o.spec?.secretName) {
      const secret = `${o.metadata?.namespace}/${o.spec.secretName}`;
      const other = secrets.get(secret);
      if (other) errors.push(`${objectRef(o)} and ${other} both issue into Secret ${secret}`);
      secrets.set(secret, objectRef(o));
    }
  }
  return errors;
}
