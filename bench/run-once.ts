// One measurement in a fresh process (so peak RSS is this run's): `run-once.ts <ours|baseline> <N>`.
// Prints a JSON line { ms, maxRssMb, objects }.
import { performance } from 'perf_hooks';
import { synthStacks } from '../lib';
import { fullStackObjects, fullStacks } from './full-stack';
import { l1Stack, literalProps } from './l1-baseline';

const [variant, nText] = process.argv.slice(2);
const n = Number(nText);
const literals = variant === 'baseline' ? literalProps(fullStackObjects()) : undefined; // source literals: outside the timing
const stacks = variant === 'baseline'
  ? Array.from({ length: n }, (_, i) => ({ id: `stack-${i}`, build: l1Stack(literals!) }))
  : fullStacks(n);
const start = performance.now();
const yaml = synthStacks(stacks);
const ms = performance.now() - start;
let objects = 0;
for (const text of yaml.values()) objects += text.split('\n---\n').length;
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, objects, sample: yaml.get('stack-0') }));
