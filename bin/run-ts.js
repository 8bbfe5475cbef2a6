#!/usr/bin/env node
// `cdk8s-tls-constructs run <file.ts>` (and `node bin/run-ts.js <file.ts>` in this repository): runs a
// TypeScript cdk8s app, each .ts file compiled with SWC on require (transpile only, no type check:
// `npm test` type-checks). It starts faster than ts-node, which matters because `cdk8s synth`
// starts the app on every run, and it uses no TypeScript API (ts-node and ts-jest do, and
// TypeScript 7 has none). A refusal of this library that escapes the app is printed as its
// message alone, each refusal on its own line (node itself would print the throwing line of the
// library, the stack and the error's fields), and the exit code is 1.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const Module = require('module');

// Compiled output is cached by content hash in the project's node_modules (where cdk8s synth runs
// the app), so an unchanged file is not compiled again. Without a node_modules folder, no cache.
const cacheDir = fs.existsSync('node_modules') ? path.resolve('node_modules', '.cache', 'run-ts') : undefined;
let swc;

/** The project's @swc/core (a devDependency of the app), else the one beside this package. */
function loadSwc() {
  try {
    return require(require.resolve('@swc/core', { paths: [process.cwd(), __dirname] }));
  } catch {
    console.error('cdk8s-tls-constructs run: @swc/core is not installed; npm install --save-dev @swc/core');
    process.exit(2);
  }
}

// Inline source maps only where node applies them (--enable-source-maps): V8 reads every byte of a
// module's text, and a map more than doubles it (~12 ms of every `cdk8s synth` without them).
const withMaps = process.sourceMapsEnabled === true;
const options = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: withMaps ? 'inline' : false,
};

/** Reads a cache file, or undefined. */
function readCache(file, encoding) {
  try {
    return file && fs.readFileSync(file, encoding);
  } catch {
    return undefined;
  }
}

/** Writes cache files; a read-only node_modules only costs the cache. */
function writeCache(dir, entries) {
  if (!cacheDir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, data] of entries) fs.writeFileSync(file, data());
  } catch {
    // no cache
  }
}

function register() {
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const cached = cacheDir && path.join(cacheDir, `${crypto.createHash('sha1').update(filename).update(withMaps ? '\0inline-maps\0' : '\0no-maps\0').update(source).digest('hex')}.js`);
    let code = readCache(cached, 'utf8');
    if (code === undefined) {
      swc = swc || loadSwc();
      code = swc.transformSync(source, { ...options, filename }).code;
      writeCache(cacheDir, [[cached, () => code]]);
    }
    module._compile(code, filename);
  };

  // V8's code cache for every module this process compiles (the app, the library, cdk8s and its
  // generated L1 module of 2.7 MB): parsing and compiling them is most of a short synth's start-up.
  // Kept next to the transpile cache, keyed by node version, file and text (see below); a rejected or
  // missing entry is written when the process exits (after the run, so it covers the functions the
  // synth compiled lazily). Node 22 has this built in (module.enableCompileCache); node 20 does not.
  if (process.env.RUN_TS_NO_CODE_CACHE !== undefined || !cacheDir) return;
  const vm = require('vm');
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
    const cachedData = readCache(file);
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
  process.once('exit', () => writeCache(codeCacheDir, pending.map(({ file, script }) => [file, () => script.createCachedData()])));
}

const REFUSAL = Symbol.for('cdk8s-tls-constructs.ValidationError');

/** Runs `entry` as the main module (`require.main === module` holds in it) with `args` as its arguments. */
function run(entry, args) {
  if (!entry) {
    console.error('usage: cdk8s-tls-constructs run <file.ts> [args...]');
    process.exitCode = 2;
    return;
  }
  register();
  process.argv = [process.argv[0], path.resolve(entry), ...args];
  try {
    Module.runMain();
  } catch (error) {
    // Any other error as node shows it, less the source line node would quote from this file.
    console.error(error !== null && typeof error === 'object' && REFUSAL in error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  }
}

module.exports = { run };
if (require.main === module) run(process.argv[2], process.argv.slice(3));
