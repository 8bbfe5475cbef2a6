/**
 * Kubernetes `resource.Quantity` values (k8s.io/apimachinery pkg/api/resource/quantity.go):
 *
 *   <quantity> ::= <signedNumber><suffix>
 *   <number>   ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *   <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei | n | u | m | "" | k | M | G | T | P | E | e<signedNumber> | E<signedNumber>
 *
 * A JSON number is a quantity too (the API server reads `cpu: 2` as "2").
 */

/** sign, number, then either a decimal exponent or a suffix. */
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** Decimal suffixes as powers of ten. */
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Binary suffixes as powers of 1024. */
const BINARY: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };

/**
 * The value of a quantity (`"100m"` → 0.1, `"128Mi"` → 134217728), or undefined when `value` is not
 * a quantity the API server accepts.
 *
 * Decimal values are read through the number's own decimal exponent, so equal quantities spelt
 * differently (`"0.1"`, `"100m"`, `"1e-1"`) give the same number.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // The same few quantities are read again and again (props, plans, then the output pass's rule).
  if (PARSED.has(value)) return PARSED.get(value);
  const result = parse(value);
  // Bounded: the checker also reads untrusted manifests, which may hold any number of distinct values.
  if (PARSED.size >= 1000) PARSED.clear();
  PARSED.set(value, result);
  return result;
}

/** Quantities already read, and their values. */
const PARSED = new Map<string, number | undefined>();

function parse(value: string): number | undefined {
  const match = QUANTITY.exec(value);
  if (match === null) return undefined;
  const [, number, exponent, suffix] = match;
  let result: number;
  if (suffix !== undefined && suffix in BINARY) {
    result = Number(number) * 1024 ** BINARY[suffix];
  } else {
    const power = exponent !== undefined ? Number(exponent) : suffix !== undefined ? DECIMAL[suffix] : 0;
    result = Number(`${number}e${power}`);
  }
  return Number.isFinite(result) ? result : undefined;
}
