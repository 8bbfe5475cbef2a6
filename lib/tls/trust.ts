import type { IConfigMap, ISecret } from 'cdk8s-plus-28';
import { configMapName, secretName } from '../props/k8s-refs';
import { defineType } from '../props/prop-shapes';
import { T } from '../props/prop-types';
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
export enum TrustKind {
  /** `Trust.systemRoots()`. */
  SYSTEM_ROOTS = 'systemRoots',
  /** `Trust.caFromSecret` / `caFromSecretName`. */
  CA_SECRET = 'caSecret',
  /** `Trust.caFromConfigMap` / `caFromConfigMapName`. */
  CA_CONFIG_MAP = 'caConfigMap',
  /** `Trust.caPem`. */
  CA_PEM = 'caPem',
  /** The issued Secret's `ca.crt` (certManager's default, bound per server). */
  ISSUED_CA = 'issuedCa',
  /** `Trust.skipVerify()`. */
  SKIP_VERIFY = 'skipVerify',
}

/** How clients verify a server in a given TLS mode. Create with the static factories. */
export class Trust {
  /** Verify against the client's system (public) roots. */
  public static systemRoots(): Trust {
    return new Trust(TrustKind.SYSTEM_ROOTS);
  }

  /**
   * Verify against a CA bundle stored in a Secret of yours (e.g. `Secret.fromSecretName(scope, id, 'my-ca')`).
   * @param secret the Secret (only its name is used; it lives in the namespace of the clients)
   * @param key the key that holds the PEM bundle
   * @default key 'ca.crt'
   */
  public static caFromSecret(secret: ISecret, key = 'ca.crt'): Trust {
    const name = secretName('Trust.caFromSecret', 'secret', secret, 'Trust.caFromSecretName("name")');
    return Trust.bundle(TrustKind.CA_SECRET, 'Trust.caFromSecret', name, key, secret);
  }

  /**
   * Verify against a CA bundle stored in a Secret, named as a string. A Trust is a value that is
   * often made before any chart exists (one for several stacks), where no scope for
   * `Secret.fromSecretName` is at hand.
   * @param name the Secret's name
   * @param key the key that holds the PEM bundle
   * @default key 'ca.crt'
   */
  public static caFromSecretName(name: string, key = 'ca.crt'): Trust {
    requireSubdomain('Trust.caFromSecretName', 'name', name);
    return Trust.bundle(TrustKind.CA_SECRET, 'Trust.caFromSecretName', name, key);
  }

  /**
   * Verify against a CA bundle stored in a ConfigMap of yours (e.g. one that trust-manager
   * distributes: `ConfigMap.fromConfigMapName(scope, id, 'my-ca')`).
   * @param configMap the ConfigMap (only its name is used; it lives in the namespace of the clients)
   * @param key the key that holds the PEM bundle
   * @default key 'ca.crt'
   */
  public static caFromConfigMap(configMap: IConfigMap, key = 'ca.crt'): Trust {
    const name = configMapName('Trust.caFromConfigMap', 'configMap', configMap, 'Trust.caFromConfigMapName("name")');
    return Trust.bundle(TrustKind.CA_CONFIG_MAP, 'Trust.caFromConfigMap', name, key, configMap);
  }

  /**
   * Verify against a CA bundle stored in a ConfigMap, named as a string (for a Trust made where no
   * scope is at hand, like `caFromSecretName`).
   * @param name the ConfigMap's name
   * @param key the key that holds the PEM bundle
   * @default key 'ca.crt'
   */
  public static caFromConfigMapName(name: string, key = 'ca.crt'): Trust {
    requireSubdomain('Trust.caFromConfigMapName', 'name', name);
    return Trust.bundle(TrustKind.CA_CONFIG_MAP, 'Trust.caFromConfigMapName', name, key);
  }

  private static bundle(kind: TrustKind.CA_SECRET | TrustKind.CA_CONFIG_MAP, path: string, name: string, key: string, ref?: ISecret | IConfigMap): Trust {
    // A null key (JavaScript, JSON-loaded settings) is unset, as null is for every optional prop.
    key = (key as string | null) ?? 'ca.crt';
    requireKey(path, 'key', key);
    return new Trust(kind, { name, key, ref });
  }

  /** Verify against an inline PEM bundle (checked to parse as X.509 certificates). */
  public static caPem(pem: string): Trust {
    return new Trust(TrustKind.CA_PEM, { pem: requireCertificatePem('Trust.caPem', 'pem', pem) });
  }

  /** Do not verify. Only meaningful for servers that make their own certificate. */
  public static skipVerify(): Trust {
    return new Trust(TrustKind.SKIP_VERIFY);
  }

  /** @internal the default trust of certManager mode, bound to a Secret by `resolveFor`. */
  public static _issuedCa(): Trust {
    return new Trust(TrustKind.ISSUED_CA, { key: 'ca.crt' });
  }

  private constructor(
    /** Which kind of trust this is. */
    public readonly kind: TrustKind,
    /** `ref`: the Secret or ConfigMap as given (a trust is shared: each reader judges its namespace). */
    private readonly source: { readonly name?: string; readonly key?: string; readonly pem?: string; readonly ref?: ISecret | IConfigMap } = {},
  ) {}

  /** Whether `other` verifies with the same CA from the same place (an inline PEM by its text). */
  public sameAs(other: Trust): boolean {
    return this.kind === other.kind && this.source.name === other.source.name && this.source.key === other.source.key && this.source.pem === other.source.pem;
  }

  /** Whether this trust is a CA bundle that clients must be given (Secret, ConfigMap or inline PEM). */
  public get isCaBundle(): boolean {
    return this.kind === TrustKind.CA_SECRET || this.kind === TrustKind.CA_CONFIG_MAP || this.kind === TrustKind.CA_PEM;
  }

  /** Whether clients verify the server's certificate at all. */
  public get verifies(): boolean {
    return this.kind !== TrustKind.SKIP_VERIFY;
  }

  /** The Secret that holds the CA bundle (kind `caSecret`). */
  public get secretName(): string | undefined {
    return this.kind === TrustKind.CA_SECRET ? this.source.name : undefined;
  }

  /** The ConfigMap that holds the CA bundle (kind `caConfigMap`). */
  public get configMapName(): string | undefined {
    return this.kind === TrustKind.CA_CONFIG_MAP ? this.source.name : undefined;
  }

  /** The key of the Secret or ConfigMap that holds the CA bundle. */
  public get key(): string | undefined {
    return this.source.key;
  }

  /** @internal The CA's Secret or ConfigMap as referenced (`caFromSecret`, `caFromConfigMap`): its namespace, if known, must be its readers'. */
  public get _ref(): ISecret | IConfigMap | undefined {
    return this.source.ref;
  }

  /** The inline PEM bundle (kind `caPem`). */
  public get pem(): string | undefined {
    return this.source.pem;
  }

  /** Binds `issuedCa` to the Secret a server's certificate is issued into; other kinds are returned as they are. */
  public resolveFor(issuedSecretName: string): Trust {
    return this.kind === TrustKind.ISSUED_CA ? Trust.caFromSecretName(issuedSecretName, this.source.key) : this;
  }

  /** The factory call that makes this trust, for messages. */
  public toString(): string {
    switch (this.kind) {
      // The string-named factories: a message shows the value, whichever factory made it.
      case 'caSecret': return `Trust.caFromSecretName("${this.source.name}", "${this.source.key}")`;
      case 'caConfigMap': return `Trust.caFromConfigMapName("${this.source.name}", "${this.source.key}")`;
      case 'caPem': return 'Trust.caPem(<PEM>)';
      case 'issuedCa': return 'the issued certificate\'s ca.crt';
      default: return `Trust.${this.kind}()`;
    }
  }
}

defineType('Trust', T.instance('Trust', (v) => v instanceof Trust, 'one of the Trust factories, e.g. Trust.caFromSecretName("my-ca")'));
