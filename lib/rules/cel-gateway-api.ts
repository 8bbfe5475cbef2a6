/**
 * Rule `gateway-api-cel`: what the API server refuses in a Gateway, HTTPRoute, GRPCRoute or
 * BackendTLSPolicy for one of the CEL rules (`x-kubernetes-validations`) of the Gateway API CRDs we
 * ship (cel-crd-rules.ts, generated from the committed CRDs). Each rule is evaluated where its CRD
 * declares it, with `self` bound to the value there, on the object as the API server validates it:
 * pruned, defaulted, and first checked against the schema constraints that stop CEL validation.
 * docs/checks.md says what is evaluated and how; docs/gateway-api-cel-rules.md lists every rule.
 */
import type * as CrdRules from './cel-crd-rules';
import { celContainers, evaluate, unsupported } from './cel-engine';
import { admit, CelRuleSource, CelSchemaNode, RuleSite, scalar } from './cel-schema';
import { CheckContext, ObjectEntry } from './context';

const GROUP = 'gateway.networking.k8s.io';
const KINDS = new Set(['Gateway', 'HTTPRoute', 'GRPCRoute', 'BackendTLSPolicy']);
/** How much of a rule's text a fix quotes (one rule of HTTPRoute is 2,000 characters long). */
const QUOTED = 300;

interface Tables {
  readonly release: string;
  readonly asts: typeof CrdRules.CEL_ASTS;
  readonly schemas: { readonly [apiVersionKind: string]: CelSchemaNode };
  /** The rules of each served `<apiVersion>/<kind>`, by schema path. */
  readonly rules: ReadonlyMap<string, ReadonlyMap<string, readonly CelRuleSource[]>>;
}

let tables: Tables | undefined;

/** The rules and schemas, read when the first Gateway API object is checked (50 KB of module). */
function load(): Tables {
  if (tables === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: import() is asynchronous
    const generated = require('./cel-crd-rules') as typeof CrdRules;
    const rules = new Map<string, Map<string, CelRuleSource[]>>();
    for (const rule of generated.CEL_RULES) {
      for (const version of rule.versions) {
        const key = `${GROUP}/${version}/${rule.kind}`;
        let byPath = rules.get(key);
        if (byPath === undefined) rules.set(key, byPath = new Map());
        byPath.set(rule.path, [...byPath.get(rule.path) ?? [], rule]);
      }
    }
    tables = { release: generated.GATEWAY_API_RELEASE, asts: generated.CEL_ASTS, schemas: generated.CEL_SCHEMAS, rules };
  }
  return tables;
}

/** Runs rule `gateway-api-cel` on every reported object of the four kinds. */
export function checkGatewayApiCel(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (entry.group !== GROUP || !KINDS.has(entry.kind) || !ctx.reports(entry.index)) continue;
    const t = load();
    const key = `${entry.apiVersion}/${entry.kind}`;
    const schema = t.schemas[key];
    if (schema === undefined) {
      const served = Object.keys(t.schemas).filter((k) => k.endsWith(`/${entry.kind}`)).map((k) => k.slice(0, k.lastIndexOf('/')));
      ctx.add(entry, 'gateway-api-cel', {
        field: 'apiVersion', value: entry.apiVersion,
        message: `the Gateway API ${t.release} CRDs do not serve ${entry.kind} at ${entry.apiVersion}: the API server refuses the object`,
        fix: `apiVersion ${served.join(' or ')}`,
      });
      continue;
    }
    const rules = t.rules.get(key) ?? new Map<string, readonly CelRuleSource[]>();
    const { blocking, sites } = admit(entry.json, schema, (p) => rules.has(p), celContainers());
    // The API server evaluates no CEL rule of an object with one of these errors.
    for (const b of blocking) {
      ctx.add(entry, 'gateway-api-cel', {
        field: b.field, value: b.value,
        message: `${b.field} ${b.message}: the API server refuses the ${entry.kind}, and evaluates none of its CEL rules while this holds`,
        fix: `a value the ${entry.kind} CRD's schema allows at ${b.field}`,
      });
    }
    if (blocking.length > 0) continue;
    for (const site of sites) {
      for (const rule of rules.get(site.schemaPath) ?? []) checkRule(ctx, entry, t, site, rule);
    }
  }
}

/** Evaluates one rule at one site; a rule that is false or fails to evaluate is a finding. */
function checkRule(ctx: CheckContext, entry: ObjectEntry, t: Tables, site: RuleSite, rule: CelRuleSource): void {
  const ast = t.asts[rule.rule];
  // Listed in docs/gateway-api-cel-rules.md as not evaluated (none of v1.4.1's are).
  if (unsupported(rule.rule, ast) !== undefined) return;
  const outcome = evaluate(rule.rule, site.cel, ast);
  if ('value' in outcome && outcome.value === true) return;
  const where = `the ${entry.kind} CRD's rule at ${site.schemaPath} (Gateway API ${t.release})`;
  const quoted = rule.rule.length > QUOTED ? `${rule.rule.slice(0, QUOTED)}…` : rule.rule;
  if ('error' in outcome) {
    ctx.add(entry, 'gateway-api-cel', {
      field: site.field, value: scalar(site.json),
      message: `${where} fails to evaluate here (${outcome.error}), and the API server refuses the object for that: ${(rule.message ?? rule.rule).trim()}`,
      fix: `${site.field || 'the object'} in a shape the rule can read: ${quoted}`,
    });
    return;
  }
  const field = rule.fieldPath ? `${site.field}${rule.fieldPath.startsWith('[') ? '' : '.'}${rule.fieldPath.replace(/^\./, '')}` : site.field;
  ctx.add(entry, 'gateway-api-cel', {
    field, value: scalar(site.json),
    message: `${detail(rule, site)}: ${where} does not hold, so the API server refuses the object`,
    fix: `${field || 'the object'} such that the rule holds: ${quoted}`,
  });
}

/** The message of a failed rule, as the API server words it: its messageExpression, else its message, else the rule. */
function detail(rule: CelRuleSource, site: RuleSite): string {
  if (rule.messageExpression !== undefined) {
    const m = evaluate(rule.messageExpression, site.cel);
    if ('value' in m && typeof m.value === 'string' && m.value.trim() !== '' && !m.value.includes('\n')) return m.value.trim();
  }
  return rule.message?.trim() || `failed rule: ${rule.rule.trim()}`;
}
