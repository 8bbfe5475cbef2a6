import { ValidationError } from '../errors';
import type { TypeRef } from './shape-types';

/**
 * Run-time types of props. TypeScript checks props at compile time only; JavaScript callers,
 * JSON-loaded configuration and `as any` reach the constructs unchecked. Every public entry point
 * checks its props against one of these descriptions first, so that a wrong type, a typo'd prop
 * name or a `null` is a clear `ValidationError`, never a crash deeper down or a silently wrong
 * manifest (the string `'false'` must not turn a boolean switch on).
 */
export interface PropType {
  /** How the type reads in messages, e.g. `a boolean`, `a list of strings`. */
  readonly description: string;
  /** What a refusal of a missing required value asks for (how to make one). @default - the description */
  readonly wanted?: string;
  /** Why a missing required value is refused. @default - that it is required */
  readonly missing?: string;
  /**
   * The jsii type whose values this checks (`'any'`: whatever the field's type; `'none'`: a name
   * that is no field, see `T.redirect`), for the test that every refinement fits what it refines.
   */
  readonly accepts: TypeRef;
  /** The type of the entries, for a list or a map. */
  readonly of?: PropType;
  /**
   * Checks `value` (never `undefined` or `null`) and returns the value to use: a clean copy for
   * objects (nulls dropped) or the value itself. Throws a ValidationError naming `path` and `prop`.
   */
  check(path: string, prop: string, value: unknown): unknown;
}

/** The props of one object: each optional unless listed in `required`. */
export interface Fields {
  readonly [name: string]: PropType;
}

/**
 * What a value is, for a refusal's reason: the allowed part already says what is wanted, so the
 * reason says what was given (`it is a string; use a boolean ...`, never the wanted type twice).
 */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'unset';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return 'a string';
    case 'boolean': return 'a boolean';
    case 'bigint': return 'a bigint';
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (!Number.isFinite(value)) return 'an infinite number';
      return Number.isInteger(value) ? 'an integer' : 'a number with a fraction';
    default: {
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return 'an object';
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== '' ? `an instance of ${name}` : 'an object of a class';
    }
  }
}

export function refuseType(path: string, prop: string, value: unknown, type: PropType, reason = `it is ${kindOf(value)}`): never {
  throw new ValidationError(path, prop, value, reason, type.description);
}

function scalar(description: string, accepts: TypeRef, test: (value: unknown) => boolean, reason?: string): PropType {
  const type: PropType = {
    description,
    accepts,
    check: (path, prop, value) => (test(value) ? value : refuseType(path, prop, value, type, reason)),
  };
  return type;
}

/** The edit distance of two short strings, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** The known name closest to a typo (case-insensitively first: `publicURL` → `publicUrl`). */
function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const ranked = known.map((k) => ({ k, d: distance(lower, k.toLowerCase()) })).sort((x, y) => x.d - y.d);
  return ranked[0] && ranked[0].d <= Math.max(2, Math.floor(name.length / 4)) ? ranked[0].k : undefined;
}

export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks an object of props: every key known, every value of its type, every required one
 * present. `null` reads as unset (as jsii passes it). Returns a copy without unset keys.
 * @param named the prop that props which are null or unset as a whole are refused as (default: the
 * first required one); without one, they are refused as not an object
 */
export function checkFields(path: string, prefix: string, value: unknown, fields: Fields, required: readonly string[] = [], what = 'props',
  named: string | undefined = required[0]): { [key: string]: unknown } {
  if ((value === undefined || value === null) && named !== undefined) {
    // No props at all: what is missing is the one prop they cannot do without, not the whole list.
    const prop = prefix ? `${prefix}.${named}` : named;
    throw new ValidationError(path, prop, undefined, `${prop} is required, and the ${what} are ${value === null ? 'null' : 'unset'}`,
      fields[named].description);
  }
  if (!isPlainObject(value)) {
    throw new ValidationError(path, prefix || what.split(' ')[0], value, `${what} must be an object`, `an object with ${Object.keys(fields).join(', ')}`);
  }
  const known = Object.keys(fields);
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    const prop = prefix ? `${prefix}.${key}` : key;
    if (!Object.prototype.hasOwnProperty.call(fields, key)) {
      const guess = closest(key, known);
      throw new ValidationError(path, prop, value[key], `${key} is not one of the ${what}${guess ? ` (did you mean ${guess}?)` : ''}`,
        guess ? `${guess}` : `one of ${known.join(', ')}`);
    }
    const v = value[key];
    if (v === undefined || v === null) continue;
    out[key] = fields[key].check(path, prop, v);
  }
  for (const key of required) {
    if (out[key] === undefined) {
      const prop = prefix ? `${prefix}.${key}` : key;
      throw new ValidationError(path, prop, value[key], fields[key].missing ?? `${prop} is required`, fields[key].wanted ?? fields[key].description);
    }
  }
  return out;
}

/** The run-time types the props use. */
export const T = {
  string: scalar('a string', 'string', (v) => typeof v === 'string'),
  boolean: scalar('a boolean (true or false, not a string)', 'boolean', (v) => typeof v === 'boolean'),
  number: scalar('a finite number', 'number', (v) => typeof v === 'number' && Number.isFinite(v)),
  integer: scalar('an integer', 'number', (v) => typeof v === 'number' && Number.isInteger(v)),
  port: scalar('an integer from 1 to 65535', 'number', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535, 'not a TCP port'),

  /** A list whose every entry is of `of`. */
  array(of: PropType): PropType {
    const type: PropType = {
      description: `a list of ${of.description.replace(/^an? /, '')} values`,
      accepts: { list: of.accepts },
      of,
      check: (path, prop, value) => {
        if (!Array.isArray(value)) refuseType(path, prop, value, type);
        return (value as unknown[]).map((entry, i) => {
          if (entry === undefined || entry === null) {
            throw new ValidationError(path, `${prop}[${i}]`, entry, 'a list entry is empty', of.description);
          }
          return of.check(path, `${prop}[${i}]`, entry);
        });
      },
    };
    return type;
  },

  /** A string-to-`of` map (labels, annotations, node selectors). */
  map(of: PropType): PropType {
    const type: PropType = {
      description: `a map of ${of.description.replace(/^an? /, '')} values`,
      accepts: { map: of.accepts },
      of,
      check: (path, prop, value) => {
        if (!isPlainObject(value)) refuseType(path, prop, value, type);
        const out: { [key: string]: unknown } = {};
        for (const [k, v] of Object.entries(value as object)) {
          if (v === undefined || v === null) throw new ValidationError(path, `${prop}.${k}`, v, 'a map value is empty', of.description);
          out[k] = of.check(path, `${prop}.${k}`, v);
        }
        return out;
      },
    };
    return type;
  },

  /**
   * One of our structs: known keys only. `fields` may be given late (a struct's fields name other
   * structs, and some name themselves).
   */
  object(name: string, fields: () => { fields: Fields; required: readonly string[] }): PropType {
    return {
      description: `an object (${name})`,
      get wanted() {
        const { required } = fields();
        return required.length ? `an object (${name}) with ${required.join(', ')}` : `an object (${name})`;
      },
      accepts: name,
      check: (path, prop, value) => {
        const f = fields();
        return checkFields(path, prop, value, f.fields, f.required, `fields of ${name}`);
      },
    };
  },

  /** An instance of one of our classes (value types made by factories, constructs). */
  instance(name: string, test: (value: unknown) => boolean, hint: string): PropType {
    const description = `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
    return {
      description,
      wanted: `${description} (${hint})`,
      accepts: name,
      check: (path, prop, value) => {
        if (!test(value)) throw new ValidationError(path, prop, value, `it is not ${description}`, hint);
        return value;
      },
    };
  },

  /**
   * A name that is no field of the interface but that callers reach for (a plain-text password):
   * refused, saying what to use instead. `secret`: the value is not repeated in the message.
   */
  redirect(why: string, allowed: string, secret = false): PropType {
    return {
      description: 'no value', accepts: 'none',
      check: (path, prop, value) => {
        throw new ValidationError(path, prop, secret ? '(redacted)' : value, why, allowed);
      },
    };
  },

  /** Anything else a prop describes itself (checked by the construct). */
  any(description: string): PropType {
    return { description, accepts: 'any', check: (_path, _prop, value) => value };
  },
};
