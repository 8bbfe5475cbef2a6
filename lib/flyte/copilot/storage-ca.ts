import { k8s } from 'cdk8s-plus-28';
import { ValidationError } from '../../errors';
import { ServerTls } from '../../tls/server-tls';
import { TlsMode } from '../../tls/tls-mode';
import { Trust } from '../../tls/trust';
import { CA } from './constants';
import { Json } from './pod-template-merge';

/**
 * For copilot the TLS mode describes the object store it talks to: disabled → `http://`, any other
 * mode → `https://`, verified against the mode's trust. Copilot (flytestdlib storage over stow and
 * the AWS SDK) has no skip-verify switch, so a mode whose clients skip verification is refused.
 */
export function requireCopilotTls(path: string, tls: TlsMode): void {
  ServerTls.requireMode(path, tls, ['disabled', 'secret', 'certManager'],
    'copilot has no skip-verify switch: it verifies the object store against its trust store, and a self-signed store gives it nothing to verify with',
    'TlsMode.fromSecret("<the store\'s Secret>", { trust: Trust.caFromConfigMap("<CA bundle>") }) so that the store\'s CA reaches copilot, or TlsMode.disabled() for an http:// store');
  if (tls.trust.kind === 'skipVerify') {
    throw new ValidationError(path, 'tls.trust', tls.trust, 'copilot has no skip-verify switch: it always verifies the object store\'s certificate',
      'Trust.caFromSecret, Trust.caFromConfigMap or Trust.caPem with the CA that signed the store\'s certificate, or Trust.systemRoots()');
  }
}

/** The trust copilot verifies the store with; certManager's issued CA needs the Secret it is issued into. */
export function storageTrust(path: string, tls: TlsMode): Trust {
  if (tls.trust.kind !== 'issuedCa') return tls.trust;
  if (!tls.secretName) {
    throw new ValidationError(path, 'tls', tls, 'the store\'s CA is the ca.crt of the Secret its certificate is issued into, and this mode names no Secret',
      'TlsMode.certManager({ issuer, secretName: "<the store\'s certificate Secret>" }), or an explicit trust such as Trust.caFromConfigMap("<CA bundle>")');
  }
  return tls.trust.resolveFor(tls.secretName);
}

/** The CA volume and its mount for copilot containers. */
export interface CopilotCa {
  /** The trust the CA comes from (`caSecret`, `caConfigMap` or `caPem`). */
  readonly trust: Trust;
  readonly volume: k8s.Volume;
  /** Read-only, one file in a directory Go reads every file of (see `CA` in copilot-constants). */
  readonly mount: k8s.VolumeMount;
  /** For `Trust.caPem`: the ConfigMap that must carry the PEM. */
  readonly pemConfigMap?: { readonly name: string; readonly data: { [key: string]: string } };
}

/**
 * The CA that copilot containers must trust, or undefined when the trust needs no mount
 * (TLS off, or the system roots). `pemConfigMapName` names the ConfigMap made for `Trust.caPem`.
 */
export function copilotCa(path: string, tls: TlsMode, pemConfigMapName: string): CopilotCa | undefined {
  if (!tls.enabled) return undefined;
  const trust = storageTrust(path, tls);
  const mount = (key: string): k8s.VolumeMount => ({ name: CA.volume, mountPath: CA.mountPath, subPath: key, readOnly: true });
  // Only the CA key is projected: the Secret may be the store's serving Secret, whose tls.key must
  // never reach a task pod.
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
  const configMap = trust.kind === 'caPem' ? pemConfigMapName : trust.configMapName;
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
