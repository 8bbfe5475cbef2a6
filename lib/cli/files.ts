import * as fs from 'fs';
import * as path from 'path';

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? filesUnder(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)])
    .sort();
}

/** The root of this package (its package.json, template/ and bin/), from build/cli/ or lib/cli/. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** A JSON file's value (package.json files: this package's, and the one that records how it was installed). */
export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
