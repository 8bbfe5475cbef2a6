import { k8sType } from './k8s-types';
import { PROP_SHAPES } from './prop-shapes.generated';
import { checkFields, Fields, PropType, T } from './prop-types';
import { TypeRef, TypeShape } from './shape-types';

export { TypeRef, TypeShape } from './shape-types';

// The run-time checks of every prop and option type. Their shapes (fields, types, which are required)
// are generated from the package's own .jsii assembly (prop-shapes.generated.ts, `npm run gen:props`);
// only the refinements are written by hand, beside what they refine: the run-time type of each class
// and interface a prop takes (`defineType`: how to recognise one, which factory makes one) and, per
// struct, the fields whose check says more than their jsii type (`refineFields`: ranges, hints,
// redirects). Nothing reads an assembly at run time.

type Shapes = typeof PROP_SHAPES;
/** The structs of the generated table. */
export type StructName = { [K in keyof Shapes]: Shapes[K] extends { kind: 'struct' } ? K : never }[keyof Shapes];
/** The classes and interfaces of the generated table. */
export type DefinedName = { [K in keyof Shapes]: Shapes[K] extends { kind: 'class' | 'interface' } ? K : never }[keyof Shapes];

const SHAPES: { readonly [name: string]: TypeShape } = PROP_SHAPES;
const defined = new Map<string, PropType>();
const refinements = new Map<string, Fields>();
const built = new Map<string, { fields: Fields; required: readonly string[] }>();
const structTypes = new Map<string, PropType>();

/**
 * Registers the run-time type of a class or interface that props take, beside its declaration (e.g.
 * an `instanceof` test and the factories that make one). Returns it.
 */
export function defineType(name: DefinedName, type: PropType): PropType {
  defined.set(name, type);
  return type;
}

/**
 * Refines fields of a struct, beside its declaration: a range (`T.port`), a hint (what the value
 * holds, the factory to use), a redirect (`T.redirect`). Structs that extend it inherit the
 * refinements. Returns the struct's name, for `checkProps`: a checker that imports it loads the
 * refinements with it.
 */
export function refineFields<S extends StructName>(struct: S, fields: Fields): S {
  const used = [...built.keys()].filter((b) => b === struct || (SHAPES[b] as { bases?: readonly string[] }).bases?.includes(struct));
  if (used.length) throw new Error(`the fields of ${struct} are refined after the first check of ${used.join(', ')}: refine them where the interface is declared`);
  refinements.set(struct, { ...refinements.get(struct), ...fields });
  return struct;
}

/** The run-time type of a generated type reference. */
export function typeOf(ref: TypeRef): PropType {
  if (typeof ref === 'object') {
    if ('list' in ref) return T.array(typeOf(ref.list));
    if ('map' in ref) return T.map(typeOf(ref.map));
    throw new Error('union types are not supported in props');
  }
  switch (ref) {
    case 'string': return T.string;
    case 'boolean': return T.boolean;
    case 'number': return T.number;
    case 'any': case 'json': return T.any('any value');
  }
  const shape = SHAPES[ref];
  if (shape === undefined) throw new Error(`no generated shape for ${ref}`);
  switch (shape.kind) {
    case 'struct': return structType(ref);
    case 'enum': return enumType(ref, shape.values);
    case 'k8s': return k8sType(ref.slice('cdk8s-plus-28.k8s.'.length));
    default: {
      const type = defined.get(ref);
      if (type === undefined) throw new Error(`no run-time type for ${ref}: defineType it beside its declaration`);
      return type;
    }
  }
}

/**
 * A required field of the generated type `ref`, refused when missing for the reason `why` (what the
 * construct needs it for) and asking for `wanted` (what it holds, how to make one); each defaults to
 * the generic one.
 */
export function needed(ref: TypeRef, hints: { readonly why?: string; readonly wanted?: string }): PropType {
  // Resolved at the first check: the class `ref` names registers its type when its module loads.
  let type: PropType | undefined;
  const resolved = () => (type ??= typeOf(ref));
  return {
    get description() { return resolved().description; },
    get wanted() { return hints.wanted ?? resolved().wanted; },
    missing: hints.why,
    accepts: ref,
    check: (path, prop, value) => resolved().check(path, prop, value),
  };
}

/**
 * The string value of an enum. Which values a prop takes, and why, the construct that reads it
 * says (each has its reason: the listener protocols a route attaches to, AIbrix's strategies ...).
 */
function enumType(name: string, values: { readonly [member: string]: string | number }): PropType {
  const members = Object.keys(values);
  const listed = members.length > 1 ? `${members.slice(0, -1).join(', ')} or ${members[members.length - 1]}` : members[0];
  return { ...T.string, description: `a ${name} (${name}.${listed})`, accepts: name };
}

function structType(name: string): PropType {
  let type = structTypes.get(name);
  if (type === undefined) structTypes.set(name, type = T.object(name.replace(/^.*\./, ''), () => structFields(name as StructName)));
  return type;
}

/** The fields of a struct, each of its generated type or its refinement, and the required ones. */
export function structFields(name: StructName): { readonly fields: Fields; readonly required: readonly string[] } {
  let out = built.get(name);
  if (out === undefined) {
    const shape = SHAPES[name] as Extract<TypeShape, { kind: 'struct' }>;
    const refined: Fields = Object.assign({}, ...[...shape.bases ?? []].reverse().map((b) => refinements.get(b)), refinements.get(name));
    const fields: { [field: string]: PropType } = {};
    for (const [field, ref] of Object.entries(shape.fields)) fields[field] = refined[field] ?? typeOf(ref);
    for (const [field, type] of Object.entries(refined)) {
      if (fields[field] !== undefined) continue;
      // Only a redirect may name what the interface does not have.
      if (type.accepts !== 'none') throw new Error(`${name} has no field ${field} to refine`);
      fields[field] = type;
    }
    built.set(name, out = { fields, required: shape.required });
  }
  return out;
}

/**
 * Checks an object of props or options against its struct: every key known, every value of its
 * type, every required one present; `null` reads as unset (as jsii passes it). Returns a copy
 * without unset keys. Props that are null or unset as a whole are refused as the first required
 * one (without one, as not an object).
 */
export function checkProps(path: string, prefix: string, value: unknown, struct: StructName, what: string): { [key: string]: unknown } {
  const { fields, required } = structFields(struct);
  return checkFields(path, prefix, value, fields, required, what);
}

/** The refinements registered (for the test that each names a field of its struct, of a fitting type). */
export function registeredRefinements(): ReadonlyMap<string, Fields> {
  return refinements;
}

/** The classes and interfaces whose run-time type is registered. */
export function definedTypes(): ReadonlyMap<string, PropType> {
  return defined;
}
