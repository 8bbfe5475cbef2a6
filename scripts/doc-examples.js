// The tested examples of the documentation: every TypeScript block under an `<!-- example:<name> -->`
// marker in README.md or docs/*.md. One reader for the two consumers: the example test
// (test/product/readme-example.test.ts) runs them, and scripts/rosetta.js type-checks them against
// the jsii assembly and translates them to Python. A guide that moves an example needs no change here.
const fs = require('fs');
const path = require('path');

/** README.md and every docs/*.md, relative to `root`, in a stable order. */
function markdownFiles(root) {
  const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/**
 * Every marked example: `{ name, file, line, info, code }`, where `line` is the 1-based line of the
 * opening fence in `file`, `info` the fence's info string (`ts fixture=fragment`) and `code` the
 * block's text with its final line break. A marker must stand right above a ```ts fence, and each
 * name is used once across all files.
 */
function docExamples(root) {
  const found = [];
  for (const file of markdownFiles(root)) {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach((text, i) => {
      const name = /^<!-- example:([\w-]+)/.exec(text)?.[1];
      if (!name) return;
      const info = /^```(ts\b.*)$/.exec(lines[i + 1] ?? '')?.[1];
      if (info === undefined) throw new Error(`${file}:${i + 1}: the example marker "${name}" must stand right above a \`\`\`ts block`);
      const end = lines.findIndex((l, j) => j > i + 1 && l === '```');
      if (end < 0) throw new Error(`${file}:${i + 2}: the example "${name}" has no closing fence`);
      const clash = found.find((e) => e.name === name);
      if (clash) throw new Error(`${file}:${i + 1}: the example name "${name}" is used in ${clash.file}:${clash.line - 1} too`);
      found.push({ name, file, line: i + 2, info, code: `${lines.slice(i + 2, end).join('\n')}\n` });
    });
  }
  return found;
}

module.exports = { markdownFiles, docExamples };
