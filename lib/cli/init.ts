import * as fs from 'fs';
import * as path from 'path';
import { CommandOutput } from './check-command';
import { filesUnder, PACKAGE_ROOT, readJson } from './files';
import { installSpec, ownPackage, UnusableSpec } from './install-spec';

export const INIT_USAGE = `usage: cdk8s-tls-constructs init [dir] [--from <tarball or version>]

Writes a cdk8s app that uses cdk8s-tls-constructs into dir (default: the current folder; it
overwrites no file): package.json with the toolchain this release is tested with, tsconfig.json,
cdk8s.yaml, .gitignore, main.ts (the quick start), main.test.ts (a snapshot and every manifest
rule), a README and a CI workflow. Then: npm install && npx cdk8s synth --no-check-upgrade && npm test.
The dependency on cdk8s-tls-constructs is the spec that installed the copy running now (as with
npx --package ./cdk8s-tls-constructs-<version>.tgz), or --from's.`;

/** The template's files that npm would not pack under their real names. */
const RENAMES: { [file: string]: string } = { gitignore: '.gitignore', 'github/workflows/cdk8s.yml': '.github/workflows/cdk8s.yml' };
const TESTED = '{{tested}}';

/**
 * `cdk8s-tls-constructs init`: copies template/ (the scaffold's only template) into the folder,
 * with the dependency on this package and the tested versions written into package.json.
 * Returns the exit code.
 */
export function runInit(args: readonly string[], output: CommandOutput, cwd = process.cwd()): number {
  let dir: string | undefined;
  let from: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--from' && args[i + 1] !== undefined) from = args[++i];
    else if (!args[i].startsWith('-') && dir === undefined) dir = args[i];
    else {
      output.err(`unknown argument ${args[i]}\n\n${INIT_USAGE}`);
      return 2;
    }
  }
  const target = path.resolve(cwd, dir ?? '.');
  const shown = path.relative(cwd, target) || '.';
  const template = path.join(PACKAGE_ROOT, 'template');
  const files = filesUnder(template).map((file) => ({ file, to: path.join(target, RENAMES[file.split(path.sep).join('/')] ?? file) }));
  const taken = files.filter(({ to }) => fs.existsSync(to)).map(({ to }) => path.relative(cwd, to));
  if (taken.length > 0) {
    output.err(`${taken.join(', ')} exist${taken.length === 1 ? 's' : ''}: init writes a new project and overwrites nothing`);
    return 2;
  }
  let dependency;
  try {
    dependency = installSpec(from, target, cwd);
  } catch (e) {
    if (!(e instanceof UnusableSpec)) throw e;
    output.err(`cannot depend on cdk8s-tls-constructs as ${e.message}`);
    return 2;
  }
  for (const { file, to } of files) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const from = path.join(template, file);
    if (file === 'package.json') fs.writeFileSync(to, packageJson(readJson(from), path.basename(target), dependency.spec));
    else fs.copyFileSync(from, to);
  }
  output.out(`wrote ${files.length} files to ${shown}/, depending on cdk8s-tls-constructs "${dependency.spec}" (${dependency.source})

next:
  ${shown === '.' ? '' : `cd ${shown} && `}npm install
  npx cdk8s synth --no-check-upgrade   # dist/platform.k8s.yaml and dist/kustomization.yaml
  npm test                             # type check, snapshot, every manifest rule`);
  if (dependency.note) output.err(`note: ${dependency.note}`);
  return 0;
}

/**
 * The template's package.json with the project's name, the dependency on this package, and every
 * `{{tested}}` version taken from this package's devDependencies: the versions this release is
 * tested with, from one source.
 */
function packageJson(pkg: any, folder: string, spec: string): string {
  const tested = ownPackage().devDependencies as { [name: string]: string };
  pkg.name = folder.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._-]+/, '') || 'platform';
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [name, version] of Object.entries(pkg[field] as { [name: string]: string })) {
      if (name === 'cdk8s-tls-constructs') pkg[field][name] = spec;
      else if (version === TESTED) {
        if (!tested[name]) throw new Error(`template/package.json: ${name} is not a devDependency of cdk8s-tls-constructs, so no version is tested`);
        pkg[field][name] = tested[name];
      }
    }
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
