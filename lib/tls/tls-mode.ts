import { Duration } from 'cdk8s';
import type { ISecret } from 'cdk8s-plus-28';
import { ValidationError } from '../errors';
import { checkProps, defineType, refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { secretName } from '../props/k8s-refs';
import { requireSubdomain } from '../names';
import { durationType, goDuration, wholeSeconds } from './go-duration';
import { Scheme } from './scheme';
import { Trust } from './trust';

/** The four TLS modes a component can be given (the values are the strings of before 1.0). */
export enum TlsModeKind {
  /** `TlsMode.disabled()`: plain HTTP. */
  DISABLED = 'disabled',
  /** `TlsMode.selfSigned()`: the component makes its own certificate. */
  SELF_SIGNED = 'selfSigned',
  /** `TlsMode.fromSecret` / `fromSecretName`: an existing Secret's certificate. */
  SECRET = 'secret',
  /** `TlsMode.certManager`: a certificate cert-manager issues per server. */
  CERT_MANAGER = 'certManager',
}

/** The kind of a cert-manager issuer. */
export enum IssuerKind {
  /** A namespaced `Issuer`, in the namespace of the Certificate. */
  ISSUER = 'Issuer',
  /** A cluster-wide `ClusterIssuer`. */
  CLUSTER_ISSUER = 'ClusterIssuer',
}

/** A cert-manager issuer reference. */
export interface IssuerRef {
  /** The issuer's name. */
  readonly name: string;
  /**
   * The issuer's kind.
   * @default IssuerKind.CLUSTER_ISSUER
   */
  readonly kind?: IssuerKind;
  /**
   * The issuer's API group (external issuers use their own).
   * @default 'cert-manager.io'
   */
  readonly group?: string;
}

/** Options of `TlsMode.fromSecret`. */
export interface FromSecretOptions {
  /**
   * How clients verify the server.
   * @default Trust.systemRoots()
   */
  readonly trust?: Trust;
}

/** Options of `TlsMode.certManager`. */
export interface CertManagerOptions {
  /** The issuer that signs the server certificates. */
  readonly issuer: IssuerRef;
  /**
   * How clients verify the server.
   * @default - the issued Secret's `ca.crt`; pass `Trust.systemRoots()` for ACME/public issuers, which leave it empty
   */
  readonly trust?: Trust;
  /**
   * Certificate lifetime (at least 1h, whole seconds), e.g. `Duration.days(90)`; written to the
   * Certificate as the shortest exact Go duration (`Duration.hours(720)` → `720h`).
   * @default - cert-manager's default (90 days)
   */
  readonly duration?: Duration;
  /**
   * How long before expiry cert-manager renews (at least 5m, whole seconds, shorter than
   * `duration`), e.g. `Duration.days(15)`; written as a Go duration like `duration`.
   * @default - cert-manager's default (a third of the duration)
   */
  readonly renewBefore?: Duration;
  /**
   * The Secret the certificate is issued into.
   * @default - derived per server: `<service name>-tls`
   */
  readonly secretName?: string;
}

/** CertManagerOptions, checked with examples of each duration. */
const CERT_MANAGER_OPTIONS = refineFields('CertManagerOptions', {
  duration: durationType('Duration.hours(720)'),
  renewBefore: durationType('Duration.hours(240)'),
});

/**
 * The one switch: how a component serves TLS. Every port, probe, scheme, mount and trust setting
 * of a construct is derived from it. Create with the static factories.
 */
export class TlsMode {
  /** Plain HTTP. */
  public static disabled(): TlsMode {
    return new TlsMode(TlsModeKind.DISABLED, Trust.systemRoots());
  }

  /** The component makes its own certificate; clients skip verification. */
  public static selfSigned(): TlsMode {
    return new TlsMode(TlsModeKind.SELF_SIGNED, Trust.skipVerify());
  }

  /**
   * Serve the certificate of an existing `kubernetes.io/tls` Secret of yours (`tls.crt`, `tls.key`,
   * optional `ca.crt`), e.g. `Secret.fromSecretName(scope, id, 'flyte-tls')` of cdk8s-plus.
   * @param secret the Secret (only its name is used; it lives in the namespace of each server)
   */
  public static fromSecret(secret: ISecret, options?: FromSecretOptions): TlsMode {
    const name = secretName('TlsMode.fromSecret', 'secret', secret, 'TlsMode.fromSecretName("name")');
    return TlsMode.servingSecret('TlsMode.fromSecret', name, options, secret);
  }

  /**
   * `fromSecret` with the Secret named as a string. A TlsMode is a value that is often made before
   * any chart exists (one mode for several stacks), where no scope for `Secret.fromSecretName` is at hand.
   * @param secretName the Secret's name
   */
  public static fromSecretName(secretName: string, options?: FromSecretOptions): TlsMode {
    requireSubdomain('TlsMode.fromSecretName', 'secretName', secretName);
    return TlsMode.servingSecret('TlsMode.fromSecretName', secretName, options);
  }

  private static servingSecret(path: string, secretName: string, options: FromSecretOptions | undefined, secretRef?: ISecret): TlsMode {
    options = checkProps(path, '', options ?? {}, 'FromSecretOptions', `options of ${path}`) as FromSecretOptions;
    return new TlsMode(TlsModeKind.SECRET, optionalTrust(path, options?.trust) ?? Trust.systemRoots(), { secretName, secretRef });
  }

  /** Have cert-manager issue a certificate for each server (`privateKey.rotationPolicy: Always`). */
  public static certManager(options: CertManagerOptions): TlsMode {
    const path = 'TlsMode.certManager';
    const given = (options as CertManagerOptions | undefined)?.issuer;
    if (!given || typeof given.name !== 'string' || given.name.trim() === '') {
      throw new ValidationError(path, 'issuer.name', given?.name, 'an issuer name is required', 'the name of a cert-manager Issuer or ClusterIssuer');
    }
    options = checkProps(path, '', options, CERT_MANAGER_OPTIONS, 'options of TlsMode.certManager') as unknown as CertManagerOptions;
    // The checked copy: a null field of the issuer (JSON-loaded options) is unset, as everywhere.
    const issuer = options.issuer;
    requireSubdomain(path, 'issuer.name', issuer.name);
    const kind = issuer.kind ?? IssuerKind.CLUSTER_ISSUER;
    // The enum's values are cert-manager's names, so other jsii languages (and JavaScript) pass them.
    if (!Object.values(IssuerKind).includes(kind)) {
      throw new ValidationError(path, 'issuer.kind', kind, 'unknown issuer kind', 'IssuerKind.ISSUER ("Issuer") or IssuerKind.CLUSTER_ISSUER ("ClusterIssuer")');
    }
    if (issuer.group !== undefined) requireSubdomain(path, 'issuer.group', issuer.group);
    if (options.secretName !== undefined) requireSubdomain(path, 'secretName', options.secretName);
    // Written to the Certificate as Go durations: whole seconds within Go's range (ServerTls renders them).
    const duration = options.duration === undefined ? undefined : wholeSeconds(path, 'duration', options.duration);
    if (duration !== undefined && duration < 3600) {
      throw new ValidationError(path, 'duration', options.duration, 'cert-manager refuses certificates shorter than 1h', 'a duration of at least "1h"');
    }
    const renew = options.renewBefore === undefined ? undefined : wholeSeconds(path, 'renewBefore', options.renewBefore);
    // cert-manager's webhook refuses renewBefore below 5m (MinimumRenewBefore).
    if (renew !== undefined && renew < 300) {
      throw new ValidationError(path, 'renewBefore', options.renewBefore, 'cert-manager refuses renewBefore below 5m', 'a duration of at least "5m"');
    }
    if (renew !== undefined && renew >= (duration ?? DEFAULT_DURATION_SECONDS)) {
      throw new ValidationError(path, 'renewBefore', options.renewBefore, 'it must be shorter than the certificate duration',
        `a duration below ${options.duration ? goDuration(path, 'duration', options.duration) : '2160h (the default duration)'}`);
    }
    return new TlsMode(TlsModeKind.CERT_MANAGER, optionalTrust(path, options.trust) ?? Trust._issuedCa(), {
      secretName: options.secretName,
      issuer: { name: issuer.name, kind, group: issuer.group ?? 'cert-manager.io' },
      duration: options.duration,
      renewBefore: options.renewBefore,
    });
  }

  private constructor(
    /** Which mode this is. */
    public readonly kind: TlsModeKind,
    /** How clients verify servers in this mode (certManager's default is bound per server: see `Endpoint.trust`). */
    public readonly trust: Trust,
    private readonly details: {
      readonly secretName?: string;
      /** The Secret as given to `fromSecret` (a mode is shared: each server judges its namespace). */
      readonly secretRef?: ISecret;
      readonly issuer?: Required<IssuerRef>;
      readonly duration?: Duration;
      readonly renewBefore?: Duration;
    } = {},
  ) {}

  /** Whether servers in this mode speak TLS. */
  public get enabled(): boolean {
    return this.kind !== TlsModeKind.DISABLED;
  }

  /** The URL scheme servers in this mode speak. */
  public get scheme(): Scheme {
    return this.enabled ? Scheme.HTTPS : Scheme.HTTP;
  }

  /** The Secret that holds the serving certificate, when the mode names one (fromSecret; certManager with `secretName`). */
  public get secretName(): string | undefined {
    return this.details.secretName;
  }

  /** @internal The serving Secret as referenced (`fromSecret`): its namespace, if known, must be the server's. */
  public get _secretRef(): ISecret | undefined {
    return this.details.secretRef;
  }

  /** Whether the server loads a certificate from a Secret (fromSecret, certManager). */
  public get servesFromSecret(): boolean {
    return this.kind === TlsModeKind.SECRET || this.kind === TlsModeKind.CERT_MANAGER;
  }

  /** The issuer (certManager). */
  public get issuer(): IssuerRef | undefined {
    return this.details.issuer;
  }

  /** Certificate lifetime (certManager). */
  public get duration(): Duration | undefined {
    return this.details.duration;
  }

  /** Renewal lead time (certManager). */
  public get renewBefore(): Duration | undefined {
    return this.details.renewBefore;
  }

  /**
   * The Secret a server named `serviceName` serves from in this mode: the named Secret
   * (fromSecret), the issued one (certManager, `<service>-tls` unless named), else none.
   */
  public servingSecretName(serviceName: string): string | undefined {
    if (this.kind === TlsModeKind.SECRET) return this.details.secretName;
    if (this.kind === TlsModeKind.CERT_MANAGER) return this.details.secretName ?? `${serviceName}-tls`;
    return undefined;
  }

  /** How clients verify the server named `serviceName`: the mode's trust, bound to its Secret where it is the issued CA. */
  public trustFor(serviceName: string): Trust {
    const secret = this.servingSecretName(serviceName);
    return secret ? this.trust.resolveFor(secret) : this.trust;
  }

  /** The factory call that makes this mode, for messages. */
  public toString(): string {
    switch (this.kind) {
      case TlsModeKind.DISABLED: return 'TlsMode.disabled()';
      case TlsModeKind.SELF_SIGNED: return 'TlsMode.selfSigned()';
      // The string-named factory: a message shows the value, whichever factory made it.
      case TlsModeKind.SECRET: return `TlsMode.fromSecretName("${this.secretName}")`;
      case TlsModeKind.CERT_MANAGER: return `TlsMode.certManager({ issuer: { name: "${this.issuer?.name}", kind: "${this.issuer?.kind}" } })`;
    }
  }
}

defineType('TlsMode', T.instance('TlsMode', (v) => v instanceof TlsMode, 'one of the TlsMode factories, e.g. TlsMode.disabled()'));

/** cert-manager's default certificate lifetime, 90 days (2160h). */
const DEFAULT_DURATION_SECONDS = 90 * 24 * 3600;

function optionalTrust(path: string, trust: unknown): Trust | undefined {
  if (trust === undefined) return undefined;
  if (!(trust instanceof Trust)) {
    throw new ValidationError(path, 'trust', trust, 'not a Trust', 'one of the Trust factories, e.g. Trust.caFromSecretName("my-ca")');
  }
  return trust;
}
