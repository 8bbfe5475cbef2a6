/**
 * The pods of manifest objects as the rules see them: where the pod template sits (for field
 * paths), its metadata and spec, and every container with its list, index and path.
 *
 * Kinds and template locations are those of `podOf` (lib/rules/pod-specs.ts), which is used to
 * find the template. Its `containersOf` is not: it iterates whatever the lists hold and throws on a
 * list that is not iterable, while these rules must read untrusted JSON without ever throwing.
 */
import { podOf } from './pod-specs';
import { Json, list, obj } from './json';
import { field, item } from './paths';

/** Where each kind `podOf` knows keeps its pod template (the template's path, '' for a Pod itself). */
const TEMPLATE_PATHS: Readonly<Record<string, string>> = {
  Pod: '',
  PodTemplate: 'template',
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  ReplicaSet: 'spec.template',
  ReplicationController: 'spec.template',
  Job: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
};

/** The three container lists of a pod spec, in the order of upstream `visitContainers`. */
export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';
const CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** One container of a pod. */
export interface ContainerInfo {
  /** The list it is in. */
  readonly list: ContainerList;
  /** Its index in that list. */
  readonly index: number;
  /** Its field path from the object root, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
  /** The container (`{}` when the entry is not an object). */
  readonly spec: Json;
  /** Its `name`, when a string. */
  readonly name?: string;
  /** A regular container, or a native sidecar (an init container with `restartPolicy: Always`): it runs beside the app and can serve. */
  readonly serving: boolean;
}

/** One pod: a Pod, or the pod template of a workload or PodTemplate object. */
export interface PodInfo {
  /** The field path of the pod's metadata, e.g. `spec.template.metadata`. */
  readonly metadataPath: string;
  /** The field path of the pod spec, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** The pod's (template's) metadata. */
  readonly metadata: Json;
  /** The pod spec. */
  readonly spec: Json;
  /** Every container, initContainers first, then containers, then ephemeralContainers. */
  readonly containers: readonly ContainerInfo[];
  /** Whether the object runs pods a Service can select (every pod-bearing kind but PodTemplate). */
  readonly runs: boolean;
}

/** Whether `kind` is a kind whose objects hold a pod. */
export function isPodKind(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_PATHS, kind);
}

/** The pod of an object of `kind`, or undefined when the kind holds no pod or the template is missing. */
export function podInfo(object: Json, kind: string): PodInfo | undefined {
  // Guarded: podOf indexes its kind table with any string, including inherited names like `constructor`.
  if (!isPodKind(kind)) return undefined;
  const found = podOf(object);
  if (found === undefined) return undefined;
  const templatePath = TEMPLATE_PATHS[kind];
  const specPath = field(templatePath, 'spec');
  const spec = obj(found.spec);
  const containers: ContainerInfo[] = [];
  for (const listName of CONTAINER_LISTS) {
    const entries = list(spec[listName]);
    for (let index = 0; index < entries.length; index++) {
      const container = obj(entries[index]);
      containers.push({
        list: listName,
        index,
        path: item(field(specPath, listName), index),
        spec: container,
        ...(typeof container.name === 'string' ? { name: container.name } : {}),
        serving: listName === 'containers' || (listName === 'initContainers' && container.restartPolicy === 'Always'),
      });
    }
  }
  return {
    metadataPath: field(templatePath, 'metadata'),
    specPath,
    metadata: obj(found.metadata),
    spec,
    containers,
    runs: kind !== 'PodTemplate',
  };
}

/** `container "main"`, or the container's path when it has no name, for messages. */
export function containerLabel(container: ContainerInfo): string {
  return container.name === undefined ? `container ${container.path}` : `container ${JSON.stringify(container.name)}`;
}
