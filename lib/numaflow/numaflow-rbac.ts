import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ServerWorkload } from '../workload/server-workload';
import { clusterRbacNames, NAMES } from './constants';

// Rules of numaproj/numaflow config/cluster-install/rbac/numaflow-server (numaflow-server-role).
const NUMAFLOW_RESOURCES = [
  'interstepbufferservices', 'interstepbufferservices/finalizers', 'interstepbufferservices/status',
  'pipelines', 'pipelines/finalizers', 'pipelines/status',
  'vertices', 'vertices/finalizers', 'vertices/status', 'vertices/scale',
  'monovertices', 'monovertices/finalizers', 'monovertices/status', 'monovertices/scale',
  'servingpipelines', 'servingpipelines/finalizers', 'servingpipelines/status',
];
const READ = ['get', 'list', 'watch'];

function serverRules(namespaced: boolean): k8s.PolicyRule[] {
  return [
    { apiGroups: ['numaflow.numaproj.io'], resources: NUMAFLOW_RESOURCES, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
    // `namespaces` is cluster-scoped: a namespaced Role cannot grant it.
    { apiGroups: [''], resources: ['pods', 'pods/log', 'configmaps', 'services', 'persistentvolumeclaims', ...(namespaced ? [] : ['namespaces'])], verbs: READ },
    { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: READ },
    { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: READ },
    { apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: READ },
  ];
}

/**
 * The server's RBAC: cluster-wide (ClusterRole + binding) or, when namespaced, a Role + RoleBinding
 * in the managed namespace; plus the Role that lets `server-secrets-init` keep its Secret.
 */
export function addNumaflowRbac(workload: ServerWorkload, namespace: string, namespaced: boolean, managedNamespace: string): void {
  const subjects = [{ kind: 'ServiceAccount', name: NAMES.serviceAccount, namespace }];
  if (namespaced) {
    new k8s.KubeRole(workload, 'Role', {
      metadata: { ...workload.metadata(NAMES.role), namespace: managedNamespace },
      rules: serverRules(true),
    });
    new k8s.KubeRoleBinding(workload, 'RoleBinding', {
      metadata: { ...workload.metadata(NAMES.roleBinding), namespace: managedNamespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAMES.role },
      subjects,
    });
  } else {
    const names = clusterRbacNames(namespace);
    new k8s.KubeClusterRole(workload, 'ClusterRole', { metadata: workload.clusterMetadata(names.role), rules: serverRules(false) });
    new k8s.KubeClusterRoleBinding(workload, 'ClusterRoleBinding', {
      metadata: workload.clusterMetadata(names.binding),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: names.role },
      subjects,
    });
  }
  new k8s.KubeRole(workload, 'SecretsRole', {
    metadata: workload.metadata(NAMES.secretsRole),
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch', 'update'] }],
  });
  new k8s.KubeRoleBinding(workload, 'SecretsRoleBinding', {
    metadata: workload.metadata(NAMES.secretsRoleBinding),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAMES.secretsRole },
    subjects,
  });
}
