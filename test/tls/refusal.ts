// Shared assertion for the refusals of the tls core: every refused input throws a ValidationError
// whose message reads `<path>: <prop> <value> is not allowed: <why>; use <alternative>` and whose
// fields carry the same facts.
import { ValidationError } from '../../lib/errors';

/** What a refusal must say. */
export interface ExpectedRefusal {
  /** The construct path or factory, e.g. `TlsMode.fromSecret`. */
  readonly path: string;
  /** The refused prop. */
  readonly prop: string;
  /** The refused value as carried by the error's `value` field. */
  readonly value: unknown;
  /** The value as the message renders it (strings quoted), e.g. `"Flyte-TLS"`. */
  readonly shown: string;
  /** The reason, exactly (string) or by pattern. */
  readonly why?: string | RegExp;
  /** The alternative, exactly (string) or by pattern. */
  readonly allowed: string | RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs `fn`, expects a ValidationError that names path, prop, value and alternative, and returns it. */
export function expectRefusal(fn: () => unknown, expected: ExpectedRefusal): ValidationError {
  expect(fn).toThrow(ValidationError);
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  const err = caught as ValidationError;
  expect(err).toBeInstanceOf(Error);
  expect(err.name).toBe('ValidationError');
  expect({ path: err.path, prop: err.prop }).toEqual({ path: expected.path, prop: expected.prop });
  expect(err.value).toEqual(expected.value);
  expect(err.message).toMatch(new RegExp(`^${escape(`${expected.path}: ${expected.prop} ${expected.shown} is not allowed: `)}`));
  if (typeof expected.allowed === 'string') {
    expect(err.allowed).toBe(expected.allowed);
    expect(err.message.endsWith(`; use ${expected.allowed}`)).toBe(true);
  } else {
    expect(err.allowed).toMatch(expected.allowed);
    expect(err.message).toContain(`; use ${err.allowed}`);
  }
  if (typeof expected.why === 'string') {
    expect(err.message).toContain(` is not allowed: ${expected.why}; use `);
  } else if (expected.why) {
    expect(err.message.slice(err.message.indexOf(' is not allowed: '))).toMatch(expected.why);
  }
  return err;
}

/** The alternative that `requireSubdomain` names. */
export const SUBDOMAIN_ALLOWED = /^lower-case letters, digits, '-' and '\.', at most 253 characters/;
/** The alternative that `requireLabel` names. */
export const LABEL_ALLOWED = /^lower-case letters, digits and '-', at most 63 characters/;
