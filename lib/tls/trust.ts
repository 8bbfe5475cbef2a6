import { requireKey, requireSubdomain } from '../names';
import { requireCertificatePem } from './pem';

/**
 * How a client verifies a server's certificate:
 * - `systemRoots`: the client's built-in public roots;
 * - `caSecret` / `caConfigMap`: a CA bundle read from a key of a Secret / ConfigMap;
 * - `caPem`: a CA bundle given inline (public certificates only, never keys);
 * - `issuedCa`: the `ca.crt` of the Secret cert-manager issues for that server (resolved per server
 *   into `caSecret`, see `TlsMode.certManager`);
 * - `skipVerify`: no verification (only for self-signed servers).
 */
export type TrustKind = 'systemRoots' | 'caSecret' | 'caConfigMap' | 'caPem' | 'issuedCa' | 'skipVerify';

/** How clients verify a server in a given TLS mode. Create with the static factories. */
export class Trust {
  /** Verify against the client's system (public) roots. */
  public static systemRoots(): Trust {
    return new Trust('systemRoots');
  }

  /**
   * Verify against a CA bundle stored in a Secret.
   * @param name the Secret's name
   * @param key the key that holds the PEM bundle
   * @default key 'ca.crt'
   */
  public static caFromSecret(name: string, key = 'ca.crt'): Trust {
    requireSubdomain('Trust.caFromSecret', 'name', name);
    // A null key (JavaScript, JSON-loaded settings) is unset, as null is for every optional prop.
    key = (key as string | null) ?? 'ca.crt';
    requireKey('Trust.caFromSecret', 'key', key);
    return new Trust('caSecret', { name, key });
  }

  /**
   * Verify against a CA bundle stored in a ConfigMap (e.g. one that trust-manager distributes).
   * @default key 'ca.crt'
   */
  public static caFromConfigMap(name: string, key = 'ca.crt'): Trust {
    requireSubdomain('Trust.caFromConfigMap', 'name', name);
    // A null key (JavaScript, JSON-loaded settings) is unset, as null is for every optional prop.
    key = (key as string | null) ?? 'ca.crt';
    requireKey('Trust.caFromConfigMap', 'key', key);
    return new Trust('caConfigMap', { name, key });
  }

  /** Verify against an inline PEM bundle (checked to parse as X.509 certificates). */
  public static caPem(pem: string): Trust {
    return new Trust('caPem', { pem: requireCertificatePem('Trust.caPem', 'pem', pem) });
  }

  /** Do not verify. Only meaningful for servers that make their own certificate. */
  public static skipVerify(): Trust {
    return new Trust('skipVerify');
  }

  /** @internal the default trust of certManager mode, bound to a Secret by `resolveFor`. */
  public static _issuedCa(): Trust {
    return new Trust('issuedCa', { key: 'ca.crt' });
  }

  private constructor(
    /** Which kind of trust this is. */
    public readonly kind: TrustKind,
    private readonly source: { readonly name?: string; readonly key?: string; readonly pem?: string } = {},
  ) {}

  /** Whether `other` verifies with the same CA from the same place (an inline PEM by its text). */
  public sameAs(other: Trust): boolean {
    return this.kind === other.kind && this.source.name === other.source.name && this.source.key === other.source.key && this.source.pem === other.source.pem;
  }

  /** Whether this trust is a CA bundle that clients must be given (Secret, ConfigMap or inline PEM). */
  public get isCaBundle(): boolean {
    return this.kind === 'caSecret' || this.kind === 'caConfigMap' || this.kind === 'caPem';
  }

  /** Whether clients verify the server's certificate at all. */
  public get verifies(): boolean {
    return this.kind !== 'skipVerify';
  }

  /** The Secret that holds the CA bundle (kind `caSecret`). */
  public get secretName(): string | undefined {
    return this.kind === 'caSecret' ? this.source.name : undefined;
  }

  /** The ConfigMap that holds the CA bundle (kind `caConfigMap`). */
  public get configMapName(): string | undefined {
    return this.kind === 'caConfigMap' ? this.source.name : undefined;
  }

  /** The key of the Secret or ConfigMap that holds the CA bundle. */
  public get key(): string | undefined {
    return this.source.key;
  }

  /** The inline PEM bundle (kind `caPem`). */
  public get pem(): string | undefined {
    return this.source.pem;
  }

  /** Binds `issuedCa` to the Secret a server's certificate is issued into; other kinds are returned as they are. */
  public resolveFor(issuedSecretName: string): Trust {
    return this.kind === 'issuedCa' ? Trust.caFromSecret(issuedSecretName, this.source.key) : this;
  }

  /** The factory call that makes this trust, for messages. */
  public toString(): string {
    switch (this.kind) {
      case 'caSecret': return `Trust.caFromSecret("${this.source.name}", "${this.source.key}")`;
      case 'caConfigMap': return `Trust.caFromConfigMap("${this.source.name}", "${this.source.key}")`;
      case 'caPem': return 'Trust.caPem(<PEM>)';
      case 'issuedCa': return 'the issued certificate\'s ca.crt';
      default: return `Trust.${this.kind}()`;
    }
  }
}
