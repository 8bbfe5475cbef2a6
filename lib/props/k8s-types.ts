import * as k8sApi from 'cdk8s-plus-28/lib/imports/k8s';
import { ValidationError } from '../errors';
import { plainJson } from '../plain-json';
import type * as K8sShapes from './k8s-shapes.generated';
import type { TypeRef, TypeShape } from './shape-types';
import { isPlainObject, PropType, refuseType } from './prop-types';

let shapes: { readonly [name: string]: TypeShape } | undefined;

/**
 * The shape of the k8s type `name`, from the table generated from cdk8s-plus-28's `.jsii` (read when
 * a k8s prop is first checked: no assembly is read at run time).
 */
function k8sShape(name: string): TypeShape | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: import() is asynchronous
  shapes ??= (require('./k8s-shapes.generated') as typeof K8sShapes).K8S_SHAPES;
  return shapes[name];
}

/**
 * The run-time type of a Kubernetes struct of cdk8s-plus-28's typed API (`k8s.Toleration`,
 * `k8s.Volume` ...), checked against the struct's generated shape and then converted with its
 * generated converter `k8s.toJson_<name>`. A field the typed API does not know, or a value in the
 * wrong form (a plain string where it wants `k8s.Quantity`), would be dropped silently by the
 * converter: refused.
 */
export function k8sType(name: string): PropType {
  const toJson = (k8sApi as unknown as { [fn: string]: (value: unknown) => unknown })[`toJson_${name}`];
  const type: PropType = {
    description: `a k8s.${name}`,
    accepts: `cdk8s-plus-28.k8s.${name}`,
    check: (path, prop, value) => {
      if (!isPlainObject(value)) refuseType(path, prop, value, type);
      // The converter copies scalars as they are: a string `tolerationSeconds` or a number env
      // `value` would reach the manifest and the API server would refuse it.
      const wrong = k8sShapeProblem(value, name, '');
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
}

interface Problem { at: string; value: unknown; why: string; expected: string }

/**
 * The first field of `value` whose run-time type is not the one `ref` describes, or a required
 * field that is missing. Unknown fields are left to `droppedField` (the converter drops them).
 */
function k8sShapeProblem(value: unknown, ref: TypeRef, at: string): Problem | undefined {
  if (value === undefined || value === null) return undefined;
  const bad = (why: string, expected: string) => ({ at, value, why, expected });
  if (typeof ref === 'object') {
    if ('union' in ref) return ref.union.every((t) => k8sShapeProblem(value, t, at) !== undefined) ? bad('is of none of its types', 'a value of one of its types') : undefined;
    if ('list' in ref) {
      if (!Array.isArray(value)) return bad('must be a list', 'a list');
      for (let i = 0; i < value.length; i++) {
        const problem = k8sShapeProblem(value[i], ref.list, `${at}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    if (!isPlainObject(value)) return bad('must be a map', 'a map of keys to values');
    for (const [k, v] of Object.entries(value)) {
      const problem = k8sShapeProblem(v, ref.map, `${at}.${k}`);
      if (problem) return problem;
    }
    return undefined;
  }
  switch (ref) {
    case 'string': return typeof value === 'string' ? undefined : bad('must be a string', 'a string');
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? undefined : bad('must be a finite number', 'a number (not a string)');
    case 'boolean': return typeof value === 'boolean' ? undefined : bad('must be a boolean', 'true or false (not a string)');
    case 'date': return value instanceof Date || typeof value === 'string' ? undefined : bad('must be a date', 'a Date or an RFC 3339 string');
    case 'any': case 'json': return undefined;
  }
  const shape = k8sShape(ref);
  if (shape === undefined) return undefined;
  switch (shape.kind) {
    case 'class': {
      // k8s.Quantity and k8s.IntOrString: the typed form, made by their factories.
      const cls = (k8sApi as unknown as { [name: string]: unknown })[ref];
      return typeof cls === 'function' && value instanceof cls ? undefined : bad(`must be a k8s.${ref}`, `k8s.${ref}.from...(), e.g. k8s.${ref}.fromString("1")`);
    }
    case 'enum': {
      const values = Object.values(shape.values);
      return values.includes(value as string) ? undefined : bad(`must be a member of k8s.${ref}`, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    case 'struct': {
      if (!isPlainObject(value)) return bad(`must be an object (k8s.${ref})`, `an object with the fields of k8s.${ref}`);
      for (const [field, type] of Object.entries(shape.fields)) {
        const v = value[field];
        if ((v === undefined || v === null) && shape.required.includes(field)) return { at: `${at}.${field}`, value: v, why: 'is required', expected: `a value for ${field}` };
        const problem = k8sShapeProblem(v, type, `${at}.${field}`);
        if (problem) return problem;
      }
      return undefined;
    }
    default: return undefined;
  }
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
