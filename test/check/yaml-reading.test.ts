import * as fs from 'fs';
import * as path from 'path';
import { checkManifests, ManifestFinding } from '../../lib';
import { main } from '../../lib/cli/main';
import { tempDir } from '../support/temp-dirs';

// Rule `yaml-reading` in `check`: YAML text is read as Go reads it (kubectl, the API server,
// flyteadmin's viper), and each plain scalar Go reads otherwise than YAML 1.2 is a finding.

function check(text: string): { code: number; lines: string[] } {
  const file = path.join(tempDir('yaml-reading-'), 'manifests.yaml');
  fs.writeFileSync(file, text);
  const lines: string[] = [];
  const code = main(['check', file], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, lines };
}

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  namespace: default
  annotations:
    a: 0o644
    b: 0B101
    c: 1e1_0
    d: "0B101"
    e: 017
    f: fine
    0X1F: key
data:
  server.yaml: |
    server:
      httpPort: 0o17
      enabled: on
      name: "0B1"
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: y
    annotations:
      z: -0x1
`;

describe('check reads plain scalars as Go does', () => {
  const { code, lines } = check(MANIFEST);
  const yamlReading = lines.filter((l) => l.includes('[yaml-reading]'));

  test('each value Go reads otherwise than YAML 1.2 is a finding, with both readings and the fix', () => {
    expect(code).toBe(1);
    expect(yamlReading.map((l) => l.replace(/^.*?#\d: /, ''))).toEqual([
      expect.stringContaining('ConfigMap/default/x metadata.annotations[b]: [yaml-reading] metadata.annotations[b] is written plain as 0B101: Go\'s YAML decoder (kubectl and the API server) reads the number 5, YAML 1.2 readers the string "0B101"'),
      expect.stringContaining('ConfigMap/default/x metadata.annotations[c]: [yaml-reading] metadata.annotations[c] is written plain as 1e1_0: Go\'s YAML decoder (kubectl and the API server) reads the number 10000000000, YAML 1.2 readers the string "1e1_0"'),
      expect.stringContaining('metadata.annotations[e] is written plain as 017: Go\'s YAML decoder (kubectl and the API server) reads the number 15, YAML 1.2 readers the number 17'),
      expect.stringContaining('the key "0X1F" of metadata.annotations[0X1F] is written plain as 0X1F: Go\'s YAML decoder (kubectl and the API server) reads the number 31, YAML 1.2 readers the string "0X1F"'),
      expect.stringContaining('ConfigMap/default/x data[server.yaml]: [yaml-reading] server.enabled of config file server.yaml is written plain as on: Go\'s YAML decoder (viper, as flyteadmin reads its config) reads the boolean true, YAML 1.2 readers the string "on"'),
      // Go reads `y` (a YAML 1.1 boolean) as true: the List item has no string name for Go.
      expect.stringContaining('metadata.name is written plain as y: Go\'s YAML decoder (kubectl and the API server) reads the boolean true'),
      expect.stringContaining('ConfigMap/(unnamed) metadata.annotations[z]: [yaml-reading] metadata.annotations[z] is written plain as -0x1: Go\'s YAML decoder (kubectl and the API server) reads the number -1, YAML 1.2 readers the string "-0x1"'),
    ]);
    expect(lines.find((l) => l.includes('[yaml-reading] metadata.annotations[b]'))).toBeDefined();
    expect(lines.join('\n')).toContain('fix: quote it ("0B101") so that every reader reads the string');
  });

  test('values are what Go reads: the other rules see the numbers the API server would refuse', () => {
    // 0o644 is 420 to Go and to YAML 1.2 (no disagreement), and no string to the API server.
    expect(lines.filter((l) => l.includes('[labels]')).map((l) => /annotation "(\w+)" has value (\S+),/.exec(l)?.slice(1).join('='))).toEqual(['a=420', 'b=5', 'c=10000000000', 'e=15', 'z=-1']);
  });

  test('quoted scalars and strings every reader agrees on are no finding', () => {
    expect(yamlReading.filter((l) => /\[(d|f)\]|name is written plain as "0B1"/.test(l))).toEqual([]);
    expect(check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  annotations:\n    a: "0o17"\n    b: \'on\'\n    c: 0o8\n').code).toBe(0);
  });

  test('a raw character Go refuses or reads as a line break is a finding, not a crash', () => {
    // Go keeps U+2028 inside quotes (d), and refuses DEL anywhere (c).
    const r = check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: raw\n  annotations:\n    a: x\u2028y\n    b: "x\\Ly"\n    c: "p\u007fq"\n    d: "x\u2028y"\n');
    const found = r.lines.filter((l) => l.includes('[yaml-reading]'));
    expect(found).toEqual([
      expect.stringContaining('metadata.annotations[a] holds a raw U+2028, which Go\'s YAML reader reads as a line break'),
      expect.stringContaining('metadata.annotations[c] holds a raw U+007F, which Go\'s YAML reader refuses (the whole file)'),
    ]);
  });
});

describe('checkManifests on objects: config files in ConfigMaps', () => {
  const configMap = (text: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { 'app.yaml': text, 'notes.txt': 'enabled: on\n' } });
  const rule = (findings: ManifestFinding[]) => findings.filter((f) => f.rule === 'yaml-reading').map((f) => [f.field, f.value, f.message]);

  test('a config file (*.yaml, *.yml) is read as viper reads it', () => {
    expect(rule(checkManifests([configMap('a:\n  enabled: on\n  mode: 0B101\n  port: 8080\n  name: "0B1"\n')]))).toEqual([
      ['data[app.yaml]', 'on', expect.stringContaining('a.enabled of config file app.yaml is written plain as on: Go\'s YAML decoder (viper, as flyteadmin reads its config) reads the boolean true, YAML 1.2 readers the string "on"')],
      ['data[app.yaml]', '0B101', expect.stringContaining('a.mode of config file app.yaml is written plain as 0B101')],
    ]);
    // Files of other names are not config files; a text that does not parse is no finding of this rule.
    expect(rule(checkManifests([configMap('port: 8080\n')]))).toEqual([]);
    expect(rule(checkManifests([configMap('a: [on\n')]))).toEqual([]);
  });

  test('objects given as JSON (not read from text) have no plain scalars: no finding for their strings', () => {
    expect(rule(checkManifests([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { a: '0o17' } } }]))).toEqual([]);
  });
});

describe('at synth (cdk8s writes the objects): the quick test misses no string the walk finds', () => {
  // The rule walks each object once for a string cdk8s's writer writes in a form Go reads
  // otherwise, and names fields only for an object that holds one: generated keys and values from
  // an alphabet full of such starts and characters, the rule's findings against a walk of every string.
  test('generated objects: the same findings as judging every key and value', () => {
    const { runRules } = require('../../lib/rules/run-rules');
    const { findStrings, cdk8sHazard } = require('../../lib/yaml/scalar-readers');
    const fc = require('fast-check');
    const chars = fc.constantFrom(...'0189_xXoObB.eE+-yYnNtTfFoO~<: aZ\n"\\'.split(''), '\u007f', '\u0085', '\u009f', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udc00', '\ud83d\ude00', '\u00e9');
    const words = fc.constantFrom('on', 'off', 'On', 'OFF', 'y', 'n', 'Y', 'N', 'Yes', 'no', 'NO', 'true', 'Null', '0o17', '0B1', '-0X1', '+0o17', '1e1_0', '.5', '<<', '~', '0123', 'fine');
    const text = fc.oneof(fc.string({ unit: chars, maxLength: 6 }), words);
    const value: any = fc.letrec((tie: any) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(text, tie('node'), { maxKeys: 3, noNullPrototype: true })),
    })).node;
    let found = 0;
    fc.assert(fc.property(fc.dictionary(text, value, { maxKeys: 4, noNullPrototype: true }), (data: any) => {
      const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', annotations: data } };
      const expected = findStrings(object, cdk8sHazard).map((s: any) => s.field);
      const actual = runRules([object], { cdk8sWriter: true, skip: ['name', 'labels', 'field-type', 'inline-secret'] })
        .filter((f: ManifestFinding) => f.rule === 'yaml-reading').map((f: ManifestFinding) => f.field);
      expect(actual).toEqual(expected);
      if (expected.length > 0) found++;
    }), { numRuns: 400, seed: 20261208 });
    expect(found).toBeGreaterThan(100);
  });

  // The rule asks `mayBeHazard` before its per-string table: a string it says no to is never judged.
  // So it must say yes to every string Go or YAML 1.2 resolves to another type (whether a writer
  // quotes it or not) and to every string either hazard test finds.
  test('the quick test says yes to every string a reader reads otherwise', () => {
    const { mayBeHazard, cdk8sHazard, cdk8sHazardToAnyReader, othersReadPlain } = require('../../lib/yaml/scalar-readers');
    const fc = require('fast-check');
    // Every word of the resolve tables of go-yaml v2 and v3, YAML 1.1 and YAML 1.2 core, and near misses.
    const table = ['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'true', 'True', 'TRUE',
      'false', 'False', 'FALSE', 'null', 'Null', 'NULL', '~', '', '<<', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '0o17', '0x1F', '0b1',
      '1_000', '1e3', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '1:20', '-1:20', '+1', '.5', 'tRUE', 'nULL', 'yES', 'oN', 'ofF', 'tru', 'nul', 'yess', 'nope'];
    const judged = (t: string) => [false, true].some((isKey) => !othersReadPlain(t, isKey)
      || [false, true].some((atRoot) => cdk8sHazard(t, isKey, atRoot) !== undefined || cdk8sHazardToAnyReader(t, isKey, atRoot) !== undefined));
    const missed = table.filter((t) => judged(t) && !mayBeHazard(t));
    expect(missed).toEqual([]);
    expect(table.filter(judged).length).toBeGreaterThan(40);
    const chars = fc.constantFrom(...'019_xXoObB.eE+-:yYnNtTfFoOrRuUlLsSaA~<= \n'.split(''), '\u007f', '\u0085', '\u2028', '\ufeff', '\uffff', '\ud800', '\ud83d\ude00', '\u00e9');
    let hazards = 0;
    fc.assert(fc.property(fc.string({ unit: chars, maxLength: 6 }), (t: string) => {
      if (judged(t)) {
        hazards++;
        expect(mayBeHazard(t)).toBe(true);
      }
    }), { numRuns: 5000, seed: 20261208 });
    expect(hazards).toBeGreaterThan(1000);
  });
});
