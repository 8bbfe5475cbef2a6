import * as fs from 'fs';
import * as path from 'path';

// docs/API.md is generated from the sources (scripts/gen-docs.js); it must be current.
test('the committed props reference is current (run `npm run docs`)', () => {
  const { generate } = require('../../scripts/gen-docs.js');
  const committed = fs.readFileSync(path.resolve(__dirname, '../../docs/API.md'), 'utf8');
  expect(committed).toBe(generate());
}, 60_000);

test('the reference documents every prop with its default', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../docs/API.md'), 'utf8');
  expect(text).toContain('### NumaflowServerProps');
  expect(text).toMatch(/\| `baseHref\?` \| `string` \| '\/' \|/);
  expect(text).toMatch(/\| `tls` \| `TlsMode` \| \*\*required\*\* \|/);
});
