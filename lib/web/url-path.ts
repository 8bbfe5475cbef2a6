/**
 * A URL path that the library writes into text: a command-line flag and a comma-separated list of
 * paths (metrics-server's `--authorization-always-allow-paths`, where a trailing `*` is a prefix
 * wildcard and a `"` breaks the CSV the flag is parsed as), an HTML attribute and a JavaScript
 * string (Numaflow's `<base href="…">` and `runtime-env.js`), route patterns (`:` and `*` are
 * parameters in gin and Express) and the Gateway API's path match. Only the unreserved characters
 * of RFC 3986 and `/` carry the same meaning in all of them, so the path is made of those.
 */
export function urlPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return 'it does not start with "/"';
  const bad = /[^A-Za-z0-9._~/-]/.exec(path);
  if (bad) return `${JSON.stringify(bad[0])} has a meaning in a flag, a list, HTML or a route pattern that the path is written into`;
  if (path.includes('//')) return 'it has an empty segment ("//")';
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return 'it has a "." or ".." segment, which clients resolve away';
  return undefined;
}

/** What `urlPathProblem` allows, for messages. */
export const URL_PATH_HELP = 'a path of letters, digits, "-", ".", "_", "~" and "/" (e.g. "/metrics" or "/numaflow/")';
