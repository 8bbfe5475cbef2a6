import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { readManifestDocument } from '../check/yaml-reading';

/** One object read from a file, with where it came from (`file.yaml#3`: its document number). */
export interface ReadObject {
  readonly json: unknown;
  readonly source: string;
}

/** The objects of one folder (or one file given by itself): one cluster's worth, checked together. */
export interface ManifestSet {
  /** The folder or file the set was read from. */
  readonly from: string;
  readonly objects: ReadObject[];
  /** What was left out, and why (kustomizations, objects of unknown kinds). */
  readonly skipped: string[];
}

/** Input that could not be read: a missing path, a file that is not YAML. */
export class UnreadableInput extends Error {}

/** kustomize's own file names: they describe a set of manifests, they are none. */
const KUSTOMIZATIONS = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const MANIFEST_FILE = /\.(ya?ml|json)$/;

/**
 * Reads manifests from files and folders. A folder's files form one set; each sub-folder is a set
 * of its own (an `alternatives/` folder replaces objects of its parent, so it is not merged into it).
 * `kind: List` objects are flattened. Skips kustomizations and objects of kinds `known` rejects,
 * saying so.
 */
export function readManifestSets(paths: readonly string[], known: (apiVersion: string, kind: string) => boolean): ManifestSet[] {
  const sets: ManifestSet[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new UnreadableInput(`${p}: no such file or folder`);
    }
    if (stat.isDirectory()) readFolder(p, known, sets);
    else sets.push(readFiles(p, [p], known));
  }
  return sets;
}

function readFolder(folder: string, known: (apiVersion: string, kind: string) => boolean, sets: ManifestSet[]): void {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const files = entries.filter((e) => e.isFile() && (MANIFEST_FILE.test(e.name) || KUSTOMIZATIONS.has(e.name))).map((e) => path.join(folder, e.name));
  sets.push(readFiles(folder, files, known));
  for (const e of entries) if (e.isDirectory()) readFolder(path.join(folder, e.name), known, sets);
}

function readFiles(from: string, files: string[], known: (apiVersion: string, kind: string) => boolean): ManifestSet {
  const objects: ReadObject[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    if (KUSTOMIZATIONS.has(path.basename(file))) {
      skipped.push(`${file}: a kustomization, not a manifest`);
      continue;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UnreadableInput(`${file}: ${(e as Error).message}`);
    }
    const docs = parseAllDocuments(text, { prettyErrors: false });
    (Array.isArray(docs) ? docs : [docs]).forEach((doc, i) => {
      if (doc.errors.length > 0) throw new UnreadableInput(`${file}#${i + 1}: not YAML: ${doc.errors[0].message}`);
      // As Go (kubectl, the API server) reads it; rule `yaml-reading` reports where YAML 1.2 reads otherwise.
      const json = readManifestDocument(doc, text);
      if (json === null || json === undefined) return;
      const items = typeof json === 'object' && (json as any).kind === 'List' && Array.isArray((json as any).items) ? (json as any).items : [json];
      items.forEach((item: any, j: number) => {
        const source = items.length > 1 ? `${file}#${i + 1}.items[${j}]` : `${file}#${i + 1}`;
        if (typeof item?.apiVersion === 'string' && typeof item?.kind === 'string' && !known(item.apiVersion, item.kind)) {
          skipped.push(`${source}: ${item.kind} (${item.apiVersion}), a kind the checker does not know`);
          return;
        }
        objects.push({ json: item, source });
      });
    });
  }
  return { from, objects, skipped };
}
