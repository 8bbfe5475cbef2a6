import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** The shared reference folder beside the repository (CI clones main with shared/ next to it). */
export const REFERENCE = path.resolve(__dirname, '../../../shared/reference');

/** Parses one of the rendered upstream manifests; fails loudly when the reference is missing. */
export function upstreamManifest(file: string): any[] {
  const full = path.join(REFERENCE, 'upstream-manifests', file);
  if (!fs.existsSync(full)) throw new Error(`reference manifest missing: ${full} (shared/ must sit beside the repository)`);
  return parseAllDocuments(fs.readFileSync(full, 'utf8')).map((d) => d.toJS()).filter((o) => o);
}

/** True when every rule of `expected` is granted by some rule of `actual` (groups, resources, verbs). */
export function rulesCover(actual: any[], expected: any[]): boolean {
  return expected.every((e) => e.apiGroups.every((g: string) => e.resources.every((r: string) => e.verbs.every((v: string) =>
    actual.some((a) => a.apiGroups.includes(g) && a.resources.includes(r) && a.verbs.includes(v))))));
}
