import { Chart } from 'cdk8s';
import {
  Console, CopilotPod, FlytePodTemplate, MetricsServer, NumaflowServer, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, TlsMode,
} from '../lib';
import { ADMIN_STORE, BadInput, STORE } from './bad-input-case';
import { DATABASE } from './support/flyte-invariants';

// All or nothing: a construct that is refused leaves every other construct exactly as it was. Each
// case builds some constructs (`without`), then one that is refused; after the refusal the chart
// must synthesize to exactly what `without` alone synthesizes: no origin registered with an Admin,
// no path allowed on metrics-server, no replicas taken from a target, nothing half-built.

const METRIC = { name: 'go_threads', targetValue: 20 };
const metrics = (c: Chart, props: any = {}) => new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned(), ...props });
const numaflow = (c: Chart, props: any = {}, id = 'nf') => new NumaflowServer(c, id, { tls: TlsMode.disabled(), ...props });
const flyteAdmin = (c: Chart, props: any = {}) => new SecureAdmin(c, 'admin', {
  tls: TlsMode.fromSecretName('flyte-tls'), publicUrl: 'https://flyte.example.com', database: DATABASE, objectStore: ADMIN_STORE, ...props,
});
const adminAndConsole = (c: Chart) => new Console(c, 'k1', { admin: flyteAdmin(c), publicOrigin: 'https://console.example.com' });
const autoscaler = (target: any, props: any = {}) => (c: Chart) => new PodAutoscaler(c, 'pa', {
  target: ScaleTarget.fromServer(target(c)), strategy: ScalingStrategy.KPA, metric: METRIC, maxReplicas: 4, ...props,
});
/** `setup`, then `refused` on what setup returned. */
const then = <T>(setup: (c: Chart) => T, refused: (c: Chart, made: T) => unknown) => (c: Chart) => refused(c, setup(c));

export const ALL_OR_NOTHING_INPUTS: BadInput[] = [
  {
    name: 'a refused autoscaler (min > max) leaves metrics-server its replicas and allowed paths',
    class: 'all-or-nothing',
    without: (c) => metrics(c, { replicas: 2 }),
    build: then((c) => metrics(c, { replicas: 2 }), (c, ms) => new PodAutoscaler(c, 'pa', { target: ScaleTarget.fromServer(ms), minReplicas: 5, maxReplicas: 3, aibrixVersion: 'v0.4.1', strategy: ScalingStrategy.KPA, metric: METRIC })),
    path: 'c/pa', prop: 'minReplicas', value: 5, allowed: 'a value <= 3',
  },
  {
    name: 'a refused autoscaler (HTTPS target on AIbrix v0.7) leaves metrics-server untouched',
    class: 'all-or-nothing',
    without: (c) => metrics(c),
    build: then((c) => metrics(c), (c, ms) => new PodAutoscaler(c, 'pa', { target: ScaleTarget.fromServer(ms), maxReplicas: 4, strategy: ScalingStrategy.KPA, metric: METRIC })),
    path: 'c/pa', prop: 'target', value: 'https://metrics-server:10250', allowed: 'aibrixVersion <= v0.4',
  },
  {
    name: 'a refused autoscaler (target fixes replicas outside the range) leaves the target\'s replicas',
    class: 'all-or-nothing',
    without: (c) => metrics(c, { replicas: 5 }),
    build: then((c) => metrics(c, { replicas: 5 }), (c, ms) => new PodAutoscaler(c, 'pa', { target: ScaleTarget.fromServer(ms), maxReplicas: 3, aibrixVersion: 'v0.4.1', strategy: ScalingStrategy.KPA, metric: METRIC })),
    path: 'c/pa', prop: 'target', value: 'Deployment/metrics-server replicas=5', allowed: 'no replicas on the target',
  },
  {
    name: 'a refused autoscaler (bad metric name) allows no path on metrics-server',
    class: 'all-or-nothing',
    without: (c) => metrics(c),
    build: then((c) => metrics(c), (c, ms) => new PodAutoscaler(c, 'pa', { target: ScaleTarget.fromServer(ms), maxReplicas: 4, aibrixVersion: 'v0.4.1', path: '/custom-metrics', strategy: ScalingStrategy.KPA, metric: { name: 'go threads', targetValue: 1 } })),
    path: 'c/pa', prop: 'metric.name', value: 'go threads', allowed: 'a Prometheus metric name',
  },
  {
    name: 'a refused autoscaler (path ignored by AIbrix v0.5) leaves Numaflow its replicas',
    class: 'all-or-nothing',
    without: (c) => numaflow(c, { replicas: 2 }),
    build: autoscaler((c: Chart) => numaflow(c, { replicas: 2 }), { aibrixVersion: 'v0.5.0', path: '/stats' }),
    path: 'c/pa', prop: 'path', value: '/stats', allowed: '"/metrics"',
  },
  {
    name: 'a refused autoscaler (a string maxReplicas) leaves Numaflow its replicas',
    class: 'all-or-nothing',
    without: (c) => numaflow(c, { replicas: 2 }),
    build: autoscaler((c: Chart) => numaflow(c, { replicas: 2 }), { maxReplicas: '4' }),
    path: 'c/pa', prop: 'maxReplicas', value: '4', allowed: 'an integer',
  },
  {
    name: 'a refused Console (scheme differs) registers no origin with the Admin',
    class: 'all-or-nothing',
    without: (c) => flyteAdmin(c),
    build: then((c) => flyteAdmin(c), (c, admin) => new Console(c, 'console', { admin, publicOrigin: 'http://console.example.com' })),
    path: 'c/console', prop: 'publicOrigin', value: 'http://console.example.com', allowed: 'the same scheme for both',
  },
  {
    name: 'a refused Console (extra args) registers no origin with the Admin',
    class: 'all-or-nothing',
    without: (c) => flyteAdmin(c),
    build: then((c) => flyteAdmin(c), (c, admin) => new Console(c, 'console', { admin, publicOrigin: 'https://console.example.com', extraArgs: ['--inspect'] })),
    path: 'c/console', prop: 'extraArgs', value: ['--inspect'], allowed: 'extraEnv',
  },
  {
    name: 'a second, refused Console leaves the Admin the first Console\'s origin only',
    class: 'all-or-nothing',
    without: adminAndConsole,
    build: then(adminAndConsole, (c, first) => new Console(c, 'k2', { admin: first.admin, namespace: 'console-2', publicOrigin: 'https://console-2.example.com', version: 'v2.0.0' })),
    path: 'c/k2', prop: 'version', value: 'v2.0.0', allowed: 'a version of the 1.x line',
  },
  {
    name: 'a refused Console (its Certificate would share the Admin\'s Secret) leaves the Admin as it was',
    class: 'all-or-nothing',
    without: (c) => flyteAdmin(c, { tls: TlsMode.certManager({ issuer: { name: 'ca' } }) }),
    build: then((c) => flyteAdmin(c, { tls: TlsMode.certManager({ issuer: { name: 'ca' } }) }),
      (c, admin) => new Console(c, 'console', { admin, publicOrigin: 'https://console.example.com', tls: TlsMode.certManager({ issuer: { name: 'ca' }, secretName: 'flyteadmin-tls' }) })),
    path: 'c/console', prop: 'tls', value: undefined, allowed: 'a certManager mode without secretName',
  },
  {
    name: 'a refused CopilotPod leaves its FlytePodTemplate as it was',
    class: 'all-or-nothing',
    without: (c) => new FlytePodTemplate(c, 'template', { objectStore: STORE }),
    build: then((c) => new FlytePodTemplate(c, 'template', { objectStore: STORE }),
      (c, podTemplate) => new CopilotPod(c, 'task', { podTemplate, image: 'alpine:3.20', kubernetesVersion: '1.28' })),
    path: 'c/task', prop: 'kubernetesVersion', value: '1.28', allowed: '>= 1.29',
  },
  {
    name: 'a refused Admin (a secret in its config) leaves a Numaflow server as it was',
    class: 'all-or-nothing',
    without: (c) => numaflow(c),
    build: then((c) => numaflow(c), (c) => flyteAdmin(c, { extraConfig: { auth: { clientSecret: 'hunter2' } } })),
    path: 'c/admin', prop: 'extraConfig.auth.clientSecret', value: '(redacted)', allowed: 'a key that names a file of a Secret',
  },
  {
    name: 'a refused second metrics-server (port 443) leaves the first as it was',
    class: 'all-or-nothing',
    without: (c) => metrics(c),
    build: then((c) => metrics(c), (c) => new MetricsServer(c, 'ms2', { tls: TlsMode.selfSigned(), namespace: 'monitoring', securePort: 443 })),
    path: 'c/ms2', prop: 'securePort', value: 443, allowed: 'a port >= 1024',
  },
  {
    name: 'a refused FlytePodTemplate (hostPath) leaves an Admin and its Console as they were',
    class: 'all-or-nothing',
    without: adminAndConsole,
    build: then(adminAndConsole, (c) => new FlytePodTemplate(c, 'template', { objectStore: STORE, extraVolumes: [{ name: 'host', hostPath: { path: '/' } }] })),
    path: 'c/template', prop: 'extraVolumes[0].hostPath', value: 'host', allowed: 'a volume of a source restricted allows',
  },
  {
    name: 'a refused Numaflow server (the string "false") leaves another Numaflow server as it was',
    class: 'all-or-nothing',
    without: (c) => numaflow(c, { namespace: 'team-a', namespaced: true }, 'nf1'),
    build: then((c) => numaflow(c, { namespace: 'team-a', namespaced: true }, 'nf1'), (c) => numaflow(c, { namespace: 'team-b', readonly: 'false' }, 'nf2')),
    path: 'c/nf2', prop: 'readonly', value: 'false', allowed: 'a boolean',
  },
];
