import { checkManifests } from '../check/check-manifests';
import { ManifestFinding } from '../check/findings';
import { isKnownKind } from './known-kinds';
import { readManifestSets, UnreadableInput } from './read-manifests';

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
cluster); each sub-folder is a set of its own. kustomization files and objects of unknown kinds are
skipped, and listed.

Exit codes: 0 no findings, 1 findings, 2 unreadable input or usage error.`;

/** A finding as one block: where, what, which rule, and the fix. */
function describe(f: ManifestFinding): string {
  const where = f.field ? `${f.object} ${f.field}` : f.object;
  return `${f.source ?? f.object}: ${where}: [${f.rule}${f.check ? `/${f.check}` : ''}] ${f.message}\n    fix: ${f.fix}`;
}

/**
 * `cdk8s-tls-constructs check <paths...>`: reads the manifests, runs `checkManifests` per set, and
 * prints every finding. Returns the exit code.
 */
export function runCheck(args: readonly string[], output: CommandOutput): number {
  const paths = args.filter((a) => a !== '--');
  if (paths.length === 0 || paths.some((p) => p === '-h' || p === '--help')) {
    output.err(USAGE);
    return 2;
  }
  const unknownFlag = paths.find((p) => p.startsWith('-'));
  if (unknownFlag) {
    output.err(`unknown option ${unknownFlag}\n${USAGE}`);
    return 2;
  }
  let sets;
  try {
    sets = readManifestSets(paths, isKnownKind);
  } catch (e) {
    if (e instanceof UnreadableInput) {
      output.err(`unreadable input: ${e.message}`);
      return 2;
    }
    throw e;
  }
  let findings = 0;
  for (const set of sets) {
    for (const line of set.skipped) output.out(`skipped ${line}`);
    const found = checkManifests(set.objects.map((o) => o.json), { sources: set.objects.map((o) => o.source) });
    for (const f of found) output.out(describe(f));
    findings += found.length;
    output.out(`${set.from}: ${set.objects.length} objects checked, ${found.length} findings`);
  }
  return findings > 0 ? 1 : 0;
}
