import { k8s } from 'cdk8s-plus-28';
import { ValidationError } from '../errors';
import { refuseLiteralSecret, refuseSecretArgs, refuseUrlCredentials } from '../input/secrets';

/**
 * The flag an argument sets: `--name=value` / `--name` → `--name`; a short flag `-p`, `-p9000` or
 * `-p=9000` → its long name where the component declares the alias (cobra/pflag accept all three).
 */
function flagName(arg: string, aliases: { [short: string]: string }): string | undefined {
  if (/^-[A-Za-z0-9]/.test(arg)) {
    const short = arg.slice(0, 2);
    return aliases[short] ?? short;
  }
  return /^(--[A-Za-z0-9][-A-Za-z0-9_.]*)(=.*)?$/.exec(arg)?.[1];
}

/**
 * Appends the user's extra args to the derived ones, refusing an extra arg that sets a flag the
 * construct derives (a second `--secure-port`, an `--insecure` that contradicts the TLS mode).
 */
export function mergeArgs(path: string, derived: readonly string[], extra: readonly string[] | undefined, aliases: { [short: string]: string } = {}): string[] {
  const derivedFlags = new Map<string, string>();
  for (const arg of derived) {
    const name = flagName(arg, aliases);
    if (name) derivedFlags.set(name, arg);
  }
  (extra ?? []).forEach((arg, i) => {
    if (typeof arg !== 'string' || arg.trim() === '') {
      throw new ValidationError(path, `extraArgs[${i}]`, arg, 'an empty argument', 'a flag such as "--v=2"');
    }
    const name = flagName(arg, aliases);
    const own = name && derivedFlags.get(name);
    if (own) {
      throw new ValidationError(path, `extraArgs[${i}]`, arg, `the construct derives ${name} itself (${own})`,
        'the typed prop or TLS mode that sets it, and no extra arg for it');
    }
  });
  refuseSecretArgs(path, 'extraArgs', extra);
  return [...derived, ...(extra ?? [])];
}

/** Appends extra env vars, refusing one whose name the construct sets (or a duplicate). */
export function mergeEnv(path: string, derived: readonly k8s.EnvVar[], extra: readonly k8s.EnvVar[] | undefined): k8s.EnvVar[] {
  const names = new Set(derived.map((e) => e.name));
  (extra ?? []).forEach((env, i) => {
    if (!env || typeof env.name !== 'string' || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(env.name)) {
      throw new ValidationError(path, `extraEnv[${i}].name`, env?.name, 'not an environment variable name', 'letters, digits, "_", "-" and "."; not starting with a digit');
    }
    if (names.has(env.name)) {
      throw new ValidationError(path, `extraEnv[${i}]`, env.name, 'the construct sets this variable itself (or it is listed twice)',
        'the typed prop or TLS mode that sets it');
    }
    names.add(env.name);
    refuseLiteralSecret(path, `extraEnv[${i}].value`, env.name, env.value);
    refuseUrlCredentials(path, `extraEnv[${i}].value`, env.value);
  });
  return [...derived, ...(extra ?? [])];
}
