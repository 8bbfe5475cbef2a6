// The text formats this library writes a user's value into, and what each gives a meaning to
// (docs/input-formats.md has the table). Where the format has a faithful escape, the value is
// escaped (a YAML scalar); where the field cannot carry a character, the caller refuses it with
// the reason these functions return. Pure functions: the plans call them once per value.

/**
 * The first character of `value` that no field of a text file can carry, described, or undefined:
 * line terminators (a new line of the file: YAML, CSV and `KEY=value` files are read line by line),
 * other C0 and C1 controls and DEL (YAML forbids them in a document; Go's YAML decoder refuses DEL),
 * and U+2028/U+2029 (Go's YAML decoder reads them as line breaks, UPSTREAM §10).
 */
export function controlCharacter(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
  const found = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.exec(value);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0);
  const name = code === 0x0a ? 'a line feed (\\n)' : code === 0x0d ? 'a carriage return (\\r)' : code === 0x09 ? 'a tab' : `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `it contains ${name}`;
}

/** Plain scalars that YAML 1.1 (the `yaml` package, yaml.v2) or Go's yaml.v3 read as booleans or null. */
const YAML_KEYWORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null']);
/** A plain scalar every YAML reader takes as this very string: a letter first, no `: `, `#`, quote or flow indicator. */
const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9_./,-]*(?::[A-Za-z0-9_./,-]+)*$/;

/**
 * `value` as a YAML scalar that every reader (YAML 1.1 and 1.2, Go's yaml.v2 and yaml.v3, viper)
 * reads back as the same string: plain where that is unambiguous (`role:readonly`), else
 * double-quoted with every character outside printable ASCII escaped (`\n`, `\u2028`, ...), so no
 * value can end the line it stands on or change type (`true`, `0o17`, `1e1_0` stay strings).
 */
export function yamlScalar(value: string): string {
  if (PLAIN_SAFE.test(value) && !YAML_KEYWORDS.has(value.toLowerCase())) return value;
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * The fields of one CSV line as Go's `encoding/csv` reads it with `Comma ','` and
 * `TrimLeadingSpace` (Casbin's file adapter, `persist.LoadPolicyLine`), or why it refuses the line:
 * a quote inside an unquoted field, or a quoted field that does not end at a comma.
 */
export function csvFields(line: string): { fields: string[] } | { problem: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      let field = '';
      i++;
      for (;;) {
        if (i >= line.length) return { problem: 'a quoted field is not closed' };
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') return { problem: 'a quoted field is followed by text before the next comma' };
      fields.push(field);
    } else {
      const end = line.indexOf(',', i);
      const field = line.slice(i, end < 0 ? line.length : end);
      if (field.includes('"')) return { problem: 'a quote (") stands inside an unquoted field' };
      fields.push(field);
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return { fields };
    i++; // the comma
  }
}
