import '../../lib';
import { structFields, StructName, typeOf, TypeRef, TypeShape } from '../../lib/props/prop-shapes';
import { PROP_SHAPES } from '../../lib/props/prop-shapes.generated';
import { PropType, T } from '../../lib/props/prop-types';

// The fields of the hostile property test's subjects, read from the tables generated from the .jsii
// assembly (what each prop is, which are required, the fields of nested structs) and from the
// refinements the library registers (which numbers are ports or integers): the test keeps no copy of
// the shapes. What it adds per prop (look-alike values, unusual values, documented rules that need
// a prop in its configuration) it gives as overrides by prop path.

/** How the test mutates a prop: the kind decides its wrong and unusual values. */
export type Kind = 'string' | 'boolean' | 'integer' | 'number' | 'port' | 'strings' | 'map' | 'anyMap' | 'object' | 'objects' | 'instance'
  | 'k8s' | 'k8sList' | 'secret' | 'secrets' | 'configMapRef' | 'any' | 'function' | 'configMap' | 'list' | 'ports' | 'integers';

/** A prop of a subject. `V` is the test's type of values (fast-check arbitraries and thunks). */
export interface FieldOf<A> {
  readonly kind: Kind;
  readonly required?: boolean;
  /** Fields of an `object` (mutated too). */
  readonly fields?: { readonly [name: string]: FieldOf<A> };
  /** Unset is valid by type, but a documented rule needs the prop in this configuration (e.g. CopilotPod without a template). */
  readonly nullMayBeRefused?: boolean;
  /** Extra wrong values for this prop (e.g. an instance of another of our classes). */
  readonly wrong?: readonly (() => unknown)[];
  /** Values of the generic wrong list that this prop accepts by its documented type. */
  readonly notWrong?: (value: unknown) => boolean;
  /** Unusual values of the right type for this prop (instead of the generic ones of its kind). */
  readonly odd?: A;
  /** Values valid by construction from the API's own rules (issue 23): each must be accepted. */
  readonly valid?: A;
}

const SHAPES: { readonly [name: string]: TypeShape } = PROP_SHAPES;

/** The kind of a prop of generated type `ref`, checked at run time by `check`. */
function kindOf(ref: TypeRef, check: PropType): Kind {
  if (check.accepts === 'any') return 'any';
  if (typeof ref === 'object') {
    if ('union' in ref) return 'any';
    const of = 'list' in ref ? ref.list : ref.map;
    // A hand-written list type may not say its entries' type: its field's generated one then.
    const entry = kindOf(of, check.of ?? typeOf(of));
    if ('map' in ref) return entry === 'any' ? 'anyMap' : 'map';
    const lists: { [k in Kind]?: Kind } = { string: 'strings', secret: 'secrets', k8s: 'k8sList', object: 'objects', port: 'ports', integer: 'integers' };
    return lists[entry] ?? 'list';
  }
  switch (ref) {
    case 'string': case 'boolean': return ref;
    case 'number': return check === T.port ? 'port' : check === T.integer ? 'integer' : 'number';
    case 'any': case 'json': return 'any';
  }
  switch (SHAPES[ref].kind) {
    case 'struct': return 'object';
    case 'enum': return 'string';
    case 'class': return 'instance';
    case 'k8s': return 'k8s';
    default: return ref === 'cdk8s-plus-28.ISecret' ? 'secret' : 'any';
  }
}

/**
 * The fields of `struct` as the hostile test mutates them, nested structs with their fields, each
 * merged with the test's override at its prop path (`'userRbac.scopes'`). An override that names no
 * field fails: the test's knowledge must be about props that exist.
 */
export function shapeFields<A>(struct: StructName, overrides: { readonly [path: string]: Partial<FieldOf<A>> } = {}): { [name: string]: FieldOf<A> } {
  const used = new Set<string>();
  const build = (name: string, at: string): { [field: string]: FieldOf<A> } => {
    const shape = SHAPES[name] as Extract<TypeShape, { kind: 'struct' }>;
    const { fields: checks } = structFields(name as StructName);
    const out: { [field: string]: FieldOf<A> } = {};
    for (const [field, ref] of Object.entries(shape.fields)) {
      const path = at ? `${at}.${field}` : field;
      const kind = kindOf(ref, checks[field]);
      const nested = kind === 'object' && typeof ref === 'string' ? build(ref, path) : undefined;
      if (overrides[path]) used.add(path);
      out[field] = { kind, ...(shape.required.includes(field) ? { required: true } : {}), ...(nested ? { fields: nested } : {}), ...overrides[path] };
    }
    return out;
  };
  const fields = build(struct, '');
  const unused = Object.keys(overrides).filter((p) => !used.has(p));
  if (unused.length) throw new Error(`${struct} has no field ${unused.join(', ')}: the test's overrides name props that do not exist`);
  return fields;
}
