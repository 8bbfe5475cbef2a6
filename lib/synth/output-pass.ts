import { performance } from 'perf_hooks';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { runRules } from '../rules/run-rules';
import { ManifestFinding } from '../rules/findings';
import { ValidationError } from '../errors';
import { renderJson } from '../render-json';
import { FindingCauses, installPassRunner, PassRegistry, passRegistry } from '../synth-pass';
import { markSynthesized } from '../wiring';
import { cdk8sCall } from './cdk8s-call';
import { previewsInOutputFolder } from './output-folder';

export { FindingCause, FindingCauses, OwnerOptions } from '../synth-pass';

/** One object as the pass rendered it. */
export interface RenderedObject {
  /** The final JSON (after JSON patches and every other escape hatch). */
  readonly json: any;
  /** The construct path of the ApiObject. */
  readonly path: string;
  /** The construct path of the library construct that emitted it, when one did. */
  readonly owner?: string;
  /** Whether that construct is a preview (an object to inspect, never to apply). */
  readonly preview?: boolean;
  /** The props of that construct that gave fields of this object, for refusals of a duplicate (see `OwnerOptions.causes`). */
  readonly causes?: FindingCauses;
}

/**
 * The one synth-time check of what is emitted. cdk8s validates the whole construct tree before it
 * renders anything (`App.synth`, `App.synthYaml`, `Chart.toJson`/`Testing.synth` alike); this
 * validation, on the root, renders every ApiObject of the tree once, after every patch, and checks
 * that final JSON with the rules (lib/rules): names, labels, duplicates, ports, probes, mounts,
 * resources, Pod Security restricted, TLS consistency, inline secrets, open CORS and more. The
 * objects the library emits are checked; every other object of the app is context (a user's object
 * that clashes with ours is a duplicate). Checks across constructs (a Console's origin against its
 * Admin's version) run here too, so that everything refused at synth reaches the caller as one
 * `ValidationError` (cdk8s would wrap the messages of ordinary validations in a plain `Error`).
 *
 * The renderings are kept in the App's render cache (lib/synth-pass.ts `rendering`) while the pass
 * runs, then dropped: a construct that reads another's object while it renders (a checksum of a
 * ConfigMap) reads what is checked. `toJson` stays cdk8s's own, and cdk8s renders the output from
 * it (the same JSON). cdk8s validates the App again for each chart inside `App.synth()` and
 * `App.synthYaml()`; that repeat, of the same tree in the same synth, is not checked again
 * (lib/synth/cdk8s-call.ts).
 */
export class OutputPass {
  /** The pass of the construct tree `scope` belongs to. */
  public static of(scope: IConstruct): OutputPass {
    const root = scope.node.root;
    let pass = PASSES.get(root);
    if (pass === undefined) {
      pass = new OutputPass(passRegistry(root));
      PASSES.set(root, pass);
    }
    return pass;
  }

  /**
   * @internal Milliseconds every pass of this process spent beyond rendering: the pass's own cost,
   * for `npm run bench`.
   */
  public static checkMs = 0;

  private last: RenderedObject[] = [];

  private constructor(private readonly registry: PassRegistry) {}

  /**
   * @internal Drops the objects of the last synth: for a caller that has its output (synthStacks,
   * which keeps every stack's tree alive until it is written).
   */
  public release(): void {
    this.last = [];
  }

  /**
   * @internal The App's YAML is written by `manifestYaml` (synthStacks, writeStacks), not by
   * cdk8s's `Yaml.stringify`: strings that cdk8s's writer would write in a form Go reads otherwise
   * are written safely there, so rule `yaml-reading` does not refuse them.
   */
  public writtenByLibraryWriter(): void {
    this.registry.libraryWriter = true;
  }

  /** The objects of the last synth, as checked (every object of the tree). */
  public get rendered(): readonly RenderedObject[] {
    return this.last;
  }

  /** @internal Runs the pass over the App `root` (installed as the pass runner below). */
  public run(root: IConstruct): void {
    const call = cdk8sCall();
    // The repeat validation of a synth whose first this pass passed a moment ago: nothing ran between
    // (had the first refused, the synth would have stopped there).
    if (call.repeatWithinAppSynth) return;
    const errors: ValidationError[] = [];
    const started = performance.now();
    let renderMs = 0;
    const { owners, knownYaml, knownServers } = this.registry;
    // What the constructs render during this synth tells what they rendered: nothing of an earlier one.
    knownServers.clear();
    // A new synth: every object renders afresh, once, into the render cache of this pass (the
    // checks across constructs read it too).
    const renderings = this.registry.renderings = new Map<ApiObject, unknown>();
    try {
      const previews: IConstruct[] = [];
      for (const [owner, options] of owners) {
        if (options.crossCheck && isInTree(owner, root)) errors.push(...options.crossCheck());
        if (options.preview && isInTree(owner, root)) previews.push(owner);
      }
      errors.push(...previewsInOutputFolder(root, previews, call.appSynth));
      const rendered: RenderedObject[] = [];
      for (const object of root.node.findAll()) {
        if (!ApiObject.isApiObject(object)) continue;
        const { owner, causer } = this.ownersOf(object, owners);
        const renderStarted = performance.now();
        const json = render(object, renderings, owner, errors);
        renderMs += performance.now() - renderStarted;
        if (json === undefined) continue;
        const causes = causer && owners.get(causer)!.causes!(json);
        rendered.push({ json, path: object.node.path, owner: owner?.node.path, preview: owner ? owners.get(owner)!.preview : undefined, ...(causes ? { causes } : {}) });
      }
      this.last = rendered;
      const report = new Set<number>();
      rendered.forEach((r, i) => r.owner !== undefined && report.add(i));
      if (report.size > 0) {
        const findings = runRules(rendered.map((r) => r.json), {
          sources: rendered.map((r) => r.path), complete: true, report, knownYaml, knownServers, cdk8sWriter: !this.registry.libraryWriter,
        });
        const byPath = findings.length ? new Map(rendered.map((r) => [r.path, r])) : undefined;
        errors.push(...findings.map((f) => {
          const r = f.source === undefined ? undefined : byPath!.get(f.source);
          // A clash with a user's own object is named as the object: the user's name is as much the cause.
          return toValidationError(f, r?.causes && f.rule === 'duplicate' && pairedWithOwned(r, f.field, rendered) ? r.causes : undefined);
        }));
      }
      OutputPass.checkMs += performance.now() - started - renderMs;
      knownYaml.clear();
    } finally {
      // The renderings served this pass (its checks, the checksums and namespaces read while it
      // rendered): they go now, so that nothing keeps them, or the tree, beyond the pass.
      this.registry.renderings = undefined;
    }
    if (errors.length > 0) throw ValidationError.aggregate(errors);
    // Its output is written now: a registration from another App would miss it (see wiring.ts).
    markSynthesized(root);
  }

  /** The nearest library construct above `construct`, and the nearest one that names causes. */
  private ownersOf(construct: IConstruct, owners: ReadonlyMap<IConstruct, { causes?: unknown }>): { owner?: IConstruct; causer?: IConstruct } {
    let owner: IConstruct | undefined;
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      const options = owners.get(c);
      if (options === undefined) continue;
      owner ??= c;
      if (options.causes) return { owner, causer: c };
    }
    return { owner };
  }
}

/** The pass of each App (an App's root), made on first use. */
const PASSES = new WeakMap<IConstruct, OutputPass>();

installPassRunner((root) => OutputPass.of(root).run(root));

/** Whether every other object that `r` duplicates in `field` was emitted by a library construct too. */
function pairedWithOwned(r: RenderedObject, field: string, rendered: readonly RenderedObject[]): boolean {
  const key = (json: any) => `${json?.apiVersion?.split('/').slice(0, -1).join('/')}\u0000${json?.kind}\u0000${json?.metadata?.namespace ?? ''}`;
  const value = (json: any) => JSON.stringify(field === 'metadata.name' ? json?.metadata?.name : field === 'spec.secretName' ? json?.spec?.secretName : json?.spec?.scaleTargetRef);
  const [k, v] = [key(r.json), value(r.json)];
  return rendered.every((o) => o === r || o.owner !== undefined || key(o.json) !== k || value(o.json) !== v);
}

/**
 * A finding on emitted JSON as a refusal: the object's construct path, the field and its value; a
 * duplicate of a field a library construct derived from one of its props is refused as that prop.
 */
export function toValidationError(f: ManifestFinding, causes?: FindingCauses): ValidationError {
  const reason = `${f.object} breaks rule ${f.rule}${f.check ? ` (${f.check})` : ''}: ${f.message}`;
  const cause = f.rule === 'duplicate' ? causes?.[f.field] : undefined;
  if (cause) return new ValidationError(cause.path, cause.prop, cause.value, reason, cause.allowed);
  return new ValidationError(f.source ?? f.object, f.field || 'manifest', f.value, reason, `the fix: ${f.fix}`);
}

function isInTree(construct: IConstruct, root: IConstruct): boolean {
  return construct.node.root === root && construct.node.scope?.node.tryFindChild(construct.node.id) === construct;
}

/**
 * Renders an object into the synth's render cache (unless a library construct already read it
 * while rendering another). cdk8s turns a failing render (a JSON patch whose path does not exist)
 * into a plain Error: it becomes a refusal of the object here.
 */
function render(object: ApiObject, renderings: Map<ApiObject, unknown>, owner: IConstruct | undefined, errors: ValidationError[]): any {
  if (renderings.has(object)) return renderings.get(object);
  try {
    const json = renderJson(object);
    renderings.set(object, json);
    return json;
  } catch (e) {
    errors.push(new ValidationError(object.node.path, 'toJson', undefined, `the object cannot be rendered: ${(e as Error).message}`,
      owner ? 'JSON patches whose paths exist in the object' : 'an object that renders'));
    return undefined;
  }
}
