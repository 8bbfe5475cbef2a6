#!/usr/bin/env node
// Generates docs/API.md, the props reference, from the TypeScript sources of the public API
// (lib/index.ts) with the TypeScript compiler API: JSDoc summaries, types and @default tags.
// `node scripts/gen-docs.js` writes it; `--check` exits 1 when the committed file is stale.
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'docs', 'API.md');

function generate() {
  // No DOM library and no ambient @types: the public API is jsii's, which has neither, and reading
  // lib.dom.d.ts (1.9 MB) and @types/node took a third of the time.
  const program = ts.createProgram([path.join(root, 'lib', 'index.ts')], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: [], lib: ['lib.es2022.d.ts'] });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(root, 'lib', 'index.ts'));
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(index));
  const doc = (sym) => ts.displayPartsToString(sym.getDocumentationComment(checker)).replace(/\s*\n\s*/g, ' ').trim();
  const tag = (sym, name) => {
    const t = sym.getJsDocTags(checker).find((x) => x.name === name);
    return t ? ts.displayPartsToString(t.text).replace(/\s*\n\s*/g, ' ').trim() : undefined;
  };
  const cell = (s) => (s ?? '').replace(/\|/g, '\\|');
  const typeOf = (sym, decl) => checker.typeToString(checker.getTypeOfSymbolAtLocation(sym, decl), undefined, ts.TypeFormatFlags.NoTruncation);

  const sections = { Constructs: [], 'Value types': [], 'Props and options': [], 'Enums and types': [], Functions: [] };
  for (const exported of exports) {
    const sym = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = sym.declarations?.[0];
    if (!decl) continue;
    const name = sym.getName();
    const lines = [`### ${name}`, ''];
    if (doc(sym)) lines.push(doc(sym), '');
    if (ts.isInterfaceDeclaration(decl)) {
      const props = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(sym));
      lines.push('| prop | type | default | description |', '|---|---|---|---|');
      for (const p of props) {
        if (tag(p, 'internal') !== undefined) continue;
        const pd = p.declarations[0];
        const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
        const owner = pd.parent && pd.parent.name ? pd.parent.name.getText() : name;
        const inherited = owner !== name ? ` (from ${owner})` : '';
        lines.push(`| \`${p.getName()}${optional ? '?' : ''}\` | \`${cell(typeOf(p, pd).replace(/ \| undefined$/, ''))}\` | ${cell(tag(p, 'default') ?? (optional ? '' : '**required**'))} | ${cell(doc(p))}${inherited} |`);
      }
      (name.endsWith('Props') || name.endsWith('Options') ? sections['Props and options'] : sections['Enums and types']).push(lines.join('\n'));
    } else if (ts.isClassDeclaration(decl)) {
      const members = [];
      for (const m of decl.members) {
        const mods = ts.getCombinedModifierFlags(m);
        if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || !m.name || m.name.getText().startsWith('_')) continue;
        const msym = checker.getSymbolAtLocation(m.name);
        if (!msym || tag(msym, 'internal') !== undefined) continue;
        const stat = mods & ts.ModifierFlags.Static ? 'static ' : '';
        if (ts.isMethodDeclaration(m)) {
          const sig = checker.signatureToString(checker.getSignatureFromDeclaration(m), undefined, ts.TypeFormatFlags.NoTruncation);
          members.push(`| \`${stat}${m.name.getText()}${cell(sig)}\` | ${cell(doc(msym))} |`);
        } else if (ts.isPropertyDeclaration(m) || ts.isGetAccessor(m)) {
          members.push(`| \`${stat}${m.name.getText()}: ${cell(typeOf(msym, m))}\` | ${cell(doc(msym))} |`);
        }
      }
      if (members.length) lines.push('| member | description |', '|---|---|', ...members);
      const extendsConstruct = (type) => checker.getBaseTypes(type).some((b) => b.symbol?.getName() === 'Construct' || extendsConstruct(b));
      const isConstruct = extendsConstruct(checker.getDeclaredTypeOfSymbol(sym));
      (isConstruct ? sections.Constructs : sections['Value types']).push(lines.join('\n'));
    } else if (ts.isEnumDeclaration(decl)) {
      lines.push(...decl.members.map((m) => `- \`${m.name.getText()}\`${doc(checker.getSymbolAtLocation(m.name)) ? `: ${doc(checker.getSymbolAtLocation(m.name))}` : ''}`));
      sections['Enums and types'].push(lines.join('\n'));
    } else if (ts.isTypeAliasDeclaration(decl)) {
      lines.push('```ts', decl.getText().replace(/\/\*\*[\s\S]*?\*\/\s*/g, ''), '```');
      sections['Enums and types'].push(lines.join('\n'));
    } else if (ts.isFunctionDeclaration(decl)) {
      lines.push('```ts', `${name}${checker.signatureToString(checker.getSignatureFromDeclaration(decl), undefined, ts.TypeFormatFlags.NoTruncation)}`, '```');
      sections.Functions.push(lines.join('\n'));
    }
  }
  const out = ['# API reference', '', '<!-- Generated by scripts/gen-docs.js from the TypeScript sources; do not edit. -->', ''];
  for (const [title, entries] of Object.entries(sections)) {
    if (entries.length) out.push(`## ${title}`, '', entries.join('\n\n'), '');
  }
  return out.join('\n');
}

module.exports = { generate };

if (require.main === module) {
  const text = generate();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error('docs/API.md is stale: run `npm run docs` and commit it');
      process.exit(1);
    }
    console.log('docs/API.md is current');
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    console.log(`wrote ${path.relative(root, target)}`);
  }
}
