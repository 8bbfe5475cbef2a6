import * as fs from 'fs';
import * as path from 'path';
import { readYamlStream } from '../rules/yaml-text';
import { rememberReadings } from '../rules/yaml-reading';

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
  /** How many of the objects left out are Kubernetes objects (of kinds the checker does not know). */
  readonly skippedObjects: number;
}

/** Input that could not be read: a missing path, a file that is not YAML, a set over the size limit. */
export class UnreadableInput extends Error {}

/**
 * The most text one set may hold. Reading takes about 7 bytes of memory per byte of YAML (the text,
 * one document's nodes at a time, and the objects of the set, which are checked together), so a
 * set at the limit needs about 0.5 GiB; a larger one is refused rather than exhausting the heap.
 */
export const MAX_SET_BYTES = 64 * 2 ** 20;

/** kustomize's own file names: they describe a set of manifests, they are none. */
const KUSTOMIZATIONS = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const MANIFEST_FILE = /\.(ya?ml|json)$/;

type Known = (apiVersion: string, kind: string) => boolean;

/** A folder or file left out, and why (a hidden folder, a folder reached a second time). */
export interface Skipped {
  readonly skip: string;
}

/**
 * Reads the manifests under `p`, one set at a time (a set is read only when the previous one has
 * been checked, so memory holds one set). A folder's files form one set; each sub-folder is a set
 * of its own (an `alternatives/` folder replaces objects of its parent, so it is not merged into
 * it). Links are followed (a folder mounted from a ConfigMap is made of them); a folder reached
 * twice (a loop of links, or a second link) is read once. Hidden folders (`.git`, a mounted
 * ConfigMap's `..data`, whose files the visible links name) are skipped. `kind: List` objects are
 * flattened. Kustomizations and objects of kinds `known` rejects are skipped. Everything skipped is
 * said.
 */
export function* manifestSets(p: string, known: Known): Generator<ManifestSet | Skipped> {
  const stat = statOf(p);
  if (stat.isDirectory()) yield* readFolder(p, known, new Set());
  else yield readFiles(p, [[p, regularFile(p, stat)]], known);
}

/** `fs.statSync` following links; unreadable input when it fails. */
function statOf(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) throw new UnreadableInput(`${file}: a link to a missing file`);
    if (code === 'ENOENT') throw new UnreadableInput(`${file}: no such file or folder`);
    if (code === 'ELOOP') throw new UnreadableInput(`${file}: a loop of links`);
    throw new UnreadableInput(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The size of a manifest file; anything but a regular file (a FIFO, a device) is unreadable: reading it could block or never end. */
function regularFile(file: string, stat: fs.Stats): number {
  if (!stat.isFile()) throw new UnreadableInput(`${file}: not a regular file`);
  return stat.size;
}

function* readFolder(folder: string, known: Known, visited: Set<string>): Generator<ManifestSet | Skipped> {
  visited.add(fs.realpathSync(folder));
  const files: [string, number][] = [];
  const folders: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(folder).sort((a, b) => a.localeCompare(b));
  } catch (e) {
    throw new UnreadableInput(`${folder}: ${(e as Error).message.split('\n')[0]}`);
  }
  for (const name of names) {
    const full = path.join(folder, name);
    const manifest = MANIFEST_FILE.test(name) || KUSTOMIZATIONS.has(name);
    const lstat = fs.lstatSync(full);
    // Only what can matter is followed: a dangling link named README is nothing to us.
    if (!manifest && !lstat.isDirectory() && !lstat.isSymbolicLink()) continue;
    const stat = lstat.isSymbolicLink() ? (manifest ? statOf(full) : followed(full)) : lstat;
    if (stat?.isDirectory()) folders.push(full);
    else if (manifest) files.push([full, regularFile(full, stat!)]);
  }
  if (files.length > 0) yield readFiles(folder, files, known);
  for (const sub of folders) {
    const real = fs.realpathSync(sub);
    if (path.basename(sub).startsWith('.')) yield { skip: `${sub}: a hidden folder` };
    else if (visited.has(real)) yield { skip: `${sub}: ${real}, read already (a loop of links, or a second link to it)` };
    else yield* readFolder(sub, known, visited);
  }
}

/** Where a link that is no manifest's name leads, if anywhere (a link to nothing, or a loop of links, is nothing to us). */
function followed(link: string): fs.Stats | undefined {
  try {
    return fs.statSync(link);
  } catch {
    return undefined;
  }
}

function readFiles(from: string, files: [string, number][], known: Known): ManifestSet {
  const skipped: string[] = [];
  const bytes = files.reduce((sum, [, size]) => sum + size, 0);
  if (bytes > MAX_SET_BYTES) {
    throw new UnreadableInput(`${from}: ${mib(bytes)} of manifests in one set, above the limit of ${mib(MAX_SET_BYTES)}; check its files or sub-folders apart`);
  }
  const objects: ReadObject[] = [];
  let skippedObjects = 0;
  for (const [file] of files) {
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
    let i = 0;
    for (const read of readYamlStream(text)) {
      i++;
      if (read.problem !== undefined) throw new UnreadableInput(`${file}#${i}: ${read.problem}`);
      // As Go (kubectl, the API server) reads it; rule `yaml-reading` reports where YAML 1.2 reads otherwise.
      const json = rememberReadings(read.value, read.readings) as any;
      if (json === null || json === undefined) continue;
      const items = typeof json === 'object' && json.kind === 'List' && Array.isArray(json.items) ? json.items : [json];
      items.forEach((item: any, j: number) => {
        const source = items.length > 1 ? `${file}#${i}.items[${j}]` : `${file}#${i}`;
        if (typeof item?.apiVersion === 'string' && typeof item?.kind === 'string' && !known(item.apiVersion, item.kind)) {
          skipped.push(`${source}: ${item.kind} (${item.apiVersion}), a kind the checker does not know`);
          skippedObjects++;
          return;
        }
        objects.push({ json: item, source });
      });
    }
  }
  return { from, objects, skipped, skippedObjects };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
