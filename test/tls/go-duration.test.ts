import { Duration } from 'cdk8s';
import { formatValue, ValidationError } from '../../lib/errors';
import { goDuration, wholeSeconds } from '../../lib/tls/go-duration';
import { expectRefusal } from './refusal';

// Durations are cdk8s Durations in the API; cert-manager (Certificate spec.duration, renewBefore) and
// metrics-server (--metric-resolution) take Go duration strings. One rendering: the shortest exact one.
const render = (d: Duration) => goDuration('test', 'd', d);

describe('goDuration', () => {
  const RENDERED: [string, Duration, string][] = [
    ['whole hours', Duration.hours(720), '720h'],
    ['whole hours', Duration.hours(240), '240h'],
    ['whole hours', Duration.hours(2160), '2160h'],
    ['whole hours', Duration.hours(360), '360h'],
    ['days as hours', Duration.days(90), '2160h'],
    ['minutes that are whole hours', Duration.minutes(120), '2h'],
    ['seconds that are whole hours', Duration.seconds(3600), '1h'],
    ['millis that are whole hours', Duration.millis(7_200_000), '2h'],
    ['whole minutes', Duration.minutes(5), '5m'],
    ['mixed hours and minutes', Duration.minutes(90), '90m'],
    ['mixed hours and minutes, from seconds', Duration.seconds(5400), '90m'],
    ['fractional hours', Duration.hours(1.5), '90m'],
    ['fractional hours with float error', Duration.hours(1.1), '66m'],
    ['seconds', Duration.seconds(15), '15s'],
    ['seconds', Duration.seconds(45), '45s'],
    ['seconds that are whole minutes', Duration.seconds(60), '1m'],
    ['an hour and a second', Duration.seconds(3601), '3601s'],
    ['millis that are whole seconds', Duration.millis(30_000), '30s'],
    ['zero', Duration.seconds(0), '0s'],
    ['Go\'s longest whole hour count', Duration.hours(2_562_047), '2562047h'],
  ];
  test.each(RENDERED.map(([what, d, expected]) => [what, formatValue(d), expected, d] as const))('%s: %s → %s', (_what, _shown, expected, d) => {
    expect(render(d)).toBe(expected);
  });

  test.each([Duration.millis(1500), Duration.millis(1), Duration.seconds(0.5), Duration.minutes(1.0001)].map((d) => [formatValue(d), d] as const))('a fraction of a second, %s, is refused', (_shown, d) => {
    expectRefusal(() => render(d), {
      path: 'test', prop: 'd', value: d, shown: formatValue(d), why: /^ is not allowed: not a whole number of seconds/,
      allowed: 'a Duration of whole seconds, e.g. Duration.seconds(90)',
    });
  });

  test.each([Duration.seconds(NaN), Duration.hours(Infinity)].map((d) => [formatValue(d), d] as const))('an amount that is not finite, %s, is refused', (_shown, d) => {
    expect(() => render(d)).toThrow(ValidationError);
    expect(() => render(d)).toThrow(/is not allowed: the amount is not a finite number/);
  });

  test('beyond Go\'s range (int64 nanoseconds) is refused', () => {
    expect(() => render(Duration.seconds(9_223_372_036))).not.toThrow();
    expect(() => render(Duration.seconds(9_223_372_037))).toThrow(/longer than a Go duration can be/);
    expect(() => render(Duration.days(1e9))).toThrow(/longer than a Go duration can be/);
  });

  test('wholeSeconds gives the seconds the rendering says', () => {
    expect(wholeSeconds('test', 'd', Duration.hours(1.1))).toBe(3960);
    expect(wholeSeconds('test', 'd', Duration.days(90))).toBe(7_776_000);
  });
});
