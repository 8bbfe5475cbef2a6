import { ServerTls } from '../tls/server-tls';

// Browser-facing URLs of Admin and Console (`publicUrl`, `publicOrigin`) are origins checked by
// `requireOrigin`; these helpers read them.

/** `https://flyte.example.com:8443` → `https`. */
export function schemeOf(origin: string): string {
  return new URL(origin).protocol.replace(':', '');
}

/**
 * certManager: the browser-facing host joins the server's certificate (outside certManager mode the
 * name is recorded but unused). IP literals are skipped: they cannot be DNS names of a Certificate.
 */
export function addPublicHost(tls: ServerTls, origin: string): void {
  const host = new URL(origin).hostname;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')) return;
  tls.addDnsName(host);
}
