// One measurement in a fresh process (so peak RSS is this run's): `run-once.ts <variant> <N>`, the
// variant one of `ours`, `baseline` (plain cdk8s) or `baseline-helper` (the baseline's objects
// through this library's synth helper).
// Prints a JSON line { ms, cpuMs (main thread, Linux), procCpuMs (all threads), passMs, maxRssMb, objects }. Each stack is a cluster of its own (one
// synthStacks call each): N copies of one full stack would emit the same objects into one cluster,
// which synthStacks refuses.
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { App } from 'cdk8s';
import { IStack, synthStacks } from '../lib';
import { OutputPass } from '../lib/synth/output-pass';
import { fullStackObjects, fullStacks } from './full-stack';
import { l1Stack, literalProps } from './l1-baseline';

const [variant, nText] = process.argv.slice(2);
const n = Number(nText);
if (!['ours', 'baseline', 'baseline-helper'].includes(variant)) throw new Error(`unknown variant ${variant}`);
const literals = variant === 'ours' ? undefined : literalProps(fullStackObjects()); // source literals: outside the timing
const stacks: IStack[] = literals
  ? Array.from({ length: n }, (_, i) => ({ id: `stack-${i}`, createChart: l1Stack(literals) }))
  : fullStacks(n);
/**
 * The plain cdk8s floor: an App per stack (as synthStacks makes; cdk8s's cost grows quadratically
 * with the charts of one App) synthesized by cdk8s itself, i.e. written by cdk8s's `Yaml.stringify`.
 */
const plainCdk8s = (stack: IStack): [string, string][] => {
  const app = new App();
  stack.createChart(app, stack.id);
  return [[stack.id, app.synthYaml()]];
};
const synth = variant === 'baseline' ? plainCdk8s : (stack: IStack) => synthStacks([stack]);
const start = performance.now();
const cpuStart = mainThreadCpuMs();
const procStart = process.cpuUsage();
const yaml = new Map<string, string>();
for (const stack of stacks) for (const [id, text] of synth(stack)) yaml.set(id, text);
const ms = performance.now() - start;
const cpuEnd = mainThreadCpuMs();
// All threads: V8 optimises hot functions and collects garbage on threads of its own, beside the synth.
const proc = process.cpuUsage(procStart);
const cpuMs = cpuStart === undefined || cpuEnd === undefined ? undefined : cpuEnd - cpuStart;
let objects = 0;
for (const text of yaml.values()) objects += text.split('\n---\n').length;
console.log(JSON.stringify({ ms, cpuMs, procCpuMs: (proc.user + proc.system) / 1000, passMs: OutputPass.checkMs, maxRssMb: process.resourceUsage().maxRSS / 1024, objects, sample: yaml.get('stack-0') }));

/**
 * CPU time of the main thread in ms (Linux; 10 ms steps), where the synth runs: unlike wall time,
 * hardly moved by other processes on the machine, and unlike the process's CPU time it leaves out
 * the GC's helper threads, which run beside the main thread rather than add to the wall time.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime and stime, in ticks of 10 ms (USER_HZ 100)
  } catch {
    return undefined;
  }
}
