import { Duration } from 'cdk8s';
import { ValidationError } from '../errors';
import { defineType } from '../props/prop-shapes';
import { PropType, T } from '../props/prop-types';

/** Go's longest duration (`time.Duration` is int64 nanoseconds, about 2562047h): longer ones do not parse. */
const MAX_GO_SECONDS = 9_223_372_036;

/**
 * A Duration in whole seconds, as a Go duration holds it here. A fraction of a second, an amount
 * that is not finite and one beyond Go's range are refused with a ValidationError naming `path` and `prop`.
 */
export function wholeSeconds(path: string, prop: string, d: Duration): number {
  const exact = d.toSeconds({ integral: false });
  if (!Number.isFinite(exact)) {
    throw new ValidationError(path, prop, d, 'the amount is not a finite number', 'a Duration of a finite amount, e.g. Duration.hours(720)');
  }
  // Tolerates the float error of fractional factories (Duration.hours(1.1) is 3960s), not real fractions.
  const seconds = Math.round(exact);
  if (Math.abs(exact - seconds) > 1e-6) {
    throw new ValidationError(path, prop, d, 'not a whole number of seconds (it is written as a Go duration in h, m or s)', 'a Duration of whole seconds, e.g. Duration.seconds(90)');
  }
  if (seconds > MAX_GO_SECONDS) {
    throw new ValidationError(path, prop, d, 'longer than a Go duration can be (about 2562047h)', 'a Duration of at most Duration.hours(2562047)');
  }
  return seconds;
}

/**
 * Renders a Duration as the shortest exact Go duration, the form cert-manager's `duration` and
 * metrics-server's `--metric-resolution` take: whole hours `720h`, else whole minutes `90m`, else
 * seconds `3601s`. Refuses what `wholeSeconds` refuses.
 */
export function goDuration(path: string, prop: string, d: Duration): string {
  const seconds = wholeSeconds(path, prop, d);
  if (seconds === 0) return '0s';
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** The run-time type of a Duration prop: a cdk8s `Duration` (a Go duration string from JavaScript is refused). */
export function durationType(example: string): PropType {
  return { ...T.instance('Duration', (v) => v instanceof Duration, `a cdk8s Duration, e.g. ${example}`), accepts: 'cdk8s.Duration' };
}

defineType('cdk8s.Duration', durationType('Duration.minutes(5)'));
