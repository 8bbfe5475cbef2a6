import { AdminClusterRole, ObjectStore, SecureAdmin, SecureAdminProps, TlsMode, ValidationError } from '../../../lib';
import { DATABASE } from '../../support/flyte-invariants';
import { only, synth, testChart } from '../../support/harness';
import { schemaErrors } from '../../support/schema';

// Admin's ClusterRole. flyte-core's rules stay the default (the cluster-resource controller applies
// arbitrary templates); `AdminClusterRole.clusterResources()` is the least-privilege option for
// templates of namespaces, resource quotas, service accounts and role bindings. Its verbs come from
// flyteadmin v1.16.8's source: pkg/clusterresource/controller.go syncNamespace (Create; on
// AlreadyExists Get, then Patch) and pkg/workflowengine/impl/k8s_executor.go (FlyteWorkflow Create
// and Delete). The rules are judged here by a small RBAC authorizer (Kubernetes semantics: a rule
// allows a request when its group, resource, verb and, if listed, resource name all match, `*`
// matching anything).

const OBJECT_STORE = ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' });

function clusterRole(props: Partial<SecureAdminProps> = {}): any {
  const chart = testChart();
  new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE, ...props });
  const objects = synth(chart);
  expect(schemaErrors(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding'))).toEqual([]);
  return only(objects, 'ClusterRole', 'flyte-flyteadmin');
}

/** A request as the authorizer sees it. */
interface Request { readonly group: string; readonly resource: string; readonly verb: string; readonly name?: string }
const has = (list: string[] | undefined, value: string) => (list ?? []).includes('*') || (list ?? []).includes(value);
function allows(rules: any[], r: Request): boolean {
  return rules.some((rule) => has(rule.apiGroups, r.group) && has(rule.resources, r.resource) && has(rule.verbs, r.verb)
    && (rule.resourceNames === undefined || (r.name !== undefined && rule.resourceNames.includes(r.name))));
}

/** What Admin and its cluster-resource controller do with the default templates of flyte-core and a RoleBinding. */
const NEEDED: Request[] = [
  ...['create', 'delete'].map((verb) => ({ group: 'flyte.lyft.com', resource: 'flyteworkflows', verb })),
  ...['namespaces', 'resourcequotas', 'serviceaccounts'].flatMap((resource) => ['create', 'get', 'patch'].map((verb) => ({ group: '', resource, verb }))),
  ...['create', 'get', 'patch'].map((verb) => ({ group: 'rbac.authorization.k8s.io', resource: 'rolebindings', verb })),
];

/** Each of these, held cluster-wide, leads to cluster-admin (or reads every credential). */
const ESCALATIONS: Request[] = [
  { group: '', resource: 'secrets', verb: 'get' },
  { group: '', resource: 'secrets', verb: 'list' },
  { group: '', resource: 'pods', verb: 'create' },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verb: 'create' },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verb: 'escalate' },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verb: 'bind' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', verb: 'bind', name: 'cluster-admin' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', verb: 'escalate', name: 'cluster-admin' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', verb: 'create' },
];

describe('Admin\'s ClusterRole', () => {
  test('the default is flyte-core\'s: every verb on its list, which holds the escalations', () => {
    for (const props of [{}, { clusterRole: AdminClusterRole.flyteCore() }]) {
      const role = clusterRole(props);
      expect(role.rules).toEqual([{
        apiGroups: ['', 'flyte.lyft.com', 'rbac.authorization.k8s.io'],
        resources: ['configmaps', 'flyteworkflows', 'namespaces', 'pods', 'resourcequotas', 'roles', 'rolebindings', 'secrets', 'services', 'serviceaccounts', 'spark-role', 'limitranges'],
        verbs: ['*'],
      }]);
      expect(NEEDED.filter((r) => !allows(role.rules, r))).toEqual([]);
      // Secrets, pods, Roles with escalate and bind: the docs' "amounts to cluster-admin".
      expect(ESCALATIONS.filter((r) => allows(role.rules, r)).map((r) => `${r.verb} ${r.resource}`))
        .toEqual(['get secrets', 'list secrets', 'create pods', 'create roles', 'escalate roles', 'bind roles']);
    }
  });

  test('clusterResources(): exactly the verbs Admin and the controller use, and none of the escalations', () => {
    const role = clusterRole({ clusterRole: AdminClusterRole.clusterResources() });
    expect(role.rules).toEqual([
      { apiGroups: ['flyte.lyft.com'], resources: ['flyteworkflows'], verbs: ['create', 'delete'] },
      { apiGroups: [''], resources: ['namespaces', 'resourcequotas', 'serviceaccounts'], verbs: ['create', 'get', 'patch'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create', 'get', 'patch'] },
    ]);
    expect(NEEDED.filter((r) => !allows(role.rules, r))).toEqual([]);
    expect(ESCALATIONS.filter((r) => allows(role.rules, r))).toEqual([]);
    // Nothing is listed, watched, updated or deleted but Admin's own FlyteWorkflows.
    for (const verb of ['list', 'watch', 'update', 'delete', '*']) expect(allows(role.rules, { group: '', resource: 'namespaces', verb })).toBe(false);
    expect(JSON.stringify(role.rules)).not.toContain('*');
  });

  test('clusterResources({ bindClusterRoles }): bind on exactly those ClusterRoles, deduplicated', () => {
    const role = clusterRole({ clusterRole: AdminClusterRole.clusterResources({ bindClusterRoles: ['flyte-project-editor', 'system:aggregate-to-view', 'flyte-project-editor'] }) });
    expect(role.rules[3]).toEqual({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['flyte-project-editor', 'system:aggregate-to-view'] });
    expect(allows(role.rules, { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', verb: 'bind', name: 'flyte-project-editor' })).toBe(true);
    expect(ESCALATIONS.filter((r) => allows(role.rules, r))).toEqual([]);
  });

  test.each([
    ['a name with a slash', { bindClusterRoles: ['a/b'] }, 'bindClusterRoles[0]', /not a ClusterRole name/],
    ['an empty name', { bindClusterRoles: ['edit', ''] }, 'bindClusterRoles[1]', /not a ClusterRole name/],
    ['a name that is not a string', { bindClusterRoles: [7] }, 'bindClusterRoles[0]', /a string/],
    ['a misspelt option', { bindClusterRole: ['edit'] }, 'bindClusterRole', /bindClusterRoles/],
  ])('clusterResources refuses %s', (_name, options, prop, why) => {
    let error: any;
    try {
      AdminClusterRole.clusterResources(options as any);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.prop).toBe(prop);
    expect(error.message).toMatch(why);
  });

  test('a clusterRole that is not an AdminClusterRole is refused', () => {
    expect(() => clusterRole({ clusterRole: { rules: [] } as any })).toThrow(/clusterRole .* is not allowed: it is not an AdminClusterRole; use AdminClusterRole\.flyteCore\(\) or clusterResources/);
  });
});
