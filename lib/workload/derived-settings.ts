import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../errors';
import { refuseLiteralSecret, refuseUrlCredentials } from '../input/secrets';

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
