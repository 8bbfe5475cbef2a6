#!/usr/bin/env node
// `npx cdk8s-tls-constructs check <files or folders>` and `npx cdk8s-tls-constructs synth`.
'use strict';
const { main } = require('../build/cli/main.js');
process.exitCode = main(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
