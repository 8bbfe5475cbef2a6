import * as fs from 'fs';
import * as path from 'path';
import { freshFolder, swapInto } from '../synth/output-folder';
import { runCdk8sSynth } from './cdk8s-cli';
import { CommandOutput } from './check-command';
import { filesUnder } from './files';

export const SYNTH_USAGE = `usage: cdk8s-tls-constructs synth [--output <dir>] [-- <more cdk8s synth arguments>]

Runs \`cdk8s synth\` into a fresh folder beside the output folder and swaps it in only when
synthesis succeeded: a failed synth leaves the previous output exactly as it was, and prints every
refusal. (\`cdk8s synth\` itself empties its output folder before the app runs.) The app writes
everything, kustomization.yaml included (writeStacks), and previews/ beside the output folder.
It reports the files as they stand afterwards.`;

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
  const shown = (folder: string) => `${path.relative(cwd, folder) || '.'}/`;
  // Beside the output folder, so that the final swap is a rename on one file system, and so that
  // the app's previews/ (beside its output folder) land beside the output folder too.
  const tmp = freshFolder(path.join(path.dirname(dist), '.synth-tmp-'));
  const previews = path.join(path.dirname(dist), 'previews');
  const previewsBefore = stamp(previews);
  let run;
  try {
    run = runCdk8sSynth(tmp, rest, cwd);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  // The CLI lists the files it found under the temporary folder: name them where they will stand.
  const listing = run.stdout.split(tmp).join(shown(dist).slice(0, -1)).replace(/\n$/, '');
  if (listing) output.out(listing);
  if (!run.ok) {
    fs.rmSync(tmp, { recursive: true, force: true });
    output.err(`synth failed (exit ${run.exit}); ${shown(dist)} left unchanged`);
    return 1;
  }
  const files = filesUnder(tmp);
  if (!files.some((f) => f.endsWith('.yaml'))) {
    fs.rmSync(tmp, { recursive: true, force: true });
    output.err(`synth produced no manifests; ${shown(dist)} left unchanged`);
    return 1;
  }
  swapInto(tmp, dist);
  output.out(`${shown(dist)}: ${count(files.length)} (replaced as a whole)`);
  if (stamp(previews) !== previewsBefore && fs.existsSync(previews)) output.out(`${shown(previews)}: ${count(filesUnder(previews).length)} (written by the app: previews, never applied)`);
  return 0;
}

function count(n: number): string {
  return `${n} file${n === 1 ? '' : 's'}`;
}

/** What tells a folder that was replaced (writeStacks renames a new one into place) from the one there before. */
function stamp(folder: string): string | undefined {
  try {
    const s = fs.statSync(folder, { bigint: true });
    return `${s.ino}:${s.mtimeNs}`;
  } catch {
    return undefined;
  }
}
