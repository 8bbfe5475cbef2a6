/**
 * Parsed CEL rules in a compact form, made when the rules are generated: parsing a rule costs
 * ~0.6 ms (the examples' objects reach 31 of them), reviving it a few microseconds. `encode` reads
 * the AST @bufbuild/cel's parser gives; `revive` gives back the shape its planner reads (`id`,
 * `exprKind`, `constantKind`). A test checks that every revived rule equals its parse.
 *
 * Nodes: `['i', name]`, `['c', kind, value]` (kind: s string, i int, u uint, d double, b bool,
 * n null), `['s', operand, field, testOnly]`, `['f', function, target | 0, ...args]`,
 * `['l', ...elements]`, `['x', iterVar, iterRange, accuVar, accuInit, loopCondition, loopStep, result]`.
 */

/** A compact CEL expression (see the module comment). */
export type CelAst = readonly unknown[];

const CONSTANTS: { readonly [kind: string]: string } = { stringValue: 's', int64Value: 'i', uint64Value: 'u', doubleValue: 'd', boolValue: 'b', nullValue: 'n' };
const CONSTANT_CASES = Object.fromEntries(Object.entries(CONSTANTS).map(([k, v]) => [v, k]));

/** The compact form of a parsed expression; throws on a construct the rules do not use (maps, messages, optionals). */
export function encode(expr: any): CelAst {
  const { case: kind, value } = expr.exprKind;
  switch (kind) {
    case 'identExpr': return ['i', value.name];
    case 'constExpr': {
      const c = value.constantKind;
      if (!(c.case in CONSTANTS)) throw new Error(`a ${c.case} constant is not supported`);
      const v = typeof c.value === 'bigint' ? Number(c.value) : c.value;
      if (typeof c.value === 'bigint' && !Number.isSafeInteger(v)) throw new Error(`constant ${c.value} is too large`);
      return ['c', CONSTANTS[c.case], c.case === 'nullValue' ? null : v];
    }
    case 'selectExpr': return ['s', encode(value.operand), value.field, value.testOnly ? 1 : 0];
    case 'callExpr': return ['f', value.function, value.target ? encode(value.target) : 0, ...value.args.map(encode)];
    case 'listExpr':
      if (value.optionalIndices.length > 0) throw new Error('optional list elements are not supported');
      return ['l', ...value.elements.map(encode)];
    case 'comprehensionExpr':
      if (value.iterVar2 !== '') throw new Error('two-variable comprehensions are not supported');
      return ['x', value.iterVar, encode(value.iterRange), value.accuVar, encode(value.accuInit), encode(value.loopCondition), encode(value.loopStep), encode(value.result)];
    default: throw new Error(`a ${kind} expression is not supported`);
  }
}

/** The expression the planner reads, with ids numbered in order. */
export function revive(ast: CelAst, ids = { next: 1 }): unknown {
  const node = (exprKind: object) => ({ id: BigInt(ids.next++), exprKind });
  const [kind, ...rest] = ast as [string, ...any[]];
  switch (kind) {
    case 'i': return node({ case: 'identExpr', value: { name: rest[0] } });
    case 'c': {
      const [k, v] = rest;
      const value = k === 'i' ? BigInt(v) : k === 'u' ? BigInt(v) : k === 'n' ? 0 : v;
      return node({ case: 'constExpr', value: { constantKind: { case: CONSTANT_CASES[k], value } } });
    }
    case 's': return node({ case: 'selectExpr', value: { operand: revive(rest[0], ids), field: rest[1], testOnly: rest[2] === 1 } });
    case 'f': {
      const [fn, target, ...args] = rest;
      return node({ case: 'callExpr', value: { function: fn, ...(target === 0 ? {} : { target: revive(target, ids) }), args: args.map((a: CelAst) => revive(a, ids)) } });
    }
    case 'l': return node({ case: 'listExpr', value: { elements: rest.map((e: CelAst) => revive(e, ids)), optionalIndices: [] } });
    case 'x': {
      const [iterVar, iterRange, accuVar, accuInit, loopCondition, loopStep, result] = rest;
      return node({
        case: 'comprehensionExpr',
        value: { iterVar, iterVar2: '', iterRange: revive(iterRange, ids), accuVar, accuInit: revive(accuInit, ids), loopCondition: revive(loopCondition, ids), loopStep: revive(loopStep, ids), result: revive(result, ids) },
      });
    }
    default: throw new Error(`not a compact CEL node: ${String(kind)}`);
  }
}

/** The functions and variables an expression names. */
export function namesOf(ast: CelAst, out = { calls: new Set<string>(), idents: new Set<string>() }): { calls: Set<string>; idents: Set<string> } {
  const [kind, ...rest] = ast as [string, ...any[]];
  if (kind === 'i') out.idents.add(rest[0]);
  if (kind === 'f') out.calls.add(rest[0]);
  for (const part of rest) if (Array.isArray(part)) namesOf(part, out);
  return out;
}
