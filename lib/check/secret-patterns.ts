/**
 * What a secret written into a manifest looks like: a URL with a password in it, or a setting
 * whose name says it holds a secret. Shared with the constructs, which refuse such props early.
 */

/** Normalised names (lower-case, no `-`/`_`) that hold secrets. */
const SECRET_NAMES = new Set([
  'password', 'passwd', 'pass', 'secret', 'secretkey', 'secretaccesskey', 'accesskey', 'accesskeyid', 'clientsecret',
  'apikey', 'token', 'accesstoken', 'refreshtoken', 'sessiontoken', 'privatekey', 'credentials', 'authtoken',
]);
/** Endings of names that point at a secret instead of holding it (`passwordPath`, `secretName`, `tokenUrl`). */
const POINTER_SUFFIXES = ['path', 'file', 'location', 'envvar', 'env', 'name', 'ref', 'dir', 'type', 'header', 'url', 'uri', 'endpoint'];
const SEPARATORS = /[-_]/g;

/**
 * Whether a setting, flag, env var or config key named `name` holds a secret: its last dotted
 * segment, lower-cased without `-`/`_`, is a secret name (`password`, `token`, `clientSecret`...) or
 * contains `password` or `secret`, and does not end like a pointer to one (`...Path`, `...Name`,
 * `...Url`...). `AWS_SECRET_ACCESS_KEY` and `db.password` look secret; `passwordPath` does not.
 */
export function looksSecret(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1).toLowerCase().replace(SEPARATORS, '');
  if (last === '' || POINTER_SUFFIXES.some((suffix) => last.endsWith(suffix))) return false;
  return SECRET_NAMES.has(last) || last.includes('password') || last.includes('secret') || SECRET_ENDINGS.test(last);
}

/** Compound names of a secret (`API_TOKEN`, `GITHUB_TOKEN`, `STRIPE_API_KEY`, `signingPrivateKey`). */
const SECRET_ENDINGS = /(token|apikey|accesskey|privatekey|credentials)$/;

/** `<scheme>://<user>:<password>@`: the password runs to the `@` (no white space, `/`, `?`, `#`, quotes or brackets). */
const CREDENTIALS = /([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\s:@/?#"'<>`]*):([^\s@/?#"'<>`]+)@/g;
/** Where a URL ends in free text. */
const URL_END = /[\s"'<>`]/;
/** A password that is a placeholder, not a secret: `$(VAR)`, `${VAR}`, `$VAR`, `{{ .Value }}`, `***`. */
const PLACEHOLDER = /^(\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\}|\*+)$/;

/**
 * The first URL in `text` that carries a password (`postgres://flyte:hunter2@db:5432/flyte`), with
 * every password in it replaced by `***` (`postgres://flyte:***@db:5432/flyte`); undefined when
 * there is none. Placeholders (`$(DB_PASSWORD)`, `${DB_PASSWORD}`, `***`) are not passwords.
 */
export function urlCredentials(text: string): string | undefined {
  if (!text.includes('://') || !text.includes('@')) return undefined;
  CREDENTIALS.lastIndex = 0;
  for (let match = CREDENTIALS.exec(text); match !== null; match = CREDENTIALS.exec(text)) {
    if (PLACEHOLDER.test(match[3])) continue;
    const start = match.index;
    const end = start + match[0].length;
    const tail = text.slice(end);
    const stop = tail.search(URL_END);
    const url = text.slice(start, stop < 0 ? text.length : end + stop);
    CREDENTIALS.lastIndex = 0;
    return url.replace(CREDENTIALS, (_all, scheme: string, user: string, password: string) =>
      `${scheme}://${user}:${PLACEHOLDER.test(password) ? password : '***'}@`);
  }
  return undefined;
}

/** A whole value that is a `$(VAR)` reference (Kubernetes expands it from another env var). */
const ENV_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_.-]*\)$/;

/** Whether `value` is only a placeholder for a secret kept elsewhere (`$(VAR)`, `${VAR}`, `{{ ... }}`). */
export function isReference(value: string): boolean {
  return ENV_REFERENCE.test(value) || PLACEHOLDER.test(value);
}

/**
 * Whether a text can name a secret-looking key at all: every secret name contains one of these
 * stems, and a YAML key appears literally in its text unless it is written with escapes (`\`).
 * Texts without any are not parsed (parsing is most of what checking a config file costs).
 */
const SECRET_STEMS = /pass|secret|token|key|credential|\\/i;

/** Whether `text` may hold a secret-looking key (see SECRET_STEMS); false means it certainly does not. */
export function mayNameSecret(text: string): boolean {
  return SECRET_STEMS.test(text);
}
