/**
 * The CEL evaluator (@bufbuild/cel: CommonJS, RE2 regular expressions as cel-go has them, the
 * strings extension Kubernetes enables), loaded on first use and each rule compiled once per process.
 * Loading it costs ~70-100 ms and parsing a rule ~0.6 ms: a process that meets no Gateway API
 * object pays neither, and one that does pays for the rules its objects reach.
 */
import type * as CelModule from '@bufbuild/cel';

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
    // Kubernetes' CEL environment has the strings extension (version 2: `split`, `indexOf`, ...);
    // its own libraries (lists, regex, URLs, IPs, quantities, format) are used by no rule of the
    // CRDs we ship, so unsupported() names any rule that would need one.
    engine = { cel, env: cel.celEnv({ funcs: ext.strings }) };
  }
  return engine;
}

/** The functions and variables a parsed rule names. */
function names(expr: unknown, out: { calls: Set<string>; idents: Set<string> }): void {
  if (typeof expr !== 'object' || expr === null) return;
  if (Array.isArray(expr)) {
    expr.forEach((e) => names(e, out));
    return;
  }
  const node = expr as { case?: unknown; value?: { function?: string; name?: string } };
  if (node.case === 'callExpr' && typeof node.value?.function === 'string') out.calls.add(node.value.function);
  if (node.case === 'identExpr' && typeof node.value?.name === 'string') out.idents.add(node.value.name);
  for (const [k, v] of Object.entries(expr)) if (k !== '$typeName' && typeof v === 'object') names(v, out);
}

function compile(rule: string): Program {
  const { cel, env } = load();
  let parsed: ReturnType<typeof CelModule.parse>;
  try {
    parsed = cel.parse(rule);
  } catch (e) {
    return { unsupported: `it does not parse here: ${(e as Error).message}` };
  }
  const used = { calls: new Set<string>(), idents: new Set<string>() };
  names(parsed.expr, used);
  if (used.idents.has('oldSelf')) return { unsupported: 'a transition rule (oldSelf): it compares with the stored object, which a check of manifests does not have' };
  const missing = [...used.calls].filter((f) => !PLANNER_CALLS.has(f) && env.funcs.find(f) === undefined).sort();
  if (missing.length > 0) return { unsupported: `it calls ${missing.join(', ')}, a function of Kubernetes' CEL libraries this checker does not implement` };
  const plan = cel.plan(env, parsed);
  return { run: (bindings) => plan(bindings as never) };
}

function program(rule: string): Program {
  let p = programs.get(rule);
  if (p === undefined) programs.set(rule, p = compile(rule));
  return p;
}

/** Why `rule` cannot be evaluated here, or undefined when it can. */
export function unsupported(rule: string): string | undefined {
  const p = program(rule);
  return 'unsupported' in p ? p.unsupported : undefined;
}

/** Evaluates `rule` with `self` bound to a CEL value (Map, array, bigint, string, ...). */
export function evaluate(rule: string, self: unknown): CelOutcome {
  const p = program(rule);
  if ('unsupported' in p) return { error: p.unsupported };
  try {
    const value = p.run({ self });
    const { cel } = load();
    return cel.isCelError(value) ? { error: value.message } : { value };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
