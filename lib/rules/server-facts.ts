/**
 * What a server listens on, and what a construct knows of a server it rendered: the types the rules
 * (servers.ts) and the synth-time pass share.
 */

/** One listening port. */
export interface Listener {
  readonly port: number;
  /** Whether it serves TLS. */
  readonly tls: boolean;
  /** Plain gRPC only: an HTTP GET gets no answer there. */
  readonly grpcOnly?: boolean;
}

/** A CORS policy that lets every origin call the server. */
export interface OpenCors {
  /** The field that sets it, or the container when it is a default. */
  readonly field: string;
  readonly value?: unknown;
  /** Which settings make it open. */
  readonly detail: string;
  readonly fix: string;
}

/** A recognised server. */
export interface Server {
  /** e.g. `the Numaflow server`. */
  readonly name: string;
  /** What it listens on; undefined when the objects cannot tell. */
  readonly listeners?: readonly Listener[];
  /** What it listens on and why, for messages: `HTTPS on 8443 (--insecure=false)`. */
  readonly basis?: () => string;
  /** Its CORS policy, when the objects tell it is open. */
  readonly openCors?: OpenCors;
}

/**
 * What a construct knows of a server it rendered: the facts its plan derived, and the inputs they
 * hold for. The rules take those facts while the final objects still hold exactly those inputs,
 * and read the flags, environment and config again only where a patch changed one.
 */
export interface KnownServer {
  readonly server: Server;
  /**
   * The ConfigMaps the server reads (its config files, its environment), each with a test of its
   * emitted data: the facts hold only while every one holds what the construct rendered.
   */
  readonly configMaps?: readonly { readonly name: string; readonly holds: (data: unknown) => boolean }[];
}

/** A server a construct rendered: the container and pod volumes it rendered, and what its plan derived. */
export interface RenderedServer {
  readonly container: unknown;
  readonly volumes: unknown;
  readonly known: KnownServer;
}

/** The servers the constructs of a synth rendered, by their containers' name and image (lib/rules/servers.ts `renderedServerOf`). */
export type RenderedServers = ReadonlyMap<string, readonly RenderedServer[]>;
