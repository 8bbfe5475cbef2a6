import { ValidationError } from '../errors';
import { checkProps, defineType } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { requireLabel } from '../names';
import { NetworkPeer } from '../network/network-flows';
import { PodSecurityLevel } from '../security/pod-security-level';
import { Version } from '../version';
import * as F from './implementation-facts';

/** Which Gateway API implementation runs a Gateway. */
export enum GatewayImplementationKind {
  /** Any implementation: only the Gateway API's core conformance is assumed. */
  GENERIC = 'Generic',
  ENVOY_GATEWAY = 'EnvoyGateway',
  ISTIO = 'Istio',
  CILIUM = 'Cilium',
  NGINX_GATEWAY_FABRIC = 'NginxGatewayFabric',
}

/** Options of `GatewayImplementation.envoyGateway`. */
export interface EnvoyGatewayOptions {
  /** The Envoy Gateway release, e.g. `v1.9.0`. */
  readonly version: string;
  /**
   * Whether Envoy Gateway runs each Gateway's proxies in the Gateway's namespace (its Gateway
   * Namespace Mode, `provider.kubernetes.deploy.type: GatewayNamespace`, since v1.3.0).
   * @default false (the proxies run in `controllerNamespace`)
   */
  readonly gatewayNamespaceMode?: boolean;
  /**
   * The namespace Envoy Gateway runs in, where it runs the proxies outside Gateway Namespace Mode.
   * @default 'envoy-gateway-system'
   */
  readonly controllerNamespace?: string;
  /**
   * `spec.backendTLS.alpnProtocols` of the EnvoyProxy the Gateway uses, where you set one. It
   * replaces the ALPN Envoy offers a TLS backend, for every backend of the Gateway.
   * @default - unset: Envoy offers the protocol of the route's cluster (`h2` for a GRPCRoute)
   */
  readonly backendTlsAlpnProtocols?: string[];
}

/** Options of `GatewayImplementation.istio`. */
export interface IstioOptions {
  /** The Istio release, e.g. `1.30.3`. */
  readonly version: string;
  /**
   * Whether istiod's Helm value `gateways.seccompProfile` is set (e.g. `{ type: RuntimeDefault }`,
   * since 1.23): only then do the gateway pods Istio generates meet Pod Security restricted.
   * @default false
   */
  readonly gatewaySeccompProfile?: boolean;
}

/** Options of `GatewayImplementation.cilium`. */
export interface CiliumOptions {
  /** The Cilium release, e.g. `v1.20.2`. */
  readonly version: string;
  /**
   * Whether a CiliumNetworkPolicy of yours admits Cilium's `ingress` entity to the exposed servers'
   * pods. Cilium's gateway reaches them from that reserved identity, which no NetworkPolicy selects:
   * `StackNetworkPolicies` refuses an exposed server on Cilium until you say so.
   * @default false
   */
  readonly ingressAllowedByCiliumPolicy?: boolean;
}

/** Options of `GatewayImplementation.nginxGatewayFabric`. */
export interface NginxGatewayFabricOptions {
  /** The NGINX Gateway Fabric release, e.g. `v2.6.7`. */
  readonly version: string;
  /**
   * The namespace of NGINX Gateway Fabric's control plane, where releases before 2.0 run NGINX.
   * @default 'nginx-gateway'
   */
  readonly controlPlaneNamespace?: string;
}

interface Settings {
  readonly gatewayNamespaceMode: boolean;
  readonly controllerNamespace?: string;
  readonly backendTlsAlpnProtocols?: readonly string[];
  readonly gatewaySeccompProfile: boolean;
  readonly ciliumPolicy: boolean;
}

/**
 * The Gateway API implementation that runs a listener's Gateway, at its release. The Gateway API
 * leaves to the implementation where the proxies run, which Service-port hints it reads, how it
 * speaks gRPC to a TLS backend and how its pods are secured; the exposure derives each of these from
 * it, or refuses with the reason. The generic one assumes only core conformance.
 */
export class GatewayImplementation {
  /** Any implementation, assuming only the Gateway API's core conformance (the default). */
  public static generic(): GatewayImplementation {
    return new GatewayImplementation(GatewayImplementationKind.GENERIC, F.GENERIC, undefined, SETTINGS);
  }

  /** Envoy Gateway. */
  public static envoyGateway(options: EnvoyGatewayOptions): GatewayImplementation {
    const path = 'GatewayImplementation.envoyGateway';
    const o = checkProps(path, '', options, 'EnvoyGatewayOptions', 'options of envoyGateway') as unknown as EnvoyGatewayOptions;
    const version = release(path, o.version, F.ENVOY_GATEWAY);
    if (o.gatewayNamespaceMode && version.below(F.EG_GATEWAY_NAMESPACE_MODE_SINCE)) {
      throw new ValidationError(path, 'gatewayNamespaceMode', true, `Envoy Gateway ${version} has no Gateway Namespace Mode (it came in ${F.EG_GATEWAY_NAMESPACE_MODE_SINCE})`,
        `version >= ${F.EG_GATEWAY_NAMESPACE_MODE_SINCE}, or gatewayNamespaceMode: false`);
    }
    const controllerNamespace = o.controllerNamespace === undefined ? F.EG_CONTROLLER_NAMESPACE : requireLabel(path, 'controllerNamespace', o.controllerNamespace);
    return new GatewayImplementation(GatewayImplementationKind.ENVOY_GATEWAY, F.ENVOY_GATEWAY, version,
      { ...SETTINGS, gatewayNamespaceMode: o.gatewayNamespaceMode ?? false, controllerNamespace, backendTlsAlpnProtocols: o.backendTlsAlpnProtocols });
  }

  /** Istio (its Gateway API controller, the generated gateway Deployments). */
  public static istio(options: IstioOptions): GatewayImplementation {
    const path = 'GatewayImplementation.istio';
    const o = checkProps(path, '', options, 'IstioOptions', 'options of istio') as unknown as IstioOptions;
    const version = release(path, o.version, F.ISTIO);
    if (o.gatewaySeccompProfile && version.below(F.ISTIO_SECCOMP_VALUE_SINCE)) {
      throw new ValidationError(path, 'gatewaySeccompProfile', true, `Istio ${version} has no gateways.seccompProfile value (it came in ${F.ISTIO_SECCOMP_VALUE_SINCE})`,
        `version >= ${F.ISTIO_SECCOMP_VALUE_SINCE}, or gatewaySeccompProfile: false (the gateway namespace then enforces baseline)`);
    }
    return new GatewayImplementation(GatewayImplementationKind.ISTIO, F.ISTIO, version, { ...SETTINGS, gatewaySeccompProfile: o.gatewaySeccompProfile ?? false });
  }

  /** Cilium's Gateway API (per-node Envoy). */
  public static cilium(options: CiliumOptions): GatewayImplementation {
    const path = 'GatewayImplementation.cilium';
    const o = checkProps(path, '', options, 'CiliumOptions', 'options of cilium') as unknown as CiliumOptions;
    return new GatewayImplementation(GatewayImplementationKind.CILIUM, F.CILIUM, release(path, o.version, F.CILIUM), { ...SETTINGS, ciliumPolicy: o.ingressAllowedByCiliumPolicy ?? false });
  }

  /** NGINX Gateway Fabric. */
  public static nginxGatewayFabric(options: NginxGatewayFabricOptions): GatewayImplementation {
    const path = 'GatewayImplementation.nginxGatewayFabric';
    const o = checkProps(path, '', options, 'NginxGatewayFabricOptions', 'options of nginxGatewayFabric') as unknown as NginxGatewayFabricOptions;
    const version = release(path, o.version, F.NGINX_GATEWAY_FABRIC);
    const controllerNamespace = o.controlPlaneNamespace === undefined ? F.NGF_CONTROL_PLANE_NAMESPACE : requireLabel(path, 'controlPlaneNamespace', o.controlPlaneNamespace);
    return new GatewayImplementation(GatewayImplementationKind.NGINX_GATEWAY_FABRIC, F.NGINX_GATEWAY_FABRIC, version, { ...SETTINGS, controllerNamespace });
  }

  /** The implementation. */
  public readonly kind: GatewayImplementationKind;
  /** Its release in tag form (`v1.9.0`); none for the generic one. */
  public readonly version?: string;
  /**
   * The strictest Pod Security level the Gateway's namespace may enforce: what the pods the
   * implementation makes there meet (restricted where it makes none there). None for the generic
   * one: which pods it makes is unknown.
   */
  public readonly gatewayNamespacePodSecurity?: PodSecurityLevel;

  private constructor(kind: GatewayImplementationKind, private readonly facts: F.ImplementationFacts, private readonly release: Version | undefined,
    private readonly settings: Settings) {
    this.kind = kind;
    this.version = release?.tag;
    this.gatewayNamespacePodSecurity = podSecurity(kind, settings);
  }

  /**
   * The pods that carry a Gateway's traffic to its backends, as a NetworkPolicy selects them: the
   * peer `StackNetworkPolicies` admits to exposed servers. None on Cilium, whose traffic comes from
   * the reserved identity `ingress`, which no NetworkPolicy selects.
   */
  public dataPlanePeer(gatewayName: string, gatewayNamespace: string): NetworkPeer | undefined {
    const byGatewayName = gatewayName.length <= 63 ? { podLabels: { [F.GATEWAY_NAME_LABEL]: gatewayName } } : {};
    const owning = { [F.EG_OWNING_GATEWAY_NAME]: gatewayName, [F.EG_OWNING_GATEWAY_NAMESPACE]: gatewayNamespace };
    switch (this.kind) {
      case GatewayImplementationKind.ENVOY_GATEWAY:
        // The name label alone admits a Gateway of that name from any namespace.
        return { namespace: this.settings.gatewayNamespaceMode ? gatewayNamespace : this.settings.controllerNamespace!, podLabels: owning };
      case GatewayImplementationKind.ISTIO:
        return { namespace: gatewayNamespace, ...byGatewayName };
      case GatewayImplementationKind.NGINX_GATEWAY_FABRIC:
        return this.release!.below(F.NGF_PROVISIONER_SINCE) ? { namespace: this.settings.controllerNamespace! } : { namespace: gatewayNamespace, ...byGatewayName };
      case GatewayImplementationKind.CILIUM:
        return undefined;
      default:
        // GEP-1762: an in-cluster implementation makes its resources in the Gateway's namespace;
        // only the Deployment must carry the name label, so the whole namespace is admitted.
        return { namespace: gatewayNamespace };
    }
  }

  /** The factory call that makes it, e.g. `GatewayImplementation.envoyGateway({ version: "v1.9.0" })`. */
  public toString(): string {
    const factory = FACTORIES[this.kind];
    return this.release ? `GatewayImplementation.${factory}({ version: "${this.release.tag}" })` : `GatewayImplementation.${factory}()`;
  }

  /** The implementation and release for messages, e.g. `Envoy Gateway v1.9.0`. */
  private get label(): string {
    return this.release ? `${this.facts.name} ${this.release.tag}` : this.facts.name;
  }

  /**
   * @internal Refuses what this implementation cannot do with a server's route: a BackendTLSPolicy
   * before the release that serves v1, `wellKnownCACertificates: System` where unsupported, and
   * gRPC to a TLS port (Admin's, which needs HTTP/2 negotiated with ALPN `h2`).
   */
  public _checkRoute(path: string, prop: string, route: { readonly grpc: boolean; readonly tls: boolean; readonly systemTrust: boolean }): void {
    if (!route.tls) return;
    const since = this.facts.backendTlsV1Since;
    if (since !== undefined && this.release!.below(since)) {
      throw new ValidationError(path, prop, this.toString(), `a server that speaks TLS gets a BackendTLSPolicy v1, which ${this.facts.name} serves since ${since} (${F.BACKEND_TLS_V1}), not ${this.label}`,
        `${this.facts.name} >= ${since}, or TlsMode.disabled() for the server behind the gateway with StackNetworkPolicies`);
    }
    if (route.systemTrust && this.facts.noSystemTrust !== undefined) {
      throw new ValidationError(path, prop, this.toString(), `Trust.systemRoots() becomes wellKnownCACertificates: System, and ${this.facts.noSystemTrust}`,
        'a CA ConfigMap with key ca.crt (Trust.caFromConfigMapName), or the listener\'s implementation where it supports System: Envoy Gateway, Istio, NGINX Gateway Fabric');
    }
    if (route.grpc) this.checkGrpcToTls(path, prop);
  }

  /**
   * @internal The `appProtocol` the TLS port a GRPCRoute reaches must declare for this
   * implementation to speak HTTP/2 to it: Istio reads the protocol from the Service port only.
   */
  public _grpcTlsPortAppProtocol(): string | undefined {
    return this.kind === GatewayImplementationKind.ISTIO ? F.ISTIO_HTTP2_APP_PROTOCOL : undefined;
  }

  /** @internal Why no NetworkPolicy can admit this implementation's traffic, unless the user admits it otherwise. */
  public get _unadmittable(): string | undefined {
    return this.kind === GatewayImplementationKind.CILIUM && !this.settings.ciliumPolicy
      ? 'Cilium\'s gateway reaches backends from the reserved identity `ingress`, which no NetworkPolicy selects, so the NetworkPolicy would drop every routed request'
      : undefined;
  }

  private checkGrpcToTls(path: string, prop: string): void {
    const alpn = this.settings.backendTlsAlpnProtocols;
    const why = (s: string) => `with TLS on, Admin serves gRPC only over HTTP/2 negotiated with ALPN h2 on its one TLS port (flyteadmin serveGatewaySecure), and ${s}`;
    const elsewhere = 'GatewayImplementation.envoyGateway({ version }) (>= v1.6.0), nginxGatewayFabric({ version }) (>= v2.3.0) or istio({ version }) (>= 1.28.0; the TLS port then declares appProtocol http2)';
    const disabled = 'or TlsMode.disabled() for Admin behind the gateway with StackNetworkPolicies (TLS ends at the gateway)';
    switch (this.kind) {
      case GatewayImplementationKind.GENERIC:
        throw new ValidationError(path, prop, this.toString(),
          why('the Gateway API leaves a GRPCRoute to a TLS backend to the implementation (gateway-api#3087; every BackendTLSPolicy conformance test of v1.4.1 uses HTTPRoute) and has no ALPN setting (gateway-api#4833)'),
          `the implementation that runs the Gateway as the listener's implementation: ${elsewhere}; ${disabled}`);
      case GatewayImplementationKind.CILIUM:
        throw new ValidationError(path, prop, this.toString(),
          why('Cilium applies no BackendTLSPolicy to a GRPCRoute\'s backends: it speaks plaintext HTTP/2 to them (cilium/cilium#48935, open, seen on v1.20.1)'),
          `TlsMode.disabled() for Admin behind the gateway (TLS ends at the gateway), or a Gateway run by ${elsewhere}`);
      case GatewayImplementationKind.ENVOY_GATEWAY:
        if (alpn !== undefined && alpn.length > 0 && !alpn.includes('h2')) {
          throw new ValidationError(path, `${prop}.backendTlsAlpnProtocols`, alpn,
            why('the EnvoyProxy\'s spec.backendTLS.alpnProtocols replaces the h2 Envoy offers for a GRPCRoute, so Admin answers in HTTP/1.1 and no call reaches gRPC'),
            'alpnProtocols with h2 (e.g. [h2, http/1.1]: Admin\'s REST is served on either), or none');
        }
        return;
      default:
        return;
    }
  }
}

const FACTORIES: Record<GatewayImplementationKind, string> = {
  [GatewayImplementationKind.GENERIC]: 'generic',
  [GatewayImplementationKind.ENVOY_GATEWAY]: 'envoyGateway',
  [GatewayImplementationKind.ISTIO]: 'istio',
  [GatewayImplementationKind.CILIUM]: 'cilium',
  [GatewayImplementationKind.NGINX_GATEWAY_FABRIC]: 'nginxGatewayFabric',
};

const SETTINGS: Settings = { gatewayNamespaceMode: false, gatewaySeccompProfile: false, ciliumPolicy: false };

function release(path: string, version: string, facts: F.ImplementationFacts): Version {
  const parsed = Version.parse(path, 'version', version);
  if (facts.routesV1Since !== undefined && parsed.below(facts.routesV1Since)) {
    throw new ValidationError(path, 'version', version, `${facts.name} serves HTTPRoute and GRPCRoute v1, which the routes are, since ${facts.routesV1Since} (${F.ROUTES_V1})`,
      `>= ${facts.routesV1Since}`);
  }
  return parsed;
}

function podSecurity(kind: GatewayImplementationKind, settings: Settings): PodSecurityLevel | undefined {
  switch (kind) {
    case GatewayImplementationKind.GENERIC:
      return undefined;
    case GatewayImplementationKind.ISTIO:
      return settings.gatewaySeccompProfile ? PodSecurityLevel.RESTRICTED : PodSecurityLevel.BASELINE;
    default:
      // Envoy Gateway's and NGINX Gateway Fabric 2.x's pods there meet restricted (RuntimeDefault
      // seccomp, non-root, no capabilities); elsewhere (Cilium, NGF 1.x, Envoy Gateway's
      // controller namespace) none run there.
      return PodSecurityLevel.RESTRICTED;
  }
}

defineType('GatewayImplementation', T.instance('GatewayImplementation', (v) => v instanceof GatewayImplementation,
  'one of the GatewayImplementation factories, e.g. GatewayImplementation.envoyGateway({ version: "v1.9.0" })'));
