import { ValidationError } from '../errors';
import { checkProps, needed, refineFields } from '../props/prop-shapes';
import { T } from '../props/prop-types';
import { DNS_LABEL_RULE, requireLabel, requirePort } from '../names';
import { Scheme } from './scheme';
import { TlsMode } from './tls-mode';
import { Trust } from './trust';

/** What a server construct knows about one of its ports; consumers read it instead of re-deriving. */
export interface EndpointProps {
  /** The TLS mode the port is served in: gives the scheme. */
  readonly mode: TlsMode;
  /** The Service that fronts the port. */
  readonly serviceName: string;
  /** The namespace of the Service. */
  readonly namespace: string;
  /** The port the container listens on. */
  readonly port: number;
  /**
   * The Service port.
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * The name of the container port and of the Service port.
   * @default - the scheme (`http` or `https`)
   */
  readonly portName?: string;
  /**
   * How clients verify the server.
   * @default - the mode's trust (certManager: bound to the Secret issued for this Service)
   */
  readonly trust?: Trust;
}

/** EndpointProps: the names are DNS labels, the ports TCP ports. */
const LABEL = needed('string', { wanted: `a DNS-1123 label: ${DNS_LABEL_RULE}` });
const ENDPOINT_PROPS = refineFields('EndpointProps', { serviceName: LABEL, namespace: LABEL, port: T.port, servicePort: T.port });

/** IANA service name rules that Kubernetes applies to port names. */
function requirePortName(name: string): string {
  if (name.length > 15 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || !/[a-z]/.test(name) || name.includes('--')) {
    throw new ValidationError('Endpoint', 'portName', name, 'not an IANA service name', "at most 15 lower-case letters, digits and single '-', with at least one letter");
  }
  return name;
}

/**
 * A server's address as its clients see it. In-cluster clients use `url()` (Service port);
 * clients that reach pods directly use `port` (container port).
 */
export class Endpoint {
  /** `http` or `https`, from the TLS mode. */
  public readonly scheme: Scheme;
  /** The Service name. */
  public readonly serviceName: string;
  /** The Service's namespace. */
  public readonly namespace: string;
  /** `<service>.<namespace>.svc`. */
  public readonly host: string;
  /** The port the container listens on. */
  public readonly port: number;
  /** The name of the container port and the Service port. */
  public readonly portName: string;
  /** The Service port. */
  public readonly servicePort: number;
  /** How clients verify the server. */
  public readonly trust: Trust;

  constructor(props: EndpointProps) {
    props = checkProps('Endpoint', '', props, ENDPOINT_PROPS, 'props of Endpoint') as unknown as EndpointProps;
    this.scheme = props.mode.scheme;
    this.serviceName = requireLabel('Endpoint', 'serviceName', props.serviceName);
    this.namespace = requireLabel('Endpoint', 'namespace', props.namespace);
    this.host = `${this.serviceName}.${this.namespace}.svc`;
    this.port = requirePort('Endpoint', 'port', props.port);
    this.servicePort = requirePort('Endpoint', 'servicePort', props.servicePort ?? props.port);
    this.portName = requirePortName(props.portName ?? this.scheme);
    this.trust = props.trust ?? props.mode.trustFor(this.serviceName);
  }

  /** `<scheme>://<host>:<servicePort><path>`. */
  public url(path = ''): string {
    if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) {
      throw new ValidationError('Endpoint.url', 'path', path, 'a URL path starts with "/"', `"/${path}"`);
    }
    return `${this.scheme}://${this.host}:${this.servicePort}${path}`;
  }

  /** The probe/`httpGet` scheme for this port. */
  public get probeScheme(): 'HTTP' | 'HTTPS' {
    return this.scheme === Scheme.HTTPS ? 'HTTPS' : 'HTTP';
  }
}
