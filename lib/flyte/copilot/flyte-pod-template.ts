import { Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { rollback } from '../../construct-rollback';
import { ValidationError } from '../../errors';
import { checkFields, T } from '../../input/prop-types';
import { OutputPass } from '../../synth/output-pass';
import { isDnsLabel, requireLabel, requireSubdomain, requireImage } from '../../names';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../security/security-context';
import { TlsMode } from '../../tls/tls-mode';
import { Trust } from '../../tls/trust';
import { supportedVersion, Version } from '../../version';
import { checkEffectiveResources, RESOURCES, Resources, toK8sResources, validateResources } from '../../workload/common-props';
import { componentMetadata, WorkloadIdentity } from '../../workload/labels';
import { copilotCa, requireCopilotTls } from './storage-ca';
import * as C from './constants';
import { FLYTE_DEFAULT_VERSION, FLYTE_LINE } from '../flyte-release';

/** Props of `FlytePodTemplate`. */
export interface FlytePodTemplateProps {
  /**
   * The object store's TLS mode, as copilot sees it: disabled → `http://`; fromSecret/certManager →
   * `https://`, verified with the mode's trust (a CA bundle is mounted into copilot). selfSigned and
   * `Trust.skipVerify()` are refused: copilot has no skip-verify switch.
   */
  readonly tls: TlsMode;
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

/**
 * The cluster PodTemplate that Flyte's `plugins.k8s.default-pod-template-name` points at, with the
 * restricted security context on every container Flyte builds (including the copilot containers,
 * which upstream gives none), the object store's CA mounted where copilot reads trust from, and a
 * ConfigMap fragment with the matching FlytePropeller settings.
 */
export class FlytePodTemplate extends Construct {
  /** The object store's TLS mode. */
  public readonly tls: TlsMode;
  /** The PodTemplate's name (`default-pod-template-name`). */
  public readonly name: string;
  /** The PodTemplate's namespace. */
  public readonly namespace: string;
  /** The Flyte release the template is for. */
  public readonly flyteVersion: Version;
  /** `plugins.k8s.co-pilot.image`. */
  public readonly copilotImage: string;
  /** The CA copilot verifies the store with, when it has to be mounted (a CA bundle trust). */
  public readonly caTrust?: Trust;
  /** The entries that carry the CA mount (`default-init`, and `default` on v1.14–v1.15). */
  public readonly caEntries: readonly string[];
  /** The ConfigMap that carries a `Trust.caPem` bundle (in the template's namespace). */
  public readonly caConfigMap?: k8s.KubeConfigMap;
  /** The namespaces task pods run in (each gets the `Trust.caPem` ConfigMap). */
  public readonly taskNamespaces: readonly string[];
  /** The PodTemplate. */
  public readonly podTemplate: k8s.KubePodTemplate;
  /** FlytePropeller config fragment (`plugins.k8s`): mount it beside propeller's other config files. */
  public readonly configMap: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: FlytePodTemplateProps) {
    super(scope, id);
    try {
      const path = this.node.path;
      props = checkFields(path, '', props, TEMPLATE_FIELDS, [], 'props of FlytePodTemplate') as unknown as FlytePodTemplateProps;
      requireCopilotTls(path, props.tls);
      this.tls = props.tls;
      this.name = requireSubdomain(path, 'name', props.name ?? 'flyte-template');
      this.namespace = requireLabel(path, 'namespace', props.namespace ?? 'flyte');
      this.taskNamespaces = [...new Set([this.namespace, ...(props.taskNamespaces ?? []).map((n, i) => requireLabel(path, `taskNamespaces[${i}]`, n))])];
      this.flyteVersion = supportedVersion(path, 'flyteVersion', props.flyteVersion ?? FLYTE_DEFAULT_VERSION, FLYTE_LINE);
      this.copilotImage = requireImage(path, 'copilotImage', props.copilotImage ?? `${C.COPILOT_IMAGE}:${this.flyteVersion.tag}`);
      const runAsUser = props.runAsUser ?? C.DEFAULT_RUN_AS_USER;
      if (!Number.isInteger(runAsUser) || runAsUser < 1 || runAsUser > 2147483647) {
        throw new ValidationError(path, 'runAsUser', runAsUser, 'restricted needs a non-root user', 'a UID from 1 to 2147483647');
      }
      validateResources(path, 'resources', props.resources);
      checkEffectiveResources(path, 'resources', {}, props.resources);

      const initTemplates = this.flyteVersion.atLeast(C.SINCE.initTemplates);
      const ca = copilotCa(path, this.tls, `${this.name}-ca`);
      if (ca && !initTemplates) {
        throw new ValidationError(path, 'flyteVersion', props.flyteVersion, `Flyte ${this.flyteVersion.tag} has no init-container templates `
          + '(default-init arrived in v1.14.0, PR #5750), so no CA can reach the copilot downloader', `flyteVersion >= ${C.SINCE.initTemplates}, or Trust.systemRoots()`);
      }
      this.caTrust = ca?.trust;
      // From v1.16.0 the uploader is an init container too; before, it is a regular container and takes `default`.
      this.caEntries = !ca ? [] : this.flyteVersion.below(C.SINCE.nativeSidecar) ? [C.TEMPLATE.defaultInit, C.TEMPLATE.default] : [C.TEMPLATE.defaultInit];
      const extraVolumes = validateVolumes(path, props.extraVolumes ?? []);
      const volumes = [...(ca ? [ca.volume] : []), ...extraVolumes];
      const extraMounts = validateMounts(path, props.extraVolumeMounts ?? [], volumes);

      const identity: WorkloadIdentity = { name: 'flyte-pod-template', instance: this.name, version: this.flyteVersion.tag, partOf: 'flyte', component: 'copilot' };
      const meta = (name: string) => componentMetadata(identity, {}, this.namespace, name);
      const entry = (name: string): k8s.Container => {
        const mounts = [...(ca && this.caEntries.includes(name) ? [ca.mount] : []), ...extraMounts];
        return {
          name,
          image: C.PLACEHOLDER_IMAGE,
          // readOnlyRootFilesystem stays false: restricted does not ask for it, task images write to
          // their file system, and a template `true` could not be undone (mergo never lets `false` override).
          securityContext: restrictedContainerSecurityContext({ user: runAsUser }, { readOnlyRootFilesystem: false }),
          resources: props.resources ? toK8sResources({}, props.resources) : undefined,
          volumeMounts: mounts.length ? mounts : undefined,
        };
      };

      if (ca?.pemConfigMap) {
        const pem = ca.pemConfigMap;
        // A pod mounts ConfigMaps of its own namespace only: one copy per task namespace.
        [this.caConfigMap] = this.taskNamespaces.map((ns, i) =>
          new k8s.KubeConfigMap(this, i === 0 ? 'CaBundle' : `CaBundle-${ns}`, { metadata: { ...meta(pem.name), namespace: ns }, data: pem.data }));
      }
      this.podTemplate = new k8s.KubePodTemplate(this, 'PodTemplate', {
        metadata: meta(this.name),
        template: {
          spec: {
            securityContext: restrictedPodSecurityContext({ user: runAsUser }),
            containers: [entry(C.TEMPLATE.default)],
            // Before v1.14.0 Flyte would run template init containers as they are: leave them out.
            initContainers: initTemplates ? [entry(C.TEMPLATE.defaultInit)] : undefined,
            volumes: volumes.length ? volumes : undefined,
          },
        },
      });
      OutputPass.of(this).register(this);
      this.configMap = new k8s.KubeConfigMap(this, 'PropellerConfig', {
        metadata: meta(`${this.name}-propeller-config`),
        data: {
          'pod-template.yaml': Yaml.stringify({
            plugins: { k8s: { 'default-pod-template-name': this.name, 'co-pilot': { name: C.COPILOT.namePrefix, image: this.copilotImage } } },
          }),
        },
      });
    } catch (error) {
      throw rollback(this, error);
    }
  }

  /** The PodTemplate's `template` as manifest JSON: what Flyte merges into task pods. */
  public templateJson(): { metadata?: any; spec?: any } {
    return JSON.parse(JSON.stringify(this.podTemplate.toJson().template ?? {}));
  }

  /** The ConfigMap made for a `Trust.caPem` bundle (none for other trusts). */
  public get caConfigMapName(): string | undefined {
    return this.caConfigMap?.name;
  }
}

/** Run-time types of FlytePodTemplateProps. */
const TEMPLATE_FIELDS = {
  tls: T.instance('TlsMode', (v) => v instanceof TlsMode, 'one of the TlsMode factories, e.g. TlsMode.fromSecret(name, { trust })'),
  name: T.string,
  namespace: T.string,
  flyteVersion: T.string,
  copilotImage: T.string,
  runAsUser: T.integer,
  resources: RESOURCES,
  taskNamespaces: T.array(T.string),
  extraVolumes: T.array(T.k8s('Volume', k8s.toJson_Volume)),
  extraVolumeMounts: T.array(T.k8s('VolumeMount', k8s.toJson_VolumeMount)),
};

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
