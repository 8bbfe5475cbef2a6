import * as fs from 'fs';
import * as path from 'path';
import { MANIFEST_RULES } from '../../lib';

// docs/checks.md says the synth-time pass "enforces exactly these rules": its table must name every
// rule of MANIFEST_RULES, once each, in report order, and no other.
test('the table of docs/checks.md lists every manifest rule, in report order', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../docs/checks.md'), 'utf8');
  const section = text.slice(text.indexOf('### At synth'), text.indexOf('### One error type'));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  expect(rows).toEqual([...MANIFEST_RULES]);
});
