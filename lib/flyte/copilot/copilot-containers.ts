import { Version } from '../../version';
import { COPILOT, SINCE } from './constants';
import { inputInterface, typedInterface } from './task-interface';
import { CopilotStorageFlags } from './storage-flags';
import { Json } from './pod-template-merge';
import { plainJson } from '../../plain-json';

/** A raw-container task with copilot, as the plugin sees it before the template merge. */
export interface CopilotTask {
  readonly flyteVersion: Version;
  /** Pod name; Flyte names the primary container like the pod (the execution's generated name). */
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly image: string;
  readonly command?: string[];
  readonly args?: string[];
  /** Resources of the task's container (manifest JSON). */
  readonly resources?: Json;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly inputPath: string;
  readonly outputPath: string;
  readonly copilotImage: string;
  readonly storage: CopilotStorageFlags;
}

/** The copilot containers' names at a Flyte version (`flyte-copilot-sidecar` before v1.14.0, PR #6043). */
export function copilotNames(version: Version): { downloader: string; uploader: string } {
  const uploader = version.atLeast(SINCE.initTemplates) ? COPILOT.uploader : COPILOT.legacyUploader;
  return { downloader: `${COPILOT.namePrefix}${COPILOT.downloader}`, uploader: `${COPILOT.namePrefix}${uploader}` };
}

/** The pod Flyte builds, and the names the template merge needs. */
export interface BuiltCopilotPod {
  readonly metadata: Json;
  readonly spec: Json;
  readonly primary: string;
  readonly downloader?: string;
  readonly uploader?: string;
}

/**
 * The pod of copilot.go `AddCoPilotToContainer` + `AddCoPilotToPod` and pod_helper.go `UpdatePod`:
 * - the primary container mounts the inputs and/or outputs volume; before v1.16.0 it gets SYS_PTRACE
 *   and the pod shareProcessNamespace (removed by PR #6509);
 * - the downloader is an init container (only with inputs);
 * - the uploader (only with outputs) is a regular container before v1.16.0, and from v1.16.0 a native
 *   sidecar placed first among the init containers, with terminationGracePeriodSeconds from its timeout.
 */
export function buildCopilotPod(task: CopilotTask): BuiltCopilotPod {
  const v = task.flyteVersion;
  const native = v.atLeast(SINCE.nativeSidecar);
  const names = copilotNames(v);
  const prefix = `${task.storage.root}/copilot-preview/${task.namespace}/${task.name}`;
  const inputsMount = { name: COPILOT.inputVolume, mountPath: task.inputPath };
  const outputsMount = { name: COPILOT.outputVolume, mountPath: task.outputPath };
  const hasInputs = task.inputs.length > 0;
  const hasOutputs = task.outputs.length > 0;

  const copilot = (name: string, args: string[], mount: Json): Json => ({
    name,
    image: task.copilotImage,
    command: task.storage.command,
    args,
    workingDir: '/',
    env: task.storage.env.length ? task.storage.env : undefined,
    resources: { limits: { cpu: COPILOT.cpu, memory: COPILOT.memory }, requests: { cpu: COPILOT.cpu, memory: COPILOT.memory } },
    volumeMounts: [mount],
    terminationMessagePolicy: 'FallbackToLogsOnError',
    imagePullPolicy: 'IfNotPresent',
  });

  const primary: Json = {
    name: task.name,
    image: task.image,
    command: task.command,
    args: task.args,
    resources: task.resources,
    volumeMounts: [...(hasInputs ? [inputsMount] : []), ...(hasOutputs ? [outputsMount] : [])] as Json[],
    // The plugin always sets a (possibly empty) capabilities struct on the primary container.
    securityContext: { capabilities: native ? {} : { add: ['SYS_PTRACE'] } },
  };
  const initContainers: Json[] = [];
  const containers: Json[] = [primary];
  const volumes: Json[] = [];
  const spec: Json = { restartPolicy: 'Never' };
  if (!native) spec.shareProcessNamespace = true;

  if (hasInputs) {
    volumes.push({ name: COPILOT.inputVolume, emptyDir: {} });
    initContainers.push(copilot(names.downloader, [
      'download', '--from-remote', `${prefix}/inputs.pb`, '--to-output-prefix', `${prefix}/outputs`,
      '--to-local-dir', task.inputPath, '--format', 'JSON', '--input-interface', inputInterface(task.inputs),
    ], inputsMount));
  }
  if (hasOutputs) {
    volumes.push({ name: COPILOT.outputVolume, emptyDir: {} });
    const uploader = copilot(names.uploader, [
      'sidecar', native ? '--timeout' : '--start-timeout', native ? COPILOT.timeout : COPILOT.startTimeout,
      '--to-raw-output', `${prefix}/raw`, '--to-output-prefix', `${prefix}/outputs`,
      '--from-local-dir', task.outputPath, '--interface', typedInterface(task.inputs, task.outputs),
    ], outputsMount);
    if (native) {
      initContainers.unshift({ ...uploader, restartPolicy: 'Always' });
      // Before v1.16.6 (PR #7183) the grace period was the timeout's nanoseconds.
      spec.terminationGracePeriodSeconds = v.atLeast(SINCE.graceInSeconds) ? COPILOT.timeoutSeconds : COPILOT.timeoutSeconds * 1e9;
    } else {
      containers.push(uploader);
    }
  }
  if (primary.volumeMounts.length === 0) delete primary.volumeMounts;
  spec.containers = containers;
  if (initContainers.length) spec.initContainers = initContainers;
  if (volumes.length) spec.volumes = volumes;
  return {
    metadata: { name: task.name, namespace: task.namespace, labels: task.labels },
    spec: plainJson(spec),
    primary: task.name,
    downloader: hasInputs ? names.downloader : undefined,
    uploader: hasOutputs ? names.uploader : undefined,
  };
}
