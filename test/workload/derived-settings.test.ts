import { ValidationError } from '../../lib';
import { mergeEnv } from '../../lib/workload/derived-settings';
import { checkExtraArgs, flag, renderFlags } from '../../lib/workload/flags';
import { emptyDirName } from '../../lib/workload/server-workload';

describe('checkExtraArgs', () => {
  const flags = [flag('--secure-port', 10250), flag('--cert-dir', '/tmp'), flag('-v')];
  const derived = new Map(flags.map((f) => [f.name, renderFlags([f])[0]]));

  test('accepts extra args that set no derived flag', () => {
    expect(() => checkExtraArgs('p', derived, ['--v=2', '--profiling'])).not.toThrow();
    expect(() => checkExtraArgs('p', derived, undefined)).not.toThrow();
  });

  test.each(['--secure-port=443', '--secure-port', '--cert-dir=/x', '-v'])('refuses %s: the construct derives it', (arg) => {
    expect(() => checkExtraArgs('stack/ms', derived, [arg])).toThrow(ValidationError);
    expect(() => checkExtraArgs('stack/ms', derived, [arg])).toThrow(/^stack\/ms: extraArgs\[0\] .* is not allowed: the construct derives/);
  });

  test.each(['-p', '-p9000', '-p=9000'])('refuses the short alias %s of a derived flag', (arg) => {
    expect(() => checkExtraArgs('nf', new Map([['--port', '--port=8080']]), [arg], { '-p': '--port' })).toThrow(/the construct derives --port itself \(--port=8080\)/);
  });

  test('refuses empty arguments', () => {
    expect(() => checkExtraArgs('p', derived, [' '])).toThrow(/extraArgs\[0\] " " is not allowed: an empty argument/);
  });

  test('a flag that only shares a prefix is not a conflict', () => {
    expect(() => checkExtraArgs('p', derived, ['--secure-port-extra=1'])).not.toThrow();
  });

  test('flags render as Go reads them', () => {
    expect(renderFlags([flag('--insecure', false), flag('--port', 8443), flag('--kubelet-use-node-status-port')]))
      .toEqual(['--insecure=false', '--port=8443', '--kubelet-use-node-status-port']);
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
