import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ServerWorkload } from '../workload/server-workload';
import { AUTH_NAMESPACE, NAMES } from './constants';

const READ = ['get', 'list', 'watch'];
const RBAC = 'rbac.authorization.k8s.io';

/** The RBAC of the official manifests (rbac.yaml), with their names. */
export function addMetricsServerRbac(workload: ServerWorkload, serviceAccount: string, namespace: string): void {
  const subjects = [{ kind: 'ServiceAccount', name: serviceAccount, namespace }];
  const aggregated = workload.clusterMetadata(NAMES.aggregatedReader);
  new ApiObject(workload, 'AggregatedReader', { ...k8s.KubeClusterRole.GVK,
    metadata: {
      ...aggregated,
      labels: {
        ...aggregated.labels,
        'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
        'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
        'rbac.authorization.k8s.io/aggregate-to-view': 'true',
      },
    },
    rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: READ }],
  });
  new ApiObject(workload, 'ClusterRole', { ...k8s.KubeClusterRole.GVK,
    metadata: workload.clusterMetadata(NAMES.clusterRole),
    rules: [
      { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods', 'nodes'], verbs: READ },
    ],
  });
  new ApiObject(workload, 'ClusterRoleBinding', { ...k8s.KubeClusterRoleBinding.GVK,
    metadata: workload.clusterMetadata(NAMES.clusterRole),
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: NAMES.clusterRole },
    subjects,
  });
  new ApiObject(workload, 'AuthDelegator', { ...k8s.KubeClusterRoleBinding.GVK,
    metadata: workload.clusterMetadata(NAMES.authDelegator),
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'system:auth-delegator' },
    subjects,
  });
  // Always in kube-system: the Role it binds lives there, whatever namespace metrics-server runs in.
  new ApiObject(workload, 'AuthReader', { ...k8s.KubeRoleBinding.GVK,
    metadata: { ...workload.metadata(NAMES.authReader), namespace: AUTH_NAMESPACE },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: 'extension-apiserver-authentication-reader' },
    subjects,
  });
}
