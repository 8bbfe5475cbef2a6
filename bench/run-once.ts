// One measurement in a fresh process (so peak RSS is this run's): `run-once.ts <ours|baseline> <N>`.
// Prints a JSON line { ms, passMs, maxRssMb, objects }. Each stack is a cluster of its own (one
// synthStacks call each): N copies of one full stack would emit the same objects into one cluster,
// which synthStacks refuses.
import { performance } from 'perf_hooks';
import { synthStacks } from '../lib';
import { OutputPass } from '../lib/synth/output-pass';
import { fullStackObjects, fullStacks } from './full-stack';
import { l1Stack, literalProps } from './l1-baseline';

const [variant, nText] = process.argv.slice(2);
const n = Number(nText);
const literals = variant === 'baseline' ? literalProps(fullStackObjects()) : undefined; // source literals: outside the timing
const stacks = variant === 'baseline'
  ? Array.from({ length: n }, (_, i) => ({ id: `stack-${i}`, createChart: l1Stack(literals!) }))
  : fullStacks(n);
const start = performance.now();
const yaml = new Map<string, string>();
for (const stack of stacks) for (const [id, text] of synthStacks([stack])) yaml.set(id, text);
const ms = performance.now() - start;
let objects = 0;
for (const text of yaml.values()) objects += text.split('\n---\n').length;
console.log(JSON.stringify({ ms, passMs: OutputPass.checkMs, maxRssMb: process.resourceUsage().maxRSS / 1024, objects, sample: yaml.get('stack-0') }));
