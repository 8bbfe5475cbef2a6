import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { Checks } from 'cdk8s-tls-constructs';

// main.ts runs as `cdk8s synth` runs it, into a temporary folder instead of dist/.
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-test-'));
const outdir = path.join(base, 'dist');
const manifests = () => fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();

beforeAll(() => {
  process.env.CDK8S_OUTDIR = outdir;
  require('./main');
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

test('main.ts writes the manifests of the snapshot, and a kustomization that lists them all', () => {
  for (const file of manifests()) expect(fs.readFileSync(path.join(outdir, file), 'utf8')).toMatchSnapshot(file);
  expect(fs.readFileSync(path.join(outdir, 'kustomization.yaml'), 'utf8')).toMatchSnapshot('kustomization.yaml');
});

test('every manifest passes every rule cdk8s-tls-constructs enforces', () => {
  const objects = manifests().flatMap((file) => Yaml.load(path.join(outdir, file)));
  expect(objects.length).toBeGreaterThan(0);
  expect(Checks.checkManifests(objects)).toEqual([]);
});
