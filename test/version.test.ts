import { Chart } from 'cdk8s';
import {
  Console, CopilotPod, FlytePodTemplate, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, TlsMode, Trust, ValidationError,
} from '../lib';
import { DATABASE } from './support/flyte-invariants';
import { testChart } from './support/harness';
import { secret } from './support/refs';

// Every version prop refuses a major line its construct does not model, naming the line it does:
// Flyte 2 (flyteorg/flyte main, GA since v2.0.0) has no flyteadmin, no flyteconsole and another
// copilot model; Flyte 1 is maintained on master (v1.16.8). The check is on the major number, so
// a pre-release of the next major (v2.0.0-rc1 sorts below v2.0.0) is refused too.

/** Admin's store: MinIO over plain HTTP with keys from a Secret. */
const ADMIN_STORE = ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:9000', credentials: { secret: secret('flyte-storage') } });
/** Copilot's store: HTTPS with a private CA. */
const STORE = ObjectStore.s3({ bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', trust: Trust.caFromConfigMapName('bundle') });

const CASES: [string, (c: Chart, v: string) => unknown, string, string, RegExp][] = [
  ['SecureAdmin', (c, v) => new SecureAdmin(c, 'x', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE, version: v }), 'version', 'v2.0.43', /Flyte 2 has no flyteadmin.*models Flyte 1/],
  ['Console', (c, v) => new Console(c, 'x', { admin: new SecureAdmin(c, 'a', { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE }), version: v }), 'version', 'v2.0.0', /no Flyte Console after v1/],
  ['FlytePodTemplate', (c, v) => new FlytePodTemplate(c, 'x', { objectStore: STORE, flyteVersion: v }), 'flyteVersion', 'v2.0.0-rc1', /Flyte 2/],
  ['CopilotPod', (c, v) => new CopilotPod(c, 'x', { objectStore: STORE, flyteVersion: v, image: 'alpine:3.20' }), 'flyteVersion', '2.1.0', /Flyte 2/],
  ['NumaflowServer', (c, v) => new NumaflowServer(c, 'x', { tls: TlsMode.disabled(), version: v }), 'version', 'v2.0.0', /models Numaflow 1/],
  ['MetricsServer', (c, v) => new MetricsServer(c, 'x', { tls: TlsMode.selfSigned(), version: v }), 'version', 'v1.0.0', /models metrics-server v0/],
  ['PodAutoscaler', (c, v) => new PodAutoscaler(c, 'x', {
    target: ScaleTarget.fromServer(new NumaflowServer(c, 't', { tls: TlsMode.disabled() })), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 2, aibrixVersion: v,
  }), 'aibrixVersion', 'v1.0.0', /models AIbrix v0/],
];

describe.each(CASES)('%s', (_name, build, prop, later, why) => {
  test(`refuses ${later}, naming the line it models`, () => {
    let error: unknown;
    try {
      build(testChart(), later);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect({ prop: e.prop, value: e.value }).toEqual({ prop, value: later });
    expect(e.message).toMatch(why);
    expect(e.allowed).toMatch(/^a version of the \d\.x line, >= v\d+\.\d+\.\d+$/);
  });
});
