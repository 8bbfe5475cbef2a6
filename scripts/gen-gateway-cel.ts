// Generates lib/rules/cel-crd-rules.ts (the CEL rules and compact schemas the `gateway-api-cel` rule
// evaluates) and docs/gateway-api-cel-rules.md (every rule, evaluated or not, and why) from the
// committed Gateway API CRDs. `npm run gen:cel` writes them; test/check/cel-rules.test.ts fails when
// either differs from a fresh generation.
import * as fs from 'fs';
import * as path from 'path';
import { encode } from '../lib/rules/cel-ast';
import { unsupported } from '../lib/rules/cel-engine';
import type { CelRuleSource, CelSchemaNode } from '../lib/rules/cel-schema';

const root = path.resolve(__dirname, '..');
export const CRD_FILE = 'test/data/gateway-api/gateway-api-v1.4.1-standard.yaml';
export const MODULE_FILE = 'lib/rules/cel-crd-rules.ts';
export const DOC_FILE = 'docs/gateway-api-cel-rules.md';
const RELEASE = 'v1.4.1';

/** Schema keywords CEL typing or admission needs (the rest only constrain values, which CEL does not depend on). */
const KEPT = ['type', 'properties', 'items', 'additionalProperties', 'required', 'default', 'nullable', 'enum', 'maxLength', 'maxItems', 'maxProperties'] as const;
/** Keywords with no effect on how a rule sees a value. */
const IGNORED = new Set(['description', 'pattern', 'minLength', 'minItems', 'minimum', 'maximum', 'minProperties', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-validations', 'oneOf', 'anyOf', 'not', 'format']);
/** Formats that stay strings in CEL (date, date-time, duration and byte would not). */
const STRING_FORMATS = new Set(['ipv4', 'ipv6', 'int32', 'int64']);

interface Excluded { readonly kind: string; readonly version: string; readonly path: string; readonly rule: string; readonly message?: string; readonly reason: string }

/** The compact schema of one node, and the rules of it and every node under it, by schema path. */
function compact(s: any, at: string, rules: [string, any][], strict = true): CelSchemaNode {
  for (const r of s['x-kubernetes-validations'] ?? []) rules.push([at, r]);
  if (!strict) {
    // Only the rules (of status, which is never evaluated).
    for (const [k, p] of Object.entries(s.properties ?? {})) compact(p, `${at}.${k}`, rules, false);
    if (s.items) compact(s.items, `${at}[*]`, rules, false);
    if (typeof s.additionalProperties === 'object') compact(s.additionalProperties, `${at}{*}`, rules, false);
    return {};
  }
  for (const key of Object.keys(s)) {
    if (!(KEPT as readonly string[]).includes(key) && !IGNORED.has(key)) throw new Error(`${at}: schema keyword ${key} is not supported by the CEL checker; extend lib/rules/cel-schema.ts`);
  }
  if (s.format !== undefined && !STRING_FORMATS.has(s.format)) throw new Error(`${at}: format ${s.format} changes the CEL type; extend lib/rules/cel-schema.ts`);
  for (const k of ['oneOf', 'anyOf', 'not']) {
    if (JSON.stringify(s[k] ?? null).includes('x-kubernetes-validations')) throw new Error(`${at}: rules under ${k} are not supported`);
  }
  const node: any = {};
  for (const key of KEPT) {
    const v = s[key];
    if (v === undefined) continue;
    if (key === 'properties') node.properties = Object.fromEntries(Object.entries(v).map(([k, p]) => [k, compact(p, `${at}.${k}`, rules)]));
    else if (key === 'items') node.items = compact(v, `${at}[*]`, rules);
    else if (key === 'additionalProperties') {
      if (typeof v !== 'object') throw new Error(`${at}: additionalProperties ${v} is not supported`);
      node.additionalProperties = compact(v, `${at}{*}`, rules);
    } else node[key] = v;
  }
  return node;
}

/** The rule's fields in the CRD's order, without the ones it does not set. */
function source(kind: string, versions: string[], at: string, r: any): CelRuleSource {
  const known = ['rule', 'message', 'messageExpression', 'reason', 'fieldPath', 'optionalOldSelf'];
  for (const k of Object.keys(r)) if (!known.includes(k)) throw new Error(`${kind} ${at}: rule field ${k} is not supported`);
  return { kind, versions, path: at, ...Object.fromEntries(known.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])) } as unknown as CelRuleSource;
}

/** Reads the CRDs: the schema and rules of each served version, and the rules left out. */
export function readCrds(): { schemas: [string, CelSchemaNode][]; rules: CelRuleSource[]; excluded: Excluded[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const schemas: [string, CelSchemaNode][] = [];
  const byKey = new Map<string, CelRuleSource>();
  const excluded: Excluded[] = [];
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(root, CRD_FILE), 'utf8'))) {
    const crd = doc.toJS();
    if (!crd) continue;
    const kind: string = crd.spec.names.kind;
    for (const version of crd.spec.versions) {
      const top = version.schema.openAPIV3Schema;
      const collected: [string, any][] = [];
      const specNode = compact(top.properties.spec, 'spec', collected);
      const statusRules: [string, any][] = [];
      if (top.properties.status) compact(top.properties.status, 'status', statusRules, false);
      if (top['x-kubernetes-validations']) throw new Error(`${kind} ${version.name}: rules at the root are not supported`);
      const leftOut = (rules: [string, any][], reason: string) => rules.forEach(([at, r]) => excluded.push({ kind, version: version.name, path: at, rule: r.rule, message: r.message, reason }));
      leftOut(statusRules, version.served && crd.spec.versions.every((v: any) => v.subresources?.status)
        ? 'a rule on `status`: the status subresource is enabled, so the API server drops `status` from what a client creates or applies'
        : 'a rule on `status`');
      if (!version.served) {
        leftOut(collected, `version ${version.name} is not served: the API server refuses every object of it`);
        continue;
      }
      if (!version.subresources?.status && statusRules.length > 0) throw new Error(`${kind} ${version.name}: status rules without the status subresource`);
      schemas.push([`${crd.spec.group}/${version.name}/${kind}`, { type: 'object', properties: { spec: specNode }, ...(top.required ? { required: top.required.filter((r: string) => r === 'spec') } : {}) }]);
      for (const [at, r] of collected) {
        const key = JSON.stringify([kind, at, r]);
        const seen = byKey.get(key);
        byKey.set(key, seen ? { ...seen, versions: [...seen.versions, version.name] } : source(kind, [version.name], at, r));
      }
    }
  }
  return { schemas, rules: [...byKey.values()], excluded };
}

/** A string literal as the project's lint wants it: single quotes unless the text holds one. */
function str(s: string): string {
  if (s.includes('\'') && !s.includes('"')) return JSON.stringify(s);
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, '\\\'')}'`;
}

/** A JavaScript literal of a JSON value (names: shared schema nodes by their constant). */
function literal(value: unknown, names?: Map<unknown, string>): string {
  if (names?.has(value)) return names.get(value)!;
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, names)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : str(k)}: ${literal(v, names)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** One constant per distinct schema node (the versions and the filter lists repeat whole subtrees). */
function shareNodes(schemas: [string, CelSchemaNode][]): { consts: string[]; names: Map<unknown, string> } {
  const byText = new Map<string, string>();
  const names = new Map<unknown, string>();
  const consts: string[] = [];
  const visit = (node: CelSchemaNode): void => {
    for (const child of [...Object.values(node.properties ?? {}), node.items, node.additionalProperties]) if (child) visit(child);
    const text = literal(node, names);
    let name = byText.get(text);
    if (name === undefined) {
      byText.set(text, name = `s${byText.size}`);
      consts.push(`const ${name}: CelSchemaNode = ${text};`);
    }
    names.set(node, name);
  };
  schemas.forEach(([, s]) => visit(s));
  return { consts, names };
}

/** The generated module's text. */
export function generateModule(): string {
  const { schemas, rules } = readCrds();
  const { consts, names } = shareNodes(schemas);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cel = require('@bufbuild/cel') as typeof import('@bufbuild/cel');
  return [
    `// Generated by \`npm run gen:cel\` (scripts/gen-gateway-cel.ts) from ${CRD_FILE}: the Gateway API's`,
    `// standard CRDs at ${RELEASE} (Apache-2.0; test/data/gateway-api/README.md). Do not edit: a test fails when it is stale.`,
    'import type { CelAst } from \'./cel-ast\';',
    'import type { CelRuleSource, CelSchemaNode } from \'./cel-schema\';',
    '',
    '/** The Gateway API release the rules and schemas come from. */',
    `export const GATEWAY_API_RELEASE = ${str(RELEASE)};`,
    '',
    '/** Every `x-kubernetes-validations` rule of a served version, outside `status`, where its CRD declares it. */',
    'export const CEL_RULES: readonly CelRuleSource[] = [',
    ...rules.map((r) => `  ${literal(r)},`),
    '];',
    '',
    '/** Each distinct rule, parsed (lib/rules/cel-ast.ts): the checker plans these and never parses them. */',
    'export const CEL_ASTS: { readonly [rule: string]: CelAst } = {',
    ...[...new Set(rules.map((r) => r.rule))].map((rule) => `  ${str(rule)}: ${literal(encode(cel.parse(rule).expr))},`),
    '};',
    '',
    ...consts,
    '',
    '/** The schema of each served `<group>/<version>/<kind>` from the object\'s root, with `spec` alone (what admission and the rules read). */',
    'export const CEL_SCHEMAS: { readonly [apiVersionKind: string]: CelSchemaNode } = {',
    ...schemas.map(([k, s]) => `  ${str(k)}: ${names.get(s)},`),
    '};',
    '',
  ].join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** A message as text: markdown's punctuation escaped, so a pattern such as `[a-z]([-a-z]*)` stays text, not a link. */
const markdownText = (s: string) => cell(s.replace(/[\\`*_[\]<>#]/g, '\\$&'));

/** The generated list of rules. */
export function generateDoc(): string {
  const { rules, excluded } = readCrds();
  const notEvaluated = [
    ...rules.flatMap((r) => {
      const why = unsupported(r.rule);
      return why === undefined ? [] : [{ kind: r.kind, version: r.versions.join(', '), path: r.path, rule: r.rule, message: r.message, reason: why }];
    }),
    ...excluded,
  ];
  const evaluated = rules.filter((r) => unsupported(r.rule) === undefined);
  const lines = [
    `# The CEL rules of the Gateway API ${RELEASE} CRDs`,
    '',
    `Generated by \`npm run gen:cel\` from \`${CRD_FILE}\`; do not edit. How the rules are evaluated, and`,
    'what is decided where Kubernetes leaves a choice: [checks](checks.md#cel-rules-of-the-gateway-api-crds).',
    '',
    `## Evaluated (${evaluated.length} rules, ${new Set(evaluated.map((r) => r.rule)).size} distinct expressions)`,
    '',
    'Rule `gateway-api-cel` evaluates each of these at its schema location. `[*]` is every item of a list.',
    '',
    '| kind | versions | at | message | rule |',
    '|---|---|---|---|---|',
    ...evaluated.map((r) => `| ${r.kind} | ${r.versions.join(', ')} | \`${r.path}\` | ${markdownText(r.message ?? '')} | \`${cell(r.rule)}\` |`),
    '',
    `## Not evaluated (${notEvaluated.length} rules)`,
    '',
    notEvaluated.length === 0 ? 'None.' : '| kind | version | at | message | why not |',
    ...(notEvaluated.length === 0 ? [] : ['|---|---|---|---|---|', ...notEvaluated.map((r) => `| ${r.kind} | ${r.version} | \`${r.path}\` | ${markdownText(r.message ?? r.rule)} | ${cell(r.reason)} |`)]),
    '',
  ];
  return lines.join('\n');
}

// Run as a script (bin/run-ts.js makes the script argv[1]), not when a test imports it.
if (path.resolve(process.argv[1] ?? '') === __filename) {
  fs.writeFileSync(path.join(root, MODULE_FILE), generateModule());
  fs.writeFileSync(path.join(root, DOC_FILE), generateDoc());
  console.log(`wrote ${MODULE_FILE} and ${DOC_FILE}`);
}
