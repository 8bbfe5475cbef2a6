import { ValidationError } from '../errors';
import { ServerTlsPlan } from '../tls/server-tls';
import { TrustKind } from '../tls/trust';

/** How the API server verifies metrics-server: exactly one of skip-verify, a caBundle, or CA injection. */
export interface ApiServiceTrust {
  readonly insecureSkipTLSVerify?: boolean;
  readonly caBundle?: string;
  readonly annotations?: { [key: string]: string };
}

/**
 * Derives the APIService's trust from the serving TLS. The API server rejects an APIService with
 * both `insecureSkipTLSVerify: true` and a caBundle (kube-aggregator validation), so it is either-or:
 * - self-made certificate (`--cert-dir`): skip verification, no caBundle;
 * - fromSecret: the CA must be given inline (`Trust.caPem`), as the caBundle is a literal field;
 * - certManager: cert-manager's cainjector fills the caBundle from the Certificate.
 */
export function apiServiceTrust(path: string, tls: ServerTlsPlan, namespace: string): ApiServiceTrust {
  const trust = tls.trust;
  switch (tls.mode.kind) {
    case 'secret':
      if (trust.kind !== TrustKind.CA_PEM || !trust.pem) {
        throw new ValidationError(path, 'tls', tls.mode, `the APIService needs the CA inline, and ${trust} cannot be read at synth`,
          'TlsMode.fromSecret(secret, { trust: Trust.caPem(caCertificate) }) (or fromSecretName), or TlsMode.certManager (cert-manager injects the CA)');
      }
      return { caBundle: Buffer.from(trust.pem).toString('base64') };
    case 'certManager':
      if (tls.mode.trust.kind !== TrustKind.ISSUED_CA) {
        throw new ValidationError(path, 'tls', tls.mode, `the API server verifies metrics-server with the CA cert-manager injects, not ${tls.mode.trust}`,
          'TlsMode.certManager without a trust option');
      }
      // The Certificate is named after the Service (ServerTls).
      return { annotations: { 'cert-manager.io/inject-ca-from': `${namespace}/${tls.serviceName}` } };
    default:
      return { insecureSkipTLSVerify: true };
  }
}
