import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { typedProps } from '../lib/workload/typed-json';

// The baseline: the same manifests as one full stack, written as typed L1 objects (k8s.Kube*)
// with literal props, i.e. what a hand-written cdk8s app without any derivation costs. The literal
// props are prepared from a synthesized stack once, outside the timing, as source literals would be.

type L1Class = new (scope: Construct, id: string, props: any) => ApiObject;
const L1: { [kind: string]: L1Class } = {
  ServiceAccount: k8s.KubeServiceAccount, ConfigMap: k8s.KubeConfigMap, Secret: k8s.KubeSecret, Service: k8s.KubeService,
  Deployment: k8s.KubeDeployment, ClusterRole: k8s.KubeClusterRole, ClusterRoleBinding: k8s.KubeClusterRoleBinding,
  Role: k8s.KubeRole, RoleBinding: k8s.KubeRoleBinding, APIService: k8s.KubeApiService, PodDisruptionBudget: k8s.KubePodDisruptionBudget,
  PodTemplate: k8s.KubePodTemplate, Pod: k8s.KubePod,
};
/** Literal props of each object of a synthesized stack (CRDs, which have no Kube class, stay plain). */
export function literalProps(objects: any[]): { kind: string; props: any }[] {
  return objects.map((o) => {
    return L1[o.kind] ? { kind: o.kind, props: typedProps(o) } : { kind: '', props: o };
  });
}

/** A stack builder that creates those L1 objects. */
export function l1Stack(literals: { kind: string; props: any }[]) {
  return (scope: Construct, id: string): Chart => {
    const chart = new Chart(scope, id);
    literals.forEach((l, i) => (l.kind ? new L1[l.kind](chart, `o${i}`, l.props) : new ApiObject(chart, `o${i}`, l.props)));
    return chart;
  };
}
