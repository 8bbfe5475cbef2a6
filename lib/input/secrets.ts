import { ValidationError } from '../errors';
import { looksSecret, urlCredentials } from '../rules/inline-secrets';
import { readYamlText } from '../rules/yaml-text';

// Secrets are referenced, never inlined: anything a user types that reaches a manifest is checked
// here the way the component would read it. The final-output pass checks the same on what is
// emitted (lib/rules/inline-secrets.ts), so a patch cannot slip one in either.

const REFERENCE_HINT = 'a reference to a Secret (an env var with valueFrom.secretKeyRef, or a file from a mounted Secret)';

/** Refuses a string that carries a URL with `user:password@`; never echoes the password. */
export function refuseUrlCredentials(path: string, prop: string, value: unknown): void {
  if (typeof value !== 'string') return;
  const url = urlCredentials(value);
  if (url !== undefined) {
    throw new ValidationError(path, prop, url, 'a URL with user:password@ writes the password into the manifest in plain text', `the URL without credentials, and the credentials as ${REFERENCE_HINT}`);
  }
}

/** Refuses every string in a JSON-like value (config, lists) that carries URL credentials. */
export function refuseUrlCredentialsDeep(path: string, prop: string, value: unknown): void {
  if (typeof value === 'string') refuseUrlCredentials(path, prop, value);
  else if (Array.isArray(value)) value.forEach((v, i) => refuseUrlCredentialsDeep(path, `${prop}[${i}]`, v));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) refuseUrlCredentialsDeep(path, `${prop}.${k}`, v);
  }
}

/** Refuses a secret-looking name given a literal value (`--db-password=x`, env `API_TOKEN=x`, config `password: x`). */
export function refuseLiteralSecret(path: string, prop: string, name: string, value: unknown): void {
  if (!looksSecret(name) || value === undefined || value === null || value === '') return;
  if (typeof value === 'string' && /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value)) return; // a $(VAR) reference the kubelet expands
  throw new ValidationError(path, prop, '(redacted)', `${name} looks like a secret, and a literal value would be written into the manifest in plain text`, REFERENCE_HINT);
}

/**
 * Refuses secrets in a command line: URL credentials, and a secret-looking flag with a literal
 * value (`--password=x`, or `--password x` with the value as the next argument).
 */
export function refuseSecretArgs(path: string, prop: string, args: readonly string[] | undefined): void {
  (args ?? []).forEach((arg, i) => {
    refuseUrlCredentials(path, `${prop}[${i}]`, arg);
    const flag = /^--?([A-Za-z0-9][-A-Za-z0-9_.]*)(=(.*))?$/s.exec(arg);
    if (!flag) return;
    const next = args![i + 1];
    const value = flag[2] !== undefined ? flag[3] : next !== undefined && !next.startsWith('-') ? next : undefined;
    refuseLiteralSecret(path, `${prop}[${i}]`, flag[1], value);
  });
}

/**
 * The value of a YAML config file the user gives as text; refuses one that cannot be read (not
 * YAML, aliases that Go's decoders refuse, nesting too deep): a secret in it could not be found,
 * and its server could not read it. The caller hands the value to the synth-time pass
 * (`synthPass(scope).renderedYaml`), so the text is parsed once.
 */
export function readConfigText(path: string, prop: string, text: string): unknown {
  const read = readYamlText(text);
  if (read.problem !== undefined) {
    throw new ValidationError(path, prop, '(redacted)', `the config file cannot be read: ${read.problem}`,
      'valid YAML whose aliases expand within what Go\'s YAML decoders accept (or no aliases)');
  }
  return read.value;
}
