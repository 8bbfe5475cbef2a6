import { ValidationError } from '../errors';

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

function refuseType(path: string, prop: string, value: unknown, type: PropType, reason = `it is not ${type.description}`): never {
  throw new ValidationError(path, prop, value, reason, type.description);
}

function scalar(description: string, test: (value: unknown) => boolean, reason?: string): PropType {
  const type: PropType = {
    description,
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

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks an object of props: every key known, every value of its type, every required one
 * present. `null` reads as unset (as jsii passes it). Returns a copy without unset keys.
 */
export function checkFields(path: string, prefix: string, value: unknown, fields: Fields, required: readonly string[] = [], what = 'props'): { [key: string]: unknown } {
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
      throw new ValidationError(path, prop, value[key], `${prop} is required`, fields[key].description);
    }
  }
  return out;
}

/** The run-time types the props use. */
export const T = {
  string: scalar('a string', (v) => typeof v === 'string'),
  boolean: scalar('a boolean (true or false, not a string)', (v) => typeof v === 'boolean'),
  number: scalar('a finite number', (v) => typeof v === 'number' && Number.isFinite(v)),
  integer: scalar('an integer', (v) => typeof v === 'number' && Number.isInteger(v)),
  port: scalar('an integer from 1 to 65535', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535, 'not a TCP port'),

  /** A list whose every entry is of `of`. */
  array(of: PropType): PropType {
    const type: PropType = {
      description: `a list of ${of.description.replace(/^an? /, '')} values`,
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

  /** One of our interfaces: known keys only. */
  object(name: string, fields: Fields, required: readonly string[] = []): PropType {
    return {
      description: `an object (${name})`,
      check: (path, prop, value) => checkFields(path, prop, value, fields, required, `fields of ${name}`),
    };
  },

  /** An instance of one of our classes (value types made by factories, constructs). */
  instance(name: string, test: (value: unknown) => boolean, hint: string): PropType {
    const type: PropType = {
      description: `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`,
      check: (path, prop, value) => {
        if (!test(value)) throw new ValidationError(path, prop, value, `it is not ${type.description}`, hint);
        return value;
      },
    };
    return type;
  },

  /**
   * A Kubernetes struct of cdk8s-plus-28's typed API (`k8s.Toleration`, `k8s.Volume` ...): `toJson`
   * is its generated converter. A field the typed API does not know, or a value in the wrong form
   * (a plain string where it wants `k8s.Quantity`), would be dropped silently by the converter: refused.
   */
  k8s(name: string, toJson: (value: any) => unknown): PropType {
    const type: PropType = {
      description: `a k8s.${name}`,
      check: (path, prop, value) => {
        if (!isPlainObject(value)) refuseType(path, prop, value, type);
        let json: unknown;
        try {
          json = JSON.parse(JSON.stringify(toJson(value) ?? {}));
        } catch (e) {
          throw new ValidationError(path, prop, value, `it is not ${type.description} (${(e as Error).message})`, type.description);
        }
        const lost = droppedField(value, json, '');
        if (lost !== undefined) {
          throw new ValidationError(path, `${prop}${lost}`, undefined,
            `k8s.${name} has no such field, or its value is not in the typed form (e.g. k8s.Quantity.fromString, k8s.IntOrString.fromNumber)`,
            `the fields of k8s.${name}, in their typed form`);
        }
        return value;
      },
    };
    return type;
  },

  /** Anything else a prop describes itself (checked by the construct). */
  any(description: string): PropType {
    return { description, check: (_path, _prop, value) => value };
  },
};

/** The path of the first field of `input` that the typed converter did not carry over to `output`. */
function droppedField(input: unknown, output: unknown, at: string): string | undefined {
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return at;
    for (let i = 0; i < input.length; i++) {
      const lost = droppedField(input[i], output[i], `${at}[${i}]`);
      if (lost !== undefined) return lost;
    }
    return undefined;
  }
  if (!isPlainObject(input)) return output === undefined && input !== undefined && input !== null ? at : undefined;
  if (!isPlainObject(output)) return Object.keys(input).length ? at : undefined;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    const lost = droppedField(value, output[key], `${at}.${key}`);
    if (lost !== undefined) return lost;
  }
  return undefined;
}
