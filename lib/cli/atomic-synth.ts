import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CommandOutput } from './check-command';

export const SYNTH_USAGE = `usage: cdk8s-tls-constructs synth [--output <dir>] [-- <more cdk8s synth arguments>]

Runs \`cdk8s synth\` into a fresh folder beside the output folder and swaps it in only when
synthesis succeeded: a failed synth leaves the previous output exactly as it was, and prints every
refusal. (\`cdk8s synth\` itself empties its output folder before the app runs.) The app writes
everything, kustomization.yaml included (writeStacks).`;

/** The cdk8s CLI of the project in `cwd` (cdk8s-cli, usually a devDependency). */
function cdk8sCli(cwd: string): string {
  try {
    const pkg = require.resolve('cdk8s-cli/package.json', { paths: [cwd] });
    return path.join(path.dirname(pkg), 'bin', 'cdk8s');
  } catch {
    throw new Error('cdk8s-cli is not installed in this project: npm install --save-dev cdk8s-cli');
  }
}

/**
 * `cdk8s-tls-constructs synth`: the atomic synth. Returns the exit code. `SYNTH_APP` overrides
 * the app command (tests).
 */
export function runAtomicSynth(args: readonly string[], output: CommandOutput, cwd = process.cwd()): number {
  const rest = args.indexOf('--') >= 0 ? args.slice(args.indexOf('--') + 1) : [];
  const own = args.indexOf('--') >= 0 ? args.slice(0, args.indexOf('--')) : [...args];
  let outdir = 'dist';
  for (let i = 0; i < own.length; i++) {
    if ((own[i] === '--output' || own[i] === '-o') && own[i + 1] !== undefined) outdir = own[++i];
    else {
      output.err(`unknown argument ${own[i]}\n${SYNTH_USAGE}`);
      return 2;
    }
  }
  const dist = path.resolve(cwd, outdir);
  // Beside the output folder, so that the final swap is a rename on one file system.
  fs.mkdirSync(path.dirname(dist), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(path.dirname(dist), '.synth-tmp-'));
  const appArgs = process.env.SYNTH_APP ? ['--app', process.env.SYNTH_APP] : [];
  const result = spawnSync(process.execPath, [cdk8sCli(cwd), 'synth', '--no-check-upgrade', '--output', tmp, ...appArgs, ...rest], { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    output.err(`synth failed (exit ${result.status ?? result.signal}); ${path.relative(cwd, dist) || dist}/ left unchanged`);
    return 1;
  }
  const manifests = fs.readdirSync(tmp).filter((f) => f.endsWith('.yaml'));
  if (manifests.length === 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    output.err(`synth produced no manifests; ${path.relative(cwd, dist) || dist}/ left unchanged`);
    return 1;
  }
  // Two renames on one file system: the output folder is never half-written.
  const previous = `${dist}.previous-${process.pid}`;
  if (fs.existsSync(dist)) fs.renameSync(dist, previous);
  fs.renameSync(tmp, dist);
  fs.rmSync(previous, { recursive: true, force: true });
  output.out(`${path.relative(cwd, dist) || dist}/: ${manifests.length} files`);
  return 0;
}
