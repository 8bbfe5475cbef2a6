/**
 * The pass's one-walk rendering (lib/render-json.ts) against cdk8s's own `toJson()`: equal on every
 * object of every example stack and on generated values; everything it does not walk goes to
 * `toJson()` itself. A cdk8s upgrade that renders otherwise fails here.
 */
import * as fc from 'fast-check';
import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { fullStack } from '../../bench/full-stack';
import { copilotTaskStack, copilotTemplateStack } from '../../apps/stacks/copilot';
import { flyteCertManagerStack, flytePlainStack, flyteTlsStack } from '../../apps/stacks/flyte';
import { gatewayStack } from '../../apps/stacks/gateway';
import { metricsStack } from '../../apps/stacks/metrics';
import { namespacesStack } from '../../apps/stacks/namespaces';
import { numaflowStack } from '../../apps/stacks/numaflow';
import { TlsMode } from '../../lib';
import { renderJson, walkJson } from '../../lib/render-json';
import { OutputPass } from '../../lib/synth/output-pass';

const STACKS: [string, (app: App) => Chart][] = [
  ['all seven constructs', (app) => fullStack(app, 'full')],
  ['namespaces', (app) => namespacesStack(app, 'namespaces', ['flyte', 'numaflow-dev'])],
  ['gateway', (app) => gatewayStack(app)],
  ['flyte-tls', (app) => flyteTlsStack(app)],
  ['flyte-cert-manager', (app) => flyteCertManagerStack(app)],
  ['flyte-plain', (app) => flytePlainStack(app)],
  ['numaflow', (app) => numaflowStack(app, 'numaflow', TlsMode.selfSigned())],
  ['metrics', (app) => metricsStack(app, 'metrics', TlsMode.selfSigned(), { autoscaleWithAibrix: 'v0.4.1' })],
  ['copilot-template', (app) => copilotTemplateStack(app)],
  ['copilot-task', (app) => copilotTaskStack(app)],
];

const apiObjects = (chart: Chart) => chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));

describe('renderJson equals toJson', () => {
  test.each(STACKS)('on every object of the example stack %s, and the pass checks what cdk8s writes', (_name, make) => {
    const app = new App();
    const chart = make(app);
    const objects = apiObjects(chart);
    expect(objects.length).toBeGreaterThan(0);
    // Every object of cdk8s's own class is walked (none left to toJson), and the walk is toJson's
    // result; an imported class's own toJson (the example's Gateway) is called.
    for (const object of objects) {
      expect(object.toJson === ApiObject.prototype.toJson ? walkJson(object) : renderJson(object)).toStrictEqual(object.toJson());
    }
    // The pass renders with it; cdk8s writes with toJson: the same documents.
    const written = Testing.synth(chart);
    // The gateway stack holds no library construct (the example makes its Gateway itself): no pass runs.
    expect(OutputPass.of(chart).rendered.map((r) => r.json)).toStrictEqual(_name === 'gateway' ? [] : written);
  });

  test('on generated values: lazies, implicit tokens, number/string unions, null, empty and sparse values, in props and metadata', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const wrap = (v: unknown, how: number) => (how === 1 ? Lazy.any({ produce: () => v })
      : how === 2 ? { resolve: () => v }
        : how === 3 && (typeof v === 'string' || typeof v === 'number') ? new (class Union { constructor(public readonly value: unknown) {} })(v)
          : v);
    const value: fc.Memo<unknown> = fc.memo((depth) => fc.tuple(depth <= 1 ? leaf : fc.oneof(leaf,
      fc.array(value(depth - 1), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), value(depth - 1), { maxKeys: 5, noNullPrototype: true }),
      fc.dictionary(fc.string({ maxLength: 6 }), value(depth - 1), { maxKeys: 2 }),
      fc.constant([]), fc.constant({})), fc.integer({ min: 0, max: 3 })).map(([v, how]) => wrap(v, how)));
    let compared = 0;
    fc.assert(fc.property(value(4), value(3), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }), (spec, extra, labels) => {
      const app = new App();
      const chart = new Chart(app, 'c');
      const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'n', labels, annotations: { a: extra as any }, finalizers: [] }, spec } as any);
      let expected: unknown;
      try {
        expected = object.toJson();
      } catch (e) {
        expect(() => renderJson(object)).toThrow((e as Error).message);
        return;
      }
      // Walked, not left to toJson (which would hide a wrong walk).
      expect(walkJson(object)).toStrictEqual(expected);
      compared++;
    }), { numRuns: 300, seed: 20261208 });
    expect(compared).toBeGreaterThan(200);
  });

  test('a sparse array and an array of nulls keep their holes and undefined entries', () => {
    const chart = new Chart(new App(), 'c');
    // eslint-disable-next-line no-sparse-arrays
    const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing', spec: { a: [1, , null, undefined, [], {}], b: {} } } as any);
    expect(walkJson(object)).toStrictEqual(object.toJson());
  });
});

describe('what the walk leaves to toJson', () => {
  const spyOn = (object: ApiObject) => jest.spyOn(object, 'toJson');

  test('an object with a JSON patch', () => {
    const chart = new Chart(new App(), 'c');
    const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing', spec: { a: 1 } });
    object.addJsonPatch(JsonPatch.add('/spec/b', 2));
    const spy = spyOn(object);
    expect(renderJson(object)).toStrictEqual({ apiVersion: 'v1', kind: 'Thing', metadata: { name: 'c-o-c89fde97' }, spec: { a: 1, b: 2 } });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('an App with resolvers of its own', () => {
    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (typeof context.value === 'string' && context.value.startsWith('up:')) context.replaceValue(context.value.slice(3).toUpperCase());
      }
    }
    const chart = new Chart(new App({ resolvers: [new Upper()] }), 'c');
    const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing', spec: { a: 'up:x' } });
    expect(renderJson(object).spec).toEqual({ a: 'X' });
  });

  test('a class with a toJson of its own (the imported L1 classes convert their props)', () => {
    const chart = new Chart(new App(), 'c');
    const object = new k8s.KubeService(chart, 's', { spec: { ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }] } });
    expect(renderJson(object)).toStrictEqual(object.toJson());
    expect(renderJson(object).spec.ports[0].targetPort).toBe(8080);
  });

  test('CDK8S_DISABLE_SORT: cdk8s keeps the keys in their order', () => {
    const chart = new Chart(new App(), 'c');
    const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing', spec: { b: 1, a: 2 } });
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(Object.keys(renderJson(object).spec)).toEqual(['b', 'a']);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
    expect(Object.keys(renderJson(object).spec)).toEqual(['a', 'b']);
  });

  test('a value cdk8s cannot render: its own error', () => {
    const chart = new Chart(new App(), 'c');
    const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing', spec: { when: new Date(0) } } as any);
    expect(() => renderJson(object)).toThrow(/Failed serializing construct at path 'c\/o'.*non-simple object of type 'Date'/);
  });
});
