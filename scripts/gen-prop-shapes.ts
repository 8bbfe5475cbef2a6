// Generates the run-time shapes of every prop and option type from the .jsii assemblies:
//   lib/props/prop-shapes.generated.ts  the structs our constructors and static factories take (and
//                                       every struct, class, enum and interface their fields name);
//   lib/props/k8s-shapes.generated.ts   the cdk8s-plus-28 k8s structs those fields name, and every
//                                       type under them (read when a k8s prop is first checked).
// `npm run gen:props` runs `npm run jsii` (which writes .jsii) and this; `--check` (CI, after
// `npm run jsii`) fails when a committed file differs from a fresh generation. Between the two, the
// fast test in test/input/prop-shapes.test.ts compares the fingerprint of the TypeScript declarations.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as spec from '@jsii/spec';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import * as ts from 'typescript';
import * as lib from '../lib';

const root = path.resolve(__dirname, '..');
export const SHAPES_FILE = 'lib/props/prop-shapes.generated.ts';
export const K8S_SHAPES_FILE = 'lib/props/k8s-shapes.generated.ts';
const OURS = 'cdk8s-tls-constructs';
const PLUS = 'cdk8s-plus-28';
const K8S = `${PLUS}.k8s.`;

type Ref = string | { list: Ref } | { map: Ref } | { union: Ref[] };
type Shape =
  | { kind: 'struct'; fields: [string, Ref][]; required: string[]; bases: string[] }
  | { kind: 'class' | 'interface' | 'k8s' }
  | { kind: 'enum'; values: [string, string | number][] };

/** Our own types by bare name (`TlsMode`), the others by fqn (`cdk8s-plus-28.ISecret`). */
function shortName(fqn: string): string {
  return fqn.startsWith(`${OURS}.`) ? fqn.slice(OURS.length + 1) : fqn;
}

function ref(type: spec.TypeReference, name: (fqn: string) => string): Ref {
  if (spec.isPrimitiveTypeReference(type)) return type.primitive;
  if (spec.isCollectionTypeReference(type)) {
    const of = ref(type.collection.elementtype, name);
    return type.collection.kind === spec.CollectionKind.Array ? { list: of } : { map: of };
  }
  if (spec.isUnionTypeReference(type)) return { union: type.union.types.map((t) => ref(t, name)) };
  if (spec.isNamedTypeReference(type)) return name(type.fqn);
  throw new Error(`unsupported type reference ${JSON.stringify(type)}`);
}

/** The fqns a type reference names. */
function named(type: spec.TypeReference): string[] {
  if (spec.isCollectionTypeReference(type)) return named(type.collection.elementtype);
  if (spec.isUnionTypeReference(type)) return type.union.types.flatMap(named);
  if (spec.isNamedTypeReference(type)) return [type.fqn];
  return [];
}

const byLine = (a: spec.Property, b: spec.Property) => (a.locationInModule?.line ?? 0) - (b.locationInModule?.line ?? 0);

/** A struct's properties, those of its bases first, each in declaration order (messages list them so). */
function structProperties(types: { [fqn: string]: spec.Type }, type: spec.InterfaceType): spec.Property[] {
  const out = new Map<string, spec.Property>();
  for (const base of type.interfaces ?? []) for (const p of structProperties(types, types[base] as spec.InterfaceType)) out.set(p.name, p);
  for (const p of [...type.properties ?? []].sort(byLine)) out.set(p.name, p);
  return [...out.values()];
}

function allBases(types: { [fqn: string]: spec.Type }, type: spec.InterfaceType): string[] {
  return (type.interfaces ?? []).flatMap((b) => [b, ...allBases(types, types[b] as spec.InterfaceType)]);
}

/**
 * The shapes of `roots` and of every type their fields name, in name order. `enumValues` gives an
 * enum's run-time values (the assembly has only the member names).
 */
function collect(types: { [fqn: string]: spec.Type }, roots: string[], name: (fqn: string) => string, follow: (fqn: string) => boolean,
  enumValues: (fqn: string) => { [member: string]: string | number }): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  const visit = (fqn: string): void => {
    const key = name(fqn);
    if (shapes.has(key) || !follow(fqn)) return;
    const type = types[fqn];
    if (type === undefined) throw new Error(`${fqn}: no such type in the assemblies read`);
    if (spec.isEnumType(type)) {
      const values = enumValues(fqn);
      shapes.set(key, { kind: 'enum', values: type.members.map((m) => [m.name, values[m.name]]) });
    } else if (spec.isClassType(type)) {
      shapes.set(key, { kind: 'class' });
    } else if (!type.datatype) {
      shapes.set(key, { kind: 'interface' });
    } else {
      const properties = structProperties(types, type);
      const bases = allBases(types, type);
      shapes.set(key, {
        kind: 'struct', fields: properties.map((p) => [p.name, ref(p.type, name)]), required: properties.filter((p) => !p.optional).map((p) => p.name), bases: bases.map(name),
      });
      for (const b of bases) visit(b);
      for (const p of properties) named(p.type).forEach(visit);
    }
  };
  roots.forEach(visit);
  return shapes;
}

/** Every struct a constructor or static method of ours takes (the L1 classes of lib/imports are cdk8s's). */
function parameterStructs(types: { [fqn: string]: spec.Type }): string[] {
  const roots = new Set<string>();
  for (const type of Object.values(types)) {
    if (!spec.isClassType(type) || type.locationInModule?.filename.startsWith('lib/imports/')) continue;
    for (const callable of [...type.initializer ? [type.initializer] : [], ...type.methods ?? []]) {
      for (const p of callable.parameters ?? []) {
        for (const fqn of named(p.type)) if (fqn.startsWith(`${OURS}.`) && (types[fqn] as spec.InterfaceType).datatype) roots.add(fqn);
      }
    }
  }
  return [...roots].sort();
}

/** A string as a single-quoted literal (the lint's style). */
function str(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function literal(r: Ref): string {
  if (typeof r === 'string') return str(r);
  if ('list' in r) return `{ list: ${literal(r.list)} }`;
  if ('map' in r) return `{ map: ${literal(r.map)} }`;
  return `{ union: [${r.union.map(literal).join(', ')}] }`;
}

const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : str(k));
const list = (xs: string[]) => `[${xs.map(str).join(', ')}]`;

function shapeLiteral(shape: Shape): string {
  switch (shape.kind) {
    case 'struct': {
      const fields = shape.fields.map(([n, r]) => `${key(n)}: ${literal(r)}`).join(', ');
      return `{ kind: 'struct', fields: { ${fields} }, required: ${list(shape.required)}${shape.bases.length ? `, bases: ${list(shape.bases)}` : ''} }`;
    }
    case 'enum': return `{ kind: 'enum', values: { ${shape.values.map(([m, v]) => `${key(m)}: ${typeof v === 'string' ? str(v) : v}`).join(', ')} } }`;
    default: return `{ kind: '${shape.kind}' }`;
  }
}

/**
 * The declarations the shapes come from, as their signatures read (names, optionality, types,
 * bases, enum values; no comments): what jsii would give other shapes for. File → type names.
 */
export function declarationSignatures(files: { readonly [file: string]: readonly string[] }, read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8')): string {
  const out: string[] = [];
  for (const [file, names] of Object.entries(files)) {
    const sf = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const text = (node: ts.Node | undefined) => (node ? node.getText(sf).replace(/\s+/g, ' ') : '');
    const found = new Map<string, string>();
    for (const statement of sf.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        const members = statement.members.map((m) => `${text(m.name)}${m.questionToken ? '?' : ''}: ${ts.isPropertySignature(m) ? text(m.type) : ts.SyntaxKind[m.kind]}`);
        found.set(statement.name.text, `interface ${statement.name.text} ${(statement.heritageClauses ?? []).map(text).join(' ')} { ${members.join('; ')} }`);
      } else if (ts.isEnumDeclaration(statement)) {
        found.set(statement.name.text, `enum ${statement.name.text} { ${statement.members.map((m) => `${text(m.name)} = ${text(m.initializer)}`).join(', ')} }`);
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        found.set(statement.name.text, `class ${statement.name.text}`);
      }
    }
    for (const name of names) out.push(`${file} ${found.get(name) ?? `${name}: not declared here`}`);
  }
  return out.join('\n');
}

export function fingerprint(signatures: string): string {
  return crypto.createHash('sha256').update(signatures).digest('hex').slice(0, 32);
}

/** The two generated modules' text, from the assemblies on disk. */
export function generate(): { [file: string]: string } {
  const ours = spec.loadAssemblyFromPath(root);
  const ourTypes = ours.types ?? {};
  const plusDir = path.dirname(require.resolve(`${PLUS}/package.json`));
  const plus = spec.loadAssemblyFromPath(plusDir);
  const cdk8s = spec.loadAssemblyFromPath(path.dirname(require.resolve('cdk8s/package.json')));
  const types = { ...cdk8s.types, ...plus.types, ...ourTypes };
  // Enum values come from the modules themselves: jsii records member names only.
  const enums = (module: object, name: string) => (module as { [name: string]: { [member: string]: string | number } })[name];

  const shapes = collect(types, parameterStructs(ourTypes), shortName, (fqn) => !fqn.startsWith(K8S), (fqn) => enums(lib, shortName(fqn)));
  const k8sRoots = [...shapes.values()].flatMap((s) => (s.kind === 'struct' ? s.fields.flatMap(([, r]) => refNames(r)) : [])).filter((n) => n.startsWith(K8S));
  const k8sShapes = collect(types, [...new Set(k8sRoots)], (fqn) => {
    if (!fqn.startsWith(K8S)) throw new Error(`${fqn}: a k8s struct names a type outside the k8s module`);
    return fqn.slice(K8S.length);
  }, () => true, (fqn) => enums(k8s, fqn.slice(K8S.length)));
  for (const name of k8sRoots) shapes.set(name, { kind: 'k8s' });

  const declaredIn: { [file: string]: string[] } = {};
  for (const [name] of shapes) {
    const file = ourTypes[`${OURS}.${name}`]?.locationInModule?.filename;
    if (file) (declaredIn[file] ??= []).push(name);
  }
  const files = Object.fromEntries(Object.entries(declaredIn).sort(([a], [b]) => (a < b ? -1 : 1)));
  const plusVersion = (JSON.parse(fs.readFileSync(path.join(plusDir, 'package.json'), 'utf8')) as { version: string }).version;

  const header = (what: string) => [
    `// Generated by \`npm run gen:props\` (scripts/gen-prop-shapes.ts) from ${what}. Do not edit.`,
    'import type { TypeShape } from \'./shape-types\';',
    '',
  ];
  const body = (shapeMap: Map<string, Shape>, constName: string) => [
    `export const ${constName} = {`,
    ...[...shapeMap].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, shape]) => `  ${key(name)}: ${shapeLiteral(shape)},`),
    '} as const satisfies { readonly [name: string]: TypeShape };',
  ];
  const ownText = [
    ...header(`the .jsii assembly of\n// ${OURS}: every struct its constructors and static methods take, with every type their fields name\n// (the k8s structs' fields: ${K8S_SHAPES_FILE}). Refinements (ranges, hints, the factories to use) are\n// written by hand beside the types they refine (defineType, refineFields)`),
    '/** The declarations the shapes were generated from, and the fingerprint of their signatures (test/input/prop-shapes.test.ts). */',
    'export const DECLARATIONS = {',
    `  fingerprint: '${fingerprint(declarationSignatures(files))}',`,
    `  cdk8sPlusVersion: '${plusVersion}',`,
    '  files: {',
    ...Object.entries(files).map(([file, names]) => `    '${file}': ${list(names)},`),
    '  },',
    '};',
    '',
    '/** Our structs by name, and the classes, enums and interfaces their fields name (others\' by fqn). */',
    ...body(shapes, 'PROP_SHAPES'),
    '',
  ].join('\n');
  const k8sText = [
    ...header(`the .jsii assembly of\n// ${PLUS} ${plusVersion}: the k8s structs our props take, and every type under them, by name in its k8s module`),
    ...body(k8sShapes, 'K8S_SHAPES'),
    '',
  ].join('\n');
  return { [SHAPES_FILE]: ownText, [K8S_SHAPES_FILE]: k8sText };
}

function refNames(r: Ref): string[] {
  if (typeof r === 'string') return [r];
  if ('list' in r) return refNames(r.list);
  if ('map' in r) return refNames(r.map);
  return r.union.flatMap(refNames);
}

// Run as a script (bin/run-ts.js makes the script argv[1]), not when a test imports it.
if (path.resolve(process.argv[1] ?? '') === __filename) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, text] of Object.entries(generate())) {
    const target = path.join(root, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    if (check) {
      console.error(`${file} differs from what the assembly gives: run \`npm run gen:props\` and commit it`);
      stale = true;
    } else {
      fs.writeFileSync(target, text);
      console.log(`wrote ${file}`);
    }
  }
  if (stale) process.exit(1);
}
