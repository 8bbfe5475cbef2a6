import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** Upstream test data committed with the repository (see the README in each folder for its source and licence). */
export const REFERENCE = path.resolve(__dirname, '../data');

/** Parses one of the rendered upstream manifests; fails loudly when the reference is missing. */
export function upstreamManifest(file: string): any[] {
  const full = path.join(REFERENCE, 'upstream-manifests', file);
  if (!fs.existsSync(full)) throw new Error(`reference manifest missing: ${full}`);
  return parseAllDocuments(fs.readFileSync(full, 'utf8')).map((d) => d.toJS()).filter((o) => o);
}

/** True when every rule of `expected` is granted by some rule of `actual` (groups, resources, verbs). */
export function rulesCover(actual: any[], expected: any[]): boolean {
  return expected.every((e) => e.apiGroups.every((g: string) => e.resources.every((r: string) => e.verbs.every((v: string) =>
    actual.some((a) => a.apiGroups.includes(g) && a.resources.includes(r) && a.verbs.includes(v))))));
}
