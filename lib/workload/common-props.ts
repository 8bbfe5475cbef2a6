import { k8s } from 'cdk8s-plus-28';
import { ValidationError } from '../errors';
import { requireImage, requireLabel, requireSubdomain } from '../names';

/** CPU / memory quantities, in Kubernetes quantity notation (`100m`, `200Mi`). */
export interface ResourceQuantities {
  /** CPU, e.g. `100m`. @default - none */
  readonly cpu?: string;
  /** Memory, e.g. `200Mi`. @default - none */
  readonly memory?: string;
}

/** Container resources. Each component states its own defaults (never cdk8s-plus's). */
export interface Resources {
  /** What the scheduler reserves. @default - the component's stated requests */
  readonly requests?: ResourceQuantities;
  /** The hard cap. @default - the component's stated limits */
  readonly limits?: ResourceQuantities;
}

/** Props that every server construct accepts (DESIGN §5). */
export interface ServerCommonProps {
  /** Namespace of every namespaced object. @default - the component's (see each construct) */
  readonly namespace?: string;
  /** Upstream version (semver, leading `v` optional); drives every version rule. @default - the component's current release */
  readonly version?: string;
  /** Image override; never changes what is derived from `version`. @default - the upstream image at `version` */
  readonly image?: string;
  /** Names of Secrets for pulling the image. @default - none */
  readonly imagePullSecrets?: string[];
  /** Number of pods. @default 1 */
  readonly replicas?: number;
  /** Resources of the main container. @default - the component's stated defaults */
  readonly resources?: Resources;
  /** Node selector. @default - none (or the component's) */
  readonly nodeSelector?: { [key: string]: string };
  /** Tolerations. @default - none */
  readonly tolerations?: k8s.Toleration[];
  /** Affinity. @default - none */
  readonly affinity?: k8s.Affinity;
  /** PriorityClass of the pods. @default - none (or the component's) */
  readonly priorityClassName?: string;
  /** Extra command-line arguments; a flag that the construct derives is refused. @default - none */
  readonly extraArgs?: string[];
  /** Extra environment variables; a variable that the construct derives is refused. @default - none */
  readonly extraEnv?: k8s.EnvVar[];
  /** Extra labels on every object (never in selectors). @default - none */
  readonly labels?: { [key: string]: string };
  /** Extra annotations on every object. @default - none */
  readonly annotations?: { [key: string]: string };
  /** The cluster's DNS domain. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** Value of the `app.kubernetes.io/instance` selector label (selectors are immutable: keep it stable). @default - the component's object name */
  readonly instance?: string;
}

const QUANTITY = /^([0-9]+(\.[0-9]+)?|\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** Validates the common props a user passed, with the construct path in every message. */
export function validateCommonProps(path: string, props: ServerCommonProps): void {
  if (props.namespace !== undefined) requireLabel(path, 'namespace', props.namespace);
  if (props.instance !== undefined) requireLabel(path, 'instance', props.instance);
  if (props.clusterDomain !== undefined) requireSubdomain(path, 'clusterDomain', props.clusterDomain);
  if (props.priorityClassName !== undefined) requireSubdomain(path, 'priorityClassName', props.priorityClassName);
  props.imagePullSecrets?.forEach((s, i) => requireSubdomain(path, `imagePullSecrets[${i}]`, s));
  if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 0)) {
    throw new ValidationError(path, 'replicas', props.replicas, 'not a whole number of pods', 'an integer >= 0');
  }
  if (props.image !== undefined) requireImage(path, 'image', props.image);
  validateResources(path, 'resources', props.resources);
}

/** Checks quantity syntax. */
export function validateResources(path: string, prop: string, resources: Resources | undefined): void {
  for (const kind of ['requests', 'limits'] as const) {
    for (const [name, value] of Object.entries(resources?.[kind] ?? {})) {
      if (value !== undefined && (typeof value !== 'string' || !QUANTITY.test(value))) {
        throw new ValidationError(path, `${prop}.${kind}.${name}`, value, 'not a Kubernetes quantity', 'e.g. "100m" (CPU) or "200Mi" (memory)');
      }
    }
  }
}

/** The user's resources over the component's defaults, per list (a given `requests` replaces the default `requests`). */
export function toK8sResources(defaults: Resources, user: Resources | undefined): k8s.ResourceRequirements {
  const pick = (q: ResourceQuantities | undefined) => {
    if (!q) return undefined;
    const out: { [key: string]: k8s.Quantity } = {};
    for (const [k, v] of Object.entries(q)) if (v !== undefined) out[k] = k8s.Quantity.fromString(v);
    return Object.keys(out).length ? out : undefined;
  };
  return { requests: pick(user?.requests ?? defaults.requests), limits: pick(user?.limits ?? defaults.limits) };
}
