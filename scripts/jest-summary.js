#!/usr/bin/env node
// Runs jest and ends with one plain line `jest: N passed, M failed`, which CI reads
// (jest's own closing lines are not among the formats it understands). Exit code follows jest.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-')), 'report.json');
const jest = path.resolve(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, '--json', `--outputFile=${report}`, ...process.argv.slice(2)], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + json.numRuntimeErrorTestSuites;
} catch (e) {
  console.error(`could not read the jest report: ${e.message}`);
  failed = Math.max(failed, 1);
}
console.log(`jest: ${passed} passed, ${failed} failed`);
process.exit(result.status === 0 && failed === 0 ? 0 : 1);
