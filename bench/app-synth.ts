// The constructs' own cost on the path most apps take (issue #26): N full stacks, each in its own
// App, synthesized with cdk8s's `app.synthYaml()` (its own YAML writer), against the same manifest
// JSON as plain `ApiObject`s synthesized the same way, one App per stack. Both run in one process,
// in interleaved rounds (ours, then the baseline, then ours ...): the machine's speed drifts over
// minutes, so only the ratio of each pair counts, and the median of those is the figure.
// `app-synth.ts <N> <rounds>` prints a JSON line: the paired ratios, the medians, and for the last
// round of ours the per-stack cost of its last 30% of stacks against its first 30%, and peak RSS.
import { performance } from 'perf_hooks';
import { App } from 'cdk8s';
import { fullStack, fullStackObjects } from './full-stack';
import { l1Stack, literalProps } from './l1-baseline';

const [n, rounds] = process.argv.slice(2).map(Number);
const baseline = l1Stack(literalProps(fullStackObjects())); // source literals: outside the timing
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Synthesizes `n` stacks made by `make`, each in its own App; returns the time of each stack. */
function run(make: (scope: App, id: string) => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const app = new App();
    make(app, `stack-${i}`);
    app.synthYaml();
    times.push(performance.now() - start);
  }
  return times;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
// One warm-up round each: V8's optimising compiler, not the constructs, is what the first round measures.
run(fullStack);
run(baseline);
const ours: number[] = [];
const base: number[] = [];
let last: number[] = [];
for (let r = 0; r < rounds; r++) {
  last = run(fullStack);
  ours.push(sum(last));
  base.push(sum(run(baseline)));
}
const ratios = ours.map((o, i) => o / base[i]);
const tail = Math.floor(0.3 * n);
console.log(JSON.stringify({
  n, rounds, ratios, ratio: median(ratios), oursMs: median(ours), baselineMs: median(base),
  lastOverFirst: n >= 10 ? sum(last.slice(-tail)) / sum(last.slice(0, tail)) : undefined,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
