import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// Structural rules of the 1.0 API issue, read from the sources: constructs resolve, then build, in
// short constructors, and nothing in lib/ reads its own output back.

const LIB = path.resolve(__dirname, '../../lib');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'imports' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const files = sources(LIB).map((file) => ({ file: path.relative(LIB, file), text: fs.readFileSync(file, 'utf8') }));

/** Every constructor in lib/ with its length in lines. */
function constructors(): { where: string; lines: number; extendsConstruct: boolean }[] {
  const found: { where: string; lines: number; extendsConstruct: boolean }[] = [];
  for (const { file, text } of files) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isClassDeclaration(node)) {
        const heritage = node.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText(source))) ?? [];
        for (const member of node.members) {
          if (ts.isConstructorDeclaration(member) && member.body) {
            const start = source.getLineAndCharacterOfPosition(member.getStart(source)).line;
            const end = source.getLineAndCharacterOfPosition(member.getEnd()).line;
            found.push({ where: `${file}: ${node.name?.text}`, lines: end - start + 1, extendsConstruct: heritage.some((h) => /Construct$|Chart$/.test(h)) });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

test('no construct constructor is longer than 40 lines', () => {
  const all = constructors();
  const constructs = all.filter((c) => c.extendsConstruct);
  // The seven constructs and the library's helper constructs are all found.
  for (const name of ['SecureAdmin', 'Console', 'FlytePodTemplate', 'CopilotPod', 'MetricsServer', 'PodAutoscaler', 'NumaflowServer', 'ServerTls', 'ServerWorkload']) {
    expect(constructs.map((c) => c.where.split(': ')[1])).toContain(name);
  }
  expect(constructs.filter((c) => c.lines > 40)).toEqual([]);
});

test('the length rule can fail: it measures a long constructor', () => {
  const body = Array.from({ length: 41 }, (_, i) => `    const x${i} = ${i};`).join('\n');
  const source = ts.createSourceFile('x.ts', `class A extends Construct {\n  constructor() {\n${body}\n  }\n}\n`, ts.ScriptTarget.Latest, true);
  const ctor = (source.statements[0] as ts.ClassDeclaration).members[0];
  expect(source.getLineAndCharacterOfPosition(ctor.getEnd()).line - source.getLineAndCharacterOfPosition(ctor.getStart(source)).line + 1).toBe(43);
});

test('nothing in lib/ parses its own output back', () => {
  // JSON text is parsed only where files are read (manifests given to the check command, package.json
  // files for init; the shapes of props come from tables generated from the .jsii assemblies, not from
  // reading one), and YAML only by the checker and the CLI, which read what they check.
  const jsonParse = files.filter((f) => /JSON\.parse\(/.test(f.text)).map((f) => f.file).sort();
  expect(jsonParse).toEqual(['cli/files.ts']);
  expect(files.find((f) => f.file === 'cli/files.ts')!.text.match(/JSON\.parse\(([^)]*)/g)).toEqual(["JSON.parse(fs.readFileSync(file, 'utf8'"]);
  const yamlParse = files.filter((f) => /(from |require\()'yaml'/.test(f.text) && /\b(parseDocument|parseAllDocuments|parse)\(|Yaml\.load/.test(f.text)).map((f) => f.file).sort();
  expect(yamlParse).toEqual(['rules/yaml-text.ts']);
  // No typed → JSON → typed conversion: nothing turns manifest JSON back into typed props.
  expect(files.filter((f) => /typedProps|typedPodSpec/.test(f.text)).map((f) => f.file)).toEqual([]);
});
