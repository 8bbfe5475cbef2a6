import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { checkProps, defineType } from '../../props/prop-shapes';
import { T } from '../../props/prop-types';
import { ValidationError } from '../../errors';
import { ServerWorkload } from '../../workload/server-workload';
import { clusterRoleName, NAMES } from './constants';

/** A rule of a ClusterRole, as the manifest writes it. */
interface PolicyRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
}

/** Options of `AdminClusterRole.clusterResources`. */
export interface AdminClusterRoleOptions {
  /**
   * The ClusterRoles your cluster-resource templates bind with RoleBindings. The API server lets
   * Admin create such a binding only if Admin holds every permission of the role, or `bind` on it
   * (Kubernetes RBAC, "Restrictions on role binding creation or update"): Admin gets `bind` on
   * exactly these names.
   * @default - none: the templates' RoleBindings may only bind roles whose permissions Admin holds
   */
  readonly bindClusterRoles?: string[];
}

// flyte-core v1.16.8 values.yaml `flyteadmin.serviceAccount.rbacRules` (rbac: true, rbacScope: cluster):
// one rule over these groups and resources with every verb.
const FLYTE_CORE_RULE: PolicyRule = {
  apiGroups: ['', 'flyte.lyft.com', 'rbac.authorization.k8s.io'],
  resources: [
    'configmaps', 'flyteworkflows', 'namespaces', 'pods', 'resourcequotas', 'roles', 'rolebindings',
    'secrets', 'services', 'serviceaccounts', 'spark-role', 'limitranges',
  ],
  verbs: ['*'],
};

// The verbs flyteadmin v1.16.8 uses, from its source:
// - pkg/workflowengine/impl/k8s_executor.go: Execute creates a FlyteWorkflow (AlreadyExists is
//   success), Abort deletes it.
// - pkg/clusterresource/controller.go, syncNamespace: each templated object is created; on
//   AlreadyExists it is read (Get) and, when it differs, patched (a three-way merge patch). Nothing
//   is listed, watched, updated or deleted; discovery reads only /api and /apis.
const EXECUTIONS: PolicyRule = { apiGroups: ['flyte.lyft.com'], resources: ['flyteworkflows'], verbs: ['create', 'delete'] };
const SYNC_VERBS = ['create', 'get', 'patch'];
const TEMPLATE_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['namespaces', 'resourcequotas', 'serviceaccounts'], verbs: SYNC_VERBS },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: SYNC_VERBS },
];

/**
 * The ClusterRole bound to Admin's ServiceAccount. Admin itself creates and deletes FlyteWorkflow
 * objects; the cluster-resource controller (`flyteadmin clusterresource sync|run`, which flyte-core
 * runs with Admin's ServiceAccount) applies arbitrary templates to every project namespace, so what
 * it needs depends on your templates.
 */
export class AdminClusterRole {
  /**
   * flyte-core's rules (the default): every verb on namespaces, pods, Secrets, Roles, RoleBindings,
   * ConfigMaps and more, cluster-wide. With `escalate` and `bind` on Roles and RoleBindings that
   * amounts to cluster-admin (docs/security.md).
   */
  public static flyteCore(): AdminClusterRole {
    return new AdminClusterRole([FLYTE_CORE_RULE]);
  }

  /**
   * Least privilege for templates of namespaces, resource quotas, service accounts and role bindings
   * (flyte-core's default templates are the first two): create, get and patch on those kinds, the
   * controller's verbs; create and delete on FlyteWorkflows, Admin's own; `bind` on the ClusterRoles
   * named in `bindClusterRoles`. A template of any other kind fails to apply.
   */
  public static clusterResources(options: AdminClusterRoleOptions = {}): AdminClusterRole {
    const path = 'AdminClusterRole.clusterResources';
    const checked = checkProps(path, '', options ?? {}, 'AdminClusterRoleOptions', 'options of clusterResources') as AdminClusterRoleOptions;
    const names = [...new Set((checked.bindClusterRoles ?? []).map((n, i) => requireRoleName(path, `bindClusterRoles[${i}]`, n)))];
    const bind: PolicyRule[] = names.length > 0 ? [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: names }] : [];
    return new AdminClusterRole([EXECUTIONS, ...TEMPLATE_RULES, ...bind]);
  }

  private constructor(private readonly rules: readonly PolicyRule[]) {}

  /** @internal The rules, as the manifest writes them (copies). */
  public _rulesJson(): PolicyRule[] {
    return this.rules.map((r) => ({ ...r, apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs], ...(r.resourceNames ? { resourceNames: [...r.resourceNames] } : {}) }));
  }
}

defineType('AdminClusterRole', T.instance('AdminClusterRole', (v) => v instanceof AdminClusterRole, 'AdminClusterRole.flyteCore() or clusterResources({ bindClusterRoles })'));

/** A ClusterRole's name: RBAC names are path segments (`system:aggregate-to-edit` is one; apimachinery IsValidPathSegmentName), not DNS names. */
function requireRoleName(path: string, prop: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || /[/%]/.test(name)) {
    throw new ValidationError(path, prop, name, 'not a ClusterRole name (a path segment)', 'the name of a ClusterRole, e.g. "edit" or "system:aggregate-to-view"');
  }
  return name;
}

/** The ClusterRole and ClusterRoleBinding of flyteadmin, named as flyte-core names them (`templates/admin/rbac.yaml`). */
export function addAdminRbac(workload: ServerWorkload, namespace: string, role: AdminClusterRole): void {
  const name = clusterRoleName(namespace);
  new ApiObject(workload, 'ClusterRole', { ...k8s.KubeClusterRole.GVK,
    metadata: workload.clusterMetadata(name),
    rules: role._rulesJson(),
  });
  new ApiObject(workload, 'ClusterRoleBinding', { ...k8s.KubeClusterRoleBinding.GVK,
    metadata: workload.clusterMetadata(`${name}-binding`),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [{ kind: 'ServiceAccount', name: NAMES.serviceAccount, namespace }],
  });
}
