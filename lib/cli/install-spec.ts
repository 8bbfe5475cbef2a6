import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_ROOT, readJson } from './files';

/** The dependency on this package that `init` writes, and how it was found. */
export interface InstallSpec {
  /** The spec for the new project's package.json (`file:` paths relative to the project). */
  readonly spec: string;
  /** Where it came from, for the command's report. */
  readonly source: string;
  /** Advice for the user (printed to stderr), if any. */
  readonly note?: string;
}

/** A refusal of `--from` (or of what was detected): the command prints it and exits 2. */
export class UnusableSpec extends Error {}

const NAME = 'cdk8s-tls-constructs';

/**
 * How `init` names this package in the new project at `target`: the spec given with `--from`
 * (paths relative to `cwd`), else the spec that installed the copy running now, else the registry.
 *
 * A running package cannot ask npm how it was installed, but npm records it where it installs: the
 * package.json of the folder whose node_modules holds the package (a project, or npx's cache folder,
 * `~/.npm/_npx/<hash>/`, whose package.json names what `npx --package <spec>` installed). A copy that
 * is not under node_modules (a source checkout) names no spec: then the registry's `^<version>` is
 * written, and the note says to pass `--from`.
 */
export function installSpec(from: string | undefined, target: string, cwd: string, root = PACKAGE_ROOT): InstallSpec {
  if (from !== undefined) return { ...forProject(from, cwd, target), source: '--from' };
  const version = ownPackage(root).version as string;
  const installed = fs.realpathSync(root);
  const holder = path.dirname(path.dirname(installed));
  if (path.basename(path.dirname(installed)) === 'node_modules') {
    const recorded = recordedSpec(holder);
    if (recorded) return { ...forProject(recorded, holder, target), source: `as installed, ${path.join(holder, 'package.json')}` };
  }
  return {
    spec: `^${version}`, source: 'the npm registry: the default',
    note: `${NAME} runs from ${installed}, which records no install spec: the project depends on "^${version}" from the npm registry. `
      + 'Pass --from <tarball> to use a release tarball (npm pack in a checkout makes one).',
  };
}

/** This package's package.json (the toolchain versions `init` pins come from its devDependencies). */
export function ownPackage(root = PACKAGE_ROOT): { [key: string]: any } {
  return readJson(path.join(root, 'package.json'));
}

function recordedSpec(holder: string): string | undefined {
  try {
    const pkg = readJson(path.join(holder, 'package.json'));
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      if (typeof pkg[field]?.[NAME] === 'string') return pkg[field][NAME];
    }
  } catch {
    // no package.json there
  }
  return undefined;
}

/** `spec` as written in a package.json (or given on the command line) at `base`, rewritten for a project at `target`. */
function forProject(spec: string, base: string, target: string): Omit<InstallSpec, 'source'> {
  const given = spec.startsWith(`${NAME}@`) ? spec.slice(NAME.length + 1) : spec;
  if (/^https?:\/\/.*\.t(ar\.)?gz$/.test(given)) return { spec: given };
  const local = given.startsWith('file:') || /^[./~]|\.t(ar\.)?gz$/.test(given);
  if (!local && /^(git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:)|\.git(#|$)|^[\w.-]+\/[\w.-]+(#.*)?$/.test(given)) {
    throw new UnusableSpec(`${spec} is a git URL: npm installs a git dependency from its sources, and this package is built `
      + 'when it is packed, not when it is installed (it has no prepare script, so that tarball installs need no install-script approval). '
      + 'Build a tarball from the tag instead: git clone --branch <tag> <url> && cd cdk8s-tls-constructs && npm ci && npm pack; then --from <the .tgz>');
  }
  if (!local) return { spec: given }; // a version, range or tag of the registry
  const file = path.resolve(base, given.replace(/^file:/, ''));
  if (!fs.existsSync(file)) throw new UnusableSpec(`${spec}: ${file} does not exist`);
  if (fs.statSync(file).isDirectory()) {
    throw new UnusableSpec(`${spec} is a folder: npm links a folder dependency, and the library would then load its own copies of cdk8s and constructs `
      + 'from that folder beside the project\'s. Pack it (npm pack in that folder) and pass --from <the .tgz>');
  }
  const relative = path.relative(target, file).split(path.sep).join('/');
  const inside = !relative.startsWith('../');
  return {
    spec: `file:${relative}`,
    note: inside ? undefined : `the dependency is a tarball outside the project (file:${relative}): npm install finds it here, but CI and `
      + 'Argo CD see only the repository: commit the tarball into the project (e.g. vendor/) and point the dependency there, or serve it from a URL.',
  };
}
