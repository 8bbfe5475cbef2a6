import * as fs from 'fs';
import * as path from 'path';
import { runInit } from '../../lib/cli/init';
import { installSpec } from '../../lib/cli/install-spec';
import { tempDir } from '../support/temp-dirs';

// `cdk8s-tls-constructs init`: template/ is the scaffold's only template; the dependency is written
// as it was installed, the toolchain as this release is tested. (CI runs the scaffold end to end from
// the packed tarball: .ci/consumer.sh.)
const root = path.resolve(__dirname, '../..');
const own = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function init(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runInit(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, cwd);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A folder with a release tarball in it (its content does not matter to init). */
function withTarball(): string {
  const dir = tempDir('init-');
  fs.writeFileSync(path.join(dir, 'cdk8s-tls-constructs-0.1.0.tgz'), '');
  return dir;
}

test('writes every template file (dot-files renamed), the tested versions and the dependency as given', () => {
  const cwd = withTarball();
  const result = init(['My Platform', '--from', './cdk8s-tls-constructs-0.1.0.tgz'], cwd);
  expect(result.code).toBe(0);
  const target = path.join(cwd, 'My Platform');
  expect(fs.readdirSync(target).sort()).toEqual(['.github', '.gitignore', 'README.md', 'cdk8s.yaml', 'jest.config.js', 'main.test.ts', 'main.ts', 'package.json', 'tsconfig.json']);
  expect(fs.readdirSync(path.join(target, '.github/workflows'))).toEqual(['cdk8s.yml']);
  for (const same of ['main.ts', 'main.test.ts', 'cdk8s.yaml', 'tsconfig.json']) {
    expect(fs.readFileSync(path.join(target, same), 'utf8')).toBe(fs.readFileSync(path.join(root, 'template', same), 'utf8'));
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8'));
  expect(pkg.name).toBe('my-platform');
  expect(pkg.dependencies['cdk8s-tls-constructs']).toBe('file:../cdk8s-tls-constructs-0.1.0.tgz');
  // Every other version is the library's own devDependency: the toolchain this release is tested with.
  const versions = { ...pkg.dependencies, ...pkg.devDependencies };
  delete versions['cdk8s-tls-constructs'];
  expect(Object.keys(versions).sort()).toEqual(['@swc/core', '@swc/jest', '@types/jest', '@types/node', 'cdk8s', 'cdk8s-cli', 'cdk8s-plus-28', 'constructs', 'jest', 'typescript']);
  for (const [name, version] of Object.entries(versions)) expect(version).toBe(own.devDependencies[name]);
  expect(JSON.stringify(pkg)).not.toContain('{{');
  expect(pkg.scripts.verify).toBe('npm run synth && npm run check && npm test -- --ci && npm run drift');
  expect(result.out).toContain('cd My Platform && npm install');
  // The tarball sits outside the project: said on stderr, not stdout.
  expect(result.err).toMatch(/^note: the dependency is a tarball outside the project/);
  expect(result.out).not.toContain('note:');
});

test('into a folder that holds the tarball already: written relative to the project, with no note', () => {
  const project = tempDir('init-');
  fs.mkdirSync(path.join(project, 'vendor'));
  fs.writeFileSync(path.join(project, 'vendor', 'cdk8s-tls-constructs-0.1.0.tgz'), '');
  const result = init(['--from', 'vendor/cdk8s-tls-constructs-0.1.0.tgz'], project);
  expect([result.code, result.err]).toEqual([0, '']);
  expect(JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')).dependencies['cdk8s-tls-constructs']).toBe('file:vendor/cdk8s-tls-constructs-0.1.0.tgz');
  expect(result.out).toContain('\n  npm install\n');
});

test('refuses to overwrite a file, a git URL, a source folder and a missing tarball, writing nothing', () => {
  const cwd = withTarball();
  fs.mkdirSync(path.join(cwd, 'taken'));
  fs.writeFileSync(path.join(cwd, 'taken', 'main.ts'), '');
  const cases: [string[], RegExp][] = [
    [['taken', '--from', './cdk8s-tls-constructs-0.1.0.tgz'], /^taken\/main\.ts exists: init writes a new project and overwrites nothing$/],
    [['a', '--from', 'git+https://example.com/org/cdk8s-tls-constructs.git#v0.1.0'], /is a git URL: .*no prepare script.*npm pack/],
    [['b', '--from', 'github:org/cdk8s-tls-constructs#v0.1.0'], /is a git URL/],
    [['c', '--from', root], /is a folder: npm links a folder dependency.*npm pack/],
    [['d', '--from', './missing-0.1.0.tgz'], /missing-0\.1\.0\.tgz does not exist/],
    [['e', '--bogus'], /unknown argument --bogus/],
  ];
  for (const [args, message] of cases) {
    const result = init(args, cwd);
    expect([result.code, result.err]).toEqual([2, expect.stringMatching(message)]);
  }
  expect(fs.readdirSync(cwd).sort()).toEqual(['cdk8s-tls-constructs-0.1.0.tgz', 'taken']);
  expect(fs.readdirSync(path.join(cwd, 'taken'))).toEqual(['main.ts']);
});

test('without --from: the spec recorded where the package is installed (a project, or npx\'s cache folder)', () => {
  // npx --package ./x.tgz installs into ~/.npm/_npx/<hash>/, whose package.json names the spec relative to it.
  const cwd = withTarball();
  const cache = tempDir('npx-');
  const installed = path.join(cache, 'node_modules', 'cdk8s-tls-constructs');
  fs.mkdirSync(installed, { recursive: true });
  fs.writeFileSync(path.join(installed, 'package.json'), JSON.stringify({ name: 'cdk8s-tls-constructs', version: '0.1.0' }));
  fs.writeFileSync(path.join(cache, 'package.json'), JSON.stringify({ dependencies: { 'cdk8s-tls-constructs': `file:${path.relative(cache, path.join(cwd, 'cdk8s-tls-constructs-0.1.0.tgz'))}` } }));
  const spec = installSpec(undefined, path.join(cwd, 'my-platform'), cwd, installed);
  expect(spec.spec).toBe('file:../cdk8s-tls-constructs-0.1.0.tgz');
  expect(spec.source).toBe(`as installed, ${path.join(fs.realpathSync(cache), 'package.json')}`);
  // A registry version or a tarball URL is written as it stands.
  fs.writeFileSync(path.join(cache, 'package.json'), JSON.stringify({ devDependencies: { 'cdk8s-tls-constructs': 'https://example.com/cdk8s-tls-constructs-0.1.0.tgz' } }));
  expect(installSpec(undefined, cwd, cwd, installed).spec).toBe('https://example.com/cdk8s-tls-constructs-0.1.0.tgz');
  // A source checkout records nothing: the registry's version, and a note to pass --from.
  const checkout = installSpec(undefined, cwd, cwd, root);
  expect(checkout.spec).toBe(`^${own.version}`);
  expect(checkout.note).toMatch(/records no install spec.*Pass --from <tarball>/);
});
