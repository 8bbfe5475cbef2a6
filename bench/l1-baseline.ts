import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

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
const INT_OR_STRING = new Set(['targetPort', 'maxUnavailable', 'maxSurge', 'minAvailable']);
const RENAMED: { [json: string]: string } = { insecureSkipTLSVerify: 'insecureSkipTlsVerify' };

/** JSON manifest → the typed props a developer would write (IntOrString, Quantity, TS field names). */
function toProps(value: any, key = '', parent = ''): any {
  if (Array.isArray(value)) return value.map((v) => toProps(v, '', key));
  if (value === null || typeof value !== 'object') {
    const intOrString = INT_OR_STRING.has(key) || (key === 'port' && ['httpGet', 'tcpSocket'].includes(parent));
    if (intOrString) return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
    if (parent === 'requests' || parent === 'limits') return typeof value === 'number' ? k8s.Quantity.fromNumber(value) : k8s.Quantity.fromString(value);
    return value;
  }
  const dictionary = ['labels', 'annotations', 'data', 'selector', 'matchLabels', 'nodeSelector'].includes(key);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [dictionary ? k : RENAMED[k] ?? k, dictionary ? v : toProps(v, k, key)]));
}

/** Literal props of each object of a synthesized stack (CRDs, which have no Kube class, stay plain). */
export function literalProps(objects: any[]): { kind: string; props: any }[] {
  return objects.map((o) => {
    const { apiVersion, kind, ...rest } = o;
    return L1[kind] ? { kind, props: toProps(rest) } : { kind: '', props: o };
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
