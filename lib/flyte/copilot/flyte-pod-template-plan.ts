import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../../errors';
import { checkProps } from '../../props/prop-shapes';
import { derivedName, isDnsLabel, requireImage, requireLabel, requireSubdomain } from '../../names';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../security/security-context';
import { ObjectStore } from '../../storage/object-store';
import { storeCa } from '../../storage/store-ca';
import { Trust } from '../../tls/trust';
import { supportedVersion, Version } from '../../version';
import { checkEffectiveResources, resourcesJson, validateResources } from '../../workload/common-props';
import { WorkloadIdentity } from '../../workload/labels';
import { FLYTE_DEFAULT_VERSION, FLYTE_LINE } from '../flyte-release';
import * as C from './constants';
import { FlytePodTemplateProps, TEMPLATE_PROPS } from './flyte-pod-template-props';
import { Json } from './pod-template-merge';
import { plainJson } from '../../plain-json';

/** Everything a FlytePodTemplate builds, resolved from its props without building anything. */
export interface FlytePodTemplatePlan {
  readonly objectStore: ObjectStore;
  readonly name: string;
  readonly namespace: string;
  readonly taskNamespaces: string[];
  readonly flyteVersion: Version;
  readonly copilotImage: string;
  readonly identity: WorkloadIdentity;
  readonly caTrust?: Trust;
  readonly caEntries: string[];
  /** A `Trust.caPem` bundle, as the ConfigMap (name and data) made of it in each task namespace. */
  readonly caPem?: { name: string; data: { [key: string]: string } };
  /** The PodTemplate's `template` as manifest JSON: emitted as it is, and what Flyte merges into task pods. */
  readonly template: { spec: Json };
}

/** Checks a FlytePodTemplate's props (naming `path`) and derives the template. Pure. */
export function planFlytePodTemplate(path: string, userProps: FlytePodTemplateProps): FlytePodTemplatePlan {
  const props = checkProps(path, '', userProps, TEMPLATE_PROPS, 'props of FlytePodTemplate') as unknown as FlytePodTemplateProps;
  const objectStore = props.objectStore;
  const name = requireSubdomain(path, 'name', props.name ?? 'flyte-template');
  const namespace = requireLabel(path, 'namespace', props.namespace ?? 'flyte');
  const taskNamespaces = [...new Set([namespace, ...(props.taskNamespaces ?? []).map((n, i) => requireLabel(path, `taskNamespaces[${i}]`, n))])];
  const flyteVersion = supportedVersion(path, 'flyteVersion', props.flyteVersion ?? FLYTE_DEFAULT_VERSION, FLYTE_LINE);
  const copilotImage = requireImage(path, 'copilotImage', props.copilotImage ?? `${C.COPILOT_IMAGE}:${flyteVersion.tag}`);
  const runAsUser = props.runAsUser ?? C.DEFAULT_RUN_AS_USER;
  if (!Number.isInteger(runAsUser) || runAsUser < 1 || runAsUser > 2147483647) {
    throw new ValidationError(path, 'runAsUser', runAsUser, 'restricted needs a non-root user', 'a UID from 1 to 2147483647');
  }
  validateResources(path, 'resources', props.resources);
  checkEffectiveResources(path, 'resources', {}, props.resources);

  const initTemplates = flyteVersion.atLeast(C.SINCE.initTemplates);
  const ca = storeCa(objectStore, derivedName(name, '-ca'));
  if (ca && !initTemplates) {
    throw new ValidationError(path, 'flyteVersion', props.flyteVersion, `Flyte ${flyteVersion.tag} has no init-container templates `
      + '(default-init arrived in v1.14.0, PR #5750), so no CA can reach the copilot downloader', `flyteVersion >= ${C.SINCE.initTemplates}, or Trust.systemRoots()`);
  }
  // From v1.16.0 the uploader is an init container too; before, it is a regular container and takes `default`.
  const caEntries: string[] = !ca ? [] : flyteVersion.below(C.SINCE.nativeSidecar) ? [C.TEMPLATE.defaultInit, C.TEMPLATE.default] : [C.TEMPLATE.defaultInit];
  const extraVolumes = validateVolumes(path, props.extraVolumes ?? []);
  const volumes = [...(ca ? [ca.volume] : []), ...extraVolumes];
  const extraMounts = validateMounts(path, props.extraVolumeMounts ?? [], volumes);
  // Manifest JSON, written in the schema's key order: the typed `k8s.toJson_PodSpec` rebuilt every
  // container key by key (~1% of a synth). Typed structs the user gave (volumes, mounts) still go
  // through their own converters.
  const mountsJson = (mounts: k8s.VolumeMount[]) => mounts.map((m) => k8s.toJson_VolumeMount(m));
  const entry = (entryName: string): Json => {
    const mounts = [...(ca && caEntries.includes(entryName) ? [ca.mount] : []), ...extraMounts];
    return {
      image: C.PLACEHOLDER_IMAGE,
      name: entryName,
      resources: props.resources ? resourcesJson({}, props.resources) : undefined,
      // readOnlyRootFilesystem stays false: restricted does not ask for it, task images write to
      // their file system, and a template `true` could not be undone (mergo never lets `false` override).
      securityContext: restrictedContainerSecurityContext({ user: runAsUser }, { readOnlyRootFilesystem: false }),
      volumeMounts: mounts.length ? mountsJson(mounts) : undefined,
    };
  };
  const spec = {
    containers: [entry(C.TEMPLATE.default)],
    // Before v1.14.0 Flyte would run template init containers as they are: leave them out.
    initContainers: initTemplates ? [entry(C.TEMPLATE.defaultInit)] : undefined,
    securityContext: restrictedPodSecurityContext({ user: runAsUser }),
    volumes: volumes.length ? volumes.map((v) => k8s.toJson_Volume(v)) : undefined,
  };
  return {
    objectStore, name, namespace, taskNamespaces, flyteVersion, copilotImage,
    identity: { name: 'flyte-pod-template', instance: name, version: flyteVersion.tag, partOf: 'flyte', component: 'copilot' },
    caTrust: ca?.trust,
    caEntries,
    caPem: ca?.pemConfigMap,
    template: deepFreeze({ spec: plainJson(spec) }),
  };
}

/** The template is shared by the PodTemplate and every CopilotPod's merge: nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Volume sources Pod Security restricted allows (check_restrictedVolumes, v1.28). */
const RESTRICTED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** Names the API server accepts, unique, clear of the volumes Flyte and this template add, of sources restricted allows. */
function validateVolumes(path: string, volumes: k8s.Volume[]): k8s.Volume[] {
  const taken = new Set<string>([C.CA.volume, C.COPILOT.inputVolume, C.COPILOT.outputVolume]);
  volumes.forEach((v, i) => {
    if (!isDnsLabel(v?.name)) requireLabel(path, `extraVolumes[${i}].name`, v?.name);
    const sources = Object.keys(k8s.toJson_Volume(v) ?? {}).filter((key) => key !== 'name');
    const bad = sources.filter((source) => !RESTRICTED_VOLUME_SOURCES.includes(source));
    if (bad.length > 0) {
      // Every task pod mounts these volumes: a hostPath would give every task the node's file system.
      throw new ValidationError(path, `extraVolumes[${i}].${bad[0]}`, v.name, `every task pod would get this volume, and Pod Security restricted refuses ${bad[0]} volumes`,
        `a volume of a source restricted allows: ${RESTRICTED_VOLUME_SOURCES.join(', ')}`);
    }
    if (taken.has(v.name)) {
      throw new ValidationError(path, `extraVolumes[${i}].name`, v.name, 'the task pod already has a volume of this name (the CA, copilot\'s data, or an earlier entry)', 'another name');
    }
    taken.add(v.name);
  });
  return volumes;
}

/** Every mount needs a volume of the template, and no two mounts (ours or copilot's) share a path. */
function validateMounts(path: string, mounts: k8s.VolumeMount[], volumes: k8s.Volume[]): k8s.VolumeMount[] {
  const names = new Set(volumes.map((v) => v.name));
  const paths = new Set<string>([C.CA.mountPath, C.COPILOT.inputPath, C.COPILOT.outputPath]);
  mounts.forEach((m, i) => {
    if (!names.has(m?.name)) {
      throw new ValidationError(path, `extraVolumeMounts[${i}].name`, m?.name, 'no volume of the template has this name', `one of ${[...names].map((n) => `"${n}"`).join(', ') || 'the extraVolumes (none given)'}`);
    }
    if (typeof m.mountPath !== 'string' || !m.mountPath.startsWith('/') || paths.has(m.mountPath)) {
      throw new ValidationError(path, `extraVolumeMounts[${i}].mountPath`, m.mountPath, 'it must be an absolute path that no other mount of the task pods uses', 'another absolute path');
    }
    paths.add(m.mountPath);
  });
  return mounts;
}
