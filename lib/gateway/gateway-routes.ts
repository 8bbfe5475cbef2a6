import { ApiObject, Chart } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type * as GatewayApi from '../imports/gateway.networking.k8s.io';
import { ValidationError } from '../errors';
import { IngressFlow } from '../network/network-flows';
import { StackNetworkPolicies } from '../network/stack-network-policies';
import { synthPass } from '../synth-pass';
import { Endpoint } from '../tls/endpoint';
import { TrustKind } from '../tls/trust';
import { ServerWorkload } from '../workload/server-workload';
import { backendValidation, BackendValidation } from './backend-tls';
import { ResolvedAttachment, sameListenerAndHost } from './gateway-options';
import { PublicAddress } from './public-address';

/** What `exposeViaGateway` made. */
export interface GatewayExposure {
  /** The origin users reach the server at, from the route's host and the listener's scheme and port. */
  readonly publicUrl: string;
  /** The HTTPRoute. */
  readonly httpRoute: ApiObject;
  /** The GRPCRoute (SecureAdmin only). */
  readonly grpcRoute?: ApiObject;
  /** The BackendTLSPolicy that tells the gateway to speak TLS to the server, and how to verify it (TLS modes only). */
  readonly backendTlsPolicy?: ApiObject;
  /** The ConfigMap of an inline CA (`Trust.caPem`) the BackendTLSPolicy refers to. */
  readonly caConfigMap?: ApiObject;
}

/** One route of a server: which protocol, where it attaches, and the endpoint that serves it. */
export interface RoutePlan {
  readonly protocol: 'http' | 'grpc';
  readonly attachment: ResolvedAttachment;
  /** The server's port that serves this protocol in the current mode. */
  readonly endpoint: Endpoint;
  /** HTTP only: the path prefix the server answers under. */
  readonly pathPrefix?: string;
}

/** A server's exposure, resolved: routes, backend TLS, and the flows NetworkPolicies admit. */
export interface ExposurePlan {
  readonly publicUrl: string;
  readonly routes: readonly RoutePlan[];
  readonly backendTls?: BackendValidation;
  /** The inbound flows from the gateway's data planes: the container ports each reaches. */
  readonly gatewayFlows: readonly IngressFlow[];
  /** Why a data plane has no flow (no NetworkPolicy can select it), by listener prop: refused where policies cover the server. */
  readonly unadmittable: readonly { readonly prop: string; readonly why: string }[];
  /** The `appProtocol` a Service port must declare for the implementation to speak the route's protocol to it. */
  readonly portHints: readonly { readonly portName: string; readonly appProtocol: string }[];
}

/**
 * Resolves a server's routes: refuses an HTTPRoute and a GRPCRoute on one listener and host, and
 * derives the BackendTLSPolicy's validation when the server speaks TLS. Pure.
 */
export function planExposure(path: string, routes: readonly RoutePlan[]): ExposurePlan {
  const http = routes.find((r) => r.protocol === 'http')!;
  const grpc = routes.find((r) => r.protocol === 'grpc');
  if (grpc && sameListenerAndHost(http.attachment, grpc.attachment)) {
    throw new ValidationError(path, 'grpcHost', grpc.attachment.host,
      'an HTTPRoute and a GRPCRoute with the same host on one listener conflict, and the Gateway API accepts only one of them (GEP-1016), so Admin\'s gRPC or its HTTP would be dropped',
      'a grpcHost of its own (e.g. "grpc.flyte.example.com"), or a grpcListener with another sectionName or Gateway');
  }
  const tlsEndpoints = routes.map((r) => r.endpoint).filter((e) => e.scheme === 'https');
  const serviceName = http.endpoint.serviceName;
  const backendTls = tlsEndpoints.length > 0 ? backendValidation(path, tlsEndpoints[0], `${serviceName}-backend-ca`) : undefined;
  const portHints: { portName: string; appProtocol: string }[] = [];
  for (const r of routes) {
    const tls = r.endpoint.scheme === 'https';
    r.attachment.implementation._checkRoute(path, `${r.attachment.listenerProp}.implementation`,
      { grpc: r.protocol === 'grpc', tls, systemTrust: r.endpoint.trust.kind === TrustKind.SYSTEM_ROOTS });
    const hint = r.protocol === 'grpc' && tls ? r.attachment.implementation._grpcTlsPortAppProtocol() : undefined;
    if (hint !== undefined) portHints.push({ portName: r.endpoint.portName, appProtocol: hint });
  }
  // One flow per data plane (the HTTP and gRPC listeners may be one Gateway's, or two).
  const flows = new Map<string, { dataPlane: ResolvedAttachment['dataPlane']; ports: Set<number> }>();
  const unadmittable = new Map<string, { prop: string; why: string }>();
  for (const r of routes) {
    if (!r.attachment.dataPlane.peer && !r.attachment.dataPlane.cidrs) {
      const why = r.attachment.dataPlane.unadmittable;
      const prop = `${r.attachment.listenerProp}.implementation`;
      if (why !== undefined) unadmittable.set(`${prop} ${why}`, { prop, why });
      continue;
    }
    const key = JSON.stringify(r.attachment.dataPlane);
    const flow = flows.get(key) ?? { dataPlane: r.attachment.dataPlane, ports: new Set<number>() };
    flow.ports.add(r.endpoint.port);
    flows.set(key, flow);
  }
  return {
    publicUrl: http.attachment.origin,
    routes,
    backendTls,
    gatewayFlows: [...flows.values()].map(({ dataPlane, ports }) => ({
      ...(dataPlane.peer ? { from: dataPlane.peer } : { fromCidrs: dataPlane.cidrs }),
      ports: [...ports].sort((a, b) => a - b),
      why: 'the gateway routes to the server',
    })),
    unadmittable: [...unadmittable.values()],
    portHints,
  };
}

/** Builds a server's routes, BackendTLSPolicy and CA ConfigMap under `scope`. */
export function buildExposure(scope: Construct, plan: ExposurePlan, labels: { [key: string]: string }): GatewayExposure {
  // The generated module (12,000 lines) is loaded on the first exposure: most synths expose nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: import() is asynchronous
  const gw = require('../imports/gateway.networking.k8s.io') as typeof GatewayApi;
  const first = plan.routes[0].endpoint;
  const metadata = (name: string) => ({ name, namespace: first.namespace, labels });
  let httpRoute: ApiObject | undefined;
  let grpcRoute: ApiObject | undefined;
  // Plain ApiObjects of the converted JSON: a JSON patch then works on the final field names (the
  // generated classes convert after patching, and would drop a patch of `wellKnownCACertificates`).
  const object = (id: string, kind: string, name: string, spec: unknown) =>
    new ApiObject(scope, id, { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: metadata(name), spec });
  for (const route of plan.routes) {
    const parentRefs = [route.attachment.parentRef];
    const backendRefs = [{ group: '', kind: 'Service', name: route.endpoint.serviceName, port: route.endpoint.servicePort }];
    if (route.protocol === 'http') {
      httpRoute = object('HttpRoute', 'HTTPRoute', route.endpoint.serviceName, gw.toJson_HttpRouteSpec({
        parentRefs,
        hostnames: [route.attachment.host],
        rules: [{ matches: [{ path: { type: gw.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: route.pathPrefix ?? '/' } }], backendRefs }],
      }));
    } else {
      // No matches: every gRPC service Admin serves.
      grpcRoute = object('GrpcRoute', 'GRPCRoute', route.endpoint.serviceName, gw.toJson_GrpcRouteSpec({ parentRefs, hostnames: [route.attachment.host], rules: [{ backendRefs }] }));
    }
  }
  const tls = plan.backendTls;
  const caConfigMap = tls?.caConfigMap && new ApiObject(scope, 'BackendCa', { ...k8s.KubeConfigMap.GVK, metadata: metadata(tls.caConfigMap.name), data: tls.caConfigMap.data });
  const backendTlsPolicy = tls && object('BackendTlsPolicy', 'BackendTLSPolicy', first.serviceName, gw.toJson_BackendTlsPolicySpec({
    // The Service port that speaks TLS: with TLS on each server has exactly one.
    targetRefs: [{ group: '', kind: 'Service', name: first.serviceName, sectionName: tlsPortName(plan) }],
    validation: {
      hostname: tls.validation.hostname,
      ...(tls.validation.caCertificateRefs ? { caCertificateRefs: tls.validation.caCertificateRefs } : {}),
      ...(tls.validation.wellKnownCACertificates ? { wellKnownCaCertificates: gw.BackendTlsPolicySpecValidationWellKnownCaCertificates.SYSTEM } : {}),
    },
  }));
  return { publicUrl: plan.publicUrl, httpRoute: httpRoute!, grpcRoute, backendTlsPolicy, caConfigMap };
}

function tlsPortName(plan: ExposurePlan): string {
  return plan.routes.find((r) => r.endpoint.scheme === 'https')!.endpoint.portName;
}

/**
 * The one `exposeViaGateway` of every server: resolves the routes `routes` derives (it checks the
 * options, naming `path`), checks that the server can take the route's origin, and only then builds
 * under `server`, sets the Service-port hints the implementation reads on `workload`, and records
 * the origin. A refusal leaves the server as it was.
 */
export function exposeServer(server: Construct, workload: ServerWorkload, address: PublicAddress, labels: { [key: string]: string },
  routes: (path: string) => readonly RoutePlan[]): { exposure: GatewayExposure; plan: ExposurePlan } {
  const path = `${server.node.path}.exposeViaGateway`;
  const plan = planExposure(path, routes(path));
  address.checkRoute(path, plan.publicUrl);
  const scope = new Construct(server, 'Gateway');
  const exposure = buildExposure(scope, plan, labels);
  for (const h of plan.portHints) workload.setAppProtocol(h.portName, h.appProtocol);
  if (plan.unadmittable.length > 0) {
    // Policies may be made after the exposure: judged at synth, once the chart is complete.
    synthPass(scope).register(scope, { crossCheck: () => (policiesCover(server) ? plan.unadmittable.map(({ prop, why }) => new ValidationError(path, prop, undefined,
      `${why}: the StackNetworkPolicies of ${Chart.of(server).node.path} would cut the server off its gateway`,
      'a CiliumNetworkPolicy of yours admitting `fromEntities: [ingress]` to the server\'s pods, then GatewayImplementation.cilium({ version, ingressAllowedByCiliumPolicy: true }), '
      + 'or the listener\'s dataPlane where you know the source')) : []) });
  }
  address.setRouted(plan.publicUrl);
  return { exposure, plan };
}

function policiesCover(server: Construct): boolean {
  return Chart.of(server).node.findAll().some((c) => c instanceof StackNetworkPolicies);
}
