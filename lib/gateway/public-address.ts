import { ValidationError } from '../errors';

/**
 * A server's browser-facing origin. It is the prop's (or the port-forward default) until a Gateway
 * route exposes the server; from then on it is the route's. Everything derived from it (Admin's
 * URL in the Console, the Console's origin in Admin's CORS list, Numaflow's `--server-addr`) reads
 * it at synth, so the order of `exposeViaGateway` and construction does not matter.
 */
export class PublicAddress {
  private routed?: string;

  /**
   * @param initial the origin from the props, or the default
   * @param prop the prop that set it, when the user did (a route may not respell it)
   */
  constructor(private readonly initial: string, private readonly prop?: string) {}

  /** The origin now: the route's once the server is exposed. */
  public get url(): string {
    return this.routed ?? this.initial;
  }

  /** Whether the origin is final: given as a prop (a route may only repeat it) or given by a route. */
  public get final(): boolean {
    return this.prop !== undefined || this.routed !== undefined;
  }

  /** Whether a route exposes the server. */
  public get exposed(): boolean {
    return this.routed !== undefined;
  }

  /**
   * Checks that the server can take `origin` from a route (one exposure, and no second spelling of
   * a host the user gave). Pure: `setRouted` records it once the routes are built.
   */
  public checkRoute(path: string, origin: string): void {
    if (this.routed !== undefined) {
      throw new ValidationError(path, 'exposeViaGateway', origin, `the server is already exposed at ${this.routed}`,
        'one exposeViaGateway call per server (one public origin: browsers, CORS and redirects follow it)');
    }
    if (this.prop !== undefined && this.initial !== origin) {
      throw new ValidationError(path, this.prop, this.initial, `the route makes the public origin ${origin}, and a second spelling of it would disagree`,
        `no ${this.prop} (the route's host, scheme and port become it), or ${origin}`);
    }
  }

  /** Records the route's origin (after `checkRoute`). */
  public setRouted(origin: string): void {
    this.routed = origin;
  }
}
