// Upstream facts of Flyte CoPilot and of Flyte's pod-template merge, from flyteorg/flyte at tags
// v1.13.3, v1.14.0, v1.15.1, v1.15.3, v1.16.0 and v1.16.8:
// flyteplugins/go/tasks/pluginmachinery/flytek8s/{copilot.go,pod_helper.go,config/config.go},
// flytestdlib/logger/config.go, Dockerfile.flytecopilot, docs/deployment/configuration/general.rst.

/** The image repository of flyte-core's `co-pilot.image` (the code default, `v0.0.15`, is stale). */
export const COPILOT_IMAGE = 'cr.flyte.org/flyteorg/flytecopilot';
/** general.rst: template entries need an image, which Flyte always replaces; its docs use this no-op one. */
export const PLACEHOLDER_IMAGE = 'docker.io/rwgrim/docker-noop';
/** Kubernetes turns the SidecarContainers feature (init containers with `restartPolicy: Always`) on by default from 1.29. */
export const NATIVE_SIDECAR_KUBERNETES = 'v1.29.0';
/** A UID that exists nowhere: the copilot image (alpine) runs as root, which restricted forbids. */
export const DEFAULT_RUN_AS_USER = 65534;

/** Versions at which the behaviour of Flyte changed. */
export const SINCE = {
  /** PR #5750: `default-init` / `primary-init` templates; the uploader renamed (PR #6043). */
  initTemplates: 'v1.14.0',
  /** PR #6262: a template container whose name equals a container's merges into it. */
  nameMatch: 'v1.15.1',
  /** PRs #6501, #6509, #6523: native-sidecar uploader first, no SYS_PTRACE, no shareProcessNamespace, `--timeout`, `--logger.level`. */
  nativeSidecar: 'v1.16.0',
  /** PR #6733: no name-matched entry for the primary container and the primary init container. */
  primaryNameMatchSkipped: 'v1.16.3',
  /** PR #7183: terminationGracePeriodSeconds in seconds (before: the timeout in nanoseconds). */
  graceInSeconds: 'v1.16.6',
} as const;

/** `plugins.k8s.co-pilot` defaults (flytek8s/config/config.go). */
export const COPILOT = {
  /** `name`: the container-name prefix. */
  namePrefix: 'flyte-copilot-',
  downloader: 'downloader',
  /** The uploader's suffix from v1.14.0; `sidecar` before. */
  uploader: 'uploader',
  legacyUploader: 'sidecar',
  inputVolume: 'flyte-inputs',
  outputVolume: 'flyte-outputs',
  inputPath: '/var/flyte/inputs',
  outputPath: '/var/flyte/outputs',
  /** Requests equal limits. */
  cpu: '500m',
  memory: '128Mi',
  /** `start-timeout` (< v1.16.0, 100s) and `timeout` (v1.16.0+, 1h), as Go prints them. */
  startTimeout: '1m40s',
  timeout: '1h0m0s',
  timeoutSeconds: 3600,
  /** flytestdlib's logger default (WarnLevel), passed as `--logger.level` from v1.16.0. */
  loggerLevel: 3,
  binary: '/bin/flyte-copilot',
} as const;

/** The magic template container names of pod_helper.go. */
export const TEMPLATE = {
  default: 'default',
  primary: 'primary',
  defaultInit: 'default-init',
  primaryInit: 'primary-init',
} as const;

/** Where the storage CA lands in copilot containers (shared with Admin). */
export { CA } from '../../storage/store-ca';

/** Annotation that marks a CopilotPod that is not Pod Security restricted by the user's choice (`allowPtrace`). */
export const EXCEPTIONS_ANNOTATION = 'cdk8s-tls-constructs/pod-security-exceptions';
