import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../support/temp-dirs';

// `cdk8s-tls-constructs synth` (`npm run synth`, lib/cli/atomic-synth.ts) is atomic: a failing app
// leaves the output folder exactly as it was and prints every refusal; a good app replaces it (the
// app writes kustomization.yaml itself, through writeStacks).
const root = path.resolve(__dirname, '../..');
const runner = `node ${path.join(root, 'bin/run-ts.js')}`;

function synth(app: string, outdir: string) {
  return spawnSync(process.execPath, [path.join(root, 'bin/run-ts.js'), path.join(root, 'scripts/cli.ts'), 'synth', '--output', outdir], {
    cwd: root, encoding: 'utf8', env: { ...process.env, SYNTH_APP: `${runner} ${path.join(root, 'test/fixtures', app)}` },
  });
}

function snapshotDir(dir: string): { [file: string]: string } {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

test('a failing synth leaves the previous output untouched and prints every message', () => {
  const out = path.join(tempDir('synth-'), 'dist');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'previous.k8s.yaml'), 'kind: ConfigMap\n');
  fs.writeFileSync(path.join(out, 'kustomization.yaml'), 'resources: [previous.k8s.yaml]\n');
  const before = snapshotDir(out);
  const result = synth('broken-app.ts', out);
  expect(result.status).not.toBe(0);
  const printed = result.stdout + result.stderr;
  expect(printed).toContain('ValidationError: 2 refusals:');
  for (const stack of ['first', 'second']) {
    expect(printed).toMatch(new RegExp(`${stack}/admin: version "v1\\.13\\.0" is not allowed: with TLS on, Admin before v1\\.13\\.3 sends no CORS headers.*https://${stack}\\.example\\.com`));
  }
  expect(printed).toContain('left unchanged');
  expect(snapshotDir(out)).toEqual(before);
  expect(fs.readdirSync(path.dirname(out))).toEqual(['dist']); // no temporary folder left behind
}, 60_000);

test('a good synth replaces the output, lists every manifest in kustomization.yaml, and reports the files where they stand', () => {
  const base = tempDir('synth-');
  const out = path.join(base, 'dist');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'stale.k8s.yaml'), 'kind: ConfigMap\n');
  const result = synth('tiny-app.ts', out);
  expect(result.status).toBe(0);
  expect(fs.readdirSync(out).sort()).toEqual(['kustomization.yaml', 'tiny.k8s.yaml']);
  expect(fs.readFileSync(path.join(out, 'kustomization.yaml'), 'utf8')).toContain('  - tiny.k8s.yaml');
  // The final paths (not the temporary folder's), the true counts, and the previews beside the output.
  const shown = path.relative(root, out);
  expect(result.stdout).not.toContain('.synth-tmp-');
  expect(result.stdout).toContain(`  - ${shown}/tiny.k8s.yaml\n`);
  expect(result.stdout).toContain(`${shown}/: 2 files (replaced as a whole)\n`);
  expect(result.stdout).toContain(`${path.relative(root, path.join(base, 'previews'))}/: 1 file (written by the app: previews, never applied)\n`);
  // The folders have the permissions a plain mkdir gives here (mkdtemp's 0700 would be kept by the renames).
  fs.mkdirSync(path.join(base, 'plain'));
  const mode = (p: string) => fs.statSync(p).mode & 0o777;
  expect(mode(out)).toBe(mode(path.join(base, 'plain')));
  expect(mode(path.join(base, 'previews'))).toBe(mode(path.join(base, 'plain')));
}, 60_000);
