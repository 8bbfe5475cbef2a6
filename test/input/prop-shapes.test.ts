import * as fs from 'fs';
import * as path from 'path';
import '../../lib';
import { K8S_SHAPES } from '../../lib/props/k8s-shapes.generated';
import { definedTypes, registeredRefinements, structFields, StructName, typeOf, TypeRef, TypeShape } from '../../lib/props/prop-shapes';
import { DECLARATIONS, PROP_SHAPES } from '../../lib/props/prop-shapes.generated';
import { declarationSignatures, fingerprint, generate } from '../../scripts/gen-prop-shapes';

// The run-time checks of props are generated from the .jsii assembly (`npm run gen:props`); CI
// regenerates them after `npm run jsii` and fails on a difference. These tests need no assembly:
// they fail when an interface changed since the tables were generated, and when a hand-written
// refinement no longer fits the field it refines.

const root = path.resolve(__dirname, '../..');
const SHAPES: { readonly [name: string]: TypeShape } = PROP_SHAPES;
const structs = Object.keys(SHAPES).filter((n) => SHAPES[n].kind === 'struct') as StructName[];

/** Whether a run-time type that checks values of `accepts` fits a field of generated type `ref`. */
function fits(accepts: TypeRef, ref: TypeRef): boolean {
  if (accepts === 'any') return true;
  if (typeof accepts === 'string' || typeof ref === 'string') return accepts === ref;
  if ('list' in accepts) return 'list' in ref && fits(accepts.list, ref.list);
  if ('map' in accepts) return 'map' in ref && fits(accepts.map, ref.map);
  return false;
}

describe('the generated tables are those of the current interfaces', () => {
  test('the declarations they were generated from have not changed (else: `npm run gen:props`)', () => {
    expect(fingerprint(declarationSignatures(DECLARATIONS.files))).toBe(DECLARATIONS.fingerprint);
  });

  test('the fingerprint changes with a prop, its optionality or its type, and not with a comment', () => {
    const file = 'lib/tls/endpoint.ts';
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const of = (edit: (t: string) => string) => fingerprint(declarationSignatures({ [file]: ['EndpointProps'] }, () => edit(text)));
    const original = of((t) => t);
    expect(of((t) => t.replace('readonly portName?: string;', 'readonly portName?: string;\n  readonly extra?: string;'))).not.toBe(original);
    expect(of((t) => t.replace('readonly servicePort?: number;', 'readonly servicePort: number;'))).not.toBe(original);
    expect(of((t) => t.replace('readonly servicePort?: number;', 'readonly servicePort?: string;'))).not.toBe(original);
    expect(of((t) => t.replace('/** The Service port.', '/** The port of the Service.'))).toBe(original);
  });

  test('the k8s structs are those of the installed cdk8s-plus-28', () => {
    expect(DECLARATIONS.cdk8sPlusVersion).toBe((require('cdk8s-plus-28/package.json') as { version: string }).version);
  });

  // Only where `npm run jsii` has written an assembly at least as new as every declaration: CI
  // runs `--check` of the generator after it instead.
  const assembly = path.join(root, '.jsii');
  const fresh = fs.existsSync(assembly) && Object.keys(DECLARATIONS.files).every((f) => fs.statSync(path.join(root, f)).mtimeMs <= fs.statSync(assembly).mtimeMs);
  (fresh ? test : test.skip)('a generation from the assembly gives the committed files', () => {
    for (const [file, text] of Object.entries(generate())) expect({ file, text }).toEqual({ file, text: fs.readFileSync(path.join(root, file), 'utf8') });
  });
});

describe('the refinements fit the interfaces', () => {
  test('every refinement names a field of its struct and checks values of the field\'s type', () => {
    const misfits: string[] = [];
    for (const [struct, fields] of registeredRefinements()) {
      const shape = SHAPES[struct];
      for (const [field, type] of Object.entries(fields)) {
        const ref = shape?.kind === 'struct' ? shape.fields[field] : undefined;
        // A redirect names what the interface lacks on purpose (a plain-text password).
        if (ref === undefined ? type.accepts !== 'none' : !fits(type.accepts, ref)) misfits.push(`${struct}.${field}: ${JSON.stringify(type.accepts)} for ${JSON.stringify(ref)}`);
      }
    }
    expect(misfits).toEqual([]);
    expect(registeredRefinements().size).toBeGreaterThan(10);
  });

  test('the fit can fail: a range on a string, a list for a map, a class for another', () => {
    expect(fits('number', 'string')).toBe(false);
    expect(fits({ list: 'string' }, { map: 'string' })).toBe(false);
    expect(fits('Trust', 'TlsMode')).toBe(false);
    expect(fits({ list: 'any' }, { list: 'NetworkPeer' })).toBe(true);
  });

  test('every class and interface a prop takes has a run-time type, of its own values', () => {
    const named = Object.keys(SHAPES).filter((n) => SHAPES[n].kind === 'class' || SHAPES[n].kind === 'interface');
    expect(named.filter((n) => !definedTypes().has(n))).toEqual([]);
    expect(named.filter((n) => !fits(definedTypes().get(n)!.accepts, n))).toEqual([]);
  });

  test('every struct resolves, with every type its fields name (the k8s ones in the k8s table)', () => {
    for (const struct of structs) {
      const { fields, required } = structFields(struct);
      expect(Object.keys(fields)).toEqual(expect.arrayContaining(Object.keys((SHAPES[struct] as { fields: object }).fields)));
      expect(required.every((r) => r in fields)).toBe(true);
    }
    const k8s: { readonly [name: string]: TypeShape } = K8S_SHAPES;
    const k8sNames = Object.keys(SHAPES).filter((n) => SHAPES[n].kind === 'k8s').map((n) => n.replace('cdk8s-plus-28.k8s.', ''));
    expect(k8sNames.filter((n) => k8s[n]?.kind !== 'struct')).toEqual([]);
    expect(k8sNames.map((n) => typeOf(`cdk8s-plus-28.k8s.${n}`).description)).toEqual(k8sNames.map((n) => `a k8s.${n}`));
  });
});
