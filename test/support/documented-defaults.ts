import * as fs from 'fs';
import * as path from 'path';

/**
 * Reads the `@default` tags of a props interface from its source file, so a test can check that
 * the documented defaults are the ones synthesized (documented defaults drift otherwise).
 * Returns prop name → the literal after `@default` (descriptions starting with `-` are skipped).
 */
export function documentedDefaults(sourceFile: string, interfaceName: string): Map<string, string> {
  const source = fs.readFileSync(path.resolve(__dirname, '../..', sourceFile), 'utf8');
  const start = source.indexOf(`export interface ${interfaceName} `);
  if (start < 0) throw new Error(`${interfaceName} not found in ${sourceFile}`);
  const body = source.slice(start, source.indexOf('\n}', start));
  const defaults = new Map<string, string>();
  const prop = /\/\*\*([\s\S]*?)\*\/\s*readonly (\w+)\??:/g;
  for (const m of body.matchAll(prop)) {
    const tag = /@default\s+([^\n*]+)/.exec(m[1]);
    if (tag && !tag[1].trim().startsWith('-')) defaults.set(m[2], tag[1].trim());
  }
  return defaults;
}
