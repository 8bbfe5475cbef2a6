import { Testing } from 'cdk8s';
import { Console, ObjectStore, SecureAdmin, TlsMode } from '../../../lib';
import { DATABASE, STORAGE } from '../../support/flyte-invariants';
import { only, testChart } from '../../support/harness';

/** The shared test store (STORAGE: MinIO over http, keys from flyte-storage) as an ObjectStore. */
const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

// The Console's Node server reads server.crt/server.key from a path relative to its WORKDIR /app:
// `../script/certificate` in v1.10.0–v1.10.3 (flyteorg/flyteconsole website/env.js) and
// `../../scripts/certificate` from v1.11.0 (website/console/env/index.ts), UPSTREAM §9.2. A wrong
// mount is a crash loop (readFileSync at start).

function consoleAt(version: string) {
  const chart = testChart();
  const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.fromSecretName('flyte-tls'), database: DATABASE, objectStore: OBJECT_STORE, version: 'v1.13.3' });
  new Console(chart, 'console', { admin, version });
  const objects = Testing.synth(chart);
  const pod = only(objects, 'Deployment', 'flyteconsole').spec.template.spec;
  return { mount: pod.containers[0].volumeMounts.find((m: any) => m.name === 'certificate'), pod };
}

test.each(['v1.10.0', 'v1.10.1', 'v1.10.2', 'v1.10.3'])('Console %s reads its certificate from /script/certificate', (version) => {
  expect(consoleAt(version).mount).toEqual({ name: 'certificate', mountPath: '/script/certificate', readOnly: true });
});

test.each(['v1.11.0', 'v1.17.3', 'v1.21.0'])('Console %s reads its certificate from /scripts/certificate', (version) => {
  expect(consoleAt(version).mount).toEqual({ name: 'certificate', mountPath: '/scripts/certificate', readOnly: true });
});

test('the files are server.crt and server.key from the Secret\'s tls.crt and tls.key, whatever the directory', () => {
  const volume = consoleAt('v1.10.2').pod.volumes.find((v: any) => v.name === 'certificate');
  expect(volume.secret.items).toEqual([{ key: 'tls.crt', path: 'server.crt' }, { key: 'tls.key', path: 'server.key' }]);
});
