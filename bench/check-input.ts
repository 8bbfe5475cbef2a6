// `npm run bench:check`: time and peak memory of `cdk8s-tls-constructs check` on large and hostile
// input, each in a fresh process: ~30 MB of the example app's objects (copies with new names), one
// ~30 MB ConfigMap, and an alias bomb. CHECK_ROOT=<checkout> measures another checkout's command
// (for a before/after comparison); CHECK_MB sets the size (default 30).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';

const root = path.resolve(process.env.CHECK_ROOT ?? path.join(__dirname, '..'));
const size = Number(process.env.CHECK_MB ?? 30) * 1e6;

function run(file: string): { code: number | null; seconds: number; maxRssMb: number; last: string } {
  const r = spawnSync(process.execPath, [path.join(__dirname, '../bin/run-ts.js'), path.join(__dirname, 'check-once.ts'), root, file], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (line.startsWith('{')) return JSON.parse(line);
  // A crash: its first line of stderr.
  return { code: r.status, seconds: NaN, maxRssMb: NaN, last: r.stderr.split('\n').find((l) => l.trim() !== '') ?? '' };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-check-'));
try {
  const dist = path.join(__dirname, '..', 'dist');
  const objects = fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml'))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dist, f), 'utf8')).map((d) => d.toJS()).filter((o) => o));
  const many: string[] = [];
  for (let i = 0, bytes = 0; bytes < size; i++) {
    for (const o of objects) {
      const copy = JSON.parse(JSON.stringify(o));
      copy.metadata.name = `${copy.metadata.name.slice(0, 50)}-${i}`;
      const text = stringify(copy);
      many.push(text);
      bytes += text.length + 4;
    }
  }
  const inputs: [string, string][] = [
    ['many objects', many.join('---\n')],
    ['one ConfigMap', stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'ns' }, data: Object.fromEntries(Array.from({ length: Math.ceil(size / 1e5) }, (_, i) => [`k${i}`, 'x'.repeat(1e5)])) })],
    ['alias bomb (9^9)', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  l0: &l0 lol\n${Array.from({ length: 9 }, (_, i) => `  l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`).join('\n')}\n`],
  ];
  console.log(`check of ${root}; machine: ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n`);
  console.log('| input | MB | exit | seconds | peak RSS MB | last line |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const [name, text] of inputs) {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    fs.writeFileSync(file, text);
    const r = run(file);
    console.log(`| ${name} | ${(text.length / 1e6).toFixed(1)} | ${r.code} | ${r.seconds.toFixed(1)} | ${r.maxRssMb.toFixed(0)} | ${r.last.replace(/\|/g, '\\|').slice(0, 100)} |`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
