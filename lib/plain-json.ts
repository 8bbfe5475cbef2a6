/**
 * A deep copy of JSON-like data as its manifest JSON would hold it: `undefined` fields and array
 * entries dropped (as JSON drops them), everything else copied. A copy of data, not a rendering: no
 * text is produced or read back. Throws a TypeError, as `JSON.stringify` would, on what JSON cannot
 * hold (a cycle, a BigInt).
 */
export function plainJson<T>(value: T): T {
  return copy(value, []) as T;
}

function copy(value: unknown, parents: object[]): unknown {
  if (typeof value === 'bigint') throw new TypeError('a BigInt has no JSON form');
  if (typeof value !== 'object' || value === null) return value;
  if (parents.includes(value)) throw new TypeError('a circular structure has no JSON form');
  parents.push(value);
  try {
    // Plain loops rather than filter/map/entries: construction copies whole pods this way.
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (kept(v)) items.push(copy(v, parents));
      }
      return items;
    }
    // Objects with a toJSON (Date and the like) are copied as JSON.stringify would see them.
    const source = typeof (value as any).toJSON === 'function' ? (value as any).toJSON() : value;
    if (typeof source !== 'object' || source === null) return source;
    const out: Record<string, unknown> = {};
    const keys = Object.keys(source);
    for (let i = 0; i < keys.length; i++) {
      const v = (source as Record<string, unknown>)[keys[i]];
      if (kept(v)) out[keys[i]] = copy(v, parents);
    }
    return out;
  } finally {
    parents.pop();
  }
}

/** Whether JSON holds the value (it drops undefined, functions and symbols). */
function kept(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}
