import { Duration } from 'cdk8s';
import { refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { durationType } from '../tls/go-duration';
import { TlsMode } from '../tls/tls-mode';
import { Resources, ServerCommonProps } from '../workload/common-props';

/** Props of `MetricsServer`. */
export interface MetricsServerProps extends ServerCommonProps {
  /**
   * The serving certificate. metrics-server always serves HTTPS: `disabled()` and `selfSigned()`
   * both mean its self-made certificate; `fromSecret` needs `Trust.caPem`; `certManager` injects the CA.
   */
  readonly tls: TlsMode;
  /** @default 'kube-system' */
  readonly namespace?: string;
  /** @default - `registry.k8s.io/metrics-server/metrics-server:<version>` */
  readonly image?: string;
  /** @default 'v0.9.0' */
  readonly version?: string;
  /**
   * The port the container listens on (every arg, probe and autoscaler follows it).
   * @default - derived from the version: 10250 from v0.7, 4443 for v0.6
   */
  readonly securePort?: number;
  /**
   * How often metrics are scraped from the kubelets (at least 10s, whole seconds), written to
   * `--metric-resolution` as a Go duration (`Duration.seconds(15)` → `15s`, `Duration.minutes(1)` → `1m`).
   * @default Duration.seconds(15)
   */
  readonly metricResolution?: Duration;
  /**
   * Kubelet address types, in order of preference.
   * @default ['InternalIP', 'ExternalIP', 'Hostname']
   */
  readonly kubeletPreferredAddressTypes?: string[];
  /**
   * Skip verification of the kubelets' serving certificates (`--kubelet-insecure-tls`). Development
   * clusters only: kubelet verification is a property of the cluster, not of this TLS mode.
   * @default false
   */
  readonly kubeletInsecureTls?: boolean;
  /** @default 'system-cluster-critical' */
  readonly priorityClassName?: string;
  /** @default - requests cpu 100m, memory 200Mi (the official manifests') */
  readonly resources?: Resources;
}

/** MetricsServerProps: a TLS mode metrics-server can serve, the port a TCP port, the resolution with an example. */
export const METRICS_SERVER_PROPS = refineFields('MetricsServerProps', {
  tls: T.instance('TlsMode', (v) => v instanceof TlsMode, 'one of the TlsMode factories, e.g. TlsMode.selfSigned()'),
  securePort: T.port,
  metricResolution: durationType('Duration.seconds(15)'),
});
