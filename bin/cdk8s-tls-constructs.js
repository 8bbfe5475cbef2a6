#!/usr/bin/env node
// `npx cdk8s-tls-constructs <init|run|synth|generate|check> ...` (usage: with no arguments).
'use strict';
if (process.argv[2] === 'run') {
  // The app runner loads nothing of the library itself: `cdk8s synth` starts it on every run.
  require('./run-ts.js').run(process.argv[3], process.argv.slice(4));
} else {
  const { main } = require('../build/cli/main.js');
  process.exitCode = main(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
}
