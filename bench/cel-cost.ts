// The cost of rule gateway-api-cel on the example app's objects (dist/, as the synth-time pass
// checks them), in fresh processes: `npm run bench:cel` (BENCH_REPS processes, default 15).
// Each process runs every other rule first (warming them), then all rules three times: the first
// with the CEL evaluator and the rules loaded on first use, then the faster of two warm runs. It
// prints the medians, of wall and of CPU time.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parseAllDocuments } from 'yaml';
import { runRules } from '../lib/rules/run-rules';

const root = path.resolve(__dirname, '..');

function once(): void {
  const files = fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.k8s.yaml')); // one cluster: not alternatives/
  const objects = files.flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(root, 'dist', f), 'utf8')).map((d) => d.toJS()).filter((o) => o));
  // Wall and CPU time (all threads: on a loaded machine wall time is mostly waiting).
  const time = (skip: string[]) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const findings = runRules(objects, { complete: false, skip });
    if (findings.length > 0) throw new Error(`dist/ has findings: ${JSON.stringify(findings[0])}`);
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  };
  time(['gateway-api-cel']);
  const without = time(['gateway-api-cel']);
  const cold = time([]);
  const warm = [time([]), time([])].sort((a, b) => a.ms - b.ms)[0];
  const gateway = objects.filter((o) => String(o.apiVersion).startsWith('gateway.networking.k8s.io/')).length;
  console.log(JSON.stringify({ objects: objects.length, gateway, without, cold, warm }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (process.argv[2] === 'once') {
  once();
} else {
  const reps = Number(process.env.BENCH_REPS ?? 15);
  const runs = Array.from({ length: reps }, () => {
    const out = spawnSync(process.execPath, [path.join(root, 'bin/run-ts.js'), __filename, 'once'], { cwd: root, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout);
  });
  const m = (k: string) => `${median(runs.map((r) => r[k].ms)).toFixed(1)} ms (CPU ${median(runs.map((r) => r[k].cpuMs)).toFixed(1)} ms)`;
  console.log(`${runs[0].objects} objects (${runs[0].gateway} of the Gateway API), medians of ${reps} processes:`);
  console.log(`  every other rule: ${m('without')}`);
  console.log(`  all rules, gateway-api-cel on first use (evaluator and rules loaded, rules planned): ${m('cold')}`);
  console.log(`  all rules, warm: ${m('warm')}`);
}
