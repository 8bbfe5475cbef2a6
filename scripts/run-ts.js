#!/usr/bin/env node
// A minimal TypeScript runner for the synth path: compiles each .ts file with SWC on require
// (transpile only, no type check: `npm test` type-checks). Faster to start than ts-node, which
// matters because `cdk8s synth` starts the app on every run.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

// Compiled output is cached by content hash, so an unchanged file is not compiled again.
const cacheDir = path.resolve(__dirname, '..', 'node_modules', '.cache', 'run-ts');
let swc;

// Inline source maps only where node applies them (--enable-source-maps): V8 reads every byte of a
// module's text, and a map more than doubles it (~12 ms of every `cdk8s synth` without them).
const withMaps = process.sourceMapsEnabled === true;
const options = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: withMaps ? 'inline' : false,
};
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(cacheDir, `${crypto.createHash('sha1').update(filename).update(withMaps ? '\0inline-maps\0' : '\0no-maps\0').update(source).digest('hex')}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    swc = swc || require('@swc/core');
    code = swc.transformSync(source, { ...options, filename }).code;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(cached, code);
    } catch {
      // a read-only node_modules only costs the cache
    }
  }
  module._compile(code, filename);
};

const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1); // the app sees itself as argv[1]
require(path.resolve(entry));
