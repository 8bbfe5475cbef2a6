import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from '../construct-path';
import { ValidationError } from '../errors';
import { checkProps } from '../props/prop-shapes';
import { PodSecurityLevel } from '../security/pod-security-level';
import { namespaceMetadata, RestrictedNamespaceProps } from '../namespaces/restricted-namespace';
import { synthPass } from '../synth-pass';
import { GatewayImplementation } from './gateway-implementation';

/** Props of `GatewayNamespace`. */
export interface GatewayNamespaceProps extends RestrictedNamespaceProps {
  /** The implementation that runs the namespace's Gateways: it decides which pods it makes there. */
  readonly implementation: GatewayImplementation;
}

/**
 * The namespace of a Gateway, enforcing the strictest Pod Security level the pods its
 * implementation makes there meet (`GatewayImplementation.gatewayNamespacePodSecurity`): restricted
 * where they meet it or where none run (Envoy Gateway outside its Gateway Namespace Mode, Cilium),
 * baseline for Istio's generated gateway pods unless istiod's `gateways.seccompProfile` is set.
 * Audit and warn stay at restricted. The generic implementation is refused: its pods are unknown.
 */
export class GatewayNamespace extends Construct {
  /** The namespace's name. */
  public readonly name: string;
  /** The level the namespace enforces. */
  public readonly enforced: PodSecurityLevel;
  /** The Namespace object. */
  public readonly namespace: ApiObject;

  constructor(scope: Construct, id: string, props: GatewayNamespaceProps) {
    const path = childPath(scope, id);
    const checked = checkProps(path, '', props, 'GatewayNamespaceProps', 'props of GatewayNamespace') as unknown as GatewayNamespaceProps;
    const enforced = checked.implementation.gatewayNamespacePodSecurity;
    if (enforced === undefined) {
      throw new ValidationError(path, 'implementation', checked.implementation.toString(), 'which pods a generic implementation makes in the Gateway\'s namespace, and how they are secured, is unknown',
        'the implementation that runs the Gateway (GatewayImplementation.envoyGateway, istio, cilium, nginxGatewayFabric), or a RestrictedNamespace where you know its pods meet restricted');
    }
    const metadata = namespaceMetadata(path, checked, enforced);
    super(scope, id);
    this.name = metadata.name;
    this.enforced = enforced;
    this.namespace = new ApiObject(this, 'Namespace', { ...k8s.KubeNamespace.GVK, metadata });
    synthPass(this).register(this);
    this.node.defaultChild = this.namespace;
  }
}
