import { SupportedLine } from '../version';

// The Flyte 1 release line, which Admin, the Console's backend, copilot and the pod-template merge
// belong to. flyteorg/flyte's default branch `main` is Flyte 2 (generally available since v2.0.0,
// December 2025): it has no flyteadmin, no flyteconsole and not this copilot model. Flyte 1 is
// maintained on `master` (v1.16.8, 2026-07-09).

/** The Flyte release flyte-core v1.16.8 pins. */
export const FLYTE_DEFAULT_VERSION = 'v1.16.8';

/** Flyte releases these constructs model. */
export const FLYTE_LINE: SupportedLine = {
  minimum: 'v1.10.0',
  why: 'older releases are not supported (DESIGN §8)',
  newestMajor: 1,
  line: 'Flyte 1 (flyteorg/flyte master, v1.10.0 to v1.16.x)',
  laterMajor: 'Flyte 2 has no flyteadmin, no flyteconsole and another copilot model',
};
