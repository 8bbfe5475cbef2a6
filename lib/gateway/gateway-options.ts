import { ValidationError } from '../errors';
import { checkProps, refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { isDnsSubdomain, requireLabel, requirePort, requireSubdomain } from '../names';
import { NetworkPeer, requireCidr, requirePeer } from '../network/network-flows';
import { GatewayImplementation } from './gateway-implementation';

/** The protocol of the Gateway listener a route attaches to: the scheme users type. */
export enum ListenerProtocol {
  /** The listener terminates TLS: `https://<host>`. */
  HTTPS = 'HTTPS',
  /** Plain HTTP: `http://<host>`. */
  HTTP = 'HTTP',
}

/**
 * Where a Gateway's traffic to its backends comes from, for `StackNetworkPolicies`: its proxy pods,
 * or address blocks. The listener's `implementation` derives it; give it only where the
 * implementation's setup differs from what that derives (Envoy Gateway merging Gateways, a cloud
 * load balancer that connects from its own address ranges). Give exactly one of `peer` and `cidrs`.
 */
export interface GatewayDataPlane {
  /**
   * The proxy pods.
   * @default - none: give `cidrs`
   */
  readonly peer?: NetworkPeer;
  /**
   * The source address blocks of the proxies (a cloud load balancer's ranges).
   * @default - none: give `peer`
   */
  readonly cidrs?: string[];
}

/** A listener of a Gateway that runs in the cluster (this library does not make Gateways). */
export interface GatewayListener {
  /** The Gateway's name. */
  readonly gatewayName: string;
  /** The Gateway's namespace. */
  readonly gatewayNamespace: string;
  /**
   * The Gateway API implementation that runs the Gateway, at its release: what the exposure
   * derives where the Gateway API leaves it open (the data plane, Service-port hints, gRPC to a TLS
   * port, `wellKnownCACertificates`), or refuses.
   * @default GatewayImplementation.generic() (core conformance only: refuses Admin's gRPC with TLS on)
   */
  readonly implementation?: GatewayImplementation;
  /**
   * Where the Gateway's traffic to the servers comes from: what the NetworkPolicies admit. It
   * replaces what `implementation` derives.
   * @default - the implementation's proxies (`GatewayImplementation.dataPlanePeer`)
   */
  readonly dataPlane?: GatewayDataPlane;
  /**
   * The listener's name (the parent ref's `sectionName`).
   * @default - every listener of the Gateway whose hostname and allowed routes match
   */
  readonly sectionName?: string;
  /**
   * The listener's protocol, which gives the public scheme.
   * @default ListenerProtocol.HTTPS
   */
  readonly protocol?: ListenerProtocol;
  /**
   * The port users reach the listener on, which gives the public origin's port.
   * @default - 443 for HTTPS, 80 for HTTP
   */
  readonly port?: number;
}

/** Options of `exposeViaGateway` (Console, NumaflowServer). */
export interface ExposeViaGatewayOptions {
  /** The listener the route attaches to. */
  readonly listener: GatewayListener;
  /**
   * The host users type (a precise DNS name, no wildcard): the route's `hostnames`, and with the
   * listener's scheme and port the server's public origin.
   */
  readonly host: string;
}

/** Options of `SecureAdmin.exposeViaGateway`: HTTP and gRPC need their own host or listener. */
export interface AdminExposeViaGatewayOptions extends ExposeViaGatewayOptions {
  /**
   * The host of Admin's gRPC services (flytectl, pyflyte, FlytePropeller from outside).
   * @default - `host`, which then needs its own `grpcListener`
   */
  readonly grpcHost?: string;
  /**
   * The listener of the GRPCRoute.
   * @default - `listener`
   */
  readonly grpcListener?: GatewayListener;
}

/** A checked listener and host: what a route attaches to, and the origin it makes. */
export interface ResolvedAttachment {
  readonly parentRef: { group: string; kind: string; name: string; namespace: string; sectionName?: string };
  /** The prop that gave the listener (`listener`, `grpcListener`), for messages. */
  readonly listenerProp: string;
  readonly implementation: GatewayImplementation;
  /**
   * The source of the gateway's connections to the server: pods, or address blocks; neither where
   * no NetworkPolicy can select it (Cilium), with the reason unless the user admits it otherwise.
   */
  readonly dataPlane: { readonly peer?: NetworkPeer; readonly cidrs?: readonly string[]; readonly unadmittable?: string };
  readonly host: string;
  /** `<scheme>://<host>[:<port>]`, the default port left out as browsers do. */
  readonly origin: string;
}

/** GatewayListener: the port a TCP port. */
refineFields('GatewayListener', { port: T.port });

/** Checks a listener and a host (naming `prefix` props) and derives the parent ref and the origin. Pure. */
export function resolveAttachment(path: string, prefix: string, listener: GatewayListener, hostProp: string, host: unknown): ResolvedAttachment {
  const gatewayName = requireSubdomain(path, `${prefix}.gatewayName`, listener.gatewayName);
  const gatewayNamespace = requireLabel(path, `${prefix}.gatewayNamespace`, listener.gatewayNamespace);
  if (listener.sectionName !== undefined && !isDnsSubdomain(listener.sectionName)) {
    throw new ValidationError(path, `${prefix}.sectionName`, listener.sectionName, 'not a listener name (Gateway API SectionName)', 'lower-case letters, digits, \'-\' and \'.\', e.g. "https"');
  }
  const protocol = listener.protocol ?? ListenerProtocol.HTTPS;
  if (protocol !== ListenerProtocol.HTTPS && protocol !== ListenerProtocol.HTTP) {
    throw new ValidationError(path, `${prefix}.protocol`, protocol, 'routes of HTTP and gRPC attach to HTTP or HTTPS listeners', 'ListenerProtocol.HTTPS or ListenerProtocol.HTTP');
  }
  const https = protocol === ListenerProtocol.HTTPS;
  const port = listener.port === undefined ? (https ? 443 : 80) : requirePort(path, `${prefix}.port`, listener.port);
  const name = requireHost(path, hostProp, host);
  const defaultPort = https ? 443 : 80;
  const implementation = listener.implementation ?? GatewayImplementation.generic();
  const derived = implementation.dataPlanePeer(gatewayName, gatewayNamespace);
  return {
    parentRef: {
      group: 'gateway.networking.k8s.io', kind: 'Gateway', name: gatewayName, namespace: gatewayNamespace,
      ...(listener.sectionName !== undefined ? { sectionName: listener.sectionName } : {}),
    },
    listenerProp: prefix,
    implementation,
    dataPlane: listener.dataPlane !== undefined ? resolveDataPlane(path, `${prefix}.dataPlane`, listener.dataPlane)
      : derived !== undefined ? { peer: derived } : { unadmittable: implementation._unadmittable },
    host: name,
    origin: `${https ? 'https' : 'http'}://${name}${port === defaultPort ? '' : `:${port}`}`,
  };
}

function resolveDataPlane(path: string, prop: string, dataPlane: GatewayDataPlane): ResolvedAttachment['dataPlane'] {
  const cidrs = dataPlane.cidrs ?? [];
  if ((cidrs.length > 0) === (dataPlane.peer !== undefined)) {
    throw new ValidationError(path, prop, dataPlane, 'the gateway\'s connections come either from pods of the cluster or from addresses', 'a peer (the proxies\' namespace and labels), or cidrs');
  }
  return dataPlane.peer !== undefined
    ? { peer: requirePeer(path, `${prop}.peer`, dataPlane.peer) }
    : { cidrs: cidrs.map((c, i) => requireCidr(path, `${prop}.cidrs[${i}]`, c)) };
}

/**
 * A route host that is also a browser origin's host: a precise DNS name. The Gateway API allows a
 * wildcard (`*.example.com`), but a public URL, a CORS origin and a redirect need one name.
 */
function requireHost(path: string, prop: string, host: unknown): string {
  if (typeof host !== 'string' || host !== host.toLowerCase() || !isDnsSubdomain(host) || !host.includes('.') || /^[0-9.]+$/.test(host)) {
    throw new ValidationError(path, prop, host, 'a route host is the precise DNS name users type (no wildcard, IP address, port or upper case)',
      'a lower-case DNS name such as "flyte.example.com"');
  }
  // The Gateway API's Hostname pattern does not bound labels, DNS does (RFC 1035: 63 octets).
  const long = host.split('.').find((label) => label.length > 63);
  if (long !== undefined) {
    throw new ValidationError(path, prop, host, `its label ${long.slice(0, 20)}… has ${long.length} characters, and a DNS label has at most 63: no resolver or certificate can carry the name`,
      'a DNS name whose labels have at most 63 characters, such as "flyte.example.com"');
  }
  return host;
}

/**
 * Whether two attachments would put an HTTPRoute and a GRPCRoute on one listener with one host,
 * which the Gateway API resolves by accepting only one of them (GEP-1016, "Cross-serving").
 */
export function sameListenerAndHost(a: ResolvedAttachment, b: ResolvedAttachment): boolean {
  const sameGateway = a.parentRef.name === b.parentRef.name && a.parentRef.namespace === b.parentRef.namespace;
  // An unset section attaches to every listener, so it overlaps any section.
  const sameSection = a.parentRef.sectionName === undefined || b.parentRef.sectionName === undefined || a.parentRef.sectionName === b.parentRef.sectionName;
  return sameGateway && sameSection && a.host === b.host;
}

/** Checks `exposeViaGateway` options of any server. */
export function checkExposeOptions<O>(path: string, options: unknown, struct: 'ExposeViaGatewayOptions' | 'AdminExposeViaGatewayOptions'): O {
  return checkProps(path, '', options, struct, 'options of exposeViaGateway') as unknown as O;
}
