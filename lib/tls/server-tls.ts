import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { isIP } from 'net';
import { isDnsSubdomain, requireLabel, requireSubdomain } from '../names';
import { hostOf } from '../web/origin';
import { CertManagerCertificate } from '../imports/cert-manager';
import { goDuration } from './go-duration';
import { TlsMode, TlsModeKind } from './tls-mode';
import { Trust } from './trust';

/** Props of `ServerTls`. */
export interface ServerTlsProps {
  /** The mode the server is given. */
  readonly mode: TlsMode;
  /** The server's Service name (certificate names and the default Secret name derive from it). */
  readonly serviceName: string;
  /** The server's namespace. */
  readonly namespace: string;
  /**
   * The cluster's DNS domain.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /** Labels for the Certificate. @default - none */
  readonly labels?: { [key: string]: string };
  /**
   * Names the certificate must carry besides the Service's, taken as they are (no host-name
   * syntax): Flyte Admin's gateway dials itself as `0.0.0.0:<port>` (UPSTREAM §9.1).
   * @default - none
   */
  readonly literalDnsNames?: string[];
}

/**
 * The TLS facts of one server that depend on its mode, resolved before anything is built: the
 * Secret it serves from, how clients trust it, the names its certificate must carry, and the
 * Secret volume. Pure: a construct resolves it with its other props, then builds `ServerTls`.
 */
export class ServerTlsPlan {
  /** Refuses a mode the component cannot honour, naming the modes that work. */
  public static requireMode(path: string, mode: TlsMode, supported: readonly TlsModeKind[], why: string, alternative: string): void {
    if (!(mode instanceof TlsMode)) {
      throw new ValidationError(path, 'tls', mode, 'not a TlsMode', 'one of the TlsMode factories, e.g. TlsMode.disabled()');
    }
    if (!supported.includes(mode.kind)) {
      throw new ValidationError(path, 'tls', mode, why, alternative);
    }
  }

  /** Checks the props (naming `path`) and derives the plan. */
  public static resolve(path: string, props: ServerTlsProps): ServerTlsPlan {
    const svc = requireLabel(path, 'serviceName', props.serviceName);
    const ns = requireLabel(path, 'namespace', props.namespace);
    const domain = requireSubdomain(path, 'clusterDomain', props.clusterDomain ?? 'cluster.local');
    const fqdn = `${svc}.${ns}.svc.${domain}`;
    if (props.mode.kind === TlsModeKind.CERT_MANAGER) refuseLongName(path, fqdn, domain);
    return new ServerTlsPlan(props.mode, svc, ns, [svc, `${svc}.${ns}`, `${svc}.${ns}.svc`, fqdn, ...(props.literalDnsNames ?? [])], props.labels);
  }

  /** The Secret with `tls.crt`/`tls.key` the server serves from (fromSecret, certManager). */
  public readonly secretName?: string;
  /** How clients verify this server (certManager's default bound to the issued Secret). */
  public readonly trust: Trust;
  private readonly ips: string[] = [];

  private constructor(
    /** The mode. */
    public readonly mode: TlsMode,
    /** The server's Service name. */
    public readonly serviceName: string,
    /** The server's namespace. */
    public readonly namespace: string,
    private readonly names: string[],
    /** Labels of the Certificate. */
    public readonly labels?: { [key: string]: string },
  ) {
    this.secretName = mode.servingSecretName(serviceName);
    this.trust = mode.trustFor(serviceName);
  }

  /** The DNS names a serving certificate of this server must carry (Service names, literal names, public hosts). */
  public get dnsNames(): string[] {
    return [...this.names];
  }

  /** IP addresses a serving certificate must carry (public URLs by IP). */
  public get ipAddresses(): string[] {
    return [...this.ips];
  }

  /**
   * Records the host of a browser-facing origin (`publicUrl`, `publicOrigin`) as a name the
   * certificate must carry. Only where a certificate is made (certManager) is the host held to
   * certificate rules; a host that no issuer can sign is then refused, naming `prop`.
   */
  public addPublicHost(path: string, prop: string, origin: string): void {
    const host = hostOf(origin);
    // Most hosts are names: node's IPv6 pattern is only compiled (a few ms) for hosts that could be one.
    if ((/^[\d.]+$/.test(host) || host.includes(':')) && isIP(host)) {
      if (!this.ips.includes(host)) this.ips.push(host);
      return;
    }
    if (this.mode.kind === TlsModeKind.CERT_MANAGER && !isDnsSubdomain(host)) {
      throw new ValidationError(path, prop, origin, `cert-manager issues certificates for DNS names, and ${host} is not one (in certManager mode the public host joins the certificate)`,
        'a host of lower-case letters, digits, \'-\' and \'.\', or TlsMode.fromSecret with a certificate you issue');
    }
    if (!this.names.includes(host)) this.names.push(host);
  }

  /**
   * The serving certificate as files: the Secret volume (only `tls.crt` and `tls.key`, under the
   * given file names) and its read-only mount, or undefined when the mode serves no Secret.
   * @param files file names of the certificate and the key
   * @default files { cert: 'tls.crt', key: 'tls.key' }
   */
  public certificateFiles(volumeName: string, mountPath: string, files: { cert: string; key: string } = { cert: 'tls.crt', key: 'tls.key' }):
  { volume: k8s.Volume; mount: k8s.VolumeMount; certFile: string; keyFile: string } | undefined {
    const volume = this.secretVolume(volumeName, [{ key: 'tls.crt', path: files.cert }, { key: 'tls.key', path: files.key }]);
    if (!volume) return undefined;
    return { volume, mount: { name: volumeName, mountPath, readOnly: true }, certFile: `${mountPath}/${files.cert}`, keyFile: `${mountPath}/${files.key}` };
  }

  /**
   * The Secret volume that carries the serving certificate, or undefined when the mode has none.
   * @param items remaps keys to file names (e.g. `tls.crt` → `server.crt`)
   */
  public secretVolume(volumeName: string, items?: { key: string; path: string }[]): k8s.Volume | undefined {
    if (!this.secretName) return undefined;
    return { name: volumeName, secret: { secretName: this.secretName, items } };
  }
}

/** DNS limits (RFC 1035 §2.3.4): a name of at most 253 characters, each label at most 63. */
const DNS_NAME_MAX = 253;
const DNS_LABEL_MAX = 63;

/**
 * The Service's full name, which the Certificate carries, within DNS's limits: a `clusterDomain`
 * that is a valid subdomain on its own can still make it too long (no resolver answers for it,
 * and an issuer refuses it), so the domain is refused with the name it makes.
 */
function refuseLongName(path: string, fqdn: string, domain: string): void {
  const longLabel = domain.split('.').find((label) => label.length > DNS_LABEL_MAX);
  if (fqdn.length <= DNS_NAME_MAX && longLabel === undefined) return;
  throw new ValidationError(path, 'clusterDomain', domain,
    longLabel !== undefined
      ? `its label ${longLabel.slice(0, 20)}… has ${longLabel.length} characters, and a DNS label has at most ${DNS_LABEL_MAX}`
      : `the Service's full name ${fqdn.split('.').slice(0, 3).join('.')}.<clusterDomain>, which the Certificate carries, would be ${fqdn.length} characters, and a DNS name has at most ${DNS_NAME_MAX}`,
    `the cluster's real DNS domain (a domain of at most ${DNS_NAME_MAX - (fqdn.length - domain.length)} characters here, labels of at most ${DNS_LABEL_MAX})`);
}

/** A server's TLS objects: in certManager mode, the Certificate that fills its serving Secret. */
export class ServerTls extends Construct {
  /** Refuses a mode the component cannot honour (see `ServerTlsPlan.requireMode`). */
  public static requireMode(path: string, mode: TlsMode, supported: readonly TlsModeKind[], why: string, alternative: string): void {
    ServerTlsPlan.requireMode(path, mode, supported, why, alternative);
  }

  /** The Certificate (certManager mode only). */
  public readonly certificate?: CertManagerCertificate;

  constructor(scope: Construct, id: string, public readonly plan: ServerTlsPlan) {
    super(scope, id);
    const mode = plan.mode;
    if (mode.kind === TlsModeKind.CERT_MANAGER) {
      const issuer = mode.issuer!;
      this.certificate = new CertManagerCertificate(this, 'Certificate', {
        metadata: { name: plan.serviceName, namespace: plan.namespace, labels: plan.labels },
        spec: {
          secretName: plan.secretName!,
          issuerRef: { name: issuer.name, kind: issuer.kind, group: issuer.group },
          dnsNames: plan.dnsNames,
          ipAddresses: plan.ipAddresses.length ? plan.ipAddresses : undefined,
          // Checked by TlsMode.certManager: rendering cannot refuse here.
          duration: mode.duration && goDuration('TlsMode.certManager', 'duration', mode.duration),
          renewBefore: mode.renewBefore && goDuration('TlsMode.certManager', 'renewBefore', mode.renewBefore),
          privateKey: { rotationPolicy: 'Always' },
          usages: ['server auth', 'digital signature', 'key encipherment'],
        },
      });
    }
  }

  /** The mode. */
  public get mode(): TlsMode {
    return this.plan.mode;
  }

  /** The Secret the server serves from (fromSecret, certManager). */
  public get secretName(): string | undefined {
    return this.plan.secretName;
  }

  /** How clients verify this server. */
  public get trust(): Trust {
    return this.plan.trust;
  }

  /** The DNS names a serving certificate of this server must carry. */
  public get dnsNames(): string[] {
    return this.plan.dnsNames;
  }

  /** IP addresses a serving certificate must carry. */
  public get ipAddresses(): string[] {
    return this.plan.ipAddresses;
  }
}
