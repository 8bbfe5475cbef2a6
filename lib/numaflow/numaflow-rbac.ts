import { ApiObject } from 'cdk8s';
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
    new ApiObject(workload, 'Role', { ...k8s.KubeRole.GVK,
      metadata: { ...workload.metadata(NAMES.role), namespace: managedNamespace },
      rules: serverRules(true),
    });
    new ApiObject(workload, 'RoleBinding', { ...k8s.KubeRoleBinding.GVK,
      metadata: { ...workload.metadata(NAMES.roleBinding), namespace: managedNamespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAMES.role },
      subjects,
    });
  } else {
    const names = clusterRbacNames(namespace);
    new ApiObject(workload, 'ClusterRole', { ...k8s.KubeClusterRole.GVK, metadata: workload.clusterMetadata(names.role), rules: serverRules(false) });
    new ApiObject(workload, 'ClusterRoleBinding', { ...k8s.KubeClusterRoleBinding.GVK,
      metadata: workload.clusterMetadata(names.binding),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: names.role },
      subjects,
    });
  }
  new ApiObject(workload, 'SecretsRole', { ...k8s.KubeRole.GVK,
    metadata: workload.metadata(NAMES.secretsRole),
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch', 'update'] }],
  });
  new ApiObject(workload, 'SecretsRoleBinding', { ...k8s.KubeRoleBinding.GVK,
    metadata: workload.metadata(NAMES.secretsRoleBinding),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAMES.secretsRole },
    subjects,
  });
}
