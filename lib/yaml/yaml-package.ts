/**
 * What the manifest writer copies from the `yaml` package, version 2.9.1 (the copy cdk8s 2.70.106
 * bundles and writes with): the identity key of its nodes (`nodes/identity.js`), the tests of its
 * YAML 1.1 and 1.2 core schemas (`schema/yaml-1.1/*.js`, `schema/core/*.js`, `schema/common/null.js`),
 * and the rules by which it writes a string (`stringify/stringifyString.js`). They are copied
 * rather than read from the package at run time because loading our own copy of the package costs
 * ~30 ms at every synth, and cdk8s's copy is not a dependency we can name.
 *
 * `test/yaml/yaml-package.test.ts` fails when the `yaml` cdk8s loads is another version (then the
 * writer's comparison with cdk8s, test/synth/manifest-yaml.test.ts, must be run again, and this
 * version updated), and checks the schema tests against the package's own `Schema` (public API).
 *
 * The copied parts are under the package's licence:
 *
 * Copyright Eemeli Aro <eemeli@gmail.com>
 *
 * Permission to use, copy, modify, and/or distribute this software for any purpose
 * with or without fee is hereby granted, provided that the above copyright notice
 * and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
 * REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND
 * FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
 * INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS
 * OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
 * TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF
 * THIS SOFTWARE.
 */

/** The version these parts were copied from, and the writer compared with. */
export const YAML_PACKAGE_VERSION = '2.9.1';

/** The key by which the package recognises its own nodes (`isNode`): a value carrying it is written as a node. */
export const YAML_NODE = Symbol.for('yaml.node.type');

/**
 * The default tests of the YAML 1.1 schema (with merge keys, as the package writes 1.1): a plain
 * scalar matching one reads as a null, boolean, number, merge key or timestamp, in this order.
 */
export const YAML_11_TESTS: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^<<$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
];

/** The default tests of the YAML 1.2 core schema (the package's default for parsing). */
export const YAML_12_CORE_TESTS: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/** Characters the package writes only double-quoted: control characters and lone surrogates (`stringifyString`). */
// eslint-disable-next-line no-control-regex -- the package's own test, character for character
export const FORCES_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/** What may not stand plain: indicators at the start, ': ', ' #', a trailing space or colon (`plainString`). */
export const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** A document marker at a line start (`containsDocumentMarker`): where such a string is written depends on its indentation. */
export const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/** Trailing newlines inside a block scalar's end (`blockEndNewlines`). */
export const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/**
 * Whether the package, writing YAML 1.1 as cdk8s does, writes the single-line string `text` plain
 * (`stringifyString` and `plainString`): no character forces quotes, nothing in it is an
 * indicator, and the 1.1 schema would read it back as a string. `<<` is written plain too: the
 * merge tag takes that string as its own (`schema/yaml-1.1/merge.js`).
 */
export function packageWritesPlain(text: string): boolean {
  if (text === '<<') return true;
  if (FORCES_DOUBLE_QUOTES.test(text) || NOT_PLAIN.test(text)) return false;
  return !YAML_11_START.test(text) || !YAML_11_TESTS.some((re) => re.test(text));
}

/**
 * How every string a YAML 1.1 test matches starts (or it is empty): a sign, a digit, `.`, `~`, `<`,
 * a letter of a boolean or null word, or `e`/`E` (`e5` is a float to YAML 1.1). One test spares
 * most strings the fourteen.
 */
const YAML_11_START = /^[-+0-9.~<yYnNtTfFoOeE]|^$/;
