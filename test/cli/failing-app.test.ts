import { spawnSync } from 'child_process';
import * as path from 'path';
import { tempDir } from '../support/temp-dirs';

// A consumer's app that the library refuses, run by the real `cdk8s synth` (cdk8s-cli) through the
// library's runner, as the scaffold's cdk8s.yaml runs it. What the terminal shows is the refusal,
// once (each refusal of several on its own line), then only the CLI's own "non-zero exit code" error.
const root = path.resolve(__dirname, '../..');
const app = `node ${path.join(root, 'bin/run-ts.js')} ${path.join(root, 'test/fixtures/refused-app.ts')}`;

function synth(refuse: string) {
  const cwd = tempDir('failing-app-');
  const result = spawnSync(path.join(root, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade', '--app', app], {
    cwd, encoding: 'utf8', env: { ...process.env, REFUSE: refuse },
  });
  return { ...result, cwd };
}

/** The lines after the refusals: cdk8s-cli's error and its stack, nothing of the library. */
function expectOnlyTheCliErrorAfter(lines: string[], cwd: string) {
  expect(lines[0]).toBe(`Error: command "${app} " at ${cwd} returned a non-zero exit code 1`);
  for (const frame of lines.slice(1)) expect(frame).toMatch(/^ {4}at .*(cdk8s-cli[\\/]lib[\\/]util\.js|node:)/);
}

test('a refusal in a constructor: its message alone, then the CLI\'s error', () => {
  const result = synth('construction');
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('Synthesizing application\n');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^ValidationError: platform\/numaflow: tls TlsMode\.fromSecretName\("numaflow-tls"\) is not allowed: .+; use .+/);
  expect(result.stderr.split('platform/numaflow')).toHaveLength(2); // once
  expectOnlyTheCliErrorAfter(lines.slice(1), result.cwd);
}, 30_000);

test('several refusals at synth: each on its own line, once, with no dump of values, errors or the library\'s frames', () => {
  const result = synth('synth');
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('Synthesizing application\n');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe('ValidationError: 2 refusals:');
  expect(lines[1]).toMatch(/^- platform\/admin: version "v1\.13\.0" is not allowed: with TLS on, Admin before v1\.13\.3 sends no CORS headers.*https:\/\/console\.example\.com.*; use /);
  expect(lines[2]).toMatch(/^- platform\/task: chart "platform" is not allowed: a preview .* in chart platform, which App\.synth\(\) writes into dist\/.*; use StackSynth\.writeStacks with the chart's stack in `previews`/);
  expectOnlyTheCliErrorAfter(lines.slice(3), result.cwd);
  expect(result.stderr).not.toMatch(/TlsMode \{|Circular|\[errors\]|errors:|node_modules[\\/]cdk8s[\\/]|lib[\\/]errors|run-ts\.js:\d/);
}, 30_000);
