import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
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

/** Renders an `HttpProbe` as a Kubernetes probe. */
export function renderHttpProbe(probe: HttpProbe): k8s.Probe {
  return {
    httpGet: {
      path: probe.path,
      port: k8s.IntOrString.fromString(probe.endpoint.portName),
      scheme: probe.endpoint.probeScheme,
    },
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.failureThreshold,
  };
}
