import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  Console, CopilotPod, FlytePodTemplate, MetricsServer, NumaflowServer, ObjectStore, PodAutoscaler, ScaleTarget, ScalingStrategy, SecureAdmin, TlsMode,
} from '../lib';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../lib/security/security-context';
import { DATABASE, STORAGE } from './support/flyte-invariants';

// The shape of a case of the refused-input catalog (test/bad-input.test.ts) and the builders the
// catalog files share. A case builds its input in a chart `c` of a fresh app.

/** What kind of mistake a case is; the catalog asserts how many cases each class holds. */
export type BadInputClass =
  // Classes the catalog must cover with at least 10 cases each.
  | 'types' | 'unknown-props' | 'null-required' | 'names-labels' | 'duplicates' | 'patches' | 'resources' | 'restricted'
  | 'secrets' | 'cors' | 'versions' | 'all-or-nothing'
  // Further classes of the original catalog.
  | 'tls-modes' | 'derived' | 'values' | 'wiring'
  // Issue 23: text-format injection, meanings changed, derived limits, syntax readers refuse, messages naming the wrong prop.
  | 'injection' | 'meaning' | 'limits' | 'syntax' | 'messages';

/** The classes that must each hold at least 10 cases. */
export const REQUIRED_CLASSES: readonly BadInputClass[] = [
  'types', 'unknown-props', 'null-required', 'names-labels', 'duplicates', 'patches', 'resources', 'restricted',
  'secrets', 'cors', 'versions', 'all-or-nothing',
];

export interface BadInput {
  readonly name: string;
  readonly class: BadInputClass;
  /** Builds the bad input in `chart` (a chart with id `c` in a fresh app). */
  readonly build: (chart: Chart) => unknown;
  /**
   * When the refusal comes: `construct` (the build throws; the default) or `synth` (the build
   * succeeds and `Testing.synth` of the chart throws one ValidationError for all refusals).
   */
  readonly at?: 'construct' | 'synth';
  /** The refusal (for aggregates: the first one) names this path ... */
  readonly path: string;
  /** ... and this prop ... */
  readonly prop: string;
  /** ... and this value (undefined: not compared, e.g. a TlsMode, or unset) ... */
  readonly value: unknown;
  /** ... and says what is allowed: a fragment of the "use …" part. */
  readonly allowed: string;
  /** The refusal comes from a method of a construct that stays (e.g. `admin.allowOrigin('*')`). */
  readonly constructStays?: true;
  /**
   * all-or-nothing: builds everything of `build` except the refused construct. After the refusal
   * the chart must synthesize to exactly what this builds in a fresh app.
   */
  readonly without?: (chart: Chart) => unknown;
}

export const CA = fs.readFileSync(path.join(__dirname, 'support/fixtures/ca.crt.pem'), 'utf8');

export const nf = (props: any = {}, id = 'nf') => (c: Chart) => new NumaflowServer(c, id, { tls: TlsMode.disabled(), ...props });
export const ms = (props: any = {}, id = 'ms') => (c: Chart) => new MetricsServer(c, id, { tls: TlsMode.selfSigned(), ...props });
export const pa = (props: any = {}) => (c: Chart) => new PodAutoscaler(c, 'pa', {
  target: ScaleTarget.fromServer(new NumaflowServer(c, 'target', { tls: TlsMode.disabled() })), strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3, ...props,
});
/** Admin's store: the shared STORAGE (MinIO over http, keys from flyte-storage) as an ObjectStore. */
export const ADMIN_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });
export const admin = (props: any = {}, id = 'admin') => (c: Chart) => new SecureAdmin(c, id, { tls: TlsMode.disabled(), database: DATABASE, objectStore: ADMIN_STORE, ...props });
/** A TLS Admin `a` and its Console `console`. */
export const pair = (adminProps: any, consoleProps: any) => (c: Chart) => {
  const a = new SecureAdmin(c, 'a', { tls: TlsMode.fromSecretName('flyte-tls'), database: DATABASE, objectStore: ADMIN_STORE, ...adminProps });
  return new Console(c, 'console', { admin: a, ...consoleProps });
};

/** Copilot's store: MinIO over plain http, no keys (the pod's identity). */
export const STORE_OPTIONS = { bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:9000' };
export const STORE = ObjectStore.minio(STORE_OPTIONS);
/** The same MinIO over https (cases add a trust). */
export const HTTPS_STORE_OPTIONS = { bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000' };
export const context = restrictedContainerSecurityContext({ user: 1000 }, { readOnlyRootFilesystem: false });
/** A user template: restricted default entries plus `extra`. */
export const userTemplate = (initContainers: k8s.Container[], containers: k8s.Container[] = []): k8s.PodTemplateSpec => ({
  spec: {
    securityContext: restrictedPodSecurityContext({ user: 1000 }),
    containers: [{ name: 'default', image: 'noop', securityContext: context }, ...containers],
    initContainers: [{ name: 'default-init', image: 'noop', securityContext: context }, ...initContainers],
  },
});
export const task = (props: any = {}) => (c: Chart) => new CopilotPod(c, 'task', { objectStore: STORE, image: 'alpine:3.20', ...props });
export const template = (props: any = {}) => (c: Chart) => new FlytePodTemplate(c, 'template', { objectStore: STORE, ...props });

/** The first container of a pod template, as a JSON patch path. */
export const C0 = '/spec/template/spec/containers/0';
