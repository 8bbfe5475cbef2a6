import type * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { refineFields } from '../../props/prop-shapes';
import { T } from '../../props/prop-types';
import { ObjectStore } from '../../storage/object-store';
import { Resources } from '../../workload/common-props';

/** Props of `FlytePodTemplate`. */
export interface FlytePodTemplateProps {
  /**
   * The object store task pods reach through copilot. Its endpoint's scheme is copilot's TLS
   * setting, and a private CA (its `trust`) is mounted into the copilot containers.
   */
  readonly objectStore: ObjectStore;
  /**
   * Name of the PodTemplate (`plugins.k8s.default-pod-template-name`).
   * @default 'flyte-template'
   */
  readonly name?: string;
  /**
   * Namespace of the PodTemplate: FlytePropeller's, where Flyte falls back to when the execution namespace has none.
   * @default 'flyte'
   */
  readonly namespace?: string;
  /**
   * The Flyte release the template is for; decides which entries exist and where the CA is mounted.
   * @default 'v1.16.8'
   */
  readonly flyteVersion?: string;
  /**
   * `plugins.k8s.co-pilot.image` of the ConfigMap fragment.
   * @default - `cr.flyte.org/flyteorg/flytecopilot:<flyteVersion>`
   */
  readonly copilotImage?: string;
  /**
   * The non-root user of every task pod (pod-level `runAsUser`; restricted needs non-root, and the copilot image runs as root).
   * @default 65534
   */
  readonly runAsUser?: number;
  /**
   * Resources of the `default` and `default-init` entries: what a task container that sets none gets
   * (a container's own values win, and copilot containers always set cpu and memory themselves).
   * @default - none
   */
  readonly resources?: Resources;
  /**
   * The namespaces Flyte runs tasks in (its project-domain namespaces). A `Trust.caPem` bundle
   * becomes a ConfigMap in each of them, since a pod can only mount a ConfigMap of its own namespace;
   * with `caFromSecret` / `caFromConfigMap` the named object must exist there (e.g. from trust-manager).
   * @default - the template's namespace only
   */
  readonly taskNamespaces?: string[];
  /**
   * Extra volumes of every task pod.
   * @default - none
   */
  readonly extraVolumes?: k8s.Volume[];
  /**
   * Extra mounts of the `default` and `default-init` entries (every task and copilot container).
   * @default - none
   */
  readonly extraVolumeMounts?: k8s.VolumeMount[];
}

/** FlytePodTemplateProps: the user id is an integer. */
export const TEMPLATE_PROPS = refineFields('FlytePodTemplateProps', { runAsUser: T.integer });
