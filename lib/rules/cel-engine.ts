/**
 * The CEL evaluator (@bufbuild/cel: CommonJS, RE2 regular expressions as cel-go has them, the
 * strings extension Kubernetes enables), loaded on first use and each rule compiled once per process.
 * Loading it costs ~70-100 ms: a process that meets no Gateway API object does not pay it. The
 * CRDs' rules come parsed (cel-ast.ts); a rule is planned when an object first reaches it.
 */
import type * as CelModule from '@bufbuild/cel';
import { CelAst, encode, namesOf, revive } from './cel-ast';
import type { CelContainers } from './cel-schema';

/** What evaluating a rule gave: a boolean, or the error the API server would report. */
export type CelOutcome = { readonly value: unknown } | { readonly error: string };

interface Engine {
  readonly cel: typeof CelModule;
  readonly env: CelModule.CelEnv;
}

type Program = { readonly run: (bindings: { self: unknown }) => unknown } | { readonly unsupported: string };

let engine: Engine | undefined;
const programs = new Map<string, Program>();

/**
 * Calls the planner evaluates itself (logic, the conditional, indexing), not functions of the
 * environment: with the environment's functions, everything a rule may call.
 */
const PLANNER_CALLS = new Set(['_&&_', '_||_', '_?_:_', '@not_strictly_false', '_[_]']);

function load(): Engine {
  if (engine === undefined) {
    // A lazy load: import() is asynchronous, and checkManifests is not.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cel = require('@bufbuild/cel') as typeof CelModule;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ext = require('@bufbuild/cel/ext') as typeof import('@bufbuild/cel/ext');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RE2JS } = require('@bufbuild/re2') as typeof import('@bufbuild/re2');
    // `matches` compiles its pattern at every call; the patterns are the CRDs' few, so each is
    // compiled once (RE2, as cel-go's `matches`: `(?i)` and the rest of its syntax).
    const patterns = new Map<string, ReturnType<typeof RE2JS.compile>>();
    const re2 = { compile: (pattern: string) => patterns.get(pattern) ?? patterns.set(pattern, RE2JS.compile(pattern)).get(pattern)! };
    // Kubernetes' CEL environment has the strings extension (version 2: `split`, `indexOf`, ...);
    // its own libraries (lists, regex, URLs, IPs, quantities, format) are used by no rule of the
    // CRDs we ship, so unsupported() names any rule that would need one.
    engine = { cel, env: cel.celEnv({ funcs: ext.strings, re2 }) };
  }
  return engine;
}

/** The rule's program, from its compact AST (generated) or, for another expression, from its text. */
function compile(rule: string, ast: CelAst | undefined): Program {
  const { cel, env } = load();
  let compact = ast;
  if (compact === undefined) {
    try {
      compact = encode(cel.parse(rule).expr);
    } catch (e) {
      return { unsupported: `it does not parse here: ${(e as Error).message}` };
    }
  }
  const used = namesOf(compact);
  if (used.idents.has('oldSelf')) return { unsupported: 'a transition rule (oldSelf): it compares with the stored object, which a check of manifests does not have' };
  const missing = [...used.calls].filter((f) => !PLANNER_CALLS.has(f) && env.funcs.find(f) === undefined).sort();
  if (missing.length > 0) return { unsupported: `it calls ${missing.join(', ')}, a function of Kubernetes' CEL libraries this checker does not implement` };
  const plan = cel.plan(env, revive(compact) as never);
  return { run: (bindings) => plan(bindings as never) };
}

function program(rule: string, ast?: CelAst): Program {
  let p = programs.get(rule);
  if (p === undefined) programs.set(rule, p = compile(rule, ast));
  return p;
}

/** The evaluator's own list and map values (loads it). */
export function celContainers(): CelContainers {
  const { cel } = load();
  return { list: (items) => cel.celList(items as never), map: (fields) => cel.celMap(fields as never) };
}

/** Why `rule` cannot be evaluated here, or undefined when it can. */
export function unsupported(rule: string, ast?: CelAst): string | undefined {
  const p = program(rule, ast);
  return 'unsupported' in p ? p.unsupported : undefined;
}

/** Evaluates `rule` with `self` bound to a CEL value (Map, array, bigint, string, ...). */
export function evaluate(rule: string, self: unknown, ast?: CelAst): CelOutcome {
  const p = program(rule, ast);
  if ('unsupported' in p) return { error: p.unsupported };
  try {
    const value = p.run({ self });
    const { cel } = load();
    return cel.isCelError(value) ? { error: value.message } : { value };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
