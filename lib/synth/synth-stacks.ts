import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { checkManifests } from '../check/check-manifests';
import { MANIFEST_RULES } from '../check/findings';
import { ValidationError } from '../errors';
import { isDnsSubdomain } from '../names';
import { OutputPass, toValidationError } from './output-pass';

/** One stack: an id (its output file is `<id>.k8s.yaml`) and a function that builds its chart. */
export interface StackSpec {
  /** The chart id: a DNS-1123 subdomain, unique among the stacks. */
  readonly id: string;
  /** Builds the stack's chart in `scope` under `id`. */
  readonly build: (scope: Construct, id: string) => Chart;
}

/**
 * cdk8s's `App.synth()` costs grow quadratically with the number of charts in one App; one App per
 * stack keeps many stacks linear. Each stack is built and synthesized alone (its checks run too),
 * then the objects of all stacks are checked together for duplicates: they share one cluster.
 * Every stack is tried, so one run reports the refusals of all of them.
 */
function synthEach(stacks: Iterable<StackSpec>): Map<string, string> {
  const list = checkStacks(stacks);
  const results = new Map<string, string>();
  const failures: { id?: string; error: unknown }[] = [];
  const identities: { json: unknown; source: string }[] = [];
  for (const stack of list) {
    try {
      const app = new App();
      const pass = OutputPass.of(app);
      stack.build(app, stack.id);
      results.set(stack.id, app.synthYaml());
      for (const r of pass.rendered) identities.push({ json: identityOf(r.json), source: r.path });
    } catch (error) {
      failures.push({ id: stack.id, error });
    }
  }
  if (failures.length === 0) {
    // Across stacks only: each stack's own duplicates were refused by its pass.
    const findings = checkManifests(identities.map((i) => i.json), { sources: identities.map((i) => i.source), skip: MANIFEST_RULES.filter((r) => r !== 'duplicate') });
    failures.push(...findings.map((f) => ({ error: toValidationError(f) })));
  }
  if (failures.length === 0) return results;
  if (failures.every((f) => f.error instanceof ValidationError)) throw ValidationError.aggregate(failures.map((f) => f.error as ValidationError));
  // Errors that are not refusals of this library (a user's own validation, a bug in a build
  // function) are reported as they are, every stack's.
  if (failures.length === 1) throw failures[0].error;
  throw new Error(`${failures.length} of ${list.length} stacks failed:\n${failures.map((f) => `stack ${f.id ?? '(all)'}: ${(f.error as Error)?.message ?? f.error}`).join('\n')}`);
}

/** What duplicates are judged on (kept instead of whole objects, so many stacks stay small in memory). */
function identityOf(json: any): unknown {
  const meta = json?.metadata ?? {};
  const certificate = json?.kind === 'Certificate' ? { spec: { secretName: json.spec?.secretName } } : {};
  return { apiVersion: json?.apiVersion, kind: json?.kind, metadata: { name: meta.name, namespace: meta.namespace }, ...certificate };
}

function checkStacks(stacks: Iterable<StackSpec>): StackSpec[] {
  if (stacks === null || typeof stacks !== 'object' || typeof (stacks as any)[Symbol.iterator] !== 'function') {
    throw new ValidationError('synthStacks', 'stacks', stacks, 'not a list of stacks', 'a list of { id, build } stack specs');
  }
  const list = [...stacks];
  const seen = new Set<string>();
  list.forEach((stack, i) => {
    if (typeof stack !== 'object' || stack === null || Array.isArray(stack)) {
      throw new ValidationError('synthStacks', `stacks[${i}]`, stack, 'not a stack spec', 'an object { id, build: (scope, id) => Chart }');
    }
    // Named as the field it is, so that a JavaScript caller sees which one is wrong.
    if (typeof stack.build !== 'function') {
      throw new ValidationError('synthStacks', `stacks[${i}].build`, stack.build, 'not a function', 'a function (scope, id) => Chart that builds the stack');
    }
    const unknown = Object.keys(stack).find((k) => k !== 'id' && k !== 'build');
    if (unknown) throw new ValidationError('synthStacks', `stacks[${i}].${unknown}`, (stack as any)[unknown], `${unknown} is not a field of a stack spec`, 'id and build');
    if (typeof stack.id !== 'string' || !isDnsSubdomain(stack.id) || seen.has(stack.id)) {
      throw new ValidationError('synthStacks', 'id', stack.id, seen.has(stack.id) ? 'two stacks share this id' : 'not a DNS-1123 subdomain', 'a unique lower-case id such as "flyte-tls"');
    }
    seen.add(stack.id);
  });
  return list;
}

/**
 * Synthesizes each stack in its own App and returns `id → YAML` (multi-document), in order.
 * @throws ValidationError with every refusal of every stack (`errors`), including objects that two stacks both emit
 */
export function synthStacks(stacks: Iterable<StackSpec>): Map<string, string> {
  return synthEach(stacks);
}

/**
 * Writes each stack to `<outdir>/<id>.k8s.yaml`, as `cdk8s synth` does, but with one App per stack
 * (linear in the number of stacks). Nothing is written unless every stack synthesizes and no two
 * stacks emit the same object. Use it as the body of a cdk8s app (`apps/main.ts`).
 * @param outdir @default - `CDK8S_OUTDIR` (set by the cdk8s CLI), else `dist`
 * @returns the ids written
 */
export function writeStacks(stacks: Iterable<StackSpec>, outdir: string = process.env.CDK8S_OUTDIR ?? 'dist'): string[] {
  const yaml = synthEach(stacks);
  fs.mkdirSync(outdir, { recursive: true });
  for (const [id, text] of yaml) fs.writeFileSync(path.join(outdir, `${id}.k8s.yaml`), text, { encoding: 'utf8' });
  return [...yaml.keys()];
}
