// `npm run bench`: synth time and peak memory of the library against a plain-ApiObject
// baseline producing the same manifests and synthesized by cdk8s, measured in the same run; the
// same baseline through this library's synth helper (whose YAML writer is faster than cdk8s's),
// which leaves the constructs' own cost; plus `cdk8s synth` of the example app against the CLI
// floor. Medians over fresh processes: BENCH_REPS (default 5) at N = 1000, three times as many
// for the cheaper cells (single processes of one cell vary by ±20%).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const tsNode = [path.join(root, 'bin/run-ts.js')];
const reps = Number(process.env.BENCH_REPS ?? 5);
/** Fresh processes per cell: the cheap cells get more, so their medians are as steady as the costly one's. */
const repsFor = (n: number) => (n >= 1000 ? reps : 3 * reps);
const sizes = (process.env.BENCH_SIZES ?? '1,10,100,1000').split(',').map(Number);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function once(variant: string, n: number): { ms: number; cpuMs?: number; procCpuMs: number; passMs: number; maxRssMb: number; objects: number; sample: string } {
  const r = spawnSync(process.execPath, [...tsNode, path.join(__dirname, 'run-once.ts'), variant, String(n)], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`run-once ${variant} ${n} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function timeCommand(args: string[]): number {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const start = process.hrtime.bigint();
  const r = spawnSync(path.join(root, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade', '--output', out, ...args], { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`cdk8s synth failed:\n${r.stderr}${r.stdout}`);
  return ms;
}

console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; medians of ${3 * reps} runs (N = 1000: ${reps}) per cell\n`);
console.log('| stacks | objects | ours ms | baseline ms | ours / baseline | paired ratios, median (range) | ours / baseline, main-thread CPU | ours / baseline, process CPU | CPU of other threads ms, ours / baseline | output pass ms (share of ours) | ours peak RSS MB | baseline peak RSS MB | baseline through synthStacks ms | ours / that |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const oursByN = new Map<number, number>();
for (const n of sizes) {
  // Interleaved, so both variants see the same machine conditions.
  const ours: ReturnType<typeof once>[] = [];
  const base: ReturnType<typeof once>[] = [];
  const helper: ReturnType<typeof once>[] = [];
  for (let r = 0; r < repsFor(n); r++) {
    ours.push(once('ours', n));
    base.push(once('baseline', n));
    helper.push(once('baseline-helper', n));
  }
  // The same text from cdk8s's writer and from the library's: the bench checks that too.
  if (ours[0].sample !== base[0].sample || helper[0].sample !== base[0].sample) throw new Error('the baseline does not produce the same manifests');
  const [om, bm] = [median(ours.map((r) => r.ms)), median(base.map((r) => r.ms))];
  // The main thread's CPU time is the check on a loaded machine: other processes stretch wall time, hardly CPU time.
  const cpu = ours[0].cpuMs === undefined ? undefined : [median(ours.map((r) => r.cpuMs!)), median(base.map((r) => r.cpuMs!))];
  // The process's CPU over all threads: V8's optimising compiler and GC helpers run beside the main
  // thread. On an idle 2-core machine that work is free in wall time; on a loaded one it competes.
  const proc = [median(ours.map((r) => r.procCpuMs)), median(base.map((r) => r.procCpuMs))];
  const others = (runs: ReturnType<typeof once>[]) => median(runs.map((r) => r.procCpuMs - r.cpuMs!)).toFixed(0);
  const otherThreads = cpu ? `${others(ours)} / ${others(base)}` : 'n/a';
  // Each pair ran back to back, seconds apart: its ratio cancels the machine's drift over minutes,
  // which moves the two medians apart (the same cell's processes vary by ±20–40% over a run).
  const paired = ours.map((r, i) => r.ms / base[i].ms);
  const pairedText = `${median(paired).toFixed(2)} (${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)})`;
  oursByN.set(n, om);
  // The pass renders each object once and the output reuses it: its own cost is the rest of its time.
  const pm = median(ours.map((r) => r.passMs));
  console.log(`| ${n} | ${ours[0].objects} | ${om.toFixed(0)} | ${bm.toFixed(0)} | ${(om / bm).toFixed(2)} | ${pairedText} | ${cpu ? (cpu[0] / cpu[1]).toFixed(2) : 'n/a'} | ${(proc[0] / proc[1]).toFixed(2)} | ${otherThreads} | ${pm.toFixed(0)} (${((100 * pm) / om).toFixed(1)}%) | ${median(ours.map((r) => r.maxRssMb)).toFixed(0)} | ${median(base.map((r) => r.maxRssMb)).toFixed(0)} | ${median(helper.map((r) => r.ms)).toFixed(0)} | ${(om / median(helper.map((r) => r.ms))).toFixed(2)} |`);
}
if (oursByN.has(100) && oursByN.has(1000)) console.log(`\nlinearity: t(1000) / t(100) = ${(oursByN.get(1000)! / oursByN.get(100)!).toFixed(2)}`);

// The path most apps take (issue #26): app.synthYaml(), cdk8s's own writer, against plain ApiObjects
// of the same JSON the same way, in interleaved rounds in one process; the median of paired ratios.
const APP_SIZES = (process.env.BENCH_APP_SIZES ?? '100,1000').split(',').map(Number).filter((n) => n > 0);
if (APP_SIZES.length > 0) {
  console.log('\n| app.synthYaml() stacks | rounds | ours ms | baseline ms | ours / baseline, median of paired (range) | last 30% / first 30% per stack | peak RSS MB |\n|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of APP_SIZES) {
    const rounds = n >= 1000 ? Math.max(3, Math.ceil(reps / 2)) : 2 * reps;
    const r = spawnSync(process.execPath, [...tsNode, path.join(__dirname, 'app-synth.ts'), String(n), String(rounds)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`app-synth ${n} failed:\n${r.stderr}`);
    const a = JSON.parse(r.stdout.trim().split('\n').pop()!);
    console.log(`| ${n} | ${rounds} | ${a.oursMs.toFixed(0)} | ${a.baselineMs.toFixed(0)} | ${a.ratio.toFixed(2)} (${Math.min(...a.ratios).toFixed(2)}–${Math.max(...a.ratios).toFixed(2)}) | ${a.lastOverFirst?.toFixed(2) ?? 'n/a'} | ${a.maxRssMb.toFixed(0)} |`);
  }
}

// The CLI floor: an app that only writes one empty manifest (the CLI refuses an app that writes nothing).
const floorApp = `node -e "const f=require('fs');f.mkdirSync(process.env.CDK8S_OUTDIR,{recursive:true});f.writeFileSync(process.env.CDK8S_OUTDIR+'/floor.k8s.yaml','')"`;
// The fixed bench app: the example app as it was when the API 1.0 issue set the target (apps/ has grown since).
const EXAMPLE_APP = 'node bin/run-ts.js bench/example-app/main.ts';
const exampleRuns: number[] = [];
const floorRuns: number[] = [];
for (let r = 0; r < 3 * reps; r++) {
  exampleRuns.push(timeCommand(['--app', EXAMPLE_APP]));
  floorRuns.push(timeCommand(['--app', floorApp]));
}
const [example, floor] = [median(exampleRuns), median(floorRuns)];
const appPaired = exampleRuns.map((ms, i) => ms / floorRuns[i]);
console.log(`\n| cdk8s synth (example app) ms | CLI floor ms | ratio | paired ratios, median (range) |\n|---:|---:|---:|---:|\n| ${example.toFixed(0)} | ${floor.toFixed(0)} | ${(example / floor).toFixed(2)} | ${median(appPaired).toFixed(2)} (${Math.min(...appPaired).toFixed(2)}–${Math.max(...appPaired).toFixed(2)}) |`);
