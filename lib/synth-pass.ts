/**
 * How the library's constructs reach the synth-time pass. The pass (lib/synth/output-pass.ts) sits
 * on the top floor: it runs the rules over every object of an App. The constructs sit below it, so
 * they do not import it: they register here, on the ground floor, and the pass reads what they
 * registered (docs/architecture.md). Registering also installs the pass as a validation of the
 * App, so that every synth runs it (`app.synth()`, `app.synthYaml()`, `Testing.synth`, ...).
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { ValidationError } from './errors';
import { renderJson } from './render-json';
import { KnownServer, RenderedServer, renderedServerKey } from './rules/servers';

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

/** Options of `SynthPass.register`. */
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

/** What the constructs of one App registered, and the renderings of the synth under way. */
export interface PassRegistry {
  /** The library's constructs: their objects are checked. */
  readonly owners: Map<IConstruct, OwnerOptions>;
  /** YAML texts the constructs rendered from a known value (their checks read the value). */
  readonly knownYaml: Map<string, unknown>;
  /** Servers the constructs rendered, by container name and image (lib/rules/servers.ts `renderedServerOf`). */
  readonly knownServers: Map<string, RenderedServer[]>;
  /** The App's YAML is written by the library's writer (synthStacks), not by cdk8s's. */
  libraryWriter: boolean;
  /**
   * The render cache: each object's final JSON as the synth-time pass rendered it, so that what is
   * checked and what a checksum or a namespace is read from while it renders are one rendering.
   * Made when the pass starts, dropped when it ends (`undefined` otherwise).
   */
  renderings?: Map<ApiObject, unknown>;
}

/** The small interface of the synth-time pass that constructs use. */
export interface SynthPass {
  /**
   * Marks `owner` as a library construct: its objects are checked. `crossCheck` returns the
   * refusals of rules across constructs, which can only be judged once the tree is complete.
   */
  register(owner: IConstruct, options?: OwnerOptions): void;
  /** Forgets a construct that was refused and removed from the tree. */
  unregister(owner: IConstruct): void;
  /**
   * Records that `text` is the YAML rendering of `value` (a ConfigMap file the construct just
   * rendered), so the checks read the value instead of parsing the text again. Keyed by the exact
   * text: a patched text is parsed.
   */
  renderedYaml(text: string, value: unknown): void;
  /**
   * Records what the server in `container` (of a pod with `volumes`) listens on, as the construct
   * derived it, so the checks take it instead of reading the container's flags and config again,
   * while the emitted container holds these inputs (`renderedServerOf`): a patched one is read again.
   */
  renderedServer(container: unknown, volumes: unknown, known: KnownServer): void;
}

/** Runs the pass over an App (installed by lib/synth/output-pass.ts when the package loads). */
export type PassRunner = (root: IConstruct, registry: PassRegistry) => void;

const REGISTRY = Symbol.for('cdk8s-tls-constructs.PassRegistry');
let runner: PassRunner | undefined;

/** @internal Installs the pass (lib/synth/output-pass.ts does, when it is loaded). */
export function installPassRunner(run: PassRunner): void {
  runner = run;
}

/** The registry of the App `scope` belongs to, made (with the pass as the App's validation) on first use. */
export function passRegistry(scope: IConstruct): PassRegistry {
  const root = scope.node.root as IConstruct & { [REGISTRY]?: PassRegistry };
  if (root[REGISTRY] === undefined) {
    const registry: PassRegistry = { owners: new Map(), knownYaml: new Map(), knownServers: new Map(), libraryWriter: false };
    Object.defineProperty(root, REGISTRY, { value: registry });
    root.node.addValidation({
      validate: () => {
        // Loud rather than unchecked: the package's entry point loads the pass with every construct.
        if (runner === undefined) throw new Error('cdk8s-tls-constructs: the synth-time pass is not loaded; import the package, not a file inside it');
        runner(root, registry);
        return [];
      },
    });
  }
  return root[REGISTRY]!;
}

/** The synth-time pass of the App that `scope` belongs to. */
export function synthPass(scope: IConstruct): SynthPass {
  const registry = passRegistry(scope);
  return {
    register: (owner, options = {}) => registry.owners.set(owner, options),
    unregister: (owner) => registry.owners.delete(owner),
    renderedYaml: (text, value) => registry.knownYaml.set(text, value),
    renderedServer: (container, volumes, known) => {
      // Read by the pass only: a rendering outside it (cdk8s's, for the output) has no reader.
      if (registry.renderings === undefined) return;
      const key = renderedServerKey(container);
      const list = registry.knownServers.get(key);
      if (list === undefined) registry.knownServers.set(key, [{ container, volumes, known }]);
      else list.push({ container, volumes, known });
    },
  };
}

/**
 * The final JSON of `object`: while the synth-time pass runs, its rendering (rendered now, once, if
 * the pass has not reached it yet), so that a construct reading another's object while it renders
 * (a ConfigMap's data for a checksum annotation) reads what is checked; otherwise a fresh rendering
 * (when cdk8s renders the output, which is the same JSON).
 */
export function rendering(object: ApiObject): any {
  const renderings = (object.node.root as { [REGISTRY]?: PassRegistry })[REGISTRY]?.renderings;
  if (renderings === undefined) return renderJson(object);
  if (!renderings.has(object)) renderings.set(object, renderJson(object));
  return renderings.get(object);
}
