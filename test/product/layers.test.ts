// The floors of lib/ (docs/architecture.md, the one place they are written): a module imports only
// from its own floor or the floors below, and no modules import each other in a circle.
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const lib = path.join(root, 'lib');

/** The floors as the table of docs/architecture.md gives them: floor number → paths (folders end with '/'). */
function floors(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const line of text.split('\n')) {
    const row = /^\|\s*(\d+)\s*\|[^|]*\|([^|]*)\|\s*$/.exec(line);
    if (row) out.set(Number(row[1]), [...row[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
  }
  return out;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The relative modules a file imports (import, export … from, require). */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => {
    const target = path.resolve(path.dirname(file), m[1]);
    return fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
  });
}

const FLOORS = floors(fs.readFileSync(path.join(root, 'docs/architecture.md'), 'utf8'));
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** The floor of a file: its longest matching path in the table. */
function floorOf(file: string, table = FLOORS): number | undefined {
  let best: { floor: number; length: number } | undefined;
  for (const [floor, paths] of table) {
    for (const p of paths) {
      const hit = p.endsWith('/') ? rel(file).startsWith(p) : rel(file) === p;
      if (hit && (best === undefined || p.length > best.length)) best = { floor, length: p.length };
    }
  }
  return best?.floor;
}

/** Upward imports and cycles among `files`, under `table`. */
function violations(files: string[], table = FLOORS): string[] {
  const found: string[] = [];
  const graph = new Map(files.map((f) => [f, imports(f).filter((t) => t.startsWith(lib))]));
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const [from, to] = [floorOf(file, table), floorOf(target, table)];
      if (from !== undefined && to !== undefined && to > from) found.push(`${rel(file)} (floor ${from}) imports ${rel(target)} (floor ${to})`);
    }
  }
  // Cycles: a depth-first search over the import graph, one report per cycle's entry.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') found.push(`cycle: ${[...stack.slice(stack.indexOf(target)), target].map(rel).join(' -> ')}`);
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

test('the table names six floors, in order', () => {
  expect([...FLOORS.keys()]).toEqual([1, 2, 3, 4, 5, 6]);
});

test('every file of lib/ stands on a floor', () => {
  expect(tsFiles(lib).filter((f) => floorOf(f) === undefined).map(rel)).toEqual([]);
});

test('no module imports from a floor above its own, and no modules import each other in a circle', () => {
  expect(violations(tsFiles(lib))).toEqual([]);
});

test('the check can fail: an upward import and a cycle are found', () => {
  const dir = fs.mkdtempSync(path.join(lib, '.layers-test-'));
  try {
    const a = path.join(dir, 'a.ts');
    const b = path.join(dir, 'b.ts');
    fs.writeFileSync(a, "import { b } from './b';\nexport const a = b;\n");
    fs.writeFileSync(b, "import { a } from './a';\nexport const b = a;\n");
    const low = rel(a);
    const table = new Map(FLOORS);
    table.set(1, [...FLOORS.get(1)!, low]);
    table.set(6, [...FLOORS.get(6)!, rel(b)]);
    expect(violations([a, b], table)).toEqual([
      `${low} (floor 1) imports ${rel(b)} (floor 6)`,
      `cycle: ${low} -> ${rel(b)} -> ${low}`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
