import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { DOC_FILE, generateDoc, generateModule, MODULE_FILE } from '../../scripts/gen-gateway-cel';
import { revive } from '../../lib/rules/cel-ast';
import { CEL_ASTS, CEL_RULES } from '../../lib/rules/cel-crd-rules';
import { unsupported } from '../../lib/rules/cel-engine';
import { celFieldName } from '../../lib/rules/cel-schema';
import { checkManifests } from '../../lib/check/check-manifests';
import { base, BREAKING, place, UNREACHABLE } from './cel-breaking';

const root = path.resolve(__dirname, '../..');
const cel = (objects: unknown[]) => checkManifests(objects).filter((f) => f.rule === 'gateway-api-cel');
const messages = (objects: unknown[]) => cel(objects).map((f) => `${f.field}: ${f.message}`);
const VERSIONS: { [kind: string]: string[] } = { Gateway: ['v1', 'v1beta1'], HTTPRoute: ['v1', 'v1beta1'], GRPCRoute: ['v1'], BackendTLSPolicy: ['v1'] };
const entry = (message: string) => Object.keys(BREAKING).find((k) => message.startsWith(k));

describe('the shipped rules', () => {
  test('lib/rules/cel-crd-rules.ts and its list in docs are what the committed CRDs give (`npm run gen:cel`)', () => {
    expect(fs.readFileSync(path.join(root, MODULE_FILE), 'utf8')).toBe(generateModule());
    expect(fs.readFileSync(path.join(root, DOC_FILE), 'utf8')).toBe(generateDoc());
  });

  test('every rule of the four kinds, at every location and served version, is there; every one can be evaluated', () => {
    // 231 rules in the CRD file: 2 on status (two versions of Gateway) and 8 of BackendTLSPolicy v1alpha3, not served.
    expect(CEL_RULES.reduce((n, r) => n + r.versions.length, 0)).toBe(231 - 2 - 8);
    expect(CEL_RULES.filter((r) => unsupported(r.rule) !== undefined)).toEqual([]);
    expect(new Set(CEL_RULES.map((r) => r.kind))).toEqual(new Set(Object.keys(VERSIONS)));
  });

  test('each shipped AST revives into what the parser gives for its rule (the checker plans them without parsing)', () => {
    const { parse } = require('@bufbuild/cel') as typeof import('@bufbuild/cel');
    const plain = (e: unknown) => JSON.parse(JSON.stringify(e, (k, v) => k === '$typeName' || k === 'id' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
    expect(Object.keys(CEL_ASTS)).toEqual([...new Set(CEL_RULES.map((r) => r.rule))]);
    for (const [rule, ast] of Object.entries(CEL_ASTS)) expect(plain(revive(ast))).toEqual(plain(parse(rule).expr));
  });

  test('transition rules and functions of Kubernetes libraries this checker lacks are named as not evaluable', () => {
    expect(unsupported('self.x == oldSelf.x')).toMatch(/transition rule \(oldSelf\)/);
    expect(unsupported('isURL(self)')).toMatch(/calls isURL, a function of Kubernetes' CEL libraries/);
    expect(unsupported('self.quantity().isGreaterThan(quantity("1"))')).toMatch(/calls isGreaterThan, quantity/);
    expect(unsupported('self.all(x, x.matches("^a$") && x.split("/").size() < 3)')).toBeUndefined();
  });

  test('property names are escaped as Kubernetes escapes them', () => {
    expect(['namespace', 'a.b', 'a-b', 'a/b', 'a__b', 'plain', '1a', 'a b'].map(celFieldName))
      .toEqual(['__namespace__', 'a__dot__b', 'a__dash__b', 'a__slash__b', 'a__underscores__b', 'plain', undefined, undefined]);
  });
});

describe('rule gateway-api-cel: one broken object per rule, location and served version', () => {
  const cases = CEL_RULES.flatMap((r) => r.versions.map((v) => [`${r.kind} ${v} ${r.path}: ${r.message}`, r, v] as const));
  test('every rule has a breaking value (or is unreachable past the schema)', () => {
    expect(CEL_RULES.filter((r) => !entry(r.message!) && !UNREACHABLE[r.message!]).map((r) => r.message)).toEqual([]);
  });

  test.each(cases)('%s', (_name, rule, version) => {
    const unreachable = UNREACHABLE[rule.message!];
    const value = unreachable ? unreachable.value(rule.kind) : BREAKING[entry(rule.message!)!](rule.kind);
    const { object, field } = place(base(rule.kind, version), rule.path, value);
    const findings = cel([object]);
    if (unreachable) {
      expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(unreachable.blocking)]);
      return;
    }
    expect(findings).toContainEqual(expect.objectContaining({ field, rule: 'gateway-api-cel', message: expect.stringContaining(`${rule.message}: the ${rule.kind} CRD's rule at ${rule.path} (Gateway API v1.4.1) does not hold`) }));
    expect(findings.every((f) => !/fails to evaluate|evaluates none/.test(f.message))).toBe(true);
  });
});

describe('rule gateway-api-cel: what the API server accepts passes', () => {
  test('the valid base objects and every Gateway API object of dist/ have no finding', () => {
    expect(Object.entries(VERSIONS).flatMap(([kind, versions]) => versions.flatMap((v) => messages([base(kind, v)])))).toEqual([]);
    const dist = fs.readdirSync(path.join(root, 'dist'), { recursive: true }).map(String).filter((f) => f.endsWith('.k8s.yaml'))
      .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(root, 'dist', f), 'utf8')).map((d) => d.toJS()));
    const gateway = dist.filter((o) => o?.apiVersion?.startsWith('gateway.networking.k8s.io/'));
    expect(new Set(gateway.map((o) => o.kind))).toEqual(new Set(Object.keys(VERSIONS)));
    expect(messages(gateway)).toEqual([]);
  });

  const route = (kind: string, spec: object) => ({ ...base(kind, 'v1'), spec: { ...base(kind, 'v1').spec, ...spec } });
  test.each([
    ['defaults applied first: a Service backend without group or kind but with its port', route('HTTPRoute', { rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }] })],
    ['defaults applied first: rules without matches (the match-count rule reads self[0].matches)', route('HTTPRoute', { rules: [{}, {}] })],
    ['a backend of another kind needs no port', route('HTTPRoute', { rules: [{ backendRefs: [{ group: 'example.com', kind: 'Bucket', name: 'b' }] }] })],
    ['parents in different namespaces need no sectionName (namespace reads as __namespace__)', route('HTTPRoute', { parentRefs: [{ name: 'gw', namespace: 'a' }, { name: 'gw', namespace: 'b' }] })],
    ['one parent by two distinct sections', route('GRPCRoute', { parentRefs: [{ name: 'gw', sectionName: 'a' }, { name: 'gw', sectionName: 'b' }] })],
    ['16 rules of 8 matches: 128 (the rule is <= 128, though its message says less than 128)', route('HTTPRoute', { rules: Array.from({ length: 16 }, () => ({ matches: Array.from({ length: 8 }, () => ({ path: { type: 'PathPrefix', value: '/' } })) })) })],
    ['a gRPC service name in upper case ((?i) of RE2)', route('GRPCRoute', { rules: [{ matches: [{ method: { service: 'Flyte.Admin.AdminService', method: 'GetTask' } }] }] })],
    ['a regular-expression path, which the path rules leave alone', route('HTTPRoute', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '^/a//b' } }] }] })],
    ['request timeout 0s (none) with a longer backend timeout', route('HTTPRoute', { rules: [{ timeouts: { request: '0s', backendRequest: '10s' } }] })],
    ['backend timeout 500ms under a request timeout of 1s', route('HTTPRoute', { rules: [{ timeouts: { request: '1s', backendRequest: '500ms' } }] })],
    ['two listeners on one port with different hostnames', { ...base('Gateway', 'v1'), spec: { gatewayClassName: 'eg', listeners: [{ name: 'a', port: 443, protocol: 'HTTPS', hostname: 'a.example.com', tls: { certificateRefs: [{ name: 'c' }] } }, { name: 'b', port: 443, protocol: 'HTTPS', hostname: 'b.example.com', tls: { certificateRefs: [{ name: 'c' }] } }] } }],
    ['null where the schema allows none is dropped, not refused', route('HTTPRoute', { parentRefs: [{ name: 'gw', sectionName: null }], hostnames: null })],
  ])('%s', (_name, object) => {
    expect(messages([object])).toEqual([]);
  });
});

describe('rule gateway-api-cel: what stops the API server from evaluating CEL rules', () => {
  test.each([
    ['a port as a string', (s: any) => { s.rules[0].backendRefs[0].port = '80'; }, /^spec.rules\[0\].backendRefs\[0\].port: spec.rules\[0\].backendRefs\[0\].port is a string, and the schema wants an integer: the API server refuses the HTTPRoute, and evaluates none of its CEL rules/],
    ['a backend without name', (s: any) => { delete s.rules[0].backendRefs[0].name; }, /^spec.rules\[0\].backendRefs\[0\].name: .* is required/],
    ['a path type outside the enum', (s: any) => { s.rules[0].matches = [{ path: { type: 'Prefix', value: 'no-slash' } }]; }, /is not one of "Exact", "PathPrefix", "RegularExpression"/],
    ['too many rules (quadratic rules are not run on them)', (s: any) => { s.rules = Array.from({ length: 10_000 }, () => ({})); }, /^spec.rules: spec.rules has 10000 items, more than the 16 allowed/],
    ['a spec that is a string', (_spec: any, o: any) => { o.spec = 'x'; }, /^spec: spec is a string, and the schema wants an object/],
  ])('%s is one finding, and no rule is evaluated', (_name, edit, pattern) => {
    const object = base('HTTPRoute', 'v1');
    object.spec.parentRefs.push({ name: 'gw' }); // breaks a CEL rule, which is not reported
    edit(object.spec, object);
    const found = messages([object]);
    expect(found).toEqual([expect.stringMatching(pattern)]);
  });

  test('a version the CRDs do not serve is refused', () => {
    expect(cel([{ ...base('BackendTLSPolicy', 'v1'), apiVersion: 'gateway.networking.k8s.io/v1alpha3' }])).toEqual([expect.objectContaining({
      field: 'apiVersion', value: 'gateway.networking.k8s.io/v1alpha3', fix: 'apiVersion gateway.networking.k8s.io/v1',
      message: 'the Gateway API v1.4.1 CRDs do not serve BackendTLSPolicy at gateway.networking.k8s.io/v1alpha3: the API server refuses the object',
    })]);
  });

  test('hostile values never throw', () => {
    const hostile = [
      JSON.parse('{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","spec":{"__proto__":{"x":1},"rules":[{"__proto__":[]}]}}'),
      { ...base('Gateway', 'v1'), spec: { gatewayClassName: 'eg', listeners: [{ name: () => 1, port: 1n, protocol: new Date() }] } },
      { ...base('GRPCRoute', 'v1'), spec: { rules: [{ matches: [{ method: { service: 'a'.repeat(100_000) } }] }] } },
    ];
    expect(() => cel(hostile)).not.toThrow();
    expect(cel(hostile).length).toBeGreaterThan(0);
    // A map key `__proto__` is a key: the label-key rule sees it, and refuses it.
    const labels = JSON.parse('{"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"x"},"spec":{"gatewayClassName":"eg","listeners":[{"name":"http","port":80,"protocol":"HTTP"}],"infrastructure":{"labels":{"__proto__":"x"}}}}');
    expect(messages([labels])).toEqual([expect.stringMatching(/^spec.infrastructure.labels: Label keys must be in the form/)]);
  });
});

test('a library load neither loads the CEL evaluator nor the rules; checking a Gateway API object does', () => {
  const probe = spawnSync(process.execPath, [path.join(root, 'bin/run-ts.js'), path.join(__dirname, 'cel-load-probe.ts')], { cwd: root, encoding: 'utf8' });
  expect(probe.stderr).toBe('');
  expect(JSON.parse(probe.stdout)).toEqual({ afterImport: [], afterPlainCheck: [], afterGatewayCheck: ['@bufbuild/cel', 'cel-crd-rules'] });
}, 30_000);
