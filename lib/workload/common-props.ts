import type { ISecret } from 'cdk8s-plus-28';
import type * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../errors';
import { parseQuantity } from '../rules/quantity';
import { requestsAboveLimits } from '../rules/resources';
import { RefUse, secretName } from '../props/k8s-refs';
import { refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { refuseUrlCredentials } from '../input/secrets';
import { requireAnnotations, requireImage, requireLabel, requireLabels, requireSubdomain } from '../names';

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

/**
 * Props that every server construct accepts (DESIGN §5). The ones whose defaults differ by
 * component (`namespace`, `version`, `image`, `resources`, `priorityClassName`) are declared by each
 * construct's props, with its own default.
 */
export interface ServerCommonProps {
  /**
   * Secrets for pulling the image (`kubernetes.io/dockerconfigjson`), as cdk8s-plus takes its
   * `dockerRegistryAuth`: e.g. `[Secret.fromSecretName(scope, id, 'regcred')]`. Only their names are used.
   * @default - none
   */
  readonly imagePullSecrets?: ISecret[];
  /** Number of pods. @default 1 */
  readonly replicas?: number;
  /** Node selector. @default - none (or the component's) */
  readonly nodeSelector?: { [key: string]: string };
  /** Tolerations. @default - none */
  readonly tolerations?: k8s.Toleration[];
  /** Affinity. @default - none */
  readonly affinity?: k8s.Affinity;
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

refineFields('ServerCommonProps', { replicas: T.integer });

/** The largest value of an int32 field (`replicas`, `minReplicas` ...), as the API server checks it. */
export const INT32_MAX = 2147483647;

/** The common props with those each construct declares itself (what `validateCommonProps` reads). */
export interface WorkloadUserProps extends ServerCommonProps {
  readonly namespace?: string;
  readonly version?: string;
  readonly image?: string;
  readonly resources?: Resources;
  readonly priorityClassName?: string;
}

/** The image pull secrets as references the pods read in `namespace` (see `namespaceErrors`). */
export function pullSecretUses(props: ServerCommonProps, namespace: string): RefUse[] {
  return (props.imagePullSecrets ?? []).map((ref, i) => ({ prop: `imagePullSecrets[${i}]`, ref, readers: [namespace], why: 'the kubelet reads a pod\'s image pull secrets from its own namespace only' }));
}

/** Validates the common props a user passed, with the construct path in every message. */
export function validateCommonProps(path: string, props: WorkloadUserProps): void {
  if (props.namespace !== undefined) requireLabel(path, 'namespace', props.namespace);
  if (props.instance !== undefined) requireLabel(path, 'instance', props.instance);
  if (props.clusterDomain !== undefined) requireSubdomain(path, 'clusterDomain', props.clusterDomain);
  if (props.priorityClassName !== undefined) requireSubdomain(path, 'priorityClassName', props.priorityClassName);
  props.imagePullSecrets?.forEach((s, i) => secretName(path, `imagePullSecrets[${i}]`, s));
  // spec.replicas is an int32: a larger count is a manifest the API server refuses.
  if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 0 || props.replicas > INT32_MAX)) {
    throw new ValidationError(path, 'replicas', props.replicas, 'not a whole number of pods', `an integer >= 0 (at most ${INT32_MAX})`);
  }
  if (props.image !== undefined) requireImage(path, 'image', props.image);
  validateResources(path, 'resources', props.resources);
  requireLabels(path, 'labels', props.labels);
  requireAnnotations(path, 'annotations', props.annotations);
  for (const [key, value] of Object.entries(props.annotations ?? {})) refuseUrlCredentials(path, `annotations.${key}`, value);
  for (const [key, value] of Object.entries(props.nodeSelector ?? {})) {
    // A node selector is matched against node labels: the same syntax.
    requireLabels(path, 'nodeSelector', { [key]: value });
  }
}

/** Checks quantity syntax. */
export function validateResources(path: string, prop: string, resources: Resources | undefined): void {
  for (const kind of ['requests', 'limits'] as const) {
    for (const [name, value] of Object.entries(resources?.[kind] ?? {})) {
      const quantity = parseQuantity(value);
      if (value !== undefined && (typeof value !== 'string' || quantity === undefined || quantity < 0)) {
        throw new ValidationError(path, `${prop}.${kind}.${name}`, value, 'not a Kubernetes quantity', 'e.g. "100m" (CPU) or "200Mi" (memory)');
      }
    }
  }
}

/**
 * The requests and limits a container gets: the user's lists over the component's defaults, per
 * list (a given `requests` replaces the default `requests`). When the user gives `limits` but no
 * `requests`, a default request above its new limit is lowered to the limit, as Kubernetes sets a
 * request to its limit when the request is unset.
 */
function effectiveResources(defaults: Resources, user: Resources | undefined): Resources {
  const limits = user?.limits ?? defaults.limits;
  let requests = user?.requests ?? defaults.requests;
  if (user?.requests === undefined && user?.limits !== undefined && requests !== undefined) {
    const lowered: { [name: string]: string | undefined } = { ...requests };
    for (const name of ['cpu', 'memory'] as const) {
      const [request, limit] = [parseQuantity(requests[name]), parseQuantity(limits?.[name])];
      if (request !== undefined && limit !== undefined && request > limit) lowered[name] = limits![name];
    }
    requests = lowered;
  }
  return { requests, limits };
}

/**
 * Refuses resources whose requests the user gave above their limits (the API server refuses such
 * a pod). Requests the user did not give follow the limits instead (see `effectiveResources`).
 */
export function checkEffectiveResources(path: string, prop: string, defaults: Resources, user: Resources | undefined): void {
  if (user?.requests === undefined) return;
  const { requests = {}, limits = {} } = effectiveResources(defaults, user);
  const [above] = requestsAboveLimits({ ...requests }, { ...limits });
  if (above === undefined) return;
  throw new ValidationError(path, `${prop}.requests.${above.name}`, above.request,
    `it exceeds the ${user.limits ? '' : 'component\'s default '}limit ${above.limit}, and the API server refuses a request above its limit`,
    user.limits ? `a request <= ${above.limit}` : `${prop}.limits as well (a given list replaces the default one), or a request <= ${above.limit}`);
}

/**
 * The user's resources over the component's defaults (see `effectiveResources`), as
 * `k8s.ResourceRequirements` manifest JSON in the schema's key order.
 */
export function resourcesJson(defaults: Resources, user: Resources | undefined): { limits?: { [key: string]: string }; requests?: { [key: string]: string } } {
  const { requests, limits } = effectiveResources(defaults, user);
  return { limits: quantitiesJson(limits), requests: quantitiesJson(requests) };
}

/** The quantities that are set, in the order given, or undefined when none is. */
function quantitiesJson(q: ResourceQuantities | undefined): { [key: string]: string } | undefined {
  if (!q) return undefined;
  let out: { [key: string]: string } | undefined;
  for (const [k, v] of Object.entries(q)) if (v !== undefined) (out ??= {})[k] = v;
  return out;
}
