import { needed, refineFields } from '../../props/prop-shapes';
import { TlsMode } from '../../tls/tls-mode';
import { Resources, ServerCommonProps } from '../../workload/common-props';
import { SecureAdmin } from '../admin/secure-admin';

/** Props of `Console`. */
export interface ConsoleProps extends ServerCommonProps {
  /** The Admin the Console calls; the Console registers its `publicOrigin` with it. */
  readonly admin: SecureAdmin;
  /**
   * The TLS mode of the Console's own listener (`selfSigned` is refused: the Console reads its certificate from files).
   * @default - the Admin's mode: one switch for the pair
   */
  readonly tls?: TlsMode;
  /**
   * The origin the browser loads the Console from (scheme, host, optional port). Its scheme must be
   * the scheme of the Admin's `publicUrl`; in certManager mode its host joins the certificate.
   * @default - `<scheme>://localhost:8080` (port-forward), the scheme following `tls`
   */
  readonly publicOrigin?: string;
  /** @default - the Admin's namespace */
  readonly namespace?: string;
  /** @default 'v1.21.0' */
  readonly version?: string;
  /** @default - `cr.flyte.org/flyteorg/flyteconsole:<version>` */
  readonly image?: string;
  /** @default - flyte-core's: requests cpu 10m / memory 50Mi, limits cpu 500m / memory 250Mi */
  readonly resources?: Resources;
  /** PriorityClass of the pods. @default - none */
  readonly priorityClassName?: string;
  /**
   * The path the Console is served under (`BASE_URL`); also the probe path.
   * @default '/console'
   */
  readonly baseUrl?: string;
}

/** ConsoleProps: why the Console needs its Admin. */
export const CONSOLE_PROPS = refineFields('ConsoleProps', { admin: needed('SecureAdmin', { why: 'the Console needs the SecureAdmin it calls' }) });
