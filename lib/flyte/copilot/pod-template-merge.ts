/**
 * A model of how Flyte merges its runtime PodTemplate into the pods it builds, per Flyte version,
 * so that a preview shows the pod Flyte will really create. Read from flyteorg/flyte
 * flyteplugins/go/tasks/pluginmachinery/flytek8s/pod_helper.go (`mergePodSpecs` at v1.13.3 and
 * v1.14.0, `MergeBasePodSpecOntoTemplate` at v1.15.1 and v1.16.8):
 * - the pod spec is the template's with the built pod merged over it (mergo, override + append-slice);
 * - every built container starts from the template's `default`, then `primary` (the primary
 *   container only), then, from v1.15.1 (PR #6262), a template container of the same name, then
 *   the built container itself; init containers likewise with `default-init` / `primary-init`
 *   from v1.14.0 (PR #5750; `primary-init` applies to the init container copilot names: the downloader);
 * - from v1.16.3 (PR #6733) no name-matched entry applies to the primary (init) container;
 * - template containers are never emitted; before v1.14.0 template *init* containers are emitted
 *   as they are, before the built ones, because only `containers` were rebuilt.
 */
import { Version } from '../../version';
import { MANIFEST_RULES, ManifestRule } from '../../rules/findings';
import { runRules } from '../../rules/run-rules';
import { SINCE, TEMPLATE } from './constants';
import { plainJson } from '../../plain-json';

/** Plain JSON as in a manifest. */
export type Json = any;

/** Fields that are Go maps (every key merges, the later value wins even when empty), not structs. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'nodeSelector', 'limits', 'requests', 'overhead', 'volumeAttributes', 'matchLabels', 'options']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return value === undefined ? value : plainJson(value);
}

/** mergo's isEmptyValue for the scalars JSON has: an empty source never overrides a set value. */
function isEmptyScalar(value: unknown): boolean {
  return value === false || value === 0 || value === '';
}

/**
 * `mergo.Merge(dst, src, mergo.WithOverride, mergo.WithAppendSlice)` (imdario/mergo v0.3.13) on JSON:
 * lists are concatenated (dst first), structs merge field by field, maps key by key, and a scalar
 * of `src` wins unless it is empty (`false`, `0`, `""`). Returns a new value; the inputs are not changed.
 * (IntOrString values are treated as scalars.)
 */
export function mergeAppend(dst: Json, src: Json, field = ''): Json {
  if (src === undefined || src === null) return clone(dst);
  if (dst === undefined || dst === null) return Array.isArray(src) && src.length === 0 ? undefined : clone(src);
  if (Array.isArray(dst) && Array.isArray(src)) return [...clone(dst), ...clone(src)];
  if (isObject(dst) && isObject(src)) {
    // Each value is copied once, where it lands (a copy of dst first, merged into, copied its
    // subtrees again at every level). The keys keep dst's order; src's new keys follow.
    const out: Record<string, unknown> = {};
    const merge = (key: string, value: unknown): void => {
      const merged = MAP_FIELDS.has(field) && value !== undefined && value !== null ? clone(value) : mergeAppend(out[key], value, key);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    };
    for (const key of Object.keys(dst)) {
      const value = dst[key];
      if (value !== undefined && typeof value !== 'function' && typeof value !== 'symbol') out[key] = value;
    }
    for (const key of Object.keys(src)) merge(key, src[key]);
    for (const key of Object.keys(out)) if (!Object.prototype.hasOwnProperty.call(src, key)) out[key] = clone(out[key]);
    return out;
  }
  return isEmptyScalar(src) ? clone(dst) : clone(src);
}

/** Metadata and spec of a pod, or of a PodTemplate's `template`. */
export interface PodParts {
  /** Pod metadata (labels, annotations). */
  readonly metadata?: Json;
  /** The pod spec. */
  readonly spec?: Json;
}

/** What the merge needs. */
export interface FlyteMergeInput {
  /** The Flyte version whose merge is modelled. */
  readonly flyteVersion: Version;
  /** The PodTemplate's `template`; none means Flyte found no template. */
  readonly template?: PodParts;
  /** The pod Flyte built before the merge (task containers, copilot containers, volumes). */
  readonly pod: PodParts;
  /** The task's primary container. */
  readonly primaryContainerName: string;
  /** The init container `primary-init` applies to (the copilot downloader), when there is one. */
  readonly primaryInitContainerName?: string;
}

/** Container lists of a pod spec that templates apply to. */
export type ContainerList = 'containers' | 'initContainers';

/** What happened to one entry of the template's container lists. */
export interface TemplateEntry {
  /** Which container list of the template the entry is in. */
  readonly list: ContainerList;
  /** Its position in that list. */
  readonly index: number;
  /** Its name. */
  readonly name: string;
  /** The built containers it was merged into. */
  readonly mergedInto: string[];
  /** Whether it became a container of the pod itself (template init containers before v1.14.0). */
  readonly emitted: boolean;
}

/** A template entry named after a container that Flyte, at this version, does not merge into it. */
export interface UnusableEntry {
  /** Which container list of the template the entry is in. */
  readonly list: ContainerList;
  /** Its position in that list. */
  readonly index: number;
  /** Its name. */
  readonly name: string;
  /** What Flyte does with it instead, and why. */
  readonly reason: string;
  /** What reaches the container at this version. */
  readonly alternative: string;
}

/** The merged pod and the fate of every template entry. */
export interface FlyteMergeResult {
  /** The merged pod metadata. */
  readonly metadata: Json;
  /** The merged pod spec. */
  readonly spec: Json;
  /** Template entries and where they were merged. */
  readonly entries: TemplateEntry[];
  /** Template entries Flyte ignores or cannot use at this version. */
  readonly unusable: UnusableEntry[];
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value : [];
}

/** Index of the entry pod_helper.go would pick for a magic name (its loop keeps the last one). */
function lastIndexNamed(entries: Json[], name: string): number {
  return entries.map((c) => c?.name).lastIndexOf(name);
}

/** Merges `input.template` into `input.pod` as the given Flyte version does. */
export function mergeFlytePod(input: FlyteMergeInput): FlyteMergeResult {
  const v = input.flyteVersion;
  const template = isObject(input.template?.spec) ? input.template!.spec : {};
  const built = isObject(input.pod.spec) ? input.pod.spec : {};
  const initTemplates = v.atLeast(SINCE.initTemplates);
  const entries: TemplateEntry[] = (['containers', 'initContainers'] as const).flatMap((which) =>
    list(template[which]).map((c, index) => ({
      list: which, index, name: String(c?.name ?? ''), mergedInto: [], emitted: which === 'initContainers' && !initTemplates,
    })));

  const mergeList = (which: ContainerList, defaultName: string, primaryName: string, primaryTarget: string | undefined): Json[] | undefined => {
    const templates = list(template[which]);
    const def = lastIndexNamed(templates, defaultName);
    const primary = lastIndexNamed(templates, primaryName);
    const merged = list(built[which]).map((container) => {
      let result: Json;
      const apply = (index: number) => {
        result = result === undefined ? clone(templates[index]) : mergeAppend(result, templates[index]);
        entries.find((e) => e.list === which && e.index === index)!.mergedInto.push(container.name);
      };
      if (def >= 0) apply(def);
      if (primary >= 0 && container.name === primaryTarget) apply(primary);
      if (v.atLeast(SINCE.nameMatch)) {
        const skipped = v.atLeast(SINCE.primaryNameMatchSkipped) && (container.name === primaryTarget || container.name === defaultName);
        templates.forEach((t, index) => {
          if (!skipped && t?.name === container.name) apply(index);
        });
      }
      return result === undefined ? clone(container) : mergeAppend(result, container);
    });
    return merged.length ? merged : undefined;
  };

  // Lists of the pod spec are appended here (template first); the container lists are then rebuilt.
  const spec = mergeAppend(template, built);
  spec.containers = mergeList('containers', TEMPLATE.default, TEMPLATE.primary, input.primaryContainerName);
  if (initTemplates) spec.initContainers = mergeList('initContainers', TEMPLATE.defaultInit, TEMPLATE.primaryInit, input.primaryInitContainerName);
  for (const key of ['containers', 'initContainers']) if (spec[key] === undefined) delete spec[key];

  const metadata = mergeAppend(isObject(input.template?.metadata) ? input.template!.metadata : {}, input.pod.metadata ?? {});
  return { metadata, spec, entries, unusable: unusableEntries(input, built, entries) };
}

/** Template entries named after a built container that do not reach it, with Flyte's reason. */
function unusableEntries(input: FlyteMergeInput, built: Json, entries: TemplateEntry[]): UnusableEntry[] {
  const v = input.flyteVersion.tag;
  const out: UnusableEntry[] = [];
  for (const e of entries) {
    const init = e.list === 'initContainers';
    const magic: string[] = init ? [TEMPLATE.defaultInit, TEMPLATE.primaryInit] : [TEMPLATE.default, TEMPLATE.primary];
    const names = list(built[e.list]).map((c) => c?.name);
    const entry = (reason: string, alternative: string) => out.push({ list: e.list, index: e.index, name: e.name, reason, alternative });
    const useMagic = init
      ? 'a "default-init" entry (every init container) or "primary-init" (the primary init container: the copilot downloader)'
      : 'a "default" entry (every container) or "primary" (the primary container)';
    if (e.emitted) {
      const noTemplates = `Flyte ${v} has no init-container templates (they arrived in v1.14.0, PR #5750) and adds the template's init containers to the pod as they are`;
      if (names.includes(e.name)) {
        entry(`${noTemplates}, so a second init container "${e.name}" would stand beside Flyte's own and the API server rejects two containers with one name`,
          `Flyte >= v1.15.1 (PR #6262), where an entry named after a container merges into it; "default-init"/"primary-init" from v1.14.0`);
      } else if (magic.includes(e.name)) {
        entry(`${noTemplates}, so "${e.name}" would run as an init container of its own`, 'Flyte >= v1.14.0, or a template without initContainers');
      }
      continue;
    }
    if (magic.includes(e.name) || !names.includes(e.name) || e.mergedInto.includes(e.name)) continue;
    if (input.flyteVersion.below(SINCE.nameMatch)) {
      entry(`Flyte ${v} merges template ${e.list} only through ${magic.map((m) => `"${m}"`).join(' and ')} and drops an entry named after a container `
        + `(name-matched merging arrived in v1.15.1, PR #6262), so "${e.name}" would not reach the container`, `${useMagic}, or Flyte >= v1.15.1`);
    } else {
      entry(`Flyte ${v} skips template entries named after the primary${init ? ' init' : ''} container (since v1.16.3, PR #6733), so "${e.name}" would not reach it`,
        init ? 'a "primary-init" entry, which applies to the primary init container (the copilot downloader)' : 'a "primary" entry, which applies to the primary container');
    }
  }
  return out;
}

/** The rules over one pod that the API server enforces on a pod's containers and volumes (lib/rules/pod-wiring.ts). */
const POD_RULES: readonly ManifestRule[] = ['volume-mount', 'probe-port'];

/**
 * What the API server would refuse in a pod: two containers or two volumes with one name, a mount
 * without a volume, two mounts on one path, a probe on a port no container declares. Judged by
 * the rules that judge every pod at synth.
 */
export function podApiProblems(pod: { metadata?: Json; spec: Json }): string[] {
  const object = { apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata ?? {}, spec: pod.spec };
  return runRules([object], { skip: MANIFEST_RULES.filter((r) => !POD_RULES.includes(r)) }).map((f) => f.message);
}
