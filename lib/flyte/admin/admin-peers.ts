import { defineType } from '../../props/prop-shapes';
import { T } from '../../props/prop-types';
import { NetworkPeer, requirePeer } from '../../network/network-flows';

// flyte-core v1.16.8 templates/flytescheduler/deployment.yaml and _helpers.tpl: the Deployment
// `flytescheduler` runs in the release namespace (`flyte.namespace`), its pods labelled
// `app.kubernetes.io/name: flytescheduler` (and the release's `app.kubernetes.io/instance`).
const SCHEDULER_LABELS = { 'app.kubernetes.io/name': 'flytescheduler' };

/**
 * Flyte's native scheduler, which launches scheduled launch plans by calling Admin's
 * `CreateExecution` over gRPC (flyteadmin v1.16.8 scheduler/start.go builds an Admin client;
 * scheduler/executor/executor_impl.go calls it). `StackNetworkPolicies` admits it to Admin's gRPC port.
 */
export class FlyteScheduler {
  /** flyte-core's `flytescheduler`: pods labelled `app.kubernetes.io/name: flytescheduler` in Admin's namespace (the default). */
  public static flyteCore(): FlyteScheduler {
    return new FlyteScheduler(undefined, true);
  }

  /** A scheduler deployed otherwise: its pods. */
  public static fromPeer(peer: NetworkPeer): FlyteScheduler {
    return new FlyteScheduler(requirePeer('FlyteScheduler.fromPeer', 'peer', peer), true);
  }

  /** No native scheduler (schedules off, or `workflow_scheduler.type: aws`): nothing is admitted for it. */
  public static none(): FlyteScheduler {
    return new FlyteScheduler(undefined, false);
  }

  private constructor(private readonly peer: NetworkPeer | undefined, private readonly enabled: boolean) {}

  /** @internal The scheduler's pods, for an Admin in `namespace`; none when there is no scheduler. */
  public _peerIn(namespace: string): NetworkPeer | undefined {
    if (!this.enabled) return undefined;
    return this.peer ?? { namespace, podLabels: { ...SCHEDULER_LABELS } };
  }
}

defineType('FlyteScheduler', T.instance('FlyteScheduler', (v) => v instanceof FlyteScheduler, 'FlyteScheduler.flyteCore(), fromPeer(peer) or none()'));
