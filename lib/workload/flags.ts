import { ValidationError } from '../errors';
import { refuseSecretArgs } from '../input/secrets';

/**
 * One command-line flag a construct derives. Flags stay data until the container is rendered, so
 * that what a construct derives is compared by name, never read back from its own rendering.
 */
export interface Flag {
  /** The flag with its dashes, e.g. `--port`. */
  readonly name: string;
  /** Its value, rendered as `--name=value`; none renders the bare flag (`--kubelet-use-node-status-port`). */
  readonly value?: string;
}

/** A flag (`flag('--port', 8080)`); booleans and numbers are rendered as Go's flag package reads them. */
export function flag(name: string, value?: string | number | boolean): Flag {
  return value === undefined ? { name } : { name, value: String(value) };
}

/**
 * A flag whose value is read when the container is rendered (at synth), for a value that a later
 * call may still set, such as the public origin a Gateway route gives (`--server-addr`).
 */
export function lateFlag(name: string, value: () => string): Flag {
  return { name, get value() { return value(); } };
}

/** The arguments of `flags`, in order. */
export function renderFlags(flags: readonly Flag[]): string[] {
  return flags.map((f) => (f.value === undefined ? f.name : `${f.name}=${f.value}`));
}

/**
 * The flag a user's argument sets: `--name=value` / `--name` → `--name`; a short flag `-p`,
 * `-p9000` or `-p=9000` → its long name where the binary declares the alias (cobra/pflag accept all three).
 */
function flagNameOf(arg: string, aliases: { readonly [short: string]: string }): string | undefined {
  if (/^-[A-Za-z0-9]/.test(arg)) {
    const short = arg.slice(0, 2);
    return aliases[short] ?? short;
  }
  return /^(--[A-Za-z0-9][-A-Za-z0-9_.]*)(=.*)?$/.exec(arg)?.[1];
}

/**
 * Refuses a user's extra arg that sets a flag the construct derives or reserves (a second
 * `--secure-port`, an `--insecure` against the TLS mode), an empty one, or a secret written into it.
 * @param derived every flag the construct derives, by name with its rendering for the message
 */
export function checkExtraArgs(path: string, derived: ReadonlyMap<string, string>, extra: readonly string[] | undefined,
  aliases: { readonly [short: string]: string } = {}): void {
  (extra ?? []).forEach((arg, i) => {
    if (typeof arg !== 'string' || arg.trim() === '') {
      throw new ValidationError(path, `extraArgs[${i}]`, arg, 'an empty argument', 'a flag such as "--v=2"');
    }
    const name = flagNameOf(arg, aliases);
    const own = name === undefined ? undefined : derived.get(name);
    if (own !== undefined) {
      throw new ValidationError(path, `extraArgs[${i}]`, arg, `the construct derives ${name} itself (${own})`,
        'the typed prop or TLS mode that sets it, and no extra arg for it');
    }
  });
  refuseSecretArgs(path, 'extraArgs', extra);
}
