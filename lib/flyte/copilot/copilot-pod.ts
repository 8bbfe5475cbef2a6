import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from '../../construct-path';
import { ValidationError } from '../../errors';
import { namespaceErrors } from '../../props/k8s-refs';
import { checkProps, needed, refineFields } from '../../props/prop-shapes';
import { PropType, T } from '../../props/prop-types';
import { refuseSecretArgs } from '../../input/secrets';
import { synthPass } from '../../synth-pass';
import { requireLabel, requireImage } from '../../names';
import { ObjectStore, storeUses } from '../../storage/object-store';
import { kubernetesVersion, supportedVersion, Version } from '../../version';
import { checkEffectiveResources, Resources, resourcesJson, validateResources } from '../../workload/common-props';
import { standardLabels } from '../../workload/labels';
import * as C from './constants';
import { FLYTE_DEFAULT_VERSION, FLYTE_LINE } from '../flyte-release';
import { buildCopilotPod } from './copilot-containers';
import { podTemplateJson } from './pod-template-json';
import { PTRACE_CHECKS, refuseApiInvalid, refuseMissingCa, refuseNonRestricted, refuseUnusableEntries } from './copilot-pod-checks';
import { copilotStorageFlags } from './storage-flags';
import { FlytePodTemplate } from './flyte-pod-template';
import { mergeFlytePod } from './pod-template-merge';
import { TrustKind } from '../../tls/trust';
import { namedCauses } from '../../workload/duplicate-causes';

/** The containers of a copilot task pod. */
export interface CopilotContainerNames {
  /** The task's container (Flyte names it after the execution). */
  readonly primary: string;
  /** The copilot downloader (an init container), when the task has inputs. @default - none */
  readonly downloader?: string;
  /** The copilot uploader, when the task has outputs. @default - none */
  readonly uploader?: string;
}

/** Props of `CopilotPod`. */
export interface CopilotPodProps {
  /**
   * The Flyte release whose pod is built: container names, sidecar style, SYS_PTRACE and template merging follow it.
   * @default - the FlytePodTemplate's, else 'v1.16.8'
   */
  readonly flyteVersion?: string;
  /**
   * The cluster's Kubernetes version: Flyte >= 1.16 runs the uploader as a native sidecar, which needs 1.29.
   * @default '1.29'
   */
  readonly kubernetesVersion?: string;
  /** The task's image. */
  readonly image: string;
  /**
   * The task container's command.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * The task container's arguments.
   * @default - none
   */
  readonly args?: string[];
  /**
   * The names of the task's inputs; `[]` for a task without inputs (no downloader).
   * @default ['input']
   */
  readonly inputs?: string[];
  /**
   * The names of the task's outputs; `[]` for a task without outputs (no uploader).
   * @default ['output']
   */
  readonly outputs?: string[];
  /**
   * Where the task reads its inputs (the task's `DataLoadingConfig.inputPath`).
   * @default '/var/flyte/inputs'
   */
  readonly inputPath?: string;
  /**
   * Where the task writes its outputs (`DataLoadingConfig.outputPath`).
   * @default '/var/flyte/outputs'
   */
  readonly outputPath?: string;
  /**
   * The object store copilot reads inputs from and writes outputs to; credentials come from a
   * Secret (env `secretKeyRef` and `$(VAR)` flags) or the pod's identity.
   * @default - the FlytePodTemplate's; required with any other podTemplate
   */
  readonly objectStore?: ObjectStore;
  /**
   * The runtime PodTemplate Flyte merges in (its object store, version, image and namespace are
   * the pod's defaults). Give either this or `podTemplateSpec`.
   * @default - none: copilot containers then carry no security context and the pod is refused
   */
  readonly podTemplate?: FlytePodTemplate;
  /**
   * The runtime PodTemplate Flyte merges in, as the `template` of a PodTemplate made elsewhere
   * (checked for fields the typed API does not know). Give either this or `podTemplate`.
   * @default - none
   */
  readonly podTemplateSpec?: k8s.PodTemplateSpec;
  /**
   * Accept Flyte < 1.16's SYS_PTRACE on the task container and shareProcessNamespace. The pod then
   * fails Pod Security baseline and restricted (`capabilities_baseline`, `capabilities_restricted`
   * only, listed in `podSecurityExceptions` and the `cdk8s-tls-constructs/pod-security-exceptions` annotation).
   * @default false
   */
  readonly allowPtrace?: boolean;
  /**
   * Image of the copilot containers (`plugins.k8s.co-pilot.image`).
   * @default - the FlytePodTemplate's, else `cr.flyte.org/flyteorg/flytecopilot:<flyteVersion>`
   */
  readonly copilotImage?: string;
  /**
   * Resources of the task's container.
   * @default - none (Flyte fills in its platform defaults)
   */
  readonly resources?: Resources;
  /**
   * Name of the pod and of its task container (Flyte names both after the execution).
   * @default 'copilot-task'
   */
  readonly name?: string;
  /**
   * Namespace of the pod; the CA and credential Secrets/ConfigMaps must exist there.
   * @default - the FlytePodTemplate's namespace, else 'flyte'
   */
  readonly namespace?: string;
}

/**
 * `inputs` / `outputs`: a list of names. `true` and `false` were the values of an earlier API
 * (JavaScript callers may still pass them): refused with what to write instead.
 */
function namesType(single: string): PropType {
  const names = T.array(T.string);
  return {
    ...names,
    check: (path, prop, value) => {
      if (typeof value === 'boolean') {
        throw new ValidationError(path, prop, value, 'it is not a list of names (true and false are no longer accepted)',
          value ? `["${single}"] (the default: leave it out)` : '[] for none');
      }
      return names.check(path, prop, value);
    },
  };
}

/** CopilotPodProps: what a missing image is; names as lists (with a redirect from the booleans of before). */
const COPILOT_POD_PROPS = refineFields('CopilotPodProps', {
  image: needed('string', { wanted: 'an image reference, e.g. "registry.example.com/org/image:tag"' }),
  inputs: namesType('input'),
  outputs: namesType('output'),
});

function names(path: string, prop: string, value: string[] | undefined, single: string): string[] {
  if (value === undefined) return [single];
  if (!Array.isArray(value) || value.some((n) => typeof n !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) || new Set(value).size !== value.length) {
    throw new ValidationError(path, prop, value, 'not a list of distinct variable names', 'names such as ["x", "y"], or [] for none');
  }
  return [...value];
}

function absolutePath(path: string, prop: string, value: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /\s/.test(value) || value.length < 2) {
    throw new ValidationError(path, prop, value, 'not an absolute path', 'e.g. "/var/flyte/inputs"');
  }
  return value.replace(/\/$/, '');
}

/**
 * A raw-container task pod with Flyte CoPilot as the given Flyte version builds it, merged with its
 * runtime PodTemplate by the version's rules: what a platform team previews and tests before a rollout.
 * Refuses a pod the API server or Pod Security restricted would reject, naming the fix.
 */
export class CopilotPod extends Construct {
  /** The object store the pod's copilot containers reach. */
  public readonly objectStore: ObjectStore;
  /** The Flyte release the pod is built as. */
  public readonly flyteVersion: Version;
  /** The cluster's Kubernetes version the pod is built for. */
  public readonly kubernetesVersion: Version;
  /** The task pod, merged with its template (emitted from the merged manifest JSON). */
  public readonly pod: ApiObject;
  /** Names of the task container and the copilot containers present. */
  public readonly containerNames: CopilotContainerNames;
  /** Pod Security checks this pod fails by the user's choice (`allowPtrace`); pass them to `checkRestricted`'s `skip`. */
  public readonly podSecurityExceptions: string[];

  constructor(scope: Construct, id: string, props: CopilotPodProps) {
    // Resolve first: a refused pod never joins the tree.
    const plan = planCopilotPod(childPath(scope, id), props);
    super(scope, id);
    this.objectStore = plan.store;
    this.flyteVersion = plan.flyteVersion;
    this.kubernetesVersion = plan.clusterVersion;
    this.containerNames = plan.containerNames;
    this.podSecurityExceptions = plan.podSecurityExceptions;
    // The merged JSON is the pod: emitted as it is, never converted back to typed props.
    this.pod = new ApiObject(this, 'Pod', { ...k8s.KubePod.GVK, ...plan.pod });
    // A preview of the pod Flyte builds: to inspect and test, never cluster output.
    synthPass(this).register(this, {
      preview: true,
      crossCheck: () => namespaceErrors(this.node.path, storeUses(plan.store, [plan.namespace])),
      causes: namedCauses(this.node.path, 'name', plan.name, 'another name for one of the pods'),
    });
    this.node.defaultChild = this.pod;
  }
}

/** Checks a CopilotPod's props (naming `path`), builds the pod as Flyte would and merges its template. Pure. */
function planCopilotPod(path: string, userProps: CopilotPodProps) {
  const props = checkProps(path, '', userProps, COPILOT_POD_PROPS, 'props of CopilotPod') as unknown as CopilotPodProps;
  if (props.podTemplate !== undefined && props.podTemplateSpec !== undefined) {
    throw new ValidationError(path, 'podTemplateSpec', 'PodTemplateSpec', 'the pod has one runtime PodTemplate, and podTemplate gives it already', 'podTemplate or podTemplateSpec, not both');
  }
  const template = props.podTemplate;
  const store = props.objectStore ?? template?.objectStore;
  if (store === undefined) {
    throw new ValidationError(path, 'objectStore', undefined, 'copilot needs the object store, and only a FlytePodTemplate carries one', 'ObjectStore.s3({ bucket, ... }) or ObjectStore.minio({ bucket, endpoint, ... })');
  }
  // The template's store scheme is copilot's TLS setting: its CA mount (or none) follows it.
  if (template && props.objectStore && props.objectStore.tlsEnabled !== template.objectStore.tlsEnabled) {
    throw new ValidationError(path, 'objectStore', props.objectStore, `the FlytePodTemplate is made for a store over ${template.objectStore.tlsEnabled ? 'HTTPS' : 'plain HTTP'} `
      + `(${template.objectStore}), and copilot's TLS setting and CA mount follow it`,
    'no objectStore prop (the template\'s is used), or a store with the same scheme');
  }
  if (template && props.objectStore && !props.objectStore.trust.sameAs(template.objectStore.trust)) {
    throw new ValidationError(path, 'objectStore', props.objectStore, `the FlytePodTemplate is made for a store verified with ${template.objectStore.trust}, and its CA mount follows that`,
      'no objectStore prop (the template\'s is used), or a store with the same trust');
  }
  const versionProp = props.flyteVersion ?? template?.flyteVersion.tag ?? FLYTE_DEFAULT_VERSION;
  const flyteVersion = supportedVersion(path, 'flyteVersion', versionProp, FLYTE_LINE);
  if (template && flyteVersion.compare(template.flyteVersion) !== 0) {
    throw new ValidationError(path, 'flyteVersion', props.flyteVersion, `the FlytePodTemplate is made for Flyte ${template.flyteVersion.tag}`, 'no flyteVersion prop, or the template\'s');
  }
  const v = flyteVersion;
  const native = v.atLeast(C.SINCE.nativeSidecar);
  if (!native && props.allowPtrace !== true) {
    throw new ValidationError(path, 'flyteVersion', versionProp, `Flyte ${v.tag} adds SYS_PTRACE to the task container and sets shareProcessNamespace for the copilot uploader, `
      + 'which Pod Security baseline and restricted refuse (Flyte v1.16.0 removed both, PR #6509)', 'flyteVersion >= v1.16.0, or allowPtrace: true for a pod that is knowingly not restricted');
  }
  const inputs = names(path, 'inputs', props.inputs, 'input');
  const outputs = names(path, 'outputs', props.outputs, 'output');
  if (inputs.length + outputs.length === 0) {
    throw new ValidationError(path, 'outputs', props.outputs, 'with neither inputs nor outputs copilot adds no container', 'inputs or outputs');
  }
  const clusterVersion = kubernetesVersion(path, 'kubernetesVersion', props.kubernetesVersion ?? '1.29');
  if (native && outputs.length && clusterVersion.below(C.NATIVE_SIDECAR_KUBERNETES)) {
    throw new ValidationError(path, 'kubernetesVersion', props.kubernetesVersion, `Flyte ${v.tag} runs the uploader as a native sidecar (init container with restartPolicy: Always, PR #6501), `
      + 'which Kubernetes runs by default only from 1.29 (SidecarContainers)', 'Kubernetes >= 1.29, or a Flyte release below v1.16.0 with allowPtrace');
  }
  const inputPath = absolutePath(path, 'inputPath', props.inputPath ?? C.COPILOT.inputPath);
  const outputPath = absolutePath(path, 'outputPath', props.outputPath ?? C.COPILOT.outputPath);
  if (inputPath === outputPath) throw new ValidationError(path, 'outputPath', outputPath, 'it is the inputPath: two volumes cannot share a mount path', 'another path');
  requireImage(path, 'image', props.image);
  refuseSecretArgs(path, 'command', props.command);
  refuseSecretArgs(path, 'args', props.args);
  validateResources(path, 'resources', props.resources);
  checkEffectiveResources(path, 'resources', {}, props.resources);
  const name = requireLabel(path, 'name', props.name ?? 'copilot-task');
  const namespace = requireLabel(path, 'namespace', props.namespace ?? template?.namespace ?? 'flyte');
  if (template?.caConfigMapName !== undefined && !template.taskNamespaces.includes(namespace)) {
    throw new ValidationError(path, 'namespace', namespace, `the template's inline CA (Trust.caPem) is a ConfigMap only in ${template.taskNamespaces.join(', ')}, and a pod mounts ConfigMaps of its own namespace`,
      `a namespace the FlytePodTemplate lists in taskNamespaces (add "${namespace}" there)`);
  }
  const caTrust = store.tlsEnabled && store.trust.isCaBundle ? store.trust : undefined;
  if (caTrust?.kind === TrustKind.CA_PEM && !template) {
    throw new ValidationError(path, 'objectStore.trust', caTrust, 'an inline CA reaches copilot only through the ConfigMap a FlytePodTemplate makes of it', 'a FlytePodTemplate as podTemplate, or Trust.caFromConfigMap / caFromConfigMapName');
  }

  const built = buildCopilotPod({
    flyteVersion: v, name, namespace, image: props.image, command: props.command, args: props.args,
    labels: standardLabels({ name: 'copilot-task', instance: name, version: v.tag, partOf: 'flyte', component: 'copilot' }),
    resources: props.resources ? resourcesJson({}, props.resources) : undefined,
    inputs, outputs, inputPath, outputPath,
    copilotImage: props.copilotImage ?? template?.copilotImage ?? `${C.COPILOT_IMAGE}:${v.tag}`,
    storage: copilotStorageFlags(store, v),
  });
  const containerNames = { primary: built.primary, downloader: built.downloader, uploader: built.uploader };
  // The task container is named after the pod: the name of a copilot container would be two containers of one name.
  const taken = [built.downloader, built.uploader].find((n) => n === built.primary);
  if (taken !== undefined) {
    throw new ValidationError(path, 'name', name, `the task container is named after the pod, and Flyte ${v.tag} names a copilot container ${taken}`,
      'another pod name (Flyte names task pods after the execution), not one of the copilot containers\' names');
  }
  const merged = mergeFlytePod({
    flyteVersion: v,
    template: template ? template.template : podTemplateJson(props.podTemplateSpec),
    pod: built,
    primaryContainerName: built.primary,
    primaryInitContainerName: v.atLeast(C.SINCE.initTemplates) ? built.downloader : undefined,
  });
  const facts = {
    path, flyteVersion: v, ...containerNames,
    templateProp: props.podTemplateSpec ? 'podTemplateSpec' : 'podTemplate',
    templateValue: template ? template.name : props.podTemplateSpec && 'PodTemplateSpec',
  };
  refuseUnusableEntries(facts, merged);
  refuseApiInvalid(facts, merged);
  if (caTrust) refuseMissingCa(facts, merged.spec, caTrust, template?.caConfigMapName);
  const allowPtrace = !native && props.allowPtrace === true;
  refuseNonRestricted(facts, merged, allowPtrace);

  const annotations = allowPtrace ? { ...merged.metadata.annotations, [C.EXCEPTIONS_ANNOTATION]: PTRACE_CHECKS.join(',') } : merged.metadata.annotations;
  return {
    store, namespace, flyteVersion, clusterVersion, containerNames, name,
    podSecurityExceptions: allowPtrace ? [...PTRACE_CHECKS] : [],
    pod: { metadata: { ...merged.metadata, annotations }, spec: merged.spec },
  };
}
