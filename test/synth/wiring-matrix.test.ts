import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { parse, parseAllDocuments } from 'yaml';
import {
  Console, GatewayListener, IStack, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin,
  StackNetworkPolicies, synthStacks, TlsMode, ValidationError, writeStacks,
} from '../../lib';
import { DATABASE } from '../support/flyte-invariants';
import { expectValid } from '../support/harness';
import { tempDir } from '../support/temp-dirs';

// Wire or refuse, never lose (issue #21, point 1): each registration between constructs, with its
// partner in the same chart, another chart of the App, another stack of the same synthStacks /
// writeStacks call, an App already synthesized, or an App outside the call. The first three must
// emit the wiring (asserted on the emitted YAML, parsed back); the last two are refused with a
// ValidationError naming both construct paths and the fix, and emit nothing.

const LISTENER: GatewayListener = { gatewayName: 'public', gatewayNamespace: 'gateway', sectionName: 'https' };
const ORIGIN = 'http://console.example.com';

/** A pair: the partner (with the policies of its chart), the registrant, and what its wiring emits. */
interface Pair {
  readonly name: string;
  /** Builds the partner in `chart`; returns it. */
  readonly partner: (chart: Chart) => Construct;
  /** Registers with `partner` from `chart` (a construct made there, or a method called while it is built). */
  readonly registrant: (chart: Chart, partner: any) => void;
  /** The path (relative to the registrant's chart, or to the partner for a method) and prop a refusal names. */
  readonly refusal: (registrantChart: string, partner: string) => { path: string; prop: string };
  /** Asserts the wiring on every emitted object of both. */
  readonly wired: (objects: any[]) => void;
}

const find = (objects: any[], kind: string, name: string) => {
  const found = objects.filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

/** The NetworkPolicy rule that admits `namespace` (and `podLabels`) on `port`, if any. */
const admits = (policy: any, namespace: string, port: number) => (policy.spec.ingress as any[]).some((rule) =>
  (rule.from ?? []).some((peer: any) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === namespace)
  && (rule.ports ?? []).some((p: any) => p.port === port));

const numaflowWithPolicies = (chart: Chart) => {
  new StackNetworkPolicies(chart, 'policies');
  return new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled() });
};

const PAIRS: Pair[] = [
  {
    name: 'Console → Admin: the origin',
    partner: (chart) => new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' }) }),
    registrant: (chart, admin) => new Console(chart, 'console', { admin, namespace: 'flyte-console', publicOrigin: ORIGIN }),
    refusal: (chart) => ({ path: `${chart}/console`, prop: 'admin' }),
    wired: (objects) => {
      const server = parse(find(objects, 'ConfigMap', 'flyte-admin-base-config').data['server.yaml']).server.security;
      expect({ allowCors: server.allowCors, allowedOrigins: server.allowedOrigins }).toEqual({ allowCors: true, allowedOrigins: [ORIGIN] });
      expect(find(objects, 'ConfigMap', 'flyte-console-config').data.ADMIN_API_URL).toBe('http://localhost:8088');
    },
  },
  {
    name: 'PodAutoscaler → MetricsServer: replicas and the allowed path',
    partner: (chart) => new MetricsServer(chart, 'ms', { tls: TlsMode.selfSigned() }),
    registrant: (chart, ms) => new PodAutoscaler(chart, 'pa', {
      target: ScaleTarget.fromServer(ms), strategy: ScalingStrategy.KPA, metric: { name: 'go_threads', targetValue: 20 }, maxReplicas: 3, aibrixVersion: 'v0.4.1',
    }),
    refusal: (chart) => ({ path: `${chart}/pa`, prop: 'target' }),
    wired: (objects) => {
      const deployment = find(objects, 'Deployment', 'metrics-server');
      expect(deployment.spec.replicas).toBeUndefined();
      const args: string[] = deployment.spec.template.spec.containers[0].args;
      expect(args.find((a) => a.startsWith('--authorization-always-allow-paths='))?.split('=')[1].split(',')).toContain('/metrics');
      expect(find(objects, 'PodAutoscaler', 'metrics-server').spec.scaleTargetRef.name).toBe('metrics-server');
    },
  },
  {
    name: 'PodAutoscaler → its target\'s pods: the AIbrix controller admitted by the target\'s StackNetworkPolicies',
    partner: numaflowWithPolicies,
    registrant: (chart, nf) => new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(nf), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 }),
    refusal: (chart) => ({ path: `${chart}/pa`, prop: 'target' }),
    wired: (objects) => {
      expect(admits(find(objects, 'NetworkPolicy', 'numaflow-server'), 'aibrix-system', 8080)).toBe(true);
      expect(find(objects, 'Deployment', 'numaflow-server').spec.replicas).toBeUndefined();
    },
  },
  {
    name: 'exposure → the server\'s policies: the gateway peer',
    partner: numaflowWithPolicies,
    registrant: (_chart, nf) => nf.exposeViaGateway({ listener: LISTENER, host: 'numaflow.example.com' }),
    refusal: (_chart, partner) => ({ path: `${partner}.exposeViaGateway`, prop: 'exposeViaGateway' }),
    wired: (objects) => {
      expect(admits(find(objects, 'NetworkPolicy', 'numaflow-server'), 'gateway', 8080)).toBe(true);
      expect(find(objects, 'HTTPRoute', 'numaflow-server').spec.hostnames).toEqual(['numaflow.example.com']);
    },
  },
];

const documents = (...texts: string[]) => texts.flatMap((t) => parseAllDocuments(t).map((d) => d.toJS())).filter((o) => o);

/** A stack whose chart `build` fills. */
const stack = (id: string, build: (chart: Chart) => void): IStack => ({ id, createChart: (scope, chartId) => {
  const chart = new Chart(scope, chartId);
  build(chart);
  return chart;
} });

/** The two stacks of a pair: the partner's, then the registrant's (`partner()` once built). */
function stacks(pair: Pair): IStack[] & { partner: () => Construct } {
  let partner: Construct;
  const list = [stack('partner', (c) => { partner = pair.partner(c); }), stack('registrant', (c) => pair.registrant(c, partner))];
  return Object.assign(list, { partner: () => partner });
}

/** Runs `fn`, returning the ValidationError it throws. */
function refusal(fn: () => unknown): ValidationError {
  let error: unknown;
  let output: unknown;
  try {
    output = fn();
  } catch (e) {
    error = e;
  }
  expect(output).toBeUndefined(); // refused: nothing is emitted
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

/** The refusal names the registrant (path, prop), the partner's path, and says how to fix it. */
function expectRefusal(error: ValidationError, pair: Pair, registrantChart: string, partnerPath: string, why: RegExp) {
  expect(error.errors).toHaveLength(1);
  expect({ path: error.path, prop: error.prop }).toEqual(pair.refusal(registrantChart, partnerPath));
  expect(error.message).toContain(partnerPath);
  expect(error.message).toMatch(why);
  expect(error.allowed).toMatch(/one App|one stack|same synthStacks \/ writeStacks call|in the stacks of this synthStacks call too/);
}

type Outcome = 'wired' | 'refused';
const PLACEMENTS: { name: string; outcome: Outcome; run: (pair: Pair) => void }[] = [
  {
    name: 'same chart',
    outcome: 'wired',
    run: (pair) => {
      const app = new App();
      const chart = new Chart(app, 'c');
      pair.registrant(chart, pair.partner(chart));
      const objects = documents(app.synthYaml());
      expectValid(objects, { external: EXTERNAL });
      pair.wired(objects);
    },
  },
  {
    name: 'another chart of the same App',
    outcome: 'wired',
    run: (pair) => {
      const app = new App();
      const partner = pair.partner(new Chart(app, 'partner'));
      pair.registrant(new Chart(app, 'registrant'), partner);
      pair.wired(documents(app.synthYaml()));
    },
  },
  {
    name: 'another stack of the same synthStacks call',
    outcome: 'wired',
    run: (pair) => {
      const yaml = synthStacks(stacks(pair));
      pair.wired(documents(...yaml.values()));
    },
  },
  {
    name: 'another stack of the same writeStacks call',
    outcome: 'wired',
    run: (pair) => {
      const dir = tempDir('wiring-');
      writeStacks(stacks(pair), { outdir: dir });
      pair.wired(documents(...['partner', 'registrant'].map((id) => fs.readFileSync(path.join(dir, `${id}.k8s.yaml`), 'utf8'))));
    },
  },
  {
    name: 'an App already synthesized (synthYaml)',
    outcome: 'refused',
    run: (pair) => {
      const app = new App();
      const partner = pair.partner(new Chart(app, 'partner'));
      app.synthYaml();
      const error = refusal(() => synthStacks([stack('registrant', (c) => pair.registrant(c, partner))]));
      expectRefusal(error, pair, 'registrant', partner.node.path, /its App was already synthesized/);
    },
  },
  {
    name: 'a stack of an earlier synthStacks call',
    outcome: 'refused',
    run: (pair) => {
      const both = stacks(pair);
      synthStacks([both[0]]);
      const error = refusal(() => synthStacks([both[1]]));
      expectRefusal(error, pair, 'registrant', both.partner().node.path, /its App was already synthesized/);
    },
  },
  {
    name: 'an App that is not a stack of the call',
    outcome: 'refused',
    run: (pair) => {
      const partner = pair.partner(new Chart(new App(), 'outside'));
      const error = refusal(() => synthStacks([stack('registrant', (c) => pair.registrant(c, partner))]));
      expectRefusal(error, pair, 'registrant', partner.node.path, /is in none of the stacks of this synthStacks call/);
    },
  },
];

/** Secrets the partners name by reference (the database password): the user's, not the stack's. */
const EXTERNAL = ['Secret/flyte/flyte-db'];

const MATRIX = PAIRS.flatMap((pair) => PLACEMENTS.map((placement) => ({ pair, placement, label: `${pair.name} | ${placement.name}: ${placement.outcome}` })));

test.each(MATRIX)('$label', ({ pair, placement }) => {
  placement.run(pair);
});

test('the matrix is complete: every pair in every placement; wired in the same chart, App and call, refused elsewhere', () => {
  expect(MATRIX).toHaveLength(PAIRS.length * PLACEMENTS.length);
  const outcomes: { [o in Outcome]: number } = { wired: 0, refused: 0 };
  for (const p of PLACEMENTS) outcomes[p.outcome]++;
  expect(outcomes).toEqual({ wired: 4, refused: 3 });
});

describe('seams around the matrix', () => {
  test('a chart with no StackNetworkPolicies gets none, although the autoscaler\'s chart has them', () => {
    const app = new App();
    const nf = new NumaflowServer(new Chart(app, 'target'), 'nf', { tls: TlsMode.disabled() });
    const mine = new Chart(app, 'autoscaler');
    new StackNetworkPolicies(mine, 'policies');
    new PodAutoscaler(mine, 'pa', { target: ScaleTarget.fromServer(nf), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 });
    expect(documents(app.synthYaml()).filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
  });

  test('a registration made by a construct of the partner\'s own App after its synth is carried by the next synth', () => {
    // Not a loss: the App must be synthesized again for the new construct anyway, and it then has both.
    const app = new App();
    const chart = new Chart(app, 'c');
    const admin = PAIRS[0].partner(chart);
    app.synthYaml();
    PAIRS[0].registrant(chart, admin);
    PAIRS[0].wired(documents(app.synthYaml()));
  });

  test('exposing a server after the App of a Console that reads its URL was synthesized is refused', () => {
    const admin = PAIRS[0].partner(new Chart(new App(), 'flyte'));
    const consoleApp = new App();
    new Console(new Chart(consoleApp, 'ui'), 'console', { admin: admin as SecureAdmin, namespace: 'flyte-console' });
    consoleApp.synthYaml();
    const error = refusal(() => (admin as SecureAdmin).exposeViaGateway({ listener: LISTENER, host: 'flyte.example.com', grpcHost: 'grpc.flyte.example.com' }));
    expect({ path: error.path, prop: error.prop, value: error.value }).toEqual({ path: 'flyte/admin.exposeViaGateway', prop: 'exposeViaGateway', value: 'ui/console' });
    expect(error.message).toContain('ui/console belongs to an App that was already synthesized');
  });

  test('an alternative of writeStacks wires within its own list only: it stands for another cluster', () => {
    let ms: MetricsServer;
    const error = refusal(() => writeStacks([stack('metrics', (c) => { ms = PAIRS[1].partner(c) as MetricsServer; })], {
      outdir: tempDir('wiring-alt-'),
      alternatives: [stack('scaled', (c) => PAIRS[1].registrant(c, ms))],
    }));
    expect({ path: error.path, prop: error.prop, value: error.value }).toEqual({ path: 'scaled/pa', prop: 'target', value: 'metrics/ms' });
  });
});
