import { Endpoint } from '../tls/endpoint';

/** An HTTP(S) GET probe of one endpoint: scheme and port come from the endpoint, never written by hand. */
export interface HttpProbe {
  /** The endpoint whose named port is probed (scheme follows its TLS mode). */
  readonly endpoint: Endpoint;
  /** The path. */
  readonly path: string;
  /** @default - Kubernetes' (0) */
  readonly initialDelaySeconds?: number;
  /** @default - Kubernetes' (10) */
  readonly periodSeconds?: number;
  /** @default - Kubernetes' (1) */
  readonly timeoutSeconds?: number;
  /** @default - Kubernetes' (3) */
  readonly failureThreshold?: number;
}

/**
 * An `HttpProbe` as `k8s.Probe` manifest JSON, in the schema's key order (what the typed
 * conversion gives): the Deployment's spec is built as JSON.
 */
export function httpProbeJson(probe: HttpProbe): any {
  return {
    failureThreshold: probe.failureThreshold,
    httpGet: { path: probe.path, port: probe.endpoint.portName, scheme: probe.endpoint.probeScheme },
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
  };
}
