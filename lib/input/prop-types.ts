import * as fs from 'fs';
import { dirname, join } from 'path';
import * as zlib from 'zlib';
import * as k8sApi from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../errors';
import { plainJson } from '../plain-json';

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

function refuseType(path: string, prop: string, value: unknown, type: PropType, reason = `it is ${kindOf(value)}`): never {
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
        // The converter copies scalars as they are: a string `tolerationSeconds` or a number env
        // `value` would reach the manifest and the API server would refuse it. Checked against
        // the typed API's own description of every field.
        const wrong = k8sShapeProblem(value, { fqn: `${K8S_FQN}${name}` }, '');
        if (wrong !== undefined) {
          throw new ValidationError(path, `${prop}${wrong.at}`, wrong.value, `k8s.${name}${wrong.at} ${wrong.why}`, wrong.expected);
        }
        let json: unknown;
        try {
          json = plainJson(toJson(value) ?? {});
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

/** A type as jsii describes it (`.jsii` of cdk8s-plus-28, which ships with the package). */
interface JsiiTypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiTypeRef };
  readonly union?: { readonly types: readonly JsiiTypeRef[] };
}
interface JsiiType {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly properties?: readonly { readonly name: string; readonly type: JsiiTypeRef; readonly optional?: boolean }[];
  readonly interfaces?: readonly string[];
  readonly members?: readonly { readonly name: string }[];
}

const K8S_FQN = 'cdk8s-plus-28.k8s.';
let assembly: { readonly [fqn: string]: JsiiType } | undefined;

/**
 * The jsii type `fqn` of cdk8s-plus-28 (the assembly is read once, when a k8s prop is first
 * checked). Where the assembly cannot be read (a bundled app without it), field types go unchecked
 * and the converter's own check (unknown fields, the typed form) remains.
 */
function jsiiType(fqn: string): JsiiType | undefined {
  if (assembly === undefined) {
    try {
      const file = require.resolve('cdk8s-plus-28/.jsii');
      let json = JSON.parse(fs.readFileSync(file, 'utf8'));
      // Newer jsii writes a redirect to a compressed assembly.
      if (json.schema === 'jsii/file-redirect' && json.compression === 'gzip') {
        json = JSON.parse(zlib.gunzipSync(fs.readFileSync(join(dirname(file), json.filename))).toString('utf8'));
      }
      assembly = json.types ?? {};
    } catch {
      assembly = {};
    }
  }
  return assembly![fqn];
}

/** Every property of a struct, with those of the structs it extends. */
function structProperties(type: JsiiType): NonNullable<JsiiType['properties']> {
  return [...type.properties ?? [], ...(type.interfaces ?? []).flatMap((i) => { const t = jsiiType(i); return t ? structProperties(t) : []; })];
}

/**
 * The first field of `value` whose run-time type is not the one `ref` describes, or a required
 * field that is missing. Unknown fields are left to `droppedField` (the converter drops them).
 */
function k8sShapeProblem(value: unknown, ref: JsiiTypeRef, at: string): { at: string; value: unknown; why: string; expected: string } | undefined {
  if (value === undefined || value === null) return undefined;
  const bad = (why: string, expected: string) => ({ at, value, why, expected });
  if (ref.primitive !== undefined) {
    switch (ref.primitive) {
      case 'string': return typeof value === 'string' ? undefined : bad('must be a string', 'a string');
      case 'number': return typeof value === 'number' && Number.isFinite(value) ? undefined : bad('must be a finite number', 'a number (not a string)');
      case 'boolean': return typeof value === 'boolean' ? undefined : bad('must be a boolean', 'true or false (not a string)');
      case 'date': return value instanceof Date || typeof value === 'string' ? undefined : bad('must be a date', 'a Date or an RFC 3339 string');
      default: return undefined;
    }
  }
  if (ref.union) {
    return ref.union.types.every((t) => k8sShapeProblem(value, t, at) !== undefined) ? bad('is of none of its types', 'a value of one of its types') : undefined;
  }
  if (ref.collection) {
    const element = ref.collection.elementtype;
    if (ref.collection.kind === 'array') {
      if (!Array.isArray(value)) return bad('must be a list', 'a list');
      for (let i = 0; i < value.length; i++) {
        const problem = k8sShapeProblem(value[i], element, `${at}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    if (!isPlainObject(value)) return bad('must be a map', 'a map of keys to values');
    for (const [k, v] of Object.entries(value)) {
      const problem = k8sShapeProblem(v, element, `${at}.${k}`);
      if (problem) return problem;
    }
    return undefined;
  }
  const type = ref.fqn?.startsWith(K8S_FQN) ? jsiiType(ref.fqn) : undefined;
  if (type === undefined) return undefined;
  if (type.kind === 'class') {
    // k8s.Quantity and k8s.IntOrString: the typed form, made by their factories.
    const cls = (k8sApi as unknown as { [name: string]: unknown })[type.name];
    return typeof cls === 'function' && value instanceof cls ? undefined : bad(`must be a k8s.${type.name}`, `k8s.${type.name}.from...(), e.g. k8s.${type.name}.fromString("1")`);
  }
  if (type.kind === 'enum') {
    const enumObject = (k8sApi as unknown as { [name: string]: { [member: string]: unknown } })[type.name] ?? {};
    return Object.values(enumObject).includes(value) ? undefined : bad(`must be a member of k8s.${type.name}`, `one of ${Object.values(enumObject).map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if (!isPlainObject(value)) return bad(`must be an object (k8s.${type.name})`, `an object with the fields of k8s.${type.name}`);
  for (const property of structProperties(type)) {
    const v = value[property.name];
    if ((v === undefined || v === null) && !property.optional) return { at: `${at}.${property.name}`, value: v, why: 'is required', expected: `a value for ${property.name}` };
    const problem = k8sShapeProblem(v, property.type, `${at}.${property.name}`);
    if (problem) return problem;
  }
  return undefined;
}

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
