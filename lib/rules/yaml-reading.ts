/**
 * Rule `yaml-reading`: a value that Go's YAML decoder (kubectl, the API server, flyteadmin's viper)
 * reads otherwise than the text's author and the `yaml` package (YAML 1.2) read it. Three sources:
 * - objects read from YAML text by the `check` command: their plain scalars, resolved as Go
 *   resolves them (`readYamlStream`, then `rememberReadings`);
 * - config files in ConfigMaps (`*.yaml`, `*.yml`), read as flyteadmin reads its config;
 * - at synth, where cdk8s's own writer writes the library's objects (`app.synth()`,
 *   `app.synthYaml()`, `Testing.synth`), every string that writer writes in a form Go reads
 *   otherwise (`0o17` plain, a raw U+2028). `synthStacks` and `writeStacks` write them safely.
 */
import { cdk8sHazard, childField, describeGoScalar, findStrings, mayBeHazard } from '../yaml/scalar-readers';
import { CheckContext, ObjectEntry } from './context';
import { GoReading } from './go-reading';
import { entry as mapEntry } from './paths';
import { parseYaml } from './yaml-text';

/** What Go read otherwise in the text each object came from (objects read by the `check` command: `rememberReadings`). */
const TEXT_READINGS = new WeakMap<object, GoReading[]>();

/**
 * Remembers, for `checkManifests`, where Go reads a scalar of a manifest document otherwise than
 * YAML 1.2 (`value` and `readings` as `readYamlStream` read the document), and returns the value.
 * A reading inside the items of a `kind: List` belongs to its item (the objects the reader checks).
 */
export function rememberReadings(value: unknown, readings: readonly GoReading[]): unknown {
  for (const reading of readings) {
    const items = (value as any)?.kind === 'List' && Array.isArray((value as any).items) ? (value as any).items : undefined;
    const inItem = items !== undefined && reading.path[0] === 'items' && typeof reading.path[1] === 'number';
    const owner = inItem ? items[reading.path[1] as number] : value;
    if (typeof owner !== 'object' || owner === null) continue;
    const own = { ...reading, path: inItem ? reading.path.slice(2) : reading.path };
    TEXT_READINGS.set(owner, [...(TEXT_READINGS.get(owner) ?? []), own]);
  }
  return value;
}

/**
 * A text in which Go may read a scalar otherwise than YAML 1.2 (a cheap test before parsing: it
 * may say yes where nothing differs, never no where something does): a number with an underscore,
 * a letter (`0B1`, `0x`, `1e400`) or a leading zero; a YAML 1.1 boolean word; a raw character Go
 * refuses or reads as a line break.
 */
const MAY_DIFFER = /(?<![\w.])[-+]?\.?[0-9][\w.+-]*[_A-Za-z]|(?<![\w.])[-+]?0[0-9]|(?<![\w.-])(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF)(?![\w.-])|[\x7f-\x9f\u2028\u2029\ufffe\uffff]/;

/** Runs rule `yaml-reading` on every reported object; `cdk8sWriter`: cdk8s's own writer writes them. */
export function checkYamlReading(ctx: CheckContext, cdk8sWriter: boolean): void {
  const hazard = cdk8sWriter ? hazardOnce() : cdk8sHazard;
  for (const entry of ctx.entries) {
    if (!ctx.reports(entry.index)) continue;
    for (const reading of TEXT_READINGS.get(entry.json) ?? []) ctx.add(entry, 'yaml-reading', finding(reading, pathText(reading.path), 'kubectl and the API server'));
    if (entry.kind === 'ConfigMap' && entry.group === '') configFiles(ctx, entry);
    // The quick walk first: hardly any object holds such a string, and only then are fields named.
    if (cdk8sWriter && holdsHazard(entry.json, hazard, true)) {
      for (const s of findStrings(entry.json, hazard)) {
        ctx.add(entry, 'yaml-reading', {
          field: s.field, value: s.text,
          message: `${s.isKey ? 'the key' : 'the value'} ${JSON.stringify(s.text)} is not read back as written: ${s.found}`,
          fix: /lone surrogate/.test(s.found) ? 'well-formed text (a lone surrogate is half of a character, often a string cut in the middle of an emoji)'
            : 'write the manifests with StackSynth.writeStacks (or synthStacks), whose writer writes this string so that every reader reads it back',
        });
      }
    }
  }
}

/**
 * Whether a string of `json` (a value, or a key of an object; `root`: `json` is the object) is
 * one `hazard` judges. The rendered objects of a synth are trees: each is walked once.
 */
function holdsHazard(json: unknown, hazard: (text: string, isKey: boolean, atRoot: boolean) => string | undefined, root: boolean): boolean {
  if (typeof json === 'string') return hazard(json, false, false) !== undefined;
  if (typeof json !== 'object' || json === null) return false;
  if (Array.isArray(json)) {
    for (let i = 0; i < json.length; i++) if (holdsHazard(json[i], hazard, false)) return true;
    return false;
  }
  for (const key in json) {
    if (!Object.prototype.hasOwnProperty.call(json, key)) continue;
    if (hazard(key, true, root) !== undefined || holdsHazard((json as Record<string, unknown>)[key], hazard, false)) return true;
  }
  return false;
}

/**
 * `cdk8sHazard`, judged once per string of one call: the objects of an App repeat their strings (a
 * stack of the seven constructs holds about 2,200, of which about 430 differ).
 */
function hazardOnce(): (text: string, isKey: boolean, atRoot: boolean) => string | undefined {
  const [values, keys] = [new Map<string, string | undefined>(), new Map<string, string | undefined>()];
  return (text, isKey, atRoot) => {
    // Most strings fail the quick test: no table lookup for them (hashing a long text costs more).
    if (!mayBeHazard(text)) return undefined;
    // A key of the root map stands at the start of a line (U+FEFF): judged as it stands.
    if (atRoot) return cdk8sHazard(text, isKey, atRoot);
    const seen = isKey ? keys : values;
    if (seen.has(text)) return seen.get(text);
    const found = cdk8sHazard(text, isKey, false);
    seen.set(text, found);
    return found;
  };
}

/** The config files of a ConfigMap, read as a Go program reads them (flyteadmin: viper on go-yaml v2). */
function configFiles(ctx: CheckContext, entry: ObjectEntry): void {
  const data = entry.json.data;
  if (typeof data !== 'object' || data === null) return;
  for (const [key, text] of Object.entries(data as Record<string, unknown>)) {
    // A text the library wrote from a known value (its writer writes what every reader reads back) is skipped.
    if (!/\.ya?ml$/.test(key) || typeof text !== 'string' || ctx.knownYaml.has(text) || !MAY_DIFFER.test(text)) continue;
    for (const reading of parseYaml(ctx, text)?.readings ?? []) {
      ctx.add(entry, 'yaml-reading', finding(reading, `${pathText(reading.path) || '(the document)'} of config file ${key}`, 'viper, as flyteadmin reads its config', mapEntry('data', key)));
    }
  }
}

function finding(r: GoReading, where: string, reader: string, field = pathText(r.path)) {
  const what = r.isKey ? `the key ${JSON.stringify(r.text)} of ${where}` : where;
  if (r.raw !== undefined) {
    return {
      field, value: r.text,
      message: `${what} holds a raw U+${r.raw.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which Go's YAML reader ${/[\u0085\u2028\u2029]/.test(r.raw) ? 'reads as a line break' : 'refuses (the whole file)'} (${reader})`,
      fix: 'escape the character in a double-quoted string (e.g. "\\L" for U+2028, "\\x7f" for DEL)',
    };
  }
  return {
    field, value: r.text,
    message: `${what} is written plain as ${r.text}: Go's YAML decoder (${reader}) reads ${describeGoScalar(r.go!)}, YAML 1.2 readers ${describeYaml(r.yaml)}`,
    fix: r.isKey || typeof r.yaml === 'string'
      ? `quote it (${JSON.stringify(r.text)}) so that every reader reads the string`
      : `write the value as every reader reads it (quote it for the string ${JSON.stringify(r.text)})`,
  };
}

function describeYaml(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return value === null ? 'null' : 'another value';
}

/** `metadata.annotations[a]`: a path of keys and indexes as findings write fields. */
function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : childField(out, segment)), '');
}
