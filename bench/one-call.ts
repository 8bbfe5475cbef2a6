// `one-call.ts <N> [cross]`: N stacks in ONE synthStacks call (each its own namespaces, so that
// they share one cluster), as a platform splits itself; with `cross`, every second stack's Console
// and autoscaler wire to the Admin and Numaflow server of the stack before it. Prints a JSON line
// { ms, cpuMs, maxRssMb, heapMb, objects } (heapMb: the heap once every stack is built and synthesized).
import { performance } from 'perf_hooks';
import { Chart } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Console, IStack, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, StackNetworkPolicies, synthStacks, TlsMode } from '../lib';

const [nText, mode] = process.argv.slice(2);
const n = Number(nText);
const cross = mode === 'cross';
const issued = TlsMode.certManager({ issuer: { name: 'cluster-ca' } });
/** The partners of the next stack only: holding every stack's would keep every tree alive. */
let last: { admin: SecureAdmin; server: NumaflowServer } | undefined;

function platform(i: number) {
  return (scope: Construct, id: string): Chart => {
    const chart = new Chart(scope, id);
    const namespace = `team-${i}`;
    new StackNetworkPolicies(chart, 'policies');
    const partner = cross && i % 2 === 1;
    const admin = partner ? last!.admin : new SecureAdmin(chart, 'admin', {
      namespace, tls: issued, publicUrl: `https://flyte-${i}.example.com`,
      database: { host: 'postgres.flyte.svc', username: 'flyteadmin', passwordSecret: { secret: Secret.fromSecretName(chart, 'db-password', 'flyte-db'), key: 'password' } },
      objectStore: ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' }),
    });
    new Console(chart, 'console', { admin, namespace, publicOrigin: `https://console-${i}.example.com` });
    const server = partner ? last!.server : new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled(), namespace, namespaced: true });
    last = cross && !partner ? { admin, server } : undefined;
    new PodAutoscaler(chart, 'autoscaler', {
      target: ScaleTarget.fromServer(server), strategy: ScalingStrategy.KPA, metric: { name: 'go_threads', targetValue: 20 }, maxReplicas: 4, name: `numaflow-${i}`,
    });
    return chart;
  };
}

const stacks: IStack[] = Array.from({ length: n }, (_, i) => ({ id: `stack-${i}`, createChart: platform(i) }));
const start = performance.now();
const cpuStart = process.cpuUsage();
const yaml = synthStacks(stacks);
const ms = performance.now() - start;
// All threads: the GC's helpers too, which more live trees keep busier.
const cpu = process.cpuUsage(cpuStart);
global.gc?.();
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
let objects = 0;
for (const text of yaml.values()) objects += text.split('\n---\n').length;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ n, cross, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMb: Math.round(maxRssMb), heapMb: Math.round(heapMb), objects }));
