import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from '../construct-path';
import { ValidationError } from '../errors';
import { checkProps } from '../props/prop-shapes';
import { requireAnnotations, requireLabel, requireLabels } from '../names';
import { synthPass } from '../synth-pass';
import { standardLabels } from '../workload/labels';
import { PodSecurityLevel } from '../security/pod-security-level';
import { namedCauses } from '../workload/duplicate-causes';

/** Props of `RestrictedNamespace`. */
export interface RestrictedNamespaceProps {
  /** The namespace's name. */
  readonly name: string;
  /**
   * The Pod Security Standards version to enforce, audit and warn at (`v1.28`, or `latest`).
   * @default 'v1.28' (the version `checkRestricted` models)
   */
  readonly policyVersion?: string;
  /**
   * `app.kubernetes.io/part-of` of the namespace.
   * @default - the namespace's name
   */
  readonly partOf?: string;
  /** Extra labels. @default - none */
  readonly labels?: { [key: string]: string };
  /** Annotations. @default - none */
  readonly annotations?: { [key: string]: string };
}

const LEVEL = 'pod-security.kubernetes.io';

/**
 * A namespace whose Pod Security admission enforces, audits and warns at the *restricted* level
 * (the labels `pod-security.kubernetes.io/{enforce,audit,warn}` and their `-version`), so that the
 * cluster refuses what this library never emits.
 */
export class RestrictedNamespace extends Construct {
  /** The namespace's name. */
  public readonly name: string;
  /** The Namespace object. */
  public readonly namespace: ApiObject;

  constructor(scope: Construct, id: string, props: RestrictedNamespaceProps) {
    // Resolve first: a refused namespace never joins the tree.
    const path = childPath(scope, id);
    const checked = checkProps(path, '', props, 'RestrictedNamespaceProps', 'props of RestrictedNamespace') as unknown as RestrictedNamespaceProps;
    const metadata = namespaceMetadata(path, checked, PodSecurityLevel.RESTRICTED);
    super(scope, id);
    this.name = metadata.name;
    this.namespace = new ApiObject(this, 'Namespace', { ...k8s.KubeNamespace.GVK, metadata });
    synthPass(this).register(this, { causes: namedCauses(this.node.path, 'name', metadata.name, 'one RestrictedNamespace per namespace') });
    this.node.defaultChild = this.namespace;
  }
}

/** A Namespace's metadata. */
export interface NamespaceMetadata {
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

/**
 * Checks a namespace's props (already checked for unknown fields) and derives its metadata: Pod
 * Security enforced at `enforce`, audited and warned at restricted (so that what falls short of
 * restricted stays visible). Pure.
 */
export function namespaceMetadata(path: string, props: RestrictedNamespaceProps, enforce: PodSecurityLevel): NamespaceMetadata {
  const name = requireLabel(path, 'name', props.name);
  const version = props.policyVersion ?? 'v1.28';
  if (version !== 'latest' && !/^v1\.\d+$/.test(version)) {
    throw new ValidationError(path, 'policyVersion', version, 'not a Pod Security Standards version', '"latest" or a Kubernetes minor version such as "v1.28"');
  }
  requireLabels(path, 'labels', props.labels);
  requireAnnotations(path, 'annotations', props.annotations);
  const partOf = props.partOf === undefined ? name : requireLabel(path, 'partOf', props.partOf);
  const levels: { [key: string]: string } = {};
  for (const mode of ['enforce', 'audit', 'warn']) {
    levels[`${LEVEL}/${mode}`] = mode === 'enforce' ? enforce : PodSecurityLevel.RESTRICTED;
    levels[`${LEVEL}/${mode}-version`] = version;
  }
  return {
    name,
    labels: { ...props.labels, ...standardLabels({ name: 'namespace', instance: name, version, partOf, component: 'namespace' }), ...levels },
    annotations: props.annotations,
  };
}
