import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { ObjectStore, SecureAdmin, TlsMode, Trust, ValidationError } from '../../../lib';
import { DATABASE, expectFlyteValid, userSecrets } from '../../support/flyte-invariants';
import { container, only, synth, testApp, testChart } from '../../support/harness';
import { secret } from '../../support/refs';

// Admin talks to the object store copilot reaches: a store with a private CA (its trust) has that CA
// mounted into the flyteadmin container as one file in /etc/ssl/certs (Go reads every file there),
// projected from the CA key only; a Trust.caPem CA becomes the ConfigMap flyteadmin-storage-ca.

const CA = fs.readFileSync(path.join(__dirname, '../../support/fixtures/ca.crt.pem'), 'utf8');
const HTTPS = 'https://minio.flyte.svc:9000';
const VOLUME = 'flyte-storage-ca';
const MOUNT_PATH = '/etc/ssl/certs/flyte-storage-ca.pem';

const minio = (trust?: Trust, endpoint = HTTPS) => ObjectStore.minio({ bucket: 'flyte-data', endpoint, credentials: { secret: secret('flyte-storage') }, trust });

/** Builds an Admin on `objectStore` and validates its output; `external` names what the store's trust reads. */
function build(objectStore: ObjectStore, external: string[] = [], props: { tls?: TlsMode; namespace?: string } = {}) {
  const chart = testChart();
  const tls = props.tls ?? TlsMode.disabled();
  const admin = new SecureAdmin(chart, 'admin', { tls, database: DATABASE, objectStore, namespace: props.namespace });
  const objects = synth(chart);
  const namespace = admin.namespace;
  const extra = tls.kind === 'secret' ? [tls.secretName!] : [];
  expectFlyteValid(objects, admin, [], { external: [...userSecrets(namespace, ...extra), ...external.map((e) => e.replace('<ns>', namespace))] });
  const pod = only(objects, 'Deployment').spec.template.spec;
  return {
    admin, objects, pod,
    main: container(objects, 'Deployment', 'flyteadmin'),
    volume: pod.volumes.find((v: any) => v.name === VOLUME),
    mounts: [...pod.initContainers, ...pod.containers].flatMap((c: any) => (c.volumeMounts ?? []).filter((m: any) => m.name === VOLUME).map((m: any) => ({ container: c.name, ...m }))),
  };
}

describe('a store CA is mounted into flyteadmin', () => {
  test.each([
    ['Trust.caFromSecret', Trust.caFromSecretName('minio-ca'), 'ca.crt', { secret: { secretName: 'minio-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, ['Secret/<ns>/minio-ca']],
    ['Trust.caFromSecret with a key', Trust.caFromSecretName('minio-tls', 'root.pem'), 'root.pem', { secret: { secretName: 'minio-tls', items: [{ key: 'root.pem', path: 'root.pem' }] } }, ['Secret/<ns>/minio-tls']],
    ['Trust.caFromConfigMap', Trust.caFromConfigMapName('my-cert-bundle'), 'ca.crt', { configMap: { name: 'my-cert-bundle', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, ['ConfigMap/<ns>/my-cert-bundle']],
    ['Trust.caFromConfigMap with a key', Trust.caFromConfigMapName('my-cert-bundle', 'trust-bundle.pem'), 'trust-bundle.pem',
      { configMap: { name: 'my-cert-bundle', items: [{ key: 'trust-bundle.pem', path: 'trust-bundle.pem' }] } }, ['ConfigMap/<ns>/my-cert-bundle']],
    ['Trust.caPem', Trust.caPem(CA), 'ca.crt', { configMap: { name: 'flyteadmin-storage-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, []],
  ])('%s: volume of the CA key only, mounted read-only at /etc/ssl/certs/flyte-storage-ca.pem', (_name, trust, key, source, external) => {
    const { volume, mounts, main } = build(minio(trust), external);
    expect(volume).toEqual({ name: VOLUME, ...source });
    // Only flyteadmin talks to the store: the run-migrations init container gets no CA.
    expect(mounts).toEqual([{ container: 'flyteadmin', name: VOLUME, mountPath: MOUNT_PATH, subPath: key, readOnly: true }]);
    // The storage env and config are those of any store: the CA changes no setting, only the trust store.
    expect(main.env.map((e: any) => e.name)).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  });

  test('Trust.caPem: Admin emits the ConfigMap flyteadmin-storage-ca (key ca.crt) in its namespace', () => {
    const { objects } = build(minio(Trust.caPem(CA)), [], { namespace: 'flyte-x' });
    const cm = only(objects, 'ConfigMap', 'flyteadmin-storage-ca');
    expect(cm.metadata.namespace).toBe('flyte-x');
    expect(cm.data).toEqual({ 'ca.crt': CA });
    expect(cm.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'flyte' });
  });

  test('only Trust.caPem makes a ConfigMap; the others read the user\'s Secret or ConfigMap', () => {
    for (const trust of [Trust.caFromSecretName('minio-ca'), Trust.caFromConfigMapName('my-cert-bundle')]) {
      const { objects } = build(minio(trust), ['Secret/<ns>/minio-ca', 'ConfigMap/<ns>/my-cert-bundle']);
      expect(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)).toEqual(['flyte-admin-base-config']);
    }
  });

  test('an S3 store without an endpoint (the provider\'s HTTPS) gets the CA too', () => {
    const { mounts } = build(ObjectStore.s3({ bucket: 'flyte-data', region: 'eu-west-1', trust: Trust.caFromConfigMapName('my-cert-bundle') }), ['ConfigMap/<ns>/my-cert-bundle']);
    expect(mounts.map((m: any) => [m.container, m.mountPath])).toEqual([['flyteadmin', MOUNT_PATH]]);
  });

  test.each([
    ['fromSecret', TlsMode.fromSecretName('flyte-tls')],
    ['certManager', TlsMode.certManager({ issuer: { name: 'flyte-ca' } })],
  ])('beside Admin\'s own %s certificate: both mounted, neither in the other\'s place', (_name, tls) => {
    const { main, pod, volume } = build(minio(Trust.caPem(CA)), [], { tls });
    expect(volume).toBeDefined();
    expect(main.volumeMounts).toEqual(expect.arrayContaining([
      { name: 'tls', mountPath: '/etc/tls', readOnly: true },
      { name: VOLUME, mountPath: MOUNT_PATH, subPath: 'ca.crt', readOnly: true },
    ]));
    expect(pod.volumes.map((v: any) => v.name)).toEqual(expect.arrayContaining(['tls', VOLUME]));
  });
});

describe('no store CA mount', () => {
  test.each([
    ['an https store verified with the system roots', minio(Trust.systemRoots())],
    ['an https store with the default trust', minio()],
    ['an S3 store without endpoint or trust', ObjectStore.s3({ bucket: 'flyte-data', region: 'us-east-1' })],
    ['an http store', minio(undefined, 'http://minio.flyte.svc:9000')],
  ])('%s: no volume, no mount, no ConfigMap', (_name, store) => {
    const { volume, mounts, objects } = build(store);
    expect([volume, mounts]).toEqual([undefined, []]);
    expect(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)).toEqual(['flyte-admin-base-config']);
    expect(JSON.stringify(objects)).not.toContain('/etc/ssl/certs');
  });

  test('a CA over plain http is refused by the store, before Admin is built', () => {
    const chart = new Chart(testApp(), 'c');
    let error: unknown;
    try {
      new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: minio(Trust.caPem(CA), 'http://minio.flyte.svc:9000') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect([(error as ValidationError).path, (error as ValidationError).prop]).toEqual(['ObjectStore.minio', 'trust']);
    expect((error as Error).message).toMatch(/the store is reached over plain HTTP \(http:\/\/minio\.flyte\.svc:9000\)/);
    expect(chart.node.tryFindChild('admin')).toBeUndefined();
  });

  test('a store that skips verification is refused by the store', () => {
    expect(() => minio(Trust.skipVerify())).toThrow(/^ObjectStore\.minio: trust Trust\.skipVerify\(\) is not allowed: Flyte's storage clients have no skip-verify switch/);
  });
});

test('a new inline store CA rolls Admin\'s pods (checksum of its ConfigMap)', () => {
  const fs = require('fs');
  const path = require('path');
  const { Testing } = require('cdk8s');
  const { ObjectStore, SecureAdmin, TlsMode, Trust } = require('../../../lib');
  const pem = (file: string) => fs.readFileSync(path.resolve(__dirname, '../../support/fixtures', file), 'utf8');
  const annotations = (file: string) => {
    const chart = new (require('cdk8s').Chart)(testApp(), 'c');
    new SecureAdmin(chart, 'admin', {
      tls: TlsMode.disabled(),
      database: { host: 'db', username: 'u', passwordSecret: { secret: secret('db'), key: 'password' } },
      objectStore: ObjectStore.minio({ bucket: 'flyte-data', endpoint: 'https://minio:9000', trust: Trust.caPem(pem(file)) }),
    });
    return Testing.synth(chart).find((o: any) => o.kind === 'Deployment').spec.template.metadata.annotations;
  };
  const a = annotations('ca.crt.pem');
  expect(Object.keys(a)).toContain('checksum/flyteadmin-storage-ca');
  expect(annotations('ca-ec.crt.pem')['checksum/flyteadmin-storage-ca']).not.toBe(a['checksum/flyteadmin-storage-ca']);
});
