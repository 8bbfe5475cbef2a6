import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkManifests } from '../check/check-manifests';
import { MANIFEST_RULES } from '../rules/findings';
import { ValidationError } from '../errors';
import { isDnsLabel, isDnsSubdomain } from '../names';
import { checkProps, defineType, refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { manifestYaml } from '../yaml/manifest-yaml';
import { checkPreviewsDir, freshFolder, kustomizationText, outputFolderKind, swapInto } from './output-folder';
import { FindingCauses, OutputPass, toValidationError } from './output-pass';
import { whileBuilding } from '../wiring';

/**
 * One stack: an id (its output file is `<id>.k8s.yaml`) and what creates its chart. In TypeScript
 * an object literal does: `{ id: 'platform', createChart: (scope, id) => new Chart(scope, id) }`.
 */
export interface IStack {
  /** The chart id: a DNS-1123 subdomain, unique among the stacks. */
  readonly id: string;
  /** Creates the stack's chart in `scope` under `id`. */
  createChart(scope: Construct, id: string): Chart;
}

/**
 * cdk8s's `App.synth()` costs grow quadratically with the number of charts in one App; one App per
 * stack keeps many stacks linear. Every stack is built first, then each is synthesized alone (its
 * checks run too): wiring from one stack to a construct of another (a Console in one, its Admin in
 * another) is registered before either is written, so it lands in both outputs. Then the objects of
 * all stacks are checked together for duplicates: they share one cluster. Every stack is tried, so
 * one run reports the refusals of all of them.
 */
function synthEach(stacks: Iterable<IStack>, role: 'cluster' | 'preview' | 'any', caller: string, listName = 'stacks'): Map<string, string> {
  const list = checkStacks(stacks, caller);
  const results = new Map<string, string>();
  const failures: { id?: string; error: unknown }[] = [];
  const identities: { json: unknown; source: string; causes?: FindingCauses }[] = [];
  const built = whileBuilding(`the ${listName} of this ${caller} call`, (enter) => list.map((stack) => {
    try {
      const app = new App();
      const pass = OutputPass.of(app);
      pass.writtenByLibraryWriter();
      enter(app, stack.id);
      stack.createChart(app, stack.id);
      return { stack, app, pass };
    } catch (error) {
      failures.push({ id: stack.id, error });
      return undefined;
    }
  }));
  built.forEach((b, i) => {
    if (!b) return;
    // Only the stack's output is kept: its tree can go once written (unless another stack's constructs refer to it).
    built[i] = undefined;
    const { stack, app, pass } = b;
    try {
      results.set(stack.id, synthYaml(app, pass));
      for (const r of pass.rendered) identities.push({ json: identityOf(r.json), source: r.path, causes: r.causes });
      const preview = role === 'cluster' ? pass.rendered.find((r) => r.preview) : undefined;
      if (preview) {
        // `kubectl apply -R -f dist` would run a preview: it belongs with the previews, never the cluster.
        failures.push({ id: stack.id, error: new ValidationError(preview.owner!, 'stack', stack.id,
          `${preview.owner} is a preview of a pod Flyte builds (it would run if the cluster output were applied)`, 'the stack in the previews of writeStacks, or Testing.synth in a test') });
      }
      pass.release();
    } catch (error) {
      failures.push({ id: stack.id, error });
    }
  });
  if (failures.length === 0) {
    // Across stacks only: each stack's own duplicates were refused by its pass.
    const findings = checkManifests(identities.map((i) => i.json), { sources: identities.map((i) => i.source), skip: MANIFEST_RULES.filter((r) => r !== 'duplicate') });
    const causes = new Map(identities.map((i) => [i.source, i.causes]));
    failures.push(...findings.map((f) => ({ error: toValidationError(f, f.source === undefined ? undefined : causes.get(f.source)) })));
  }
  if (failures.length === 0) return results;
  if (failures.every((f) => f.error instanceof ValidationError)) throw ValidationError.aggregate(failures.map((f) => f.error as ValidationError));
  // Errors that are not refusals of this library (a user's own validation, a bug in a build
  // function) are reported as they are, every stack's.
  if (failures.length === 1) throw failures[0].error;
  throw new Error(`${failures.length} of ${list.length} stacks failed:\n${failures.map((f) => `stack ${f.id ?? '(all)'}: ${(f.error as Error)?.message ?? f.error}`).join('\n')}`);
}

/**
 * The documents of `app.synthYaml()`, written by `manifestYaml` (cdk8s's text, faster, and read
 * back by every reader).
 *
 * An app of one chart whose constructs declare no dependencies (every stack of the example app) is
 * validated once, as cdk8s validates it (every validation of every construct, the synth-time pass
 * among them), and written from the pass's rendering: cdk8s would order the chart's objects as the
 * tree does (its dependency graph has no edge then) and render each of them once more to the same
 * JSON. Any other app takes cdk8s's own rendering: each chart's `toJson` validates once (the
 * first also resolves the dependencies between charts, which order `app.charts` as `synthYaml`
 * orders them).
 */
function synthYaml(app: App, pass: OutputPass): string {
  const nodes = app.node.findAll();
  const charts = nodes.filter((c): c is Chart => Chart.isChart(c));
  if (charts.length === 0) return app.synthYaml();
  if (charts.length === 1 && nodes.every((c) => c.node.dependencies.length === 0)) {
    validateTree(nodes);
    return manifestYaml(pass.rendered.map((r) => r.json), pass.rendered.map((r) => r.path));
  }
  const firstDocs = charts[0].toJson();
  // `app.charts` orders the charts by their dependencies (a graph of the whole tree): only for several.
  const docs = charts.length === 1 ? firstDocs : app.charts.flatMap((chart) => (chart === charts[0] ? firstDocs : chart.toJson()));
  // The writer names an object it refuses by its construct path. cdk8s rendered the documents again
  // (toJson is its own); an object is known by its identity, which no two objects of a synth share.
  const paths = new Map(pass.rendered.map((r) => [identityKey(r.json), r.path]));
  return manifestYaml(docs, docs.map((doc) => paths.get(identityKey(doc))));
}

/**
 * Runs every validation of every construct of a tree (`nodes`, root first), and reports the
 * messages as cdk8s's synth reports them. The synth-time pass is one of them, and throws its own.
 */
function validateTree(nodes: readonly IConstruct[]): void {
  const errors = nodes.flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/** An object's API version, kind, namespace and name, as one key. */
function identityKey(json: any): string {
  return `${json?.apiVersion}\u0000${json?.kind}\u0000${json?.metadata?.namespace ?? ''}\u0000${json?.metadata?.name}`;
}

/** What duplicates are judged on (kept instead of whole objects, so many stacks stay small in memory). */
function identityOf(json: any): unknown {
  const meta = json?.metadata ?? {};
  const certificate = json?.kind === 'Certificate' ? { spec: { secretName: json.spec?.secretName } } : {};
  const autoscaler = json?.spec?.scaleTargetRef !== undefined ? { spec: { scaleTargetRef: json.spec.scaleTargetRef } } : {};
  return { apiVersion: json?.apiVersion, kind: json?.kind, metadata: { name: meta.name, namespace: meta.namespace }, ...certificate, ...autoscaler };
}

function checkStacks(stacks: Iterable<IStack>, caller: string): IStack[] {
  if (stacks === null || typeof stacks !== 'object' || typeof (stacks as any)[Symbol.iterator] !== 'function') {
    throw new ValidationError(caller, 'stacks', stacks, 'not a list of stacks', 'a list of { id, createChart } stacks');
  }
  const list = [...stacks];
  const seen = new Set<string>();
  list.forEach((stack, i) => {
    if (typeof stack !== 'object' || stack === null || Array.isArray(stack)) {
      throw new ValidationError(caller, `stacks[${i}]`, stack, 'not a stack spec', 'an object { id, createChart: (scope, id) => Chart }');
    }
    // Named as the field it is, so that a JavaScript caller sees which one is wrong.
    if (typeof stack.createChart !== 'function') {
      throw new ValidationError(caller, `stacks[${i}].createChart`, stack.createChart, 'not a function', 'a function (scope, id) => Chart that creates the stack\'s chart');
    }
    const unknown = Object.keys(stack).find((k) => k !== 'id' && k !== 'createChart');
    if (unknown) throw new ValidationError(caller, `stacks[${i}].${unknown}`, (stack as any)[unknown], `${unknown} is not a field of a stack`, 'id and createChart');
    if (typeof stack.id !== 'string' || !isDnsSubdomain(stack.id) || seen.has(stack.id)) {
      throw new ValidationError(caller, 'id', stack.id, seen.has(stack.id) ? 'two stacks share this id' : 'not a DNS-1123 subdomain', 'a unique lower-case id such as "flyte-tls"');
    }
    seen.add(stack.id);
  });
  return list;
}

/**
 * Synthesizes each stack in its own App and returns `id → YAML` (multi-document), in order. Every
 * stack is built before any is synthesized, so wiring from one stack to a construct of another
 * lands in both; wiring to a construct of no stack of the call is refused (docs/wiring.md).
 * @throws ValidationError with every refusal of every stack (`errors`), including objects that two stacks both emit
 */
export function synthStacks(stacks: Iterable<IStack>): Map<string, string> {
  return synthEach(stacks, 'any', 'synthStacks');
}

/** Options of `writeStacks`. */
export interface WriteStacksOptions {
  /**
   * The folder the cluster's manifests go to, one `<id>.k8s.yaml` per stack.
   * @default - CDK8S_OUTDIR (set by the cdk8s CLI), else `dist`
   */
  readonly outdir?: string;
  /**
   * Write `<outdir>/kustomization.yaml` listing the stacks' files, so `kubectl apply -k <outdir>`
   * applies the cluster.
   * @default - true, except where the cdk8s CLI synthesizes a Helm chart (`--format helm`) or to
   * standard output (`--stdout`): there only manifests belong
   */
  readonly kustomization?: boolean;
  /**
   * Stacks that replace one of `stacks` in another cluster (a second metrics-server mode registers
   * the same APIService): written to `<outdir>/alternatives/`, outside the kustomization; left out
   * of a Helm chart and of standard output.
   * @default - none
   */
  readonly alternatives?: IStack[];
  /**
   * Variants of the cluster, each in its own sub-folder of `<outdir>/alternatives/` (the cluster on
   * another gateway implementation): each folder is one cluster's replacements, checked on its own;
   * outside the kustomization, a Helm chart and standard output.
   * @default - none
   */
  readonly alternativeFolders?: AlternativeFolder[];
  /**
   * Previews (e.g. a `CopilotPod`: the pod Flyte builds, to inspect and test, never to apply):
   * written to `previewsDir`, never to `outdir`; left out of a Helm chart and of standard output.
   * A preview in `stacks` is refused.
   * @default - none
   */
  readonly previews?: IStack[];
  /**
   * The folder previews are written to (replaced as a whole).
   * @default - `previews`, beside `outdir` (`dist` → `previews`)
   */
  readonly previewsDir?: string;
}

/** A variant of the cluster: the stacks that differ, written to `<outdir>/alternatives/<folder>/`. */
export interface AlternativeFolder {
  /** The sub-folder's name (a DNS label, e.g. `istio`). */
  readonly folder: string;
  /** The stacks of the variant. */
  readonly stacks: IStack[];
}

// Lists of stacks are any iterable, as `synthStacks` takes them: it checks them and their specs.
defineType('IStack', T.any('a stack spec { id, createChart }'));
const STACK_LIST = T.any('a list of stack specs');
const WRITE_OPTIONS = refineFields('WriteStacksOptions', { alternatives: STACK_LIST, previews: STACK_LIST });
refineFields('AlternativeFolder', { stacks: STACK_LIST });

/**
 * Writes each stack to `<outdir>/<id>.k8s.yaml`, as `cdk8s synth` does, but with one App per stack
 * (linear in the number of stacks), and the `kustomization.yaml` that lists them (see `options`).
 * Like `synthStacks`, it builds every stack of a list before synthesizing any; the alternatives and
 * the previews are lists of their own, which wire only within themselves.
 * Nothing is written unless every stack, alternative and preview synthesizes and no two stacks emit
 * the same object. Use it as the body of a cdk8s app (`apps/main.ts`), so that plain
 * `cdk8s synth` writes the complete output.
 * @returns the ids of the stacks written to `outdir`
 * @throws ValidationError with every refusal (`errors`)
 */
export function writeStacks(stacks: Iterable<IStack>, options: WriteStacksOptions = {}): string[] {
  options = checkProps('writeStacks', '', options ?? {}, WRITE_OPTIONS, 'options of writeStacks') as WriteStacksOptions;
  const outdir = options.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist';
  const kind = outputFolderKind(outdir);
  const clusterOnly = kind !== 'cluster';
  const previewsDir = options.previewsDir ?? path.join(path.dirname(path.resolve(outdir)), 'previews');
  if (options.previews && !clusterOnly) checkPreviewsDir(previewsDir, outdir, options.previewsDir);
  // Every group is synthesized before anything is written; every group's refusals are reported.
  const folders = clusterOnly ? [] : (options.alternativeFolders ?? []).map((f, i) => {
    if (typeof f.folder !== 'string' || !isDnsLabel(f.folder) || options.alternativeFolders!.findIndex((o) => o.folder === f.folder) !== i) {
      throw new ValidationError('writeStacks', `alternativeFolders[${i}].folder`, f.folder, 'not a folder name of its own', 'a DNS label such as "istio", one per folder');
    }
    return f;
  });
  // Each list is built and synthesized on its own: an alternative or a preview stands for another
  // cluster (or none), so it wires only within its list, and never changes a stack of the cluster.
  const groups: [Iterable<IStack> | undefined, 'cluster' | 'preview', string][] = [
    [stacks, 'cluster', 'stacks'], [clusterOnly ? undefined : options.alternatives, 'cluster', 'alternatives'], [clusterOnly ? undefined : options.previews, 'preview', 'previews'],
    // Each folder is a cluster of its own: its stacks are checked for duplicates among themselves only.
    ...folders.map((f, i): [IStack[], 'cluster', string] => [f.stacks, 'cluster', `alternativeFolders[${i}]`]),
  ];
  const failures: unknown[] = [];
  const [main, alternatives, previews, ...variants] = groups.map(([group, role, listName]) => {
    if (group === undefined) return undefined;
    try {
      return synthEach(group, role, 'writeStacks', listName);
    } catch (e) {
      failures.push(e);
      return undefined;
    }
  });
  if (failures.length > 0) {
    if (failures.every((f) => f instanceof ValidationError)) throw ValidationError.aggregate(failures as ValidationError[]);
    throw failures.find((f) => !(f instanceof ValidationError));
  }
  // `cdk8s synth --stdout` prints the files one after the other: without a document marker at the
  // start of each, the last object of one file and the first of the next would merge into one.
  writeFolder(outdir, main!, kind === 'stdout' ? '---\n' : '');
  if (options.kustomization ?? !clusterOnly) fs.writeFileSync(path.join(outdir, 'kustomization.yaml'), kustomizationText([...main!.keys()].map(fileOf).sort()));
  if (alternatives) writeFolder(path.join(outdir, 'alternatives'), alternatives);
  folders.forEach((f, i) => writeFolder(path.join(outdir, 'alternatives', f.folder), variants[i]!));
  if (previews) replaceFolder(previewsDir, previews);
  return [...main!.keys()];
}

function fileOf(id: string): string {
  return `${id}.k8s.yaml`;
}

function writeFolder(folder: string, stacks: Map<string, string>, start = ''): void {
  fs.mkdirSync(folder, { recursive: true });
  for (const [id, text] of stacks) fs.writeFileSync(path.join(folder, fileOf(id)), start + text, { encoding: 'utf8' });
}

/** Replaces `folder` with exactly `stacks`' files (written beside it first, then renamed into place). */
function replaceFolder(folder: string, stacks: Map<string, string>): void {
  const tmp = freshFolder(`${path.resolve(folder)}.tmp-`);
  writeFolder(tmp, stacks);
  swapInto(tmp, folder);
}
