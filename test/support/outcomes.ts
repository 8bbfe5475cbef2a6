import { ValidationError } from '../../lib';

// Counting the outcomes of generated inputs: each is accepted, or refused with a ValidationError
// that names one of the props the test expects (anything else fails the test).

/** How many inputs were refused (by prop, indexes folded) and accepted. */
export interface Tally {
  refused: number;
  accepted: number;
  refusedBy: { [prop: string]: number };
}

export const tally = (): Tally => ({ refused: 0, accepted: 0, refusedBy: {} });

/** `name: N refused, M accepted; refused as <prop> n, …`, for the test's log. */
export const show = (name: string, t: Tally): void =>
  console.log(`${name}: ${t.refused} refused, ${t.accepted} accepted; refused as ${Object.entries(t.refusedBy).sort().map(([p, n]) => `${p} ${n}`).join(', ')}`);

/** Runs `build`: a refusal must be a ValidationError naming one of `props`; returns undefined when refused. */
export function attempt<T>(t: Tally, props: RegExp, build: () => T): T | undefined {
  try {
    const built = build();
    t.accepted++;
    return built;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    expect(e.errors[0].prop).toMatch(props);
    expect(e.message).toContain(' is not allowed: ');
    t.refused++;
    const prop = e.errors[0].prop.replace(/\[\d+\]/g, '[]');
    t.refusedBy[prop] = (t.refusedBy[prop] ?? 0) + 1;
    return undefined;
  }
}
