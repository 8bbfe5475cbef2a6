/**
 * What every rule reads: the objects of one `checkManifests` call, indexed once (by identity,
 * namespace, ConfigMap and Secret name), and where findings go. Built afresh at every call.
 */
import { objectRef } from './pod-specs';
import { Json, obj } from './json';
import { ManifestFinding, ManifestRule } from './findings';
import { PodInfo, podInfo } from './pods';
import type { RenderedServers } from './server-facts';

/** One manifest object that has a string `apiVersion` and `kind`. */
export interface ObjectEntry {
  /** Its index in the objects given. */
  readonly index: number;
  /** The object. */
  readonly json: Json;
  readonly apiVersion: string;
  readonly kind: string;
  /** The API group: `apiVersion` before `/`, `''` for the core group. */
  readonly group: string;
  /** `metadata` (`{}` when not an object). */
  readonly metadata: Json;
  /** `metadata.name` when a string. */
  readonly name?: string;
  /** `metadata.namespace` when a non-empty string, else `''`. */
  readonly namespace: string;
  /** `<Kind>/<namespace>/<name>`. */
  readonly ref: string;
  /** options.sources[index], when given. */
  readonly source?: string;
  /** Its pod, for pod-bearing kinds. */
  readonly pod?: PodInfo;
}

/** A finding before the object and source are filled in. */
export interface Problem {
  readonly field: string;
  readonly check?: string;
  readonly value?: unknown;
  readonly message: string;
  readonly fix: string;
}

/** The objects of one call and the findings collected so far. */
export class CheckContext {
  /** The entries that are Kubernetes objects, in order. */
  public readonly entries: readonly ObjectEntry[];
  /** ConfigMaps by `<namespace>/<name>` (the first one wins, as `kubectl apply` of a duplicate would not make two). */
  private readonly configMaps = new Map<string, ObjectEntry>();
  /** Secrets by `<namespace>/<name>`. */
  private readonly secrets = new Map<string, ObjectEntry>();
  /** Findings of each object, in rule order (rules run one after the other). */
  private readonly byObject: ManifestFinding[][];
  private readonly report?: ReadonlySet<number>;
  /** Values computed once per call and shared by rules (parsed YAML, recognised servers), by table. */
  private readonly memos = new Map<object, Map<unknown, unknown>>();

  /** YAML texts whose value the caller knows (it rendered them): no need to parse them. */
  public readonly knownYaml: ReadonlyMap<string, unknown>;
  /** Servers the caller rendered (`renderedServerOf`): what they listen on is known. */
  public readonly knownServers: RenderedServers;

  constructor(entries: readonly ObjectEntry[], count: number, report: ReadonlySet<number> | undefined, knownYaml?: ReadonlyMap<string, unknown>,
    knownServers?: RenderedServers) {
    this.entries = entries;
    this.knownYaml = knownYaml ?? new Map();
    this.knownServers = knownServers ?? new Map();
    this.byObject = new Array(count);
    this.report = report;
    for (const e of entries) {
      if (e.name === undefined || e.group !== '') continue;
      const key = `${e.namespace}/${e.name}`;
      const index = e.kind === 'ConfigMap' ? this.configMaps : e.kind === 'Secret' ? this.secrets : undefined;
      if (index !== undefined && !index.has(key)) index.set(key, e);
    }
  }

  /** `compute()` for `key` in `table`, computed at most once per call (nothing is kept across calls). */
  public memo<K, V>(table: object, key: K, compute: () => V): V {
    let values = this.memos.get(table);
    if (values === undefined) this.memos.set(table, values = new Map());
    if (values.has(key)) return values.get(key) as V;
    const value = compute();
    values.set(key, value);
    return value;
  }

  /** Whether findings about the object at `index` are wanted. */
  public reports(index: number): boolean {
    return this.report === undefined || this.report.has(index);
  }

  /** The ConfigMap `<namespace>/<name>` among the objects. */
  public configMap(namespace: string, name: unknown): ObjectEntry | undefined {
    return typeof name === 'string' ? this.configMaps.get(`${namespace}/${name}`) : undefined;
  }

  /** The Secret `<namespace>/<name>` among the objects. */
  public secret(namespace: string, name: unknown): ObjectEntry | undefined {
    return typeof name === 'string' ? this.secrets.get(`${namespace}/${name}`) : undefined;
  }

  /** Records a finding about `entry` (unless it is not reported). */
  public add(entry: ObjectEntry, rule: ManifestRule, problem: Problem): void {
    if (this.reports(entry.index)) this.push(entry.index, entry.ref, entry.source, rule, problem);
  }

  /** Records a finding about `entry` even when it is not reported (a pair of which the other one is). */
  public addForPair(entry: ObjectEntry, rule: ManifestRule, problem: Problem): void {
    this.push(entry.index, entry.ref, entry.source, rule, problem);
  }

  /** Records a finding about the entry at `index`, which is not a Kubernetes object. */
  public addAt(index: number, object: string, source: string | undefined, rule: ManifestRule, problem: Problem): void {
    if (this.reports(index)) this.push(index, object, source, rule, problem);
  }

  private push(index: number, object: string, source: string | undefined, rule: ManifestRule, problem: Problem): void {
    const finding: ManifestFinding = {
      object,
      ...(source === undefined ? {} : { source }),
      field: problem.field,
      rule,
      ...(problem.check === undefined ? {} : { check: problem.check }),
      ...(problem.value === undefined ? {} : { value: problem.value }),
      message: problem.message,
      fix: problem.fix,
    };
    (this.byObject[index] ??= []).push(finding);
  }

  /** Every finding: object order, then rule order. */
  public findings(): ManifestFinding[] {
    const out: ManifestFinding[] = [];
    for (const findings of this.byObject) if (findings !== undefined) out.push(...findings);
    return out;
  }
}

/** Reads entry `index`: an ObjectEntry, or undefined when it is not an object with string apiVersion and kind. */
export function readEntry(value: unknown, index: number, source: string | undefined): ObjectEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const json = value as Json;
  const { apiVersion, kind } = json;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const metadata = obj(json.metadata);
  const slash = apiVersion.indexOf('/');
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const pod = podInfo(json, kind);
  return {
    index,
    json,
    apiVersion,
    kind,
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    metadata,
    ...(typeof metadata.name === 'string' ? { name: metadata.name } : {}),
    namespace,
    ref: objectRef(json),
    ...(source === undefined ? {} : { source }),
    ...(pod === undefined ? {} : { pod }),
  };
}
