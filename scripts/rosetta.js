#!/usr/bin/env node
// Type-checks the documentation's TypeScript examples (the blocks under `<!-- example:<name> -->` in
// README.md and docs/*.md: scripts/doc-examples.js) against the jsii assembly (jsii-rosetta, strict:
// every snippet must compile) and writes their Python translations to docs/python/. With --check,
// fails when the committed translations differ instead of writing them. Run `npm run jsii` first.
//
// jsii-rosetta reads the examples of an assembly's README only. So the examples are gathered into
// one markdown text, written as the README of a copy of the assembly beside `.jsii` (same folder, so
// the fixtures in rosetta/ and the package's dependencies resolve as for `.jsii` itself). Each
// translation is traced back to its example by its TypeScript source: a translation rosetta reuses
// from its cache (.jsii.tabl.json) keeps the location it had when it was made.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { docExamples } = require('./doc-examples');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const examples = docExamples(root);

// The gathered README: each example as it stands (marker, fence with its fixture, code). rosetta's
// messages name a snippet by the line of its fence there (`README-L<line>`): kept to translate them.
const bySource = new Map();
const fenceLines = [];
let gathered = '';
for (const e of examples) {
  const source = e.code.trimEnd();
  if (bySource.has(source)) throw new Error(`${e.file}:${e.line}: the example "${e.name}" repeats "${bySource.get(source).name}"`);
  bySource.set(source, e);
  gathered += `<!-- example:${e.name} (${e.file}:${e.line}) -->\n`;
  fenceLines.push(`  README-L${gathered.split('\n').length} is ${e.file}:${e.line} ("${e.name}")`);
  gathered += `\`\`\`${e.info}\n${source}\n\`\`\`\n\n`;
}
const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
const copy = path.join(root, '.jsii.examples');
fs.writeFileSync(copy, JSON.stringify({ ...assembly, readme: { markdown: gathered } }));
let refused = false;
try {
  execFileSync(path.join(root, 'node_modules/.bin/jsii-rosetta'), ['extract', '--strict', '--fail', copy], { cwd: root, stdio: 'inherit' });
} catch {
  refused = true;
} finally {
  fs.rmSync(copy, { force: true });
}
if (refused) {
  console.error(`jsii-rosetta refused an example; the snippets it names are:\n${fenceLines.join('\n')}`);
  process.exit(1);
}

const tablet = JSON.parse(fs.readFileSync(path.join(root, '.jsii.tabl.json'), 'utf8'));
const snippets = Object.values(tablet.snippets).filter((s) => s.location.api.api === 'moduleReadme');
const outDir = path.join(root, 'docs/python');
const expected = new Map();
for (const s of snippets) {
  const e = bySource.get(s.translations.$.source.trimEnd());
  if (!e) throw new Error(`jsii-rosetta translated a README snippet that is no example: ${s.translations.$.source.slice(0, 80)}`);
  if (!s.didCompile) throw new Error(`${e.file}:${e.line}: the example "${e.name}" does not compile`);
  const name = `${e.name.replace(/-/g, '_')}.py`;
  const header = `# Python translation of the example "${e.name}" in ${e.file} (jsii-rosetta; regenerate with\n`
    + '# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.\n'
    + 'import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)\n\n';
  expected.set(name, `${header}${s.translations.python.source.trimEnd()}\n`);
}
const missing = examples.filter((e) => !expected.has(`${e.name.replace(/-/g, '_')}.py`));
if (missing.length) throw new Error(`not translated by jsii-rosetta: ${missing.map((e) => `${e.file}:${e.line} "${e.name}"`).join(', ')}`);
const present = fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => f.endsWith('.py')) : [];
if (check) {
  const stale = [...new Set([...expected.keys(), ...present])]
    .filter((f) => !present.includes(f) || !expected.has(f) || fs.readFileSync(path.join(outDir, f), 'utf8') !== expected.get(f));
  if (stale.length) {
    console.error(`docs/python is not current (${stale.join(', ')}): run npm run jsii && npm run jsii:rosetta, and commit`);
    process.exit(1);
  }
  console.log(`docs/python: ${expected.size} translations current`);
} else {
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of present) if (!expected.has(f)) fs.rmSync(path.join(outDir, f));
  for (const [f, text] of expected) fs.writeFileSync(path.join(outDir, f), text);
  console.log(`wrote ${expected.size} translations to docs/python/`);
}
