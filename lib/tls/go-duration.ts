import { ValidationError } from '../errors';

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** Parses a Go duration string (`2160h`, `1h30m`) into seconds; throws a ValidationError otherwise. */
export function parseGoDuration(path: string, prop: string, value: unknown): number {
  if (typeof value !== 'string' || !GO_DURATION.test(value)) {
    throw new ValidationError(path, prop, value, 'not a Go duration', 'a number with a unit h, m, s, ms, us or ns, e.g. "2160h" or "1h30m"');
  }
  let seconds = 0;
  for (const part of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    seconds += Number(part[1]) * UNIT_SECONDS[part[2]];
  }
  return seconds;
}
