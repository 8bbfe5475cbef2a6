import { ValidationError } from '../../lib';
import { mergeArgs, mergeEnv } from '../../lib/workload/derived-settings';
import { emptyDirName } from '../../lib/workload/server-workload';

describe('mergeArgs', () => {
  const derived = ['serve', '--secure-port=10250', '--cert-dir=/tmp', '-v'];

  test('appends extra args after the derived ones', () => {
    expect(mergeArgs('p', derived, ['--v=2', '--profiling'])).toEqual([...derived, '--v=2', '--profiling']);
    expect(mergeArgs('p', derived, undefined)).toEqual(derived);
  });

  test.each(['--secure-port=443', '--secure-port', '--cert-dir=/x', '-v'])('refuses %s: the construct derives it', (arg) => {
    expect(() => mergeArgs('stack/ms', derived, [arg])).toThrow(ValidationError);
    expect(() => mergeArgs('stack/ms', derived, [arg])).toThrow(/^stack\/ms: extraArgs\[0\] .* is not allowed: the construct derives/);
  });

  test.each(['-p', '-p9000', '-p=9000'])('refuses the short alias %s of a derived flag', (arg) => {
    expect(() => mergeArgs('nf', ['--port=8080'], [arg], { '-p': '--port' })).toThrow(/the construct derives --port itself \(--port=8080\)/);
  });

  test('refuses empty arguments', () => {
    expect(() => mergeArgs('p', derived, [' '])).toThrow(/extraArgs\[0\] " " is not allowed: an empty argument/);
  });

  test('a flag that only shares a prefix is not a conflict', () => {
    expect(mergeArgs('p', derived, ['--secure-port-extra=1'])).toContain('--secure-port-extra=1');
  });
});

describe('mergeEnv', () => {
  const derived = [{ name: 'NAMESPACE', value: 'x' }];

  test('appends extra env', () => {
    expect(mergeEnv('p', derived, [{ name: 'TZ', value: 'UTC' }])).toEqual([...derived, { name: 'TZ', value: 'UTC' }]);
  });

  test('refuses a derived name, a duplicate and an invalid name', () => {
    expect(() => mergeEnv('p', derived, [{ name: 'NAMESPACE', value: 'y' }])).toThrow(/extraEnv\[0\] "NAMESPACE" is not allowed: the construct sets this variable/);
    expect(() => mergeEnv('p', derived, [{ name: 'A' }, { name: 'A' }])).toThrow(/extraEnv\[1\] "A"/);
    expect(() => mergeEnv('p', derived, [{ name: '1A' }])).toThrow(/extraEnv\[0\]\.name "1A" is not allowed/);
  });
});

test('emptyDirName turns a path into a volume name', () => {
  expect(emptyDirName('/tmp')).toBe('tmp');
  expect(emptyDirName('/var/run/App_Data/')).toBe('var-run-app-data');
});
