#!/usr/bin/env node
// Type-checks the README's TypeScript examples against the jsii assembly (jsii-rosetta, strict: every
// snippet must compile) and writes their Python translations to docs/python/. With --check, fails
// when the committed translations differ instead of writing them. Run `npm run jsii` first.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
execFileSync(path.join(root, 'node_modules/.bin/jsii-rosetta'), ['extract', '--strict', '--fail', '.jsii'], { cwd: root, stdio: 'inherit' });

const tablet = JSON.parse(fs.readFileSync(path.join(root, '.jsii.tabl.json'), 'utf8'));
const snippets = Object.values(tablet.snippets)
  .filter((s) => s.location.api.api === 'moduleReadme')
  .sort((a, b) => a.location.field.line - b.location.field.line);
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
const outDir = path.join(root, 'docs/python');
const expected = new Map();
for (const s of snippets) {
  if (!s.didCompile) throw new Error(`README line ${s.location.field.line}: the example does not compile`);
  // Named after the `<!-- example:<name> -->` marker above the snippet's block (its fence is on README line `line`).
  const at = s.location.field.line - 1;
  const marker = readme[at]?.startsWith('```ts') && at > 0 ? /<!-- example:([\w-]+)/.exec(readme[at - 1])?.[1] : undefined;
  if (!marker) throw new Error(`README line ${s.location.field.line}: the TypeScript example needs an <!-- example:<name> --> marker above it`);
  const name = `${marker.replace(/-/g, '_')}.py`;
  const header = `# Python translation of the README example "${marker}" (jsii-rosetta; regenerate with\n`
    + '# `npm run jsii && npm run jsii:rosetta`). Fragments use names the TypeScript fixture declares.\n'
    + 'import jsii  # noqa: F401  (classes that implement IStack use @jsii.implements)\n\n';
  expected.set(name, `${header}${s.translations.python.source.trimEnd()}\n`);
}
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
