import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ServerWorkload } from '../../workload/server-workload';
import { clusterRoleName, NAMES } from './constants';

// flyte-core v1.16.8 values.yaml `flyteadmin.serviceAccount.rbacRules` (rbac: true, rbacScope: cluster):
// one rule over these groups and resources with every verb. Admin creates per-project namespaces,
// quotas, roles and service accounts (cluster resources) and reads FlyteWorkflow objects.
const API_GROUPS = ['', 'flyte.lyft.com', 'rbac.authorization.k8s.io'];
const RESOURCES = [
  'configmaps', 'flyteworkflows', 'namespaces', 'pods', 'resourcequotas', 'roles', 'rolebindings',
  'secrets', 'services', 'serviceaccounts', 'spark-role', 'limitranges',
];

/** The ClusterRole and ClusterRoleBinding flyte-core gives flyteadmin (`templates/admin/rbac.yaml`). */
export function addAdminRbac(workload: ServerWorkload, namespace: string): void {
  const name = clusterRoleName(namespace);
  new ApiObject(workload, 'ClusterRole', { ...k8s.KubeClusterRole.GVK,
    metadata: workload.clusterMetadata(name),
    rules: [{ apiGroups: API_GROUPS, resources: RESOURCES, verbs: ['*'] }],
  });
  new ApiObject(workload, 'ClusterRoleBinding', { ...k8s.KubeClusterRoleBinding.GVK,
    metadata: workload.clusterMetadata(`${name}-binding`),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [{ kind: 'ServiceAccount', name: NAMES.serviceAccount, namespace }],
  });
}
