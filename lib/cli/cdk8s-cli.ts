import { spawnSync } from 'child_process';
import * as path from 'path';

/** The cdk8s CLI of the project in `cwd` (cdk8s-cli, usually a devDependency). */
function cdk8sCli(cwd: string): string {
  try {
    const pkg = require.resolve('cdk8s-cli/package.json', { paths: [cwd] });
    return path.join(path.dirname(pkg), 'bin', 'cdk8s');
  } catch {
    throw new Error('cdk8s-cli is not installed in this project: npm install --save-dev cdk8s-cli');
  }
}

/** How `cdk8s synth` ended, with what it printed to stdout (its stderr, the app's refusals included, passes through). */
export interface SynthRun {
  /** Whether the CLI (and so the app) exited 0. */
  readonly ok: boolean;
  /** The exit code or signal, for the message of a failure. */
  readonly exit: string;
  /** The CLI's standard output (the app's own is swallowed by the CLI). */
  readonly stdout: string;
}

/**
 * Runs `cdk8s synth --output <outdir>` in `cwd` (its cdk8s.yaml names the app; `SYNTH_APP`
 * overrides the app command, for tests), without the CLI's upgrade check, which needs the registry.
 */
export function runCdk8sSynth(outdir: string, more: readonly string[], cwd: string): SynthRun {
  const appArgs = process.env.SYNTH_APP ? ['--app', process.env.SYNTH_APP] : [];
  const result = spawnSync(process.execPath, [cdk8sCli(cwd), 'synth', '--no-check-upgrade', '--output', outdir, ...appArgs, ...more], {
    cwd, stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  return { ok: result.status === 0, exit: String(result.status ?? result.signal ?? result.error?.message), stdout: result.stdout ?? '' };
}
