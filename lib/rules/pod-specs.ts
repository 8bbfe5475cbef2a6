/** A pod found inside a manifest object, with where it was found. */
export interface FoundPod {
  /** `<Kind>/<namespace>/<name>` (or `<Kind>/<name>` without a namespace). */
  readonly object: string;
  readonly kind: string;
  readonly namespace?: string;
  /** The pod's metadata (the template's, for workload kinds). */
  readonly metadata: any;
  /** The pod spec. */
  readonly spec: any;
}

/** Where each pod-bearing kind keeps its pod template. */
const TEMPLATE_PATH: { [kind: string]: string[] } = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Names an object as `<Kind>/<namespace>/<name>`. */
export function objectRef(obj: any): string {
  const ns = obj?.metadata?.namespace;
  const name = typeof obj?.metadata?.name === 'string' && obj.metadata.name !== '' ? obj.metadata.name : '(unnamed)';
  return `${obj?.kind}/${typeof ns === 'string' && ns !== '' ? `${ns}/` : ''}${name}`;
}

/** The pod of a pod-bearing object, or undefined for other kinds. */
export function podOf(obj: unknown): FoundPod | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const o = obj as any;
  const path = TEMPLATE_PATH[o.kind];
  if (!path) return undefined;
  let template: any = o;
  for (const key of path) template = template?.[key];
  if (typeof template !== 'object' || template === null) return undefined;
  return { object: objectRef(o), kind: o.kind, namespace: o.metadata?.namespace, metadata: template.metadata ?? {}, spec: template.spec ?? {} };
}

/** Every container of a pod spec, of every kind, with its kind. */
export function containersOf(spec: any): { kind: 'containers' | 'initContainers' | 'ephemeralContainers'; container: any }[] {
  const out: { kind: 'containers' | 'initContainers' | 'ephemeralContainers'; container: any }[] = [];
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const container of spec?.[kind] ?? []) out.push({ kind, container });
  }
  return out;
}
