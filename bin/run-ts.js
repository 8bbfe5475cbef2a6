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

// V8's code cache for every module this process compiles (the app, the library, cdk8s and its
// generated L1 module of 2.7 MB): parsing and compiling them is most of a short synth's start-up.
// Kept next to the transpile cache, keyed by node version, file and text (see below); a rejected or
// missing entry is written when the process exits (after the run, so it covers the functions the
// synth compiled lazily). Node 22 has this built in (module.enableCompileCache); node 20 does not.
if (process.env.RUN_TS_NO_CODE_CACHE === undefined) {
  const vm = require('vm');
  const Module = require('module');
  const codeCacheDir = path.join(cacheDir, `v8-${process.version}-${process.arch}`);
  const pending = [];
  Module.prototype._compile = function compileWithCache(content, filename) {
    // V8 checks only the length of the source a cache was made from, so the key must change with
    // the text: for installed packages their file's identity (npm writes new files, with new
    // inodes, and patches change the mtime), for the rest the text itself (hashing the 2.7 MB of
    // cdk8s-plus-28's L1 module at every start would cost ~10 ms).
    let identity;
    if (filename.includes(`${path.sep}node_modules${path.sep}`)) {
      try {
        const stat = fs.statSync(filename, { bigint: true });
        identity = `${stat.ino}\0${stat.size}\0${stat.mtimeNs}\0${content.length}`;
      } catch {
        // hashed below
      }
    }
    const key = crypto.createHash('sha1').update(filename).update('\0').update(identity ?? content).digest('hex');
    const file = path.join(codeCacheDir, key);
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // not cached yet
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ file, script });
    // The module's own `require`, as node's loader gives it (arrow functions keep `this`, the module).
    const req = (id) => this.require(id);
    req.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    req.resolve.paths = (request) => Module._resolveLookupPaths(request, this);
    req.main = process.mainModule;
    req.extensions = Module._extensions;
    req.cache = Module._cache;
    return script.runInThisContext({ displayErrors: true }).call(this.exports, this.exports, req, this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    try {
      fs.mkdirSync(codeCacheDir, { recursive: true });
      for (const { file, script } of pending) fs.writeFileSync(file, script.createCachedData());
    } catch {
      // a read-only node_modules only costs the cache
    }
  });
}

const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1); // the app sees itself as argv[1]
require(path.resolve(entry));
