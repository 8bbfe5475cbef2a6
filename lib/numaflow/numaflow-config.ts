import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
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

/**
 * The ConfigMaps and the Secret the server mounts or reads, each named as upstream names it.
 * The Secret is created empty: `server-secrets-init` fills it in the cluster; nothing secret is in the manifest.
 */
export function addNumaflowConfig(scope: Construct, meta: Meta, rbac: NumaflowUserRbac = {}, metricsProxyConfig: string, adminEnabled: boolean): ApiObject[] {
  const rbacConfig = new ApiObject(scope, 'RbacConfig', { ...k8s.KubeConfigMap.GVK,
    metadata: meta(NAMES.rbacConfig),
    data: {
      'rbac-conf.yaml': `policy.default: ${rbac.defaultRole ?? 'role:readonly'}\npolicy.scopes: ${(rbac.scopes ?? ['groups', 'email', 'username']).join(',')}\n`,
      'rbac-policy.csv': `${(rbac.policy ?? DEFAULT_POLICY).join('\n')}\n`,
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
