import { Duration } from 'cdk8s';

/**
 * Refusals of this library all read the same way:
 * `<path>: <prop> <value> is not allowed: <why>; use <alternative>`.
 */

/** Renders a refused value the way a user would type it (strings quoted, objects as JSON). */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return '(a function)';
  if (typeof value === 'symbol') return value.toString();
  if (value instanceof Duration) return durationCall(value);
  // Value types (TlsMode, Trust) render as the factory call that made them.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)
    && typeof value.toString === 'function' && value.toString !== Object.prototype.toString) {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '(an object that cannot be shown)';
  }
}

const DURATION_AMOUNT: { [unit: string]: (d: Duration) => number } = {
  millis: (d) => d.toMilliseconds({ integral: false }),
  seconds: (d) => d.toSeconds({ integral: false }),
  minutes: (d) => d.toMinutes({ integral: false }),
  hours: (d) => d.toHours({ integral: false }),
  days: (d) => d.toDays({ integral: false }),
};

/** A cdk8s Duration as the factory call that made it, e.g. `Duration.minutes(30)` (exact, unlike its human string). */
function durationCall(d: Duration): string {
  const unit = d.unitLabel();
  const amount = DURATION_AMOUNT[unit];
  return amount ? `Duration.${unit}(${amount(d)})` : `Duration (${d.toHumanString()})`;
}

/** Formats a refusal message; also used for the messages cdk8s collects through `node.addValidation`. */
export function refusal(path: string, prop: string, value: unknown, reason: string, allowed: string): string {
  return `${path}: ${prop} ${formatValue(value)} is not allowed: ${reason}; use ${allowed}`;
}

/** Node's `util.inspect.custom`, without importing `util` into the ground floor. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const VALIDATION_ERROR = Symbol.for('cdk8s-tls-constructs.ValidationError');

/**
 * Thrown for every input the library refuses. The message names the construct path, the prop,
 * the value and what is allowed; the same facts are available as fields for programs.
 *
 * Where several refusals are found at once (the synth-time checks, `synthStacks`), one
 * `ValidationError` carries them all in `errors`; its own fields are those of the first.
 *
 * Shown, it is its message alone (`util.inspect`, `console.error`, `cdk8s-tls-constructs run`):
 * the fields are not enumerable, so no dump of the refused value (a `TlsMode`, a construct) or of
 * `errors` (which holds the error itself) follows the message.
 *
 * An `Error` cannot cross jsii: in other languages, `Errors.isValidationError(e)` tells a refusal.
 *
 * @jsii ignore
 */
export class ValidationError extends Error {
  /**
   * One error standing for several refusals (each in `errors`), or the only one itself.
   * @param errors at least one refusal
   */
  public static aggregate(errors: ValidationError[]): ValidationError {
    const all = errors.flatMap((e) => e.errors);
    if (all.length === 0) throw new Error('ValidationError.aggregate needs at least one error');
    if (all.length === 1) return all[0];
    return new ValidationError(all[0].path, all[0].prop, all[0].value, '', all[0].allowed, all);
  }

  /** The construct path (or the factory, e.g. `TlsMode.fromSecret`) that refused the value. */
  public declare readonly path: string;
  /** The prop that carried the refused value. */
  public declare readonly prop: string;
  /** The refused value. */
  public declare readonly value: unknown;
  /** What would be accepted instead. */
  public declare readonly allowed: string;
  /** Every refusal this error stands for: itself, or each refusal of an aggregate. */
  public declare readonly errors: ValidationError[];

  constructor(path: string, prop: string, value: unknown, reason: string, allowed: string, errors?: ValidationError[]) {
    super(errors ? `${errors.length} refusals:\n${errors.map((e) => `- ${e.message}`).join('\n')}` : refusal(path, prop, value, reason, allowed));
    const field = (v: unknown) => ({ value: v, enumerable: false });
    Object.defineProperties(this, {
      name: field('ValidationError'), path: field(path), prop: field(prop), value: field(value), allowed: field(allowed),
      errors: field(errors ?? [this]), [VALIDATION_ERROR]: field(true),
    });
  }

  /** @internal `util.inspect` (and so `console.log`/`console.error`): the message alone, each refusal on its own line. */
  public [INSPECT](): string {
    return `${this.name}: ${this.message}`;
  }
}

/** Tells refusals of this library apart from other errors, in every language (as the AWS CDK's `Errors`). */
export class Errors {
  /** Whether `x` is a refusal of this library (a `ValidationError` in TypeScript). */
  public static isValidationError(x: any): boolean {
    return x !== null && typeof x === 'object' && VALIDATION_ERROR in x;
  }

  private constructor() {}
}
