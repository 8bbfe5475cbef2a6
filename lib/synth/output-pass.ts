import { performance } from 'perf_hooks';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { runRules } from '../check/check-manifests';
import { ManifestFinding } from '../check/findings';
import { ValidationError } from '../errors';
import { markSynthesized } from '../wiring';
import { previewsInOutputFolder } from './output-folder';

const PASS = Symbol.for('cdk8s-tls-constructs.OutputPass');
const MEMO = Symbol.for('cdk8s-tls-constructs.OutputPass.memo');

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

/** The prop of a library construct that gave a field of one of its objects. */
export interface FindingCause {
  /** The construct path; the prop belongs to it. */
  readonly path: string;
  readonly prop: string;
  readonly value: unknown;
  /** What to use instead, for the refusal. */
  readonly allowed: string;
}

/** Causes by field (`metadata.name`, `spec.secretName`, `spec.scaleTargetRef`). */
export type FindingCauses = { readonly [field: string]: FindingCause };

/** Options of `OutputPass.register`. */
export interface OwnerOptions {
  /** Rules across constructs, judged once the tree is complete. @default - none */
  readonly crossCheck?: () => ValidationError[];
  /** The construct's objects are a preview (a CopilotPod): never cluster output. @default false */
  readonly preview?: boolean;
  /**
   * Which prop gave the name (or Secret, or target) of an object of the construct: a duplicate is
   * then refused as that prop (`namespace`, `name`, `tls`, `target`), not as the field it made.
   * Called for every object of the construct: return maps made once, not per object.
   * @default - the object's field is named
   */
  readonly causes?: (json: any) => FindingCauses | undefined;
}

/**
 * The one synth-time check of what is emitted. cdk8s validates the whole construct tree before it
 * renders anything (`App.synth`, `App.synthYaml`, `Chart.toJson`/`Testing.synth` alike); this
 * validation, on the root, renders every ApiObject of the tree once, after every patch, and checks
 * that final JSON with `checkManifests`: names, labels, duplicates, ports, probes, mounts,
 * resources, Pod Security restricted, TLS consistency, inline secrets and open CORS. The objects the
 * library emits are checked; every other object of the app is context (a user's object that clashes
 * with ours is a duplicate). Checks across constructs (a Console's origin against its Admin's
 * version) run here too, so that everything refused at synth reaches the caller as one
 * `ValidationError` (cdk8s would wrap the messages of ordinary validations in a plain `Error`).
 *
 * The rendering is memoised for the synth that follows, so nothing is rendered twice: until the
 * synchronous code that started the synth has finished (or the next synth starts), an object's
 * `toJson` returns the JSON that was checked. Objects a library construct reads while rendering
 * another (a ConfigMap's data for a checksum annotation) are read from the same rendering.
 */
export class OutputPass {
  /** The pass of the construct tree `scope` belongs to, installed on its root on first use. */
  public static of(scope: IConstruct): OutputPass {
    const root = scope.node.root as IConstruct & { [PASS]?: OutputPass };
    if (!root[PASS]) {
      const pass = new OutputPass(root);
      Object.defineProperty(root, PASS, { value: pass });
      root.node.addValidation({ validate: () => pass.run() });
    }
    return root[PASS]!;
  }

  /**
   * @internal Milliseconds every pass of this process spent beyond rendering (which the synth
   * reuses instead of rendering again): the pass's own cost, for `npm run bench`.
   */
  public static checkMs = 0;

  private readonly owners = new Map<IConstruct, OwnerOptions>();
  private last: RenderedObject[] = [];
  private known = new Map<string, unknown>();
  /** The objects whose toJson is memoised, until released. */
  private held: { objects: Memoised[] } = { objects: [] };
  /** Whether the App's YAML is written by the library's writer (`writtenByLibraryWriter`). */
  private libraryWriter = false;

  private constructor(private readonly root: IConstruct) {}

  /**
   * Marks `owner` as a library construct: its objects are checked. `crossCheck` returns the
   * refusals of rules across constructs, which can only be judged once the tree is complete.
   */
  public register(owner: IConstruct, options: OwnerOptions = {}): void {
    this.owners.set(owner, options);
  }

  /** Forgets a construct that was refused and removed from the tree. */
  public unregister(owner: IConstruct): void {
    this.owners.delete(owner);
  }

  /**
   * Records that `text` is the YAML rendering of `value` (a ConfigMap file the construct just
   * rendered), so the checks read the value instead of parsing the text again. Keyed by the exact
   * text: a patched text is parsed.
   */
  public renderedYaml(text: string, value: unknown): void {
    this.known.set(text, value);
  }

  /**
   * @internal The App's YAML is written by `manifestYaml` (synthStacks, writeStacks), not by
   * cdk8s's `Yaml.stringify`: strings that cdk8s's writer would write in a form Go reads otherwise
   * are written safely there, so rule `yaml-reading` does not refuse them.
   */
  public writtenByLibraryWriter(): void {
    this.libraryWriter = true;
  }

  /**
   * @internal Drops the memos of the last synth now rather than at the next tick: for a caller
   * that has its output (synthStacks, which synthesizes one App per stack in one tick).
   */
  public release(): void {
    release(this.held);
  }

  /** The objects of the last synth, as checked (every object of the tree). */
  public get rendered(): readonly RenderedObject[] {
    return this.last;
  }

  private run(): string[] {
    const errors: ValidationError[] = [];
    const started = performance.now();
    let renderMs = 0;
    const previews: IConstruct[] = [];
    for (const [owner, options] of this.owners) {
      if (options.crossCheck && isInTree(owner, this.root)) errors.push(...options.crossCheck());
      if (options.preview && isInTree(owner, this.root)) previews.push(owner);
    }
    errors.push(...previewsInOutputFolder(this.root, previews));
    const objects = this.root.node.findAll().filter((c): c is Memoised => ApiObject.isApiObject(c));
    // Renderings of an earlier synth in this tick are stale now: every object renders afresh.
    objects.forEach(forget);
    const rendered: RenderedObject[] = [];
    for (const object of objects) {
      const { owner, causer } = this.ownersOf(object);
      const renderStarted = performance.now();
      const json = render(object, owner, errors);
      renderMs += performance.now() - renderStarted;
      if (json === undefined) continue;
      const causes = causer && this.owners.get(causer)!.causes!(json);
      rendered.push({ json, path: object.node.path, owner: owner?.node.path, preview: owner ? this.owners.get(owner)!.preview : undefined, ...(causes ? { causes } : {}) });
    }
    // The memos are for the synth that runs now: they must not outlive it, nor keep the tree alive
    // until the next tick (a caller synthesizing many Apps in one tick would hold all of them).
    const held = this.held = { objects };
    process.nextTick(() => release(held));
    this.last = rendered;
    const report = new Set<number>();
    rendered.forEach((r, i) => r.owner !== undefined && report.add(i));
    if (report.size > 0) {
      const findings = runRules(rendered.map((r) => r.json), {
        sources: rendered.map((r) => r.path), complete: true, report, knownYaml: this.known, cdk8sWriter: !this.libraryWriter,
      });
      const byPath = findings.length ? new Map(rendered.map((r) => [r.path, r])) : undefined;
      errors.push(...findings.map((f) => {
        const r = f.source === undefined ? undefined : byPath!.get(f.source);
        // A clash with a user's own object is named as the object: the user's name is as much the cause.
        return toValidationError(f, r?.causes && f.rule === 'duplicate' && pairedWithOwned(r, f.field, rendered) ? r.causes : undefined);
      }));
    }
    OutputPass.checkMs += performance.now() - started - renderMs;
    this.known = new Map();
    if (errors.length > 0) throw ValidationError.aggregate(errors);
    // Its output is written now: a registration from another App would miss it (see wiring.ts).
    markSynthesized(this.root);
    return [];
  }

  /** The nearest library construct above `construct`, and the nearest one that names causes. */
  private ownersOf(construct: IConstruct): { owner?: IConstruct; causer?: IConstruct } {
    let owner: IConstruct | undefined;
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      const options = this.owners.get(c);
      if (options === undefined) continue;
      owner ??= c;
      if (options.causes) return { owner, causer: c };
    }
    return { owner };
  }
}

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
 * Renders an object (unless a library construct already read it while rendering another) and
 * memoises the result for the synth that follows. cdk8s turns a failing render (a JSON patch whose
 * path does not exist) into a plain Error: it becomes a refusal of the object here.
 */
type Memoised = ApiObject & { toJson: (() => any) & { [MEMO]?: true } };

/** Drops the memos still in place and lets go of the objects. */
function release(held: { objects: Memoised[] }): void {
  held.objects.forEach(forget);
  held.objects = [];
}

/** Drops a memo still in place: the object renders afresh again. */
function forget(object: Memoised): void {
  if (Object.prototype.hasOwnProperty.call(object, 'toJson') && object.toJson[MEMO]) delete (object as any).toJson;
}

function render(object: Memoised, owner: IConstruct | undefined, errors: ValidationError[]): any {
  const self = object;
  let json: any;
  try {
    json = self.toJson();
    if (self.toJson[MEMO]) return json;
  } catch (e) {
    errors.push(new ValidationError(object.node.path, 'toJson', undefined, `the object cannot be rendered: ${(e as Error).message}`,
      owner ? 'JSON patches whose paths exist in the object' : 'an object that renders'));
    return undefined;
  }
  const memo = Object.assign(() => json, { [MEMO]: true as const });
  Object.defineProperty(self, 'toJson', { value: memo, configurable: true, writable: true });
  return json;
}
