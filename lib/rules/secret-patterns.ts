/**
 * What a secret written into a manifest looks like: a URL with a password in it, or a setting
 * whose name says it holds a secret (secret-names.ts). Shared with the constructs, which refuse
 * such props early.
 */
import { SECRET_STEMS } from './secret-names';

// The name rule (structure, not words) lives in secret-names.ts; the constructs import it from here.
export { looksSecret } from './secret-names';

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
 * Whether `text` may hold a secret-looking key; false means it certainly does not. Every name that
 * looks secret contains a stem of SECRET_STEMS, and a YAML key appears literally in its text unless
 * it is written with escapes (`\\`). Texts without either are not parsed (parsing is most of what
 * checking a config file costs).
 */
export function mayNameSecret(text: string): boolean {
  return SECRET_STEMS.test(text) || text.includes('\\');
}
