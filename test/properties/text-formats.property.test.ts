import * as fc from 'fast-check';
import { parse } from 'yaml';
import { Console, MetricsServer, NumaflowServer, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, TlsMode } from '../../lib';
import { controlCharacter, csvFields, yamlScalar } from '../../lib/input/text-formats';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { ADMIN_STORE } from '../bad-input-case';
import { DATABASE } from '../support/flyte-invariants';
import { expectValid, only, synth, testChart } from '../support/harness';
import { params, RUNS } from './arbitraries';
import { attempt, show, tally } from '../support/outcomes';

// Class 1 of issue 23: values written into text formats. Strings are generated from the characters
// every format of docs/input-formats.md gives a meaning to, and from ordinary ones. Each is refused
// with a ValidationError naming the field, or accepted, and then the emitted text read as its
// reader reads it gives back exactly the value (no extra key, line, field or list entry). The
// outcomes are counted and printed.

/** Characters with a meaning in YAML, CSV, flags, lists, URLs, HTML or routes, line breaks of every reader included. */
const MEANINGFUL = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\t', '\u0000', '\u007f', ',', '"', '\'', '#', ': ', ':', ' ', '*', '&', '<', '>',
  '%', '?', '\\', '/', '//', '=', '{', '}', '[', ']', '|', '!', '@', '`', '$', '-', '.', '..', '~', '_', '---', '- '];
const ORDINARY = ['a', 'role', 'x', 'Z', '0', '12', '1e1_0', '0o17', 'true', 'null', 'yes', 'ü', '💥', 'admin'];
const text = fc.array(fc.oneof(fc.constantFrom(...MEANINGFUL), fc.constantFrom(...ORDINARY)), { minLength: 0, maxLength: 7 }).map((parts) => parts.join(''));

function mainContainer(objects: any[]): any {
  return containersOf(podOf(only(objects, 'Deployment'))!.spec).find((c) => c.container.name === 'main' || c.container.name === 'metrics-server')!.container;
}

test('yamlScalar: every string reads back as itself in YAML 1.1 and 1.2, and a plain scalar is never another type', () => {
  let plain = 0;
  let quoted = 0;
  fc.assert(fc.property(fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 12 })), (value) => {
    const scalar = yamlScalar(value);
    for (const version of ['1.1', '1.2'] as const) expect(parse(`k: ${scalar}\n`, { version })).toEqual({ k: value });
    if (scalar.startsWith('"')) quoted++;
    else plain++;
    // A plain scalar starts with a letter and holds no indicator: Go's resolver reads it as a string too.
    if (!scalar.startsWith('"')) expect(scalar).toMatch(/^[A-Za-z][A-Za-z0-9_./,:-]*$/);
  }), { ...params, numRuns: RUNS * 3 });
  console.log(`yamlScalar: ${plain} plain, ${quoted} double-quoted`);
  expect(plain).toBeGreaterThan(0);
  expect(quoted).toBeGreaterThan(0);
});

test('Numaflow userRbac: refused, or rbac-conf.yaml and rbac-policy.csv read back exactly as given', () => {
  const t = tally();
  const field = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('role:admin', 'role:readonly', '*', 'GET', 'ns-1', 'pipeline') }, { weight: 1, arbitrary: text });
  const line = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(field, field, field, field).map((f) => ['p', ...f].join(', ')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('p', 'g', 'x', '', '#p', ' p'), fc.array(field, { minLength: 1, maxLength: 5 }), fc.constantFrom(', ', ',', ' , '))
      .map(([type, fields, sep]) => [type, ...fields].join(sep)) },
  );
  fc.assert(fc.property(
    fc.record({
      defaultRole: fc.option(field, { nil: undefined }),
      scopes: fc.option(fc.oneof({ weight: 3, arbitrary: fc.subarray(['groups', 'email', 'username']) }, { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom('groups', 'email'), text), { maxLength: 3 }) }), { nil: undefined }),
      policy: fc.option(fc.array(line, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    }),
    (userRbac) => {
      const chart = testChart();
      if (!attempt(t, /^userRbac\./, () => new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), userRbac }))) return;
      const data = synth(chart).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'numaflow-server-rbac-config').data;
      // viper reads rbac-conf.yaml: exactly the two keys, each the string given.
      const conf = parse(data['rbac-conf.yaml'], { version: '1.2' });
      expect(conf).toEqual({ 'policy.default': userRbac.defaultRole ?? 'role:readonly', 'policy.scopes': (userRbac.scopes ?? ['groups', 'email', 'username']).join(',') });
      expect(controlCharacter(conf['policy.default'])).toBeUndefined();
      // Casbin reads rbac-policy.csv line by line: one line per entry, each a p or g line of its model.
      const lines = (data['rbac-policy.csv'] as string).split('\n').slice(0, -1);
      expect(lines).toEqual(userRbac.policy ?? expect.any(Array));
      for (const l of lines) {
        const parsed = csvFields(l.trim());
        expect('fields' in parsed).toBe(true);
        const fields = (parsed as { fields: string[] }).fields;
        expect(fields.length).toBe(fields[0] === 'p' ? 5 : 3);
      }
    },
  ), params);
  show('Numaflow userRbac', t);
  expect(t.refused).toBeGreaterThan(RUNS / 10);
  expect(t.accepted).toBeGreaterThan(RUNS / 10);
});

test('Numaflow userRbac valid by construction (any role a policy line can name, quoted CSV fields) is accepted', () => {
  // Roles: printable text without surrounding space; policy lines: CSV as Go writes it.
  const role = fc.string({ unit: fc.constantFrom(...'abc:,"#*-_. 0éü'.split('')), minLength: 1, maxLength: 10 }).filter((r) => r.trim() === r);
  const csv = (fields: string[]) => fields.map((f) => (/[",\s]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f)).join(', ');
  let accepted = 0;
  fc.assert(fc.property(role, fc.array(role, { minLength: 4, maxLength: 4 }), fc.subarray(['groups', 'email', 'username'], { minLength: 1 }), (defaultRole, [a, b, c, d], scopes) => {
    const policy = [csv(['p', defaultRole, b, c, d]), csv(['g', a, defaultRole])];
    const chart = testChart();
    new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), userRbac: { defaultRole, scopes, policy } });
    const data = synth(chart).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'numaflow-server-rbac-config').data;
    expect(parse(data['rbac-conf.yaml'])['policy.default']).toBe(defaultRole);
    expect((csvFields(policy[0]) as { fields: string[] }).fields[1]).toBe(defaultRole);
    accepted++;
  }), { ...params, numRuns: Math.ceil(RUNS / 2) });
  console.log(`Numaflow userRbac valid by construction: ${accepted} accepted`);
});

test('URL paths in flags, lists, HTML and routes: refused, or written as given and made of unreserved characters', () => {
  const t = tally();
  const path = fc.oneof(text.map((s) => `/${s}`), text, fc.constantFrom('/', '/ui', '/numaflow/', '/console', '/metrics', '/stats/prom'));
  fc.assert(fc.property(path, fc.constantFrom('baseHref', 'baseUrl', 'path'), (p, prop) => {
    const chart = testChart();
    const built = attempt(t, new RegExp(`^${prop}$`), () => {
      if (prop === 'baseHref') return new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), baseHref: p });
      if (prop === 'baseUrl') return new Console(chart, 'console', { admin: new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE }), baseUrl: p });
      // A custom path reaches metrics-server's --authorization-always-allow-paths (AIbrix before v0.5 scrapes it).
      return new PodAutoscaler(chart, 'pa', { target: ScaleTarget.fromServer(new MetricsServer(chart, 'ms', { tls: TlsMode.selfSigned() })), path: p, aibrixVersion: 'v0.4.1',
        strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3 });
    });
    if (!built) return;
    expect(p).toMatch(/^\/[A-Za-z0-9._~/-]*$/);
    const objects = synth(chart);
    expectValid(objects, { external: ['Secret/flyte/flyte-db', 'Secret/flyte/flyte-storage'] });
    if (prop === 'path') {
      const flag = mainContainer(objects).args.find((a: string) => a.startsWith('--authorization-always-allow-paths='));
      // The list holds the path as one entry, and no wildcard.
      expect(flag.split('=')[1].split(',')).toContain(p);
      expect(flag).not.toContain('*');
    }
  }), { ...params, numRuns: Math.ceil(RUNS / 2) });
  show('URL paths', t);
  expect(t.refused).toBeGreaterThan(RUNS / 20);
  expect(t.accepted).toBeGreaterThan(RUNS / 20);
});

test('origins in comma-separated flags: refused, or one list entry each', () => {
  const t = tally();
  const host = fc.oneof(fc.constantFrom('ui.example.com', 'localhost', '10.0.0.1', '[::1]'), text.map((s) => `a${s}.example.com`));
  fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('http', 'https'), host), { minLength: 1, maxLength: 3 }), (pairs) => {
    const origins = pairs.map(([s, h]) => `${s}://${h}`);
    const chart = testChart();
    if (!attempt(t, /^corsAllowedOrigins\[\d+\]$/, () => new NumaflowServer(chart, 'nf', { tls: TlsMode.disabled(), corsAllowedOrigins: origins }))) return;
    const flag = mainContainer(synth(chart)).args.find((a: string) => a.startsWith('--cors-allowed-origins='));
    expect(new Set(flag.slice('--cors-allowed-origins='.length).split(',')).size).toBe(new Set(origins.map((o) => new URL(o).origin)).size);
  }), params);
  show('origins', t);
  expect(t.refused).toBeGreaterThan(0);
  expect(t.accepted).toBeGreaterThan(RUNS / 10);
});
