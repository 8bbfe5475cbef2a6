import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ValidationError } from '../../lib/errors';
import * as api from '../../lib/check';
import { checkManifests } from '../../lib/check/check-manifests';
import { MANIFEST_RULES } from '../../lib/rules/findings';
import { configMap, deployment, expectFindings, main, service } from './fixtures';
import { admin, adminConfig, console as flyteConsole, metricsServer, numaflow } from './server-fixtures';

function upstream(file: string): unknown[] {
  const text = fs.readFileSync(path.resolve(__dirname, '../data/upstream-manifests', file), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d !== null);
}

/** A stack passing every rule: workload with Service and ConfigMap, and each known server. */
function cleanStack(): unknown[] {
  const secure = 'server:\n  httpPort: 8088\n  security:\n    secure: true\n    allowedOrigins: ["https://console.example.com"]\n';
  return [
    configMap('web-config', { 'app.yaml': 'log:\n  level: info\n' }), deployment(), service(),
    numaflow(['--insecure=false', '--port=8443'], { name: 'https', containerPort: 8443 }, 'HTTPS'),
    metricsServer(['--secure-port=10250'], 10250),
    adminConfig({ 'server.yaml': secure }), admin([{ name: 'https', containerPort: 8088 }], 'https', 'HTTPS'),
    configMap('flyte-console-config', { ADMIN_API_USE_SSL: 'https' }, 'flyte'),
    flyteConsole({ envFrom: [{ configMapRef: { name: 'flyte-console-config' } }] }, 'HTTPS'),
  ];
}

describe('checkManifests', () => {
  test('exports its API from lib/check', () => {
    expect(api.checkManifests).toBe(checkManifests);
    expect(api.MANIFEST_RULES).toEqual(['name', 'labels', 'field-type', 'duplicate', 'service-target-port', 'probe-port', 'volume-mount',
      'resources', 'restricted', 'probe-scheme', 'apiservice-trust', 'gateway-api-cel', 'gateway-backend', 'inline-secret', 'open-cors', 'yaml-reading']);
    expect(typeof api.parseQuantity).toBe('function');
    expect(typeof api.looksSecret).toBe('function');
    expect(typeof api.urlCredentials).toBe('function');
  });

  test('no objects, and a clean stack, have no findings', () => {
    expect(checkManifests([])).toEqual([]);
    expect(checkManifests(cleanStack(), { complete: true })).toEqual([]);
  });

  test('an unknown rule in skip is refused with a ValidationError', () => {
    expect(() => checkManifests([], { skip: ['names' as never] })).toThrow(ValidationError);
    expect(() => checkManifests([], { skip: ['names' as never] })).toThrow(/not a manifest rule; use one of name, labels, field-type, duplicate/);
    expect(() => checkManifests([], { skip: ['constructor' as never] })).toThrow(ValidationError);
    expect(() => checkManifests([], { skip: [...MANIFEST_RULES] })).not.toThrow();
  });

  test('skipped rules do not run', () => {
    const bad = deployment((d) => { d.metadata.name = 'Web'; main(d).resources.requests.cpu = '2'; });
    expect(checkManifests([bad]).map((f) => f.rule)).toEqual(['name', 'resources']);
    expect(checkManifests([bad], { skip: ['resources'] }).map((f) => f.rule)).toEqual(['name']);
  });

  test('findings come in object order, then rule order', () => {
    const first = deployment((d) => {
      d.metadata.labels.bad = 'a b';
      main(d).resources.requests.cpu = '2';
      main(d).env = [{ name: 'PASSWORD', value: 'x' }];
      main(d).readinessProbe.httpGet.port = 'nope';
      d.metadata.name = 'Web';
    });
    const findings = checkManifests([first, configMap('web-config', {}), configMap('web-config', {})]);
    expect(findings.map((f) => `${f.object} ${f.rule}`)).toEqual([
      'Deployment/ns/Web name', 'Deployment/ns/Web labels', 'Deployment/ns/Web probe-port', 'Deployment/ns/Web resources',
      'Deployment/ns/Web inline-secret', 'ConfigMap/ns/web-config duplicate',
    ]);
    // The same input gives the same findings, and is not changed.
    const before = JSON.stringify(first);
    expect(checkManifests([first, configMap('web-config', {}), configMap('web-config', {})])).toEqual(findings);
    expect(JSON.stringify(first)).toBe(before);
  });

  test('sources are copied into findings', () => {
    const findings = checkManifests([configMap('A', {}), configMap('B', {})], { sources: ['chart/a', undefined as unknown as string] });
    expect(findings.map((f) => f.source)).toEqual(['chart/a', undefined]);
    expect(findings[1]).not.toHaveProperty('source');
  });

  test('with report, other objects are context only', () => {
    const objects = [deployment((d) => { d.metadata.name = 'Web'; }), service()];
    expect(checkManifests(objects, { complete: true, report: [1] })).toEqual([]);
    expect(checkManifests(objects, { complete: true, report: [0] }).map((f) => f.object)).toEqual(['Deployment/ns/Web']);
    // Without the Deployment as context, the Service selects nothing.
    expect(checkManifests([service()], { complete: true }).map((f) => f.rule)).toEqual(['service-target-port']);
  });

  test('an entry that is not a Kubernetes object is one finding of rule name', () => {
    const entries = [null, 5, 'Deployment', [deployment()], { kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 7, metadata: { name: 'x' } }, undefined];
    expectFindings(checkManifests(entries, { sources: ['a.yaml#0'] }), 'name', [
      { object: 'objects[0]', field: '', source: 'a.yaml#0', message: 'entry 0 is null, not a Kubernetes object', fix: 'string apiVersion and kind' },
      { object: 'objects[1]', field: '', message: 'entry 1 is a number' },
      { object: 'objects[2]', field: '', message: 'a string' },
      { object: 'objects[3]', field: '', message: 'an array' },
      { object: 'objects[4]', field: '', message: 'an object without a string apiVersion and kind' },
      { object: 'objects[5]', field: '', message: 'an object without a string apiVersion and kind' },
      { object: 'objects[6]', field: '', message: 'entry 6 is undefined' },
    ]);
    expect(checkManifests(entries, { skip: ['name'] })).toEqual([]);
  });
});

describe('checkManifests on rendered upstream manifests (test/data/upstream-manifests)', () => {
  test('the metrics-server release passes every rule', () => {
    expect(checkManifests(upstream('metrics-server-release.yaml'), { complete: true })).toEqual([]);
  });

  test('the Numaflow server base: undeclared ports, and a pod restricted refuses', () => {
    const findings = checkManifests(upstream('numaflow-server.yaml'), { complete: true });
    const d = 'Deployment/numaflow-server';
    expect(findings.map((f) => `${f.rule} ${f.object} ${f.field} ${f.check ?? ''}`.trim())).toEqual([
      'service-target-port Service/numaflow-server spec.ports[0].targetPort',
      `probe-port ${d} spec.template.spec.containers[0].livenessProbe.httpGet.port`,
      ...['allowprivilegeescalation', 'seccompprofile_restricted', 'capabilities_restricted'].flatMap((c) => [
        `restricted ${d} spec.template.spec.initContainers[0] ${c}`,
        `restricted ${d} spec.template.spec.initContainers[1] ${c}`,
        `restricted ${d} spec.template.spec.containers[0] ${c}`,
      ]),
    ]);
  });
});

describe('checkManifests never throws on untrusted JSON', () => {
  const RUNS = Math.max(500, Number(process.env.PROPERTY_RUNS ?? 500));

  /** mulberry32: a tiny seeded generator, so every run feeds the same values. */
  function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const TRICKY_STRINGS = ['', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'Deployment', 'Service', 'ConfigMap', 'Pod',
    'PodTemplate', 'CronJob', 'APIService', 'Certificate', 'v1', 'apps/v1', 'cert-manager.io/v1', 'apiregistration.k8s.io/v1',
    'server', '--insecure', '--port', '-p', '--config', '/etc/flyte/config/*.yaml', 'serve', '*', '$(X)', 'https', '100m', '1Gi',
    'a:\n  b: [', 'password: x\ny: 1\n', 'x://u:p@h', 'quay.io/numaproj/numaflow', 'metrics-server', 'flyteadmin', 'flyteconsole',
    'é'.repeat(40), '\u0000', 'config', 'http', 'name', 'metadata', 'spec', 'template', 'containers'];

  function value(rnd: () => number, depth: number): unknown {
    const r = rnd();
    if (depth <= 0 || r < 0.35) {
      const s = rnd();
      if (s < 0.15) return null;
      if (s < 0.3) return rnd() < 0.5;
      if (s < 0.5) return [0, -1, 1.5, 8080, 65536, 2 ** 53, -0, NaN, Infinity][Math.floor(rnd() * 9)];
      if (s < 0.55) return undefined;
      return TRICKY_STRINGS[Math.floor(rnd() * TRICKY_STRINGS.length)];
    }
    if (r < 0.55) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(rnd, depth - 1));
    const out: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 5); i > 0; i--) {
      // Defined as own properties, as JSON.parse makes them (`__proto__` included).
      Object.defineProperty(out, TRICKY_STRINGS[Math.floor(rnd() * TRICKY_STRINGS.length)], { value: value(rnd, depth - 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** Replaces a random node of a copy of `base` with a random value, a few times. */
  function mutate(base: unknown, rnd: () => number): unknown {
    const copy = structuredClone(base);
    // Kinds that are names of Object.prototype members, too.
    if (rnd() < 0.1) (copy as Record<string, unknown>).kind = TRICKY_STRINGS[Math.floor(rnd() * TRICKY_STRINGS.length)];
    for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
      const nodes: [Record<string, unknown> | unknown[], string | number][] = [];
      const visit = (v: unknown) => {
        if (typeof v !== 'object' || v === null) return;
        for (const k of Object.keys(v)) {
          nodes.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
          visit((v as Record<string, unknown>)[k]);
        }
      };
      visit(copy);
      if (nodes.length === 0) return copy;
      const [parent, key] = nodes[Math.floor(rnd() * nodes.length)];
      (parent as Record<string | number, unknown>)[key] = value(rnd, 3);
    }
    return copy;
  }

  function wellFormed(objects: unknown[]): void {
    const findings = checkManifests(objects, { complete: true, sources: objects.map((_, i) => `#${i}`) });
    // One expect per call, not five per finding (jest's matchers cost more than the checks here).
    const malformed = findings.filter((f) => typeof f.object !== 'string' || typeof f.field !== 'string' || !MANIFEST_RULES.includes(f.rule)
      || typeof f.message !== 'string' || typeof f.fix !== 'string');
    expect(malformed).toEqual([]);
  }

  test(`${RUNS} seeded random values, mutations of real manifests among them`, () => {
    const rnd = random(20261122);
    const bases = [...cleanStack(), ...upstream('numaflow-server.yaml'), ...upstream('metrics-server-release.yaml')];
    for (let run = 0; run < RUNS; run++) {
      const objects = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () =>
        (rnd() < 0.8 ? mutate(bases[Math.floor(rnd() * bases.length)], rnd) : value(rnd, 4)));
      // Keep the ConfigMaps the servers read, so that the deeper paths run too.
      if (rnd() < 0.5) objects.push(...cleanStack().filter((o) => (o as { kind: string }).kind === 'ConfigMap'));
      try {
        wellFormed(objects);
      } catch (error) {
        throw new Error(`run ${run} failed on ${JSON.stringify(objects).slice(0, 4000)}: ${(error as Error).stack}`, { cause: error });
      }
    }
  });

  test(`${RUNS} values from fast-check`, () => {
    // Loaded lazily: fast-check is only needed here.
    const fc: typeof import('fast-check') = require('fast-check');
    const kind = fc.constantFrom('Deployment', 'Service', 'ConfigMap', 'Pod', 'CronJob', 'PodTemplate', 'APIService', 'Certificate', 'constructor', '__proto__', 'toString');
    const manifest = fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'cert-manager.io/v1', 'apiregistration.k8s.io/v1'),
      kind,
      metadata: fc.oneof(fc.jsonValue(), fc.record({ name: fc.oneof(fc.string(), fc.jsonValue()), namespace: fc.jsonValue(), labels: fc.jsonValue(), annotations: fc.jsonValue() })),
      spec: fc.jsonValue(),
      data: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.jsonValue())),
    });
    fc.assert(fc.property(fc.array(fc.oneof(manifest, fc.jsonValue(), fc.anything()), { maxLength: 6 }), (objects) => {
      wellFormed(objects);
    }), { numRuns: RUNS, seed: 20261122 });
  });
});

describe('checkManifests is linear', () => {
  /**
   * The property reads `checkManifests` makes of `copies` copies of the clean stack (each copy in
   * namespaces of its own), counted through proxies: a measure of its work that no clock and no
   * machine load moves. A rule that compared every object with every other one would read ~N² times.
   */
  function reads(copies: number): number {
    let count = 0;
    // One proxy per object, so that identity (memo tables, Maps keyed by object) is kept.
    const proxies = new WeakMap<object, object>();
    const wrap = (value: unknown): unknown => {
      if (typeof value !== 'object' || value === null) return value;
      let proxy = proxies.get(value);
      if (proxy === undefined) {
        proxy = new Proxy(value, { get: (target, key, receiver) => { count++; return wrap(Reflect.get(target, key, receiver)); } });
        proxies.set(value, proxy);
      }
      return proxy;
    };
    const stack = cleanStack();
    const objects: unknown[] = [];
    for (let i = 0; i < copies; i++) {
      for (const o of stack) {
        const copy = structuredClone(o) as { metadata: { namespace?: string } };
        copy.metadata.namespace = `${copy.metadata.namespace ?? 'default'}-${i}`;
        objects.push(wrap(copy));
      }
    }
    expect(checkManifests(objects, { complete: true })).toEqual([]);
    return count;
  }

  test('ten times the objects cost ten times the reads', () => {
    const small = reads(20);
    const large = reads(200);
    expect(small).toBeGreaterThan(20 * cleanStack().length * 10); // the count sees the rules' work
    // Linear: exactly 10 when every copy costs the same; N log N would give ~13, N² ~100.
    expect(large / small).toBeGreaterThanOrEqual(9.5);
    expect(large / small).toBeLessThanOrEqual(11);
  });
});
