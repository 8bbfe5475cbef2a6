import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

// Wiring between constructs is a registration on the partner (Admin's CORS list, metrics-server's
// allowed paths and replicas, the policies of a chart) or a lazy read of it (Admin's URL in the
// Console), and both land in the partner's output when its App is synthesized. Across Apps that
// holds only while the partner's App has not been synthesized yet: here each registration checks
// it, so that wiring either reaches the partner's output or is refused, never lost.

/** Apps (construct roots) that have been synthesized: their output is written. */
const synthesized = new WeakSet<IConstruct>();

/** A synthStacks / writeStacks call while it builds its stacks (each in its own App). */
interface StackBuild {
  /** The stacks being built, for messages: "the stacks of this synthStacks call", ... */
  readonly stacks: string;
  /** The Apps of the call's stacks built so far. */
  readonly roots: Set<IConstruct>;
  /** The stack being built (its App and id): the registrant of a method called while it is built. */
  current?: { readonly root: IConstruct; readonly id: string };
}

let build: StackBuild | undefined;

/** @internal The synth-time pass marks an App once it has been synthesized. */
export function markSynthesized(root: IConstruct): void {
  synthesized.add(root);
}

/**
 * @internal Runs `fn` while a synthStacks / writeStacks call builds its stacks: `enter(root, id)`
 * tells which stack is being built, in which App.
 */
export function whileBuilding<T>(stacks: string, fn: (enter: (root: IConstruct, id: string) => void) => T): T {
  const outer = build;
  const mine: StackBuild = { stacks, roots: new Set() };
  build = mine;
  try {
    return fn((root, id) => {
      mine.roots.add(root);
      mine.current = { root, id };
    });
  } finally {
    build = outer;
  }
}

/** A registration on a partner, as a refusal names it. */
export interface Registration {
  /** The construct path of the registrant being made, or `<partner path>.<method>` for a method call. */
  readonly path: string;
  /** The prop that carries the partner, or the method's argument. */
  readonly prop: string;
  /** What the registration puts into the partner's output, e.g. "the Console's origin in Admin's allowedOrigins". */
  readonly what: string;
  /** For a method call: the value registered. @default - the partner's path */
  readonly value?: unknown;
}

/**
 * Refuses a registration on `partner` that could not reach its output: its App was synthesized
 * already, or a synthStacks / writeStacks call is building and the partner is in none of its
 * stacks. `scope` is where the registrant is being made (its App); a method (`scope` undefined)
 * registers for the stack being built, if any. A registrant in the partner's own App is accepted,
 * and so is a method called outside any stack build: synthesizing that App again carries the
 * registration, as it carries any construct added to it after a synth (cdk8s's own rule), and a
 * test may synthesize, change and synthesize again.
 */
export function requireWirable(scope: IConstruct | undefined, partner: IConstruct, r: Registration): void {
  const method = scope === undefined;
  const registrant = method ? build?.current?.root : scope.node.root;
  const root = partner.node.root;
  if (registrant === undefined || registrant === root) return;
  const done = synthesized.has(root);
  // A partner outside the stacks being built is named as such, even if its App was synthesized too:
  // the stacks of one list are the fix.
  const outside = build !== undefined && build.roots.has(registrant) && !build.roots.has(root);
  if (!done && !outside) return;
  const p = partner.node.path;
  const by = method ? `the call is made while stack "${build!.current!.id}" is built` : `${r.path} is in ${outside ? 'one of them' : 'another App'}`;
  const where = outside ? `is in none of ${build!.stacks}${done ? ' (its App was already synthesized)' : ''}` : 'belongs to an App that was already synthesized';
  const fix = outside
    ? `the stack that makes ${p} in ${build!.stacks} too, or both in one stack`
    : `${method ? `${r.path} called` : `${r.path} made`} before ${p}'s App is synthesized: both in one App, or in stacks of one synthStacks / writeStacks call`;
  throw new ValidationError(r.path, r.prop, method ? r.value : p, `${p} ${where}, and ${by}, so ${r.what} would never reach its output`, fix);
}

/**
 * Refuses to expose `server` through a Gateway where the change could not reach every output it
 * belongs in: the routes and the NetworkPolicy's gateway peer go into the server's App, and the new
 * public origin is read at synth by `readers` (a Console reads Admin's, Admin its Consoles'). A
 * reader in another App that was synthesized already holds the old origin; with the server's own
 * App synthesized, a reader in another App would read an origin whose route that output lacks.
 */
export function requireExposable(server: IConstruct, readers: readonly IConstruct[]): void {
  const path = `${server.node.path}.exposeViaGateway`;
  requireWirable(undefined, server, { path, prop: 'exposeViaGateway', value: server.node.path, what: 'the routes, the BackendTLSPolicy and the gateway\'s peer in the server\'s NetworkPolicy' });
  const root = server.node.root;
  const stale = readers.find((r) => r.node.root !== root && (synthesized.has(r.node.root) || synthesized.has(root)));
  if (!stale) return;
  const late = synthesized.has(stale.node.root) ? stale : server;
  throw new ValidationError(path, 'exposeViaGateway', stale.node.path,
    `${late.node.path} belongs to an App that was already synthesized, and ${stale.node.path} (in another App than ${server.node.path}) reads its public origin at synth: `
    + 'the route would change the origin in one output and not in the other',
    `exposeViaGateway before ${late.node.path}'s App is synthesized: both in one App, or in stacks of one synthStacks / writeStacks call`);
}
