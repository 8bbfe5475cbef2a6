#!/usr/bin/env node
// `npm test`: the type check and jest at once, then jest's summary line (`jest: N passed, M failed`,
// which CI reads). tsc is one thread for a few seconds; started beside jest's workers it overlaps
// them instead of adding its time in front. Exit code 1 when either fails.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = (args) => new Promise((resolve) => {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => resolve(code === 0 && signal === null));
  child.on('error', () => resolve(false));
});

// `npm run typecheck` (package.json holds its command): through the npm that runs this script.
const npm = process.env.npm_execpath;
const typecheck = npm ? run([npm, 'run', '--silent', 'typecheck']) : new Promise((resolve) => {
  const child = spawn('npm', ['run', '--silent', 'typecheck'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code, signal) => resolve(code === 0 && signal === null));
  child.on('error', () => resolve(false));
});
const jest = run([path.join(__dirname, 'jest-summary.js'), ...process.argv.slice(2)]);

Promise.all([typecheck, jest]).then(([typesOk, testsOk]) => {
  if (!typesOk) console.error('typecheck: failed (tsc reported the errors above)');
  process.exit(typesOk && testsOk ? 0 : 1);
});
