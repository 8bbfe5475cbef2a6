// The kinds the manifest checker knows: Kubernetes' built-in kinds (v1.28) and the custom
// resources of the projects these constructs work with. Objects of other kinds are skipped (and
// said to be), because rules such as name syntax differ by kind.

const KNOWN: { readonly [group: string]: readonly string[] } = {
  '': ['Pod', 'PodTemplate', 'ReplicationController', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'ServiceAccount', 'Namespace',
    'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'LimitRange', 'ResourceQuota', 'Event'],
  apps: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'],
  batch: ['Job', 'CronJob'],
  autoscaling: ['HorizontalPodAutoscaler'],
  policy: ['PodDisruptionBudget'],
  'rbac.authorization.k8s.io': ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  'networking.k8s.io': ['NetworkPolicy', 'Ingress', 'IngressClass'],
  'storage.k8s.io': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'],
  'apiregistration.k8s.io': ['APIService'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'admissionregistration.k8s.io': ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
  'scheduling.k8s.io': ['PriorityClass'],
  'node.k8s.io': ['RuntimeClass'],
  'coordination.k8s.io': ['Lease'],
  'discovery.k8s.io': ['EndpointSlice'],
  'certificates.k8s.io': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'events.k8s.io': ['Event'],
  'cert-manager.io': ['Certificate', 'CertificateRequest', 'Issuer', 'ClusterIssuer'],
  'trust.cert-manager.io': ['Bundle'],
  'autoscaling.aibrix.ai': ['PodAutoscaler'],
  'gateway.networking.k8s.io': ['Gateway', 'GatewayClass', 'HTTPRoute', 'GRPCRoute', 'BackendTLSPolicy', 'ReferenceGrant'],
};

/** Whether the checker knows objects of `kind` in the API group of `apiVersion` (any version). */
export function isKnownKind(apiVersion: string, kind: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return KNOWN[group]?.includes(kind) ?? false;
}
