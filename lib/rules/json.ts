/**
 * Reading untrusted manifest JSON: every field is read defensively, and a wrong type reads as unset.
 * The rules and the Pod Security checks share these.
 */
/** A JSON object from a manifest. */
export type Json = Record<string, unknown>;

/** Reads `value` as a JSON object; anything else (absent, null, array, scalar) reads as `{}`. */
export function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** Reads `value` as an array; anything else reads as `[]`. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Upstream tests pointers with `!= nil`; in JSON/YAML both an absent field and `null` are nil. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
