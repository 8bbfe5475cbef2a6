import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { isDnsSubdomain } from '../names';

/** One stack: an id (its output file is `<id>.k8s.yaml`) and a function that builds its chart. */
export interface StackSpec {
  /** The chart id: a DNS-1123 subdomain, unique among the stacks. */
  readonly id: string;
  /** Builds the stack's chart in `scope` under `id`. */
  readonly build: (scope: Construct, id: string) => Chart;
}

/**
 * cdk8s's `App.synth()` costs grow quadratically with the number of charts in one App; one App per
 * stack keeps many stacks linear. Each stack is built and synthesized alone (its validations run too).
 */
function eachInOwnApp<T>(stacks: Iterable<StackSpec>, outdir: string | undefined, emit: (app: App, stack: StackSpec) => T): T[] {
  const list = [...stacks];
  const seen = new Set<string>();
  for (const stack of list) {
    if (!isDnsSubdomain(stack.id) || seen.has(stack.id)) {
      throw new ValidationError('synthStacks', 'id', stack.id, seen.has(stack.id) ? 'two stacks share this id' : 'not a DNS-1123 subdomain', 'a unique lower-case id such as "flyte-tls"');
    }
    seen.add(stack.id);
  }
  // Every stack is tried, so one run reports the errors of all of them, not only the first.
  const results: T[] = [];
  const failures: string[] = [];
  for (const stack of list) {
    try {
      const app = new App(outdir ? { outdir } : {});
      stack.build(app, stack.id);
      results.push(emit(app, stack));
    } catch (error) {
      failures.push(`stack ${stack.id}: ${(error as Error).message}`);
    }
  }
  if (failures.length === 1 && list.length === 1) throw new Error(failures[0]);
  if (failures.length) throw new Error(`${failures.length} of ${list.length} stacks failed:\n${failures.join('\n')}`);
  return results;
}

/** Synthesizes each stack in its own App and returns `id → YAML` (multi-document), in order. */
export function synthStacks(stacks: Iterable<StackSpec>): Map<string, string> {
  return new Map(eachInOwnApp(stacks, undefined, (app, stack) => [stack.id, app.synthYaml()] as const));
}

/**
 * Writes each stack to `<outdir>/<id>.k8s.yaml`, as `cdk8s synth` does, but with one App per stack
 * (linear in the number of stacks). Use it as the body of a cdk8s app (`apps/main.ts`).
 * @param outdir @default - `CDK8S_OUTDIR` (set by the cdk8s CLI), else `dist`
 * @returns the ids written
 */
export function writeStacks(stacks: Iterable<StackSpec>, outdir: string = process.env.CDK8S_OUTDIR ?? 'dist'): string[] {
  return eachInOwnApp(stacks, outdir, (app, stack) => {
    app.synth();
    return stack.id;
  });
}
