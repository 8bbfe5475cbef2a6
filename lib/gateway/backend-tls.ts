import { ValidationError } from '../errors';
import { Endpoint } from '../tls/endpoint';
import { TrustKind } from '../tls/trust';

/** The `spec.validation` of a BackendTLSPolicy, and the ConfigMap it needs for an inline CA. */
export interface BackendValidation {
  readonly validation: {
    readonly hostname: string;
    readonly caCertificateRefs?: { group: string; kind: string; name: string }[];
    readonly wellKnownCACertificates?: 'System';
  };
  /** For `Trust.caPem`: the ConfigMap (name, `ca.crt`) the policy refers to, made next to it. */
  readonly caConfigMap?: { readonly name: string; readonly data: { [key: string]: string } };
}

/** The key core BackendTLSPolicy support reads from a CA ConfigMap. */
export const CA_KEY = 'ca.crt';

const TRUST_MANAGER = 'publish the CA as a ConfigMap with key ca.crt (trust-manager: a Bundle whose target.configMap.key is "ca.crt") '
  + 'and give the server that trust, e.g. TlsMode.certManager({ issuer, trust: Trust.caFromConfigMapName("<bundle>") })';

/**
 * How a gateway verifies a server reached at `endpoint` over TLS, from the server's own trust:
 * the name it checks is one its certificate carries (the Service's `<svc>.<ns>.svc`), and the CA
 * is the one its in-cluster clients use. Refuses what a gateway cannot or must not do. Pure.
 * @param caConfigMapName the name of the ConfigMap made for an inline CA
 */
export function backendValidation(path: string, endpoint: Endpoint, caConfigMapName: string): BackendValidation {
  const trust = endpoint.trust;
  const hostname = endpoint.host;
  switch (trust.kind) {
    case TrustKind.SYSTEM_ROOTS:
      // Core support is a ConfigMap; `System` is implementation-specific (docs/exposure.md, docs/decisions.md).
      return { validation: { hostname, wellKnownCACertificates: 'System' } };
    case TrustKind.CA_CONFIG_MAP:
      if (trust.key !== CA_KEY) {
        throw new ValidationError(path, 'tls.trust', trust.toString(), `a BackendTLSPolicy reads the CA from key ${CA_KEY} of a ConfigMap (core support), not ${trust.key}`,
          `Trust.caFromConfigMapName("${trust.configMapName}") (or caFromConfigMap of an IConfigMap) with the bundle under ${CA_KEY}`);
      }
      return { validation: { hostname, caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: trust.configMapName as string }] } };
    case TrustKind.CA_PEM:
      return {
        validation: { hostname, caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: caConfigMapName }] },
        caConfigMap: { name: caConfigMapName, data: { [CA_KEY]: trust.pem as string } },
      };
    case TrustKind.CA_SECRET:
    case TrustKind.ISSUED_CA:
      throw new ValidationError(path, 'tls.trust', trust.toString(),
        'the CA is in a Secret, and the Secret cert-manager issues also holds the server\'s tls.key: a gateway must not be given read access to a private key '
        + '(a BackendTLSPolicy refers to ConfigMaps)', TRUST_MANAGER);
    case TrustKind.SKIP_VERIFY:
      throw new ValidationError(path, 'tls', endpoint.scheme === 'https' ? 'TlsMode.selfSigned()' : trust.toString(),
        'the server makes its own certificate, which no gateway can verify (a BackendTLSPolicy has no skip-verify, by design)',
        'TlsMode.disabled() with StackNetworkPolicies (the hop stays inside the cluster and only the gateway reaches the port), '
        + `or a certificate the gateway can verify where the server supports one: ${TRUST_MANAGER}`);
  }
}
