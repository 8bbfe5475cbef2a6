import { ValidationError } from '../errors';

/**
 * Checks a browser origin: `<scheme>://<host>[:<port>]`, no path, no wildcard (servers that allow
 * credentials must name origins exactly). Returns it without a trailing slash.
 */
export function requireOrigin(path: string, prop: string, origin: unknown): string {
  const allowed = 'an origin like "https://console.example.com" or "http://localhost:8080" (scheme, host, optional port; no path, no "*")';
  if (typeof origin !== 'string' || origin.includes('*')) {
    throw new ValidationError(path, prop, origin, 'wildcard or non-string origins do not work with credentialed requests', allowed);
  }
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new ValidationError(path, prop, origin, 'not a URL', allowed);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(path, prop, origin, `scheme ${url.protocol.replace(':', '')} is not a web origin`, allowed);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password
    || origin.replace(/\/$/, '') !== url.origin) {
    throw new ValidationError(path, prop, origin, 'an origin has no path, query, credentials or fragment', allowed);
  }
  return url.origin;
}
