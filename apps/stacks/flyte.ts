import { Chart, Duration } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Console, ConsoleProps, GatewayListener, NetworkPeer, ObjectStore, SecureAdmin, SecureAdminProps, StackNetworkPolicies, StackNetworkPoliciesProps, TlsMode, Trust,
} from '../../lib';
import { PUBLIC_LISTENER } from './gateway';

/** Options of `flyteStack`. */
export interface FlyteStackOptions {
  /** @default 'flyte' */
  readonly namespace?: string;
  /** Overrides of the Admin's props. @default - the example database and S3 bucket below */
  readonly admin?: Partial<SecureAdminProps>;
  /** Overrides of the Console's props. @default - none */
  readonly console?: Partial<Omit<ConsoleProps, 'admin'>>;
  /**
   * Expose Admin (HTTP on `host`, gRPC on `grpcHost`) and the Console (on `consoleHost`) through the
   * example's Gateway, with NetworkPolicies. Each host is one label under example.com: the listener's
   * wildcard certificate covers no deeper name (RFC 6125), though the listener's hostname
   * `*.example.com` would attach deeper routes. @default - not exposed (port-forward)
   */
  readonly expose?: {
    readonly host: string; readonly grpcHost: string; readonly consoleHost: string; readonly policies?: StackNetworkPoliciesProps;
    /** @default PUBLIC_LISTENER (Envoy Gateway) */
    readonly listener?: GatewayListener;
  };
}

/**
 * FlytePropeller of flyte-core in a namespace: Admin's in-cluster gRPC client (events, launch plans).
 * Not datacatalog: it has no Admin client (flyte v1.16.8). flytescheduler is admitted by default
 * (SecureAdmin's `scheduler`).
 */
function flyteClients(namespace: string): NetworkPeer[] {
  return [{ namespace, podLabels: { 'app.kubernetes.io/name': 'flytepropeller' } }];
}

/**
 * Flyte Admin and Console in their own chart, from ONE TLS mode: the Console takes the Admin's mode,
 * registers its origin with the Admin's CORS list, and reads the Admin's public URL. The database
 * password is a Secret the operator creates (`flyte-db`); the S3 bucket is reached with the pod's
 * own identity (IRSA) unless `admin.storage` says otherwise.
 */
export function flyteStack(scope: Construct, id: string, tls: TlsMode, options: FlyteStackOptions = {}): Chart {
  const chart = new Chart(scope, id);
  const namespace = options.namespace ?? 'flyte';
  const admin = new SecureAdmin(chart, 'admin', {
    tls,
    namespace,
    database: { host: `postgres.${namespace}.svc`, username: 'flyteadmin', passwordSecret: { secret: Secret.fromSecretName(chart, 'db-password', 'flyte-db'), key: 'password' } },
    objectStore: ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' }),
    ...(options.expose ? { allowFrom: flyteClients(namespace) } : {}),
    ...options.admin,
  });
  const console = new Console(chart, 'console', { admin, ...options.console });
  if (options.expose) {
    // The routes give both public origins: the Console's lands in Admin's CORS list, Admin's in ADMIN_API_URL.
    const listener = options.expose.listener ?? PUBLIC_LISTENER;
    admin.exposeViaGateway({ listener, host: options.expose.host, grpcHost: options.expose.grpcHost });
    console.exposeViaGateway({ listener, host: options.expose.consoleHost });
    new StackNetworkPolicies(chart, 'network-policies', options.expose.policies);
  }
  return chart;
}

/**
 * `flyte-tls`: both served from the existing Secret `flyte-tls` (its certificate names the Services
 * and `localhost`); clients verify against the private CA in the same Secret's `ca.crt`. Port-forward:
 * Console `localhost:8088` → `svc/flyteconsole:443`, Admin `localhost:8089` → `svc/flyteadmin:443`.
 */
export function flyteTlsStack(scope: Construct, id = 'flyte-tls'): Chart {
  // Made before the stack's chart (flyteStack makes it): the Secret named as a string.
  const tls = TlsMode.fromSecretName('flyte-tls', { trust: Trust.caFromSecretName('flyte-tls', 'ca.crt') });
  return flyteStack(scope, id, tls, {
    admin: { publicUrl: 'https://localhost:8089' },
    console: { publicOrigin: 'https://localhost:8088' },
  });
}

/**
 * `flyte-cert-manager`: cert-manager issues one certificate per server from the `flyte-ca`
 * ClusterIssuer; trust-manager publishes that CA as the ConfigMap `flyte-ca` (key `ca.crt`), which
 * clients and the gateway's BackendTLSPolicies verify against. Exposed at flyte.example.com (gRPC at
 * flyte-grpc.example.com) and flyte-console.example.com.
 */
export function flyteCertManagerStack(scope: Construct, id = 'flyte-cert-manager', listener: GatewayListener = PUBLIC_LISTENER): Chart {
  const tls = TlsMode.certManager({ issuer: { name: 'flyte-ca' }, trust: Trust.caFromConfigMapName('flyte-ca'), duration: Duration.hours(2160), renewBefore: Duration.hours(360) });
  return flyteStack(scope, id, tls, {
    namespace: 'flyte-cm',
    expose: { host: 'flyte.example.com', grpcHost: 'flyte-grpc.example.com', consoleHost: 'flyte-console.example.com', listener },
  });
}

/**
 * `flyte-plain`: plain HTTP inside a dev cluster, exposed over HTTPS at flyte-dev.example.com (gRPC
 * at flyte-dev-grpc.example.com) and flyte-dev-console.example.com: TLS ends at the gateway, and the
 * NetworkPolicies (egress too) let only the gateway and Flyte's own clients reach the pods. An
 * in-cluster MinIO whose key pair is the Secret `flyte-storage`, and an in-cluster PostgreSQL.
 */
export function flytePlainStack(scope: Construct, id = 'flyte-plain', listener: GatewayListener = PUBLIC_LISTENER): Chart {
  return flyteStack(scope, id, TlsMode.disabled(), {
    namespace: 'flyte-dev',
    admin: {
      objectStore: ObjectStore.minio({
        bucket: 'flyte-data',
        endpoint: 'http://minio.flyte-dev.svc:9000',
        // The stack's App holds the reference (flyteStack makes the chart); only the name is used.
        credentials: { secret: Secret.fromSecretName(scope, 'storage-keys', 'flyte-storage'), accessKeyKey: 'access-key', secretKeyKey: 'secret-key' },
      }),
    },
    expose: {
      host: 'flyte-dev.example.com',
      grpcHost: 'flyte-dev-grpc.example.com',
      consoleHost: 'flyte-dev-console.example.com',
      listener,
      policies: {
        egress: {
          // The API server's endpoint addresses (`kubectl get endpointslices -n default -l
          // kubernetes.io/service-name=kubernetes`) and the `kubernetes` Service's ClusterIP: whether
          // a CNI's policy sees the one or the other is undefined, so both are admitted.
          apiServerCidrs: ['192.0.2.10/32'],
          apiServerClusterIp: '10.96.0.1',
          destinations: [
            { peer: { namespace: 'flyte-dev', podLabels: { 'app.kubernetes.io/name': 'postgresql' } }, ports: [5432] },
            { peer: { namespace: 'flyte-dev', podLabels: { 'app.kubernetes.io/name': 'minio' } }, ports: [9000] },
          ],
        },
      },
    },
  });
}
