import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { controlCharacter, csvFields, yamlScalar } from '../input/text-formats';
import { NAMES } from './constants';

type Meta = (name: string) => k8s.ObjectMeta;

/** The server's RBAC policy for its users (numaflow-server-rbac-config). */
export interface NumaflowUserRbac {
  /**
   * Role of users that no policy line matches.
   * @default 'role:readonly'
   */
  readonly defaultRole?: string;
  /**
   * Token claims examined, in order.
   * @default ['groups', 'email', 'username']
   */
  readonly scopes?: string[];
  /**
   * Casbin policy lines (`p, <role>, <namespace>, <resource>, <action>` and `g, <group>, <role>`).
   * @default - upstream's: `role:admin` may do everything, `role:readonly` may GET
   */
  readonly policy?: string[];
}

const DEFAULT_POLICY = ['p, role:admin, *, *, *', 'p, role:readonly, *, *, GET'];
/** The scopes the server knows (server/authz/rbac.go `getSubjectFromScope`); it ignores any other. */
const SCOPES = ['groups', 'email', 'username'];
/**
 * Fields of a policy line by type, the type included: the server's Casbin model has
 * `p = sub, res, obj, act` and `g = _, _` (numaproj/numaflow v1.8.3 server/authz/rbac-model.conf).
 */
const POLICY_FIELDS: { readonly [ptype: string]: number } = { p: 5, g: 3 };

/** The user's RBAC settings, checked, with upstream's defaults. */
export interface ResolvedUserRbac {
  readonly defaultRole: string;
  readonly scopes: readonly string[];
  readonly policy: readonly string[];
}

/**
 * Checks `userRbac` as the server reads it (numaflow v1.8.3 server/authz/rbac.go with Casbin
 * v2.77.2): `rbac-conf.yaml` through viper, `rbac-policy.csv` line by line through Go's
 * encoding/csv. A value that would end its line, or that the reader would skip, misread or fail
 * on, is refused; the YAML values are escaped (see `rbacConfYaml`).
 */
export function resolveUserRbac(path: string, rbac: NumaflowUserRbac = {}): ResolvedUserRbac {
  const defaultRole = rbac.defaultRole ?? 'role:readonly';
  // The role is a Casbin subject: it must be one a policy line can name (no line break, no
  // surrounding space, which the reader trims from the lines).
  const roleProblem = controlCharacter(defaultRole) ?? (defaultRole.trim() !== defaultRole || defaultRole === '' ? 'a role name has no surrounding white space and is not empty' : undefined);
  if (roleProblem) {
    throw new ValidationError(path, 'userRbac.defaultRole', defaultRole, `${roleProblem}: the role is a subject of the Casbin policy, whose lines cannot carry it`,
      'a role name that policy lines use, e.g. "role:readonly"');
  }
  const scopes = rbac.scopes ?? ['groups', 'email', 'username'];
  if (scopes.length === 0) {
    throw new ValidationError(path, 'userRbac.scopes', scopes, 'the server reads an empty list as ["groups"]', `one or more of ${SCOPES.join(', ')}`);
  }
  scopes.forEach((scope, i) => {
    if (!SCOPES.includes(scope) || scopes.indexOf(scope) !== i) {
      throw new ValidationError(path, `userRbac.scopes[${i}]`, scope, SCOPES.includes(scope) ? 'it is listed twice' : 'the server knows no such scope and would ignore it',
        `each of ${SCOPES.join(', ')} at most once`);
    }
  });
  const policy = rbac.policy ?? DEFAULT_POLICY;
  policy.forEach((line, i) => {
    const problem = policyLineProblem(line);
    if (problem) {
      throw new ValidationError(path, `userRbac.policy[${i}]`, line, problem,
        'one Casbin line per entry: "p, <role>, <namespace>, <resource>, <action>" or "g, <group>, <role>"; commas separate the fields');
    }
  });
  return { defaultRole, scopes, policy };
}

/** Why the server would not read `line` as one policy line of its model, or undefined. */
function policyLineProblem(line: string): string | undefined {
  const control = controlCharacter(line);
  // bufio.Scanner splits the file at line feeds: an entry with one becomes two lines.
  if (control) return `${control}, and the policy file is read line by line`;
  const trimmed = line.trim();
  if (trimmed === '') return 'an empty line is skipped';
  if (trimmed.startsWith('#')) return 'a line starting with "#" is a comment, which the server skips';
  const parsed = csvFields(trimmed);
  if ('problem' in parsed) return `Go's CSV reader refuses it (${parsed.problem}), and the server would not start`;
  const [ptype, ...rest] = parsed.fields;
  const expected = POLICY_FIELDS[ptype];
  if (expected === undefined) return `its type ${JSON.stringify(ptype)} is neither "p" (a permission) nor "g" (a group's role)`;
  if (parsed.fields.length !== expected) return `a "${ptype}" line has ${expected} fields, this one ${parsed.fields.length}`;
  const bad = rest.find((f) => f === '' || f.trimEnd() !== f);
  return bad === undefined ? undefined : `field ${JSON.stringify(bad)} is empty or ends in white space, which would be part of the name`;
}

/** `rbac-conf.yaml` of the checked settings, each value a YAML scalar that viper reads back as written. */
function rbacConfYaml(rbac: ResolvedUserRbac): string {
  return `policy.default: ${yamlScalar(rbac.defaultRole)}\npolicy.scopes: ${yamlScalar(rbac.scopes.join(','))}\n`;
}

/**
 * The ConfigMaps and the Secret the server mounts or reads, each named as upstream names it.
 * The Secret is created empty: `server-secrets-init` fills it in the cluster; nothing secret is in the manifest.
 */
export function addNumaflowConfig(scope: Construct, meta: Meta, rbac: ResolvedUserRbac, metricsProxyConfig: string, adminEnabled: boolean): ApiObject[] {
  const rbacConfig = new ApiObject(scope, 'RbacConfig', { ...k8s.KubeConfigMap.GVK,
    metadata: meta(NAMES.rbacConfig),
    data: {
      'rbac-conf.yaml': rbacConfYaml(rbac),
      'rbac-policy.csv': `${rbac.policy.join('\n')}\n`,
    },
  });
  const metricsProxy = new ApiObject(scope, 'MetricsProxyConfig', { ...k8s.KubeConfigMap.GVK,
    metadata: meta(NAMES.metricsProxyConfig),
    data: { 'config.yaml': metricsProxyConfig },
  });
  const localUsers = new ApiObject(scope, 'LocalUserConfig', { ...k8s.KubeConfigMap.GVK,
    metadata: meta(NAMES.localUserConfig),
    data: { 'admin.enabled': String(adminEnabled) },
  });
  new ApiObject(scope, 'Secrets', { ...k8s.KubeSecret.GVK, metadata: meta(NAMES.secrets), type: 'Opaque' });
  return [rbacConfig, metricsProxy, localUsers];
}
