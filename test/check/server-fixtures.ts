import { configMap } from './fixtures';

/** Known servers shaped like the library's (and upstream's) manifests, for the TLS consistency rules. */

const securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const podSecurity = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

function workload(name: string, namespace: string, spec: any): any {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { securityContext: podSecurity, ...spec } } },
  };
}

export const httpGet = (port: string | number, scheme?: string) => ({ httpGet: { path: '/livez', port, ...(scheme ? { scheme } : {}) } });

/** The Numaflow server container: `args` after `server`, one port, liveness and readiness on it. */
export function numaflow(args: string[], port: { name: string; containerPort: number } | undefined, scheme?: string, extra: Record<string, unknown> = {}): any {
  return workload('numaflow-server', 'numaflow-system', {
    containers: [{
      name: 'main', image: 'quay.io/numaproj/numaflow:v1.8.3', args: ['server', ...args], securityContext,
      ...(port ? { ports: [port], livenessProbe: httpGet(port.name, scheme), readinessProbe: httpGet(port.name, scheme) } : {}),
      ...extra,
    }],
  });
}

/** metrics-server with `args`, declaring `containerPort` as `https`, probing it with `scheme`. */
export function metricsServer(args: string[], containerPort: number, scheme = 'HTTPS'): any {
  return workload('metrics-server', 'kube-system', {
    containers: [{
      name: 'metrics-server', image: 'registry.k8s.io/metrics-server/metrics-server:v0.9.0', args, securityContext,
      ports: [{ name: 'https', containerPort }],
      livenessProbe: httpGet('https', scheme), readinessProbe: httpGet('https', scheme),
    }],
  });
}

/** Flyte Admin loading `/etc/flyte/config/*.yaml` from ConfigMap flyte-admin-base-config. */
export function admin(ports: { name: string; containerPort: number }[], probePort: string | number, scheme?: string, volume?: any): any {
  return workload('flyteadmin', 'flyte', {
    containers: [{
      name: 'flyteadmin', image: 'cr.flyte.org/flyteorg/flyteadmin:v1.16.8', securityContext,
      command: ['flyteadmin', '--config', '/etc/flyte/config/*.yaml', 'serve'],
      ports, livenessProbe: httpGet(probePort, scheme),
      volumeMounts: [{ name: 'config', mountPath: '/etc/flyte/config', readOnly: true }],
    }],
    volumes: [volume ?? { name: 'config', configMap: { name: 'flyte-admin-base-config' } }],
  });
}

export function adminConfig(files: Record<string, string>, name = 'flyte-admin-base-config'): any {
  return configMap(name, files, 'flyte');
}

/** Flyte Console with `env`/`envFrom`, declaring 8080 as `port`, probed with `scheme`. */
export function console(env: { env?: unknown[]; envFrom?: unknown[] }, scheme?: string, containerPort = 8080): any {
  return workload('flyteconsole', 'flyte', {
    containers: [{
      name: 'flyteconsole', image: 'cr.flyte.org/flyteorg/flyteconsole:v1.21.0', securityContext, ...env,
      ports: [{ name: 'web', containerPort }], livenessProbe: httpGet('web', scheme),
    }],
  });
}
