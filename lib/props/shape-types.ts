// The types of the generated tables (prop-shapes.generated.ts, k8s-shapes.generated.ts): apart from
// the engine that reads them, so that the tables and the engine do not import each other.

/** A jsii type as the generated tables write it: a primitive, a type's name, or a list, map or union of them. */
export type TypeRef = string | { readonly list: TypeRef } | { readonly map: TypeRef } | { readonly union: readonly TypeRef[] };

/** A type of the generated tables. */
export type TypeShape =
  | {
    readonly kind: 'struct';
    /** Every field (those of its bases first), in declaration order: messages list them so. */
    readonly fields: { readonly [name: string]: TypeRef };
    readonly required: readonly string[];
    /** The structs it extends, whose refinements it inherits. */
    readonly bases?: readonly string[];
  }
  | { readonly kind: 'enum'; readonly values: { readonly [member: string]: string | number } }
  /** A class or a behavioural interface (checked by the type `defineType` registers), or a cdk8s-plus-28 k8s struct. */
  | { readonly kind: 'class' | 'interface' | 'k8s' };
