import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Trust, TrustKind } from '../tls/trust';
import { ObjectStore } from './object-store';

type Json = any;

/**
 * Where a private store CA lands in the containers that talk to the store. Go's crypto/x509
 * (flyteadmin and copilot are Go binaries on images with ca-certificates) reads the first system
 * bundle it finds and then every file in /etc/ssl/certs, so one extra file there adds the CA
 * without replacing the system roots.
 */
export const CA = {
  volume: 'flyte-storage-ca',
  mountPath: '/etc/ssl/certs/flyte-storage-ca.pem',
  /** Directories Go reads every file of (root_linux.go `certDirectories`, the ones Linux images use). */
  goCertDirs: ['/etc/ssl/certs', '/etc/pki/tls/certs'],
  /** The key of the ConfigMap made for `Trust.caPem`. */
  pemKey: 'ca.crt',
} as const;

/** The CA volume and its mount for a container that talks to the store. */
export interface StoreCa {
  /** The trust the CA comes from (`caSecret`, `caConfigMap` or `caPem`). */
  readonly trust: Trust;
  readonly volume: k8s.Volume;
  /** Read-only, one file in a directory Go reads every file of (see `STORE_CA`). */
  readonly mount: k8s.VolumeMount;
  /** For `Trust.caPem`: the ConfigMap that must carry the PEM. */
  readonly pemConfigMap?: { readonly name: string; readonly data: { [key: string]: string } };
}

/**
 * The CA that clients of the store must trust, or undefined when the trust needs no mount (an
 * http:// store, or the system roots). `pemConfigMapName` names the ConfigMap made for `Trust.caPem`.
 */
export function storeCa(store: ObjectStore, pemConfigMapName: string): StoreCa | undefined {
  if (!store.tlsEnabled) return undefined;
  const trust = store.trust;
  const mount = (key: string): k8s.VolumeMount => ({ name: CA.volume, mountPath: CA.mountPath, subPath: key, readOnly: true });
  // Only the CA key is projected: the Secret may be the store's serving Secret, whose tls.key must
  // never reach a client.
  const only = (key: string) => [{ key, path: key }];
  switch (trust.kind) {
    case 'caSecret':
      return { trust, volume: { name: CA.volume, secret: { secretName: trust.secretName!, items: only(trust.key!) } }, mount: mount(trust.key!) };
    case 'caConfigMap':
      return { trust, volume: { name: CA.volume, configMap: { name: trust.configMapName!, items: only(trust.key!) } }, mount: mount(trust.key!) };
    case 'caPem':
      return {
        trust,
        volume: { name: CA.volume, configMap: { name: pemConfigMapName, items: [{ key: CA.pemKey, path: CA.pemKey }] } },
        mount: mount(CA.pemKey),
        pemConfigMap: { name: pemConfigMapName, data: { [CA.pemKey]: trust.pem! } },
      };
    default:
      return undefined;
  }
}

/** Whether a volume (manifest JSON) reads the trust's Secret or ConfigMap. */
function sourcesTrust(volume: Json, trust: Trust, pemConfigMapName: string | undefined): boolean {
  const secret = trust.secretName;
  const configMap = trust.kind === TrustKind.CA_PEM ? pemConfigMapName : trust.configMapName;
  const projected: Json[] = volume?.projected?.sources ?? [];
  return (secret !== undefined && (volume?.secret?.secretName === secret || projected.some((s) => s?.secret?.name === secret)))
    || (configMap !== undefined && (volume?.configMap?.name === configMap || projected.some((s) => s?.configMap?.name === configMap)));
}

/**
 * Whether a container of a merged pod (manifest JSON) can verify with the trust: it mounts a volume
 * of the trust's Secret/ConfigMap in a directory Go reads every file of, or where its
 * `SSL_CERT_FILE` / `SSL_CERT_DIR` point.
 */
export function containerTrustsCa(container: Json, volumes: Json[], trust: Trust, pemConfigMapName: string | undefined): boolean {
  const caVolumes = new Set(volumes.filter((v) => sourcesTrust(v, trust, pemConfigMapName)).map((v) => v.name));
  const env: Json[] = container?.env ?? [];
  const sslPaths = env.filter((e) => e?.name === 'SSL_CERT_FILE' || e?.name === 'SSL_CERT_DIR')
    .flatMap((e) => String(e.value ?? '').split(':'));
  const read = (mountPath: string) => CA.goCertDirs.some((dir) => mountPath === dir || mountPath.startsWith(`${dir}/`))
    || sslPaths.some((p) => p !== '' && (p === mountPath || p.startsWith(`${mountPath}/`)));
  return (container?.volumeMounts ?? []).some((m: Json) => caVolumes.has(m?.name) && typeof m.mountPath === 'string' && read(m.mountPath));
}
