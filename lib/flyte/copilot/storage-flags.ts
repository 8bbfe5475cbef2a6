import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ObjectStore } from '../../storage/object-store';
import { Version } from '../../version';
import { COPILOT, SINCE } from './constants';

/** Environment variables that carry the keys; the flags refer to them as `$(NAME)`, which the kubelet expands. */
export const CREDENTIAL_ENV = { accessKey: 'FLYTE_STORAGE_ACCESS_KEY', secretKey: 'FLYTE_STORAGE_SECRET_KEY' } as const;

/** What the storage settings put into every copilot container. */
export interface CopilotStorageFlags {
  /** The container `command` (copilot.go `CopilotCommandArgs`). */
  readonly command: string[];
  /** `secretKeyRef` variables for the `$(VAR)` references of `command`. */
  readonly env: k8s.EnvVar[];
  /** `s3://<bucket>`: where the preview's data paths live. */
  readonly root: string;
}

/** Copilot's storage flags and credential variables for the store. */
export function copilotStorageFlags(store: ObjectStore, version: Version): CopilotStorageFlags {
  const creds = store.credentials;
  const env: k8s.EnvVar[] = [];
  if (creds !== undefined) {
    const ref = (key: string) => ({ secretKeyRef: { name: creds.secret.name, key } });
    env.push({ name: CREDENTIAL_ENV.accessKey, valueFrom: ref(creds.accessKeyKey!) });
    env.push({ name: CREDENTIAL_ENV.secretKey, valueFrom: ref(creds.secretKeyKey!) });
  }
  // copilot.go `CopilotCommandArgs` writes every connection flag, empty ones too; flytestdlib's
  // `legacyS3ConfigMap` skips an empty key, endpoint or secret, so leaving a flag out is the same
  // configuration (the defaults are empty). No flag is emitted empty: without credentials,
  // `auth-type: iam` makes stow use the AWS SDK's default chain (the pod's identity).
  const command = [
    COPILOT.binary,
    '--storage.limits.maxDownloadMBs=0',
    ...(version.atLeast(SINCE.nativeSidecar) ? [`--logger.level=${COPILOT.loggerLevel}`] : []),
    `--storage.container=${store.bucket}`,
    `--storage.type=${store.type}`,
    ...(creds ? [`--storage.connection.secret-key=$(${CREDENTIAL_ENV.secretKey})`, `--storage.connection.access-key=$(${CREDENTIAL_ENV.accessKey})`] : []),
    `--storage.connection.auth-type=${creds ? 'accesskey' : 'iam'}`,
    `--storage.connection.region=${store.region ?? 'us-east-1'}`,
    ...(store.endpoint ? [`--storage.connection.endpoint=${store.endpoint}`] : []),
  ];
  return { command, env, root: `s3://${store.bucket}` };
}
