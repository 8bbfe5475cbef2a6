import { checkManifests } from '../check/check-manifests';
import { ManifestFinding } from '../rules/findings';
import { isKnownKind } from './known-kinds';
import { ManifestSet, manifestSets, MAX_SET_BYTES, UnreadableInput } from './read-manifests';

/** Where the command writes (process.stdout / stderr, or a test's buffer). */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = `usage: cdk8s-tls-constructs check <file or folder>...

Checks Kubernetes manifests (YAML or JSON; any folder, e.g. a cdk8s dist/ or a rendered Helm chart)
with the rules the constructs enforce at synth: names and labels, duplicates, Service and probe
ports, mounts, requests within limits, Pod Security restricted, TLS consistency of known servers,
APIService trust, inline secrets and open CORS. A folder's files are checked together (one
cluster); each sub-folder is a set of its own. Links are followed; hidden folders, kustomization
files and objects of unknown kinds are skipped, and listed. A set with no Kubernetes object is a
finding. YAML is read as Go reads it (aliases bounded as Go bounds them); a set may hold at most
${MAX_SET_BYTES / 2 ** 20} MiB (docs/check.md).

Exit codes: 0 no findings, 1 findings, 2 unreadable input or usage error.`;

/** A finding as one block: where, what, which rule, and the fix. */
function describe(f: ManifestFinding): string {
  const where = f.field ? `${f.object} ${f.field}` : f.object;
  return `${f.source ?? f.object}: ${where}: [${f.rule}${f.check ? `/${f.check}` : ''}] ${f.message}\n    fix: ${f.fix}`;
}

/**
 * `cdk8s-tls-constructs check <paths...>`: reads the manifests one set at a time, runs
 * `checkManifests` on each, and prints every finding. Returns the exit code.
 */
export function runCheck(args: readonly string[], output: CommandOutput): number {
  if (args.some((a) => a === '-h' || a === '--help')) {
    output.out(USAGE);
    return 0;
  }
  const paths = args.filter((a) => a !== '--');
  if (paths.length === 0) {
    output.err(USAGE);
    return 2;
  }
  const unknownFlag = paths.find((p) => p.startsWith('-'));
  if (unknownFlag) {
    output.err(`unknown option ${unknownFlag}\n${USAGE}`);
    return 2;
  }
  let findings = 0;
  try {
    for (const p of paths) {
      let sets = 0;
      for (const read of manifestSets(p, isKnownKind)) {
        if ('skip' in read) {
          output.out(`skipped ${read.skip}`);
          continue;
        }
        sets++;
        findings += checkSet(read, output);
      }
      if (sets === 0) findings += noObjects(p, 'no YAML or JSON file in it', output);
    }
  } catch (e) {
    if (!(e instanceof UnreadableInput)) throw e;
    output.err(`unreadable input: ${e.message}`);
    return 2;
  }
  return findings > 0 ? 1 : 0;
}

/** Checks one set and prints what was skipped, each finding and the count; returns the number of findings. */
function checkSet(set: ManifestSet, output: CommandOutput): number {
  for (const line of set.skipped) output.out(`skipped ${line}`);
  if (set.objects.length === 0 && set.skippedObjects === 0) return noObjects(set.from, 'no Kubernetes object in its files', output);
  const found = checkManifests(set.objects.map((o) => o.json), { sources: set.objects.map((o) => o.source) });
  for (const f of found) output.out(describe(f));
  output.out(`${set.from}: ${set.objects.length} objects checked, ${found.length} findings`);
  return found.length;
}

/** A set or path in which nothing could be checked: a finding, not a clean pass (a folder of links that went unread looked clean). */
function noObjects(from: string, what: string, output: CommandOutput): number {
  output.out(`${from}: [no-objects] ${what}: nothing was checked\n    fix: check the files or folder that hold the rendered manifests (render a kustomization or a Helm chart first)`);
  output.out(`${from}: 0 objects checked, 1 findings`);
  return 1;
}
