import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KUSTOMIZATION_HEADER } from '../synth/output-folder';
import { runCdk8sSynth } from './cdk8s-cli';
import { CommandOutput } from './check-command';

export const GENERATE_USAGE = `usage: cdk8s-tls-constructs generate [-- <more cdk8s synth arguments>]

Synthesizes the app of the current folder (its cdk8s.yaml) into a temporary folder and prints the
cluster's manifests to standard output as one multi-document YAML stream, and nothing else: the
manifests at the top of the output folder, which its kustomization.yaml lists (what
\`kubectl apply -k\` applies); never alternatives/ or previews. The CLI's report and the app's
refusals go to standard error; a failed synth prints nothing to standard output and exits 1.
Argo CD's config management plugin runs it (gitops/argocd/plugin.yaml in the package).`;

/** `cdk8s-tls-constructs generate`: the manifests of the app's cluster, on standard output. Returns the exit code. */
export function runGenerate(args: readonly string[], output: CommandOutput, cwd = process.cwd()): number {
  if (args.length > 0 && args[0] !== '--') {
    output.err(`unknown argument ${args[0]}\n\n${GENERATE_USAGE}`);
    return 2;
  }
  // A folder of our own (the app writes previews/ beside its output folder), removed afterwards.
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-tls-generate-'));
  try {
    const outdir = path.join(base, 'dist');
    const run = runCdk8sSynth(outdir, args.slice(1), cwd);
    if (run.stdout.trim()) output.err(run.stdout.split(outdir).join('<output>').trimEnd());
    if (!run.ok) {
      output.err(`generate: the synth failed (exit ${run.exit}); no manifests printed`);
      return 1;
    }
    const kustomization = path.join(outdir, 'kustomization.yaml');
    if (fs.existsSync(kustomization) && !fs.readFileSync(kustomization, 'utf8').startsWith(KUSTOMIZATION_HEADER)) {
      output.err('generate: the app wrote a kustomization.yaml of its own, which this command does not apply; '
        + 'commit the synthesized folder and let Argo CD build it with kustomize instead');
      return 1;
    }
    const files = fs.existsSync(outdir) ? fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort() : [];
    if (files.length === 0) {
      output.err('generate: the synth wrote no manifests');
      return 1;
    }
    // One stream: a document marker between files, each file's documents as cdk8s wrote them.
    output.out(files.map((f) => fs.readFileSync(path.join(outdir, f), 'utf8').replace(/\n*$/, '\n')).join('---\n').replace(/\n$/, ''));
    return 0;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}
