import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from '../../construct-path';
import { manifestYaml } from '../../yaml/manifest-yaml';
import { namespaceErrors } from '../../props/k8s-refs';
import { defineType } from '../../props/prop-shapes';
import { T } from '../../props/prop-types';
import { synthPass } from '../../synth-pass';
import { ObjectStore, storeUses } from '../../storage/object-store';
import { Trust } from '../../tls/trust';
import { Version } from '../../version';
import { derivedName } from '../../names';
import { componentMetadata } from '../../workload/labels';
import * as C from './constants';
import { FlytePodTemplatePlan, planFlytePodTemplate } from './flyte-pod-template-plan';
import { FlytePodTemplateProps } from './flyte-pod-template-props';
import { namedCauses } from '../../workload/duplicate-causes';

export { FlytePodTemplateProps } from './flyte-pod-template-props';

/**
 * The cluster PodTemplate that Flyte's `plugins.k8s.default-pod-template-name` points at, with the
 * restricted security context on every container Flyte builds (including the copilot containers,
 * which upstream gives none), the object store's CA mounted where copilot reads trust from, and a
 * ConfigMap fragment with the matching FlytePropeller settings.
 */
export class FlytePodTemplate extends Construct {
  /** The object store task pods reach (its trust decides the CA mount). */
  public readonly objectStore: ObjectStore;
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
  public readonly caEntries: string[];
  private readonly plan: FlytePodTemplatePlan;
  /** The ConfigMap that carries a `Trust.caPem` bundle (in the template's namespace). */
  public readonly caConfigMap?: ApiObject;
  /** The namespaces task pods run in (each gets the `Trust.caPem` ConfigMap). */
  public readonly taskNamespaces: string[];
  /** The PodTemplate (emitted from the resolved template JSON). */
  public readonly podTemplate: ApiObject;
  /** FlytePropeller config fragment (`plugins.k8s`): mount it beside propeller's other config files. */
  public readonly configMap: ApiObject;

  constructor(scope: Construct, id: string, props: FlytePodTemplateProps) {
    // Resolve first: a refused template never joins the tree.
    const plan = planFlytePodTemplate(childPath(scope, id), props);
    super(scope, id);
    this.plan = plan;
    ({ objectStore: this.objectStore, name: this.name, namespace: this.namespace, taskNamespaces: this.taskNamespaces, flyteVersion: this.flyteVersion, copilotImage: this.copilotImage,
      caTrust: this.caTrust, caEntries: this.caEntries } = plan);
    const meta = (name: string) => componentMetadata(plan.identity, {}, plan.namespace, name);
    const pem = plan.caPem;
    if (pem) {
      // A pod mounts ConfigMaps of its own namespace only: one copy per task namespace.
      [this.caConfigMap] = plan.taskNamespaces.map((ns, i) =>
        new ApiObject(this, i === 0 ? 'CaBundle' : `CaBundle-${ns}`, { ...k8s.KubeConfigMap.GVK, metadata: { ...meta(pem.name), namespace: ns }, data: pem.data }));
    }
    this.podTemplate = new ApiObject(this, 'PodTemplate', { ...k8s.KubePodTemplate.GVK, metadata: meta(plan.name), template: plan.template });
    this.configMap = new ApiObject(this, 'PropellerConfig', { ...k8s.KubeConfigMap.GVK,
      metadata: meta(derivedName(plan.name, '-propeller-config')),
      data: {
        'pod-template.yaml': manifestYaml([{
          plugins: { k8s: { 'default-pod-template-name': plan.name, 'co-pilot': { name: C.COPILOT.namePrefix, image: plan.copilotImage } } },
        }]),
      },
    });
    // Task pods read the store's Secret and CA in their own namespaces: every one of taskNamespaces.
    synthPass(this).register(this, {
      crossCheck: () => namespaceErrors(this.node.path,
        storeUses(this.objectStore, this.taskNamespaces, 'task pods run in each of taskNamespaces, and a pod reads Secrets and ConfigMaps of its own namespace only')),
      causes: namedCauses(this.node.path, 'name', plan.name, 'another name for one of the templates (its PodTemplate, propeller config and CA ConfigMaps are named after it)'),
    });
    this.node.defaultChild = this.podTemplate;
  }

  /** The PodTemplate's `template` as manifest JSON (frozen): what Flyte merges into task pods. */
  public get template(): { [key: string]: any } {
    return this.plan.template;
  }

  /** The ConfigMap made for a `Trust.caPem` bundle (none for other trusts). */
  public get caConfigMapName(): string | undefined {
    return this.plan.caPem?.name;
  }
}

defineType('FlytePodTemplate', T.instance('FlytePodTemplate', (v) => v instanceof FlytePodTemplate, 'a FlytePodTemplate (a k8s.PodTemplateSpec goes in podTemplateSpec)'));
