import { ValidationError } from '../errors';

const ALLOWED = 'an origin like "https://console.example.com" or "http://localhost:8080" (scheme, host, optional port; no path, no "*")';

/**
 * Checks a browser origin, `<scheme>://<host>[:<port>]` with no path and no wildcard (servers that
 * allow credentials must name origins exactly), and returns it as browsers serialise it: scheme and
 * host in lower case, the default port dropped, no trailing slash (`HTTPS://Flyte.Example.com:443/`
 * is `https://flyte.example.com`), so two spellings of one origin are one origin.
 */
export function requireOrigin(path: string, prop: string, origin: unknown): string {
  if (typeof origin !== 'string' || origin.includes('*')) {
    throw new ValidationError(path, prop, origin, 'wildcard or non-string origins do not work with credentialed requests', ALLOWED);
  }
  let url: URL;
  try {
    url = new URL(origin.trim());
  } catch {
    throw new ValidationError(path, prop, origin, 'not a URL', ALLOWED);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(path, prop, origin, `scheme ${url.protocol.replace(':', '')} is not a web origin`, ALLOWED);
  }
  if (url.username || url.password) {
    // Never echo a password back: the message shows the origin without it.
    throw new ValidationError(path, prop, `${url.protocol}//***@${url.host}`, 'credentials in a URL are written into the manifest in plain text', ALLOWED);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(origin)) {
    throw new ValidationError(path, prop, origin, 'an origin has no path, query or fragment', ALLOWED);
  }
  // WHATWG URLs take hosts such as `a,b` or `a$b`: a comma would split the origin in two in the
  // comma-separated lists it is written into (Numaflow's --cors-allowed-origins).
  const host = url.hostname;
  if (!host.startsWith('[') && !/^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(host)) {
    throw new ValidationError(path, prop, origin, `its host ${JSON.stringify(host)} is neither a DNS name nor an IP address`, ALLOWED);
  }
  return url.origin;
}

/** `https://flyte.example.com:8443` → `https`. */
export function schemeOf(origin: string): string {
  return new URL(origin).protocol.replace(':', '');
}

/** The host of an origin, without brackets for IPv6 (`https://[::1]:8443` → `::1`). */
export function hostOf(origin: string): string {
  return new URL(origin).hostname.replace(/^\[|\]$/g, '');
}
