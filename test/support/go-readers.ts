import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';

/**
 * The Go readers of YAML, for the reader tests: kubectl (sigs.k8s.io/yaml on go-yaml v2, as the API
 * server reads manifests) and a small Go program reading config text as flyteadmin does (viper on
 * go-yaml v2) and as go-yaml v3 does. They are required: a missing one fails the test, never skips
 * it. `.ci/run` installs Go and Debian's viper and go-yaml packages.
 */

const SOURCE = path.join(__dirname, 'go-yaml-reader');
/** Where Debian's golang-*-dev packages put their sources (GOPATH mode: modules cannot be fetched). */
const DEBIAN_GOPATH = '/usr/share/gocode';
const INSTALL = 'apt-get install golang-go golang-github-spf13-viper-dev golang-gopkg-yaml.v2-dev golang-gopkg-yaml.v3-dev (as .ci/run does)';

/**
 * The path of the Go program, built on first use and kept in the temporary folder under the hash of
 * its source (so one build serves every test file and run until the source changes).
 */
export function goYamlReader(): string {
  // Go is required even where an earlier run left the program: a machine without it fails the test.
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) throw new Error(`Go is needed to read YAML as flyteadmin does, and is not installed (${go.error?.message ?? go.stderr}): ${INSTALL}`);
  const main = fs.readFileSync(path.join(SOURCE, 'main.go'));
  const binary = path.join(os.tmpdir(), `cdk8s-tls-constructs-yaml-reader-${createHash('sha256').update(main).digest('hex').slice(0, 16)}`);
  if (fs.existsSync(binary)) return binary;
  const built = `${binary}.${process.pid}`;
  const result = spawnSync('go', ['build', '-o', built, '.'], {
    cwd: SOURCE, encoding: 'utf8', env: { ...process.env, GO111MODULE: 'off', GOPATH: DEBIAN_GOPATH, GOFLAGS: '' },
  });
  if (result.status !== 0) throw new Error(`building the Go YAML reader failed (are Debian's viper and go-yaml packages installed? ${INSTALL}):\n${result.stderr}`);
  fs.renameSync(built, binary); // atomic: test files built in parallel agree
  return binary;
}

/** Runs the Go program; its output is one JSON value per line. */
export function runGoYamlReader(args: string[]): any[] {
  const result = spawnSync(goYamlReader(), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`the Go YAML reader failed: ${result.stderr || result.error?.message}`);
  return result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

/** The annotation `kubectlRead` has kubectl add (a key no test string is). */
export const READ_ANNOTATION = { key: 'cdk8s-tls-constructs.test/read', value: 'yes' } as const;

/** What kubectl read: the objects of every file it could read (`READ_ANNOTATION` added), and each other file's error by file name. */
export interface KubectlReading {
  readonly objects: any[];
  readonly errors: Map<string, string>;
}

/**
 * Reads every `*.yaml` file of `folder` with kubectl's decoder, without a cluster
 * (`kubectl annotate --local -f <folder> <READ_ANNOTATION> -o json`): one process for all of them. A file kubectl
 * cannot read is reported in `errors` and does not stop the others.
 */
export function kubectlRead(folder: string): KubectlReading {
  const result = spawnSync('kubectl', ['annotate', '--local', '-f', folder, `${READ_ANNOTATION.key}=${READ_ANNOTATION.value}`, '-o', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new Error(`kubectl is needed to read YAML as the API server does, and is not installed (${result.error.message})`);
  // kubectl prints one pretty JSON object after another: each opens and closes at column 0.
  const objects = (result.stdout.match(/^\{$[\s\S]*?^\}$/gm) ?? []).map((text) => JSON.parse(text));
  const errors = new Map<string, string>();
  for (const line of result.stderr.split('\n')) {
    const file = /"([^"]+\.yaml)"|parsing (\S+\.yaml):/.exec(line);
    if (file) errors.set(path.basename(file[1] ?? file[2]), line);
    else if (line.trim() !== '') throw new Error(`kubectl: ${line}`);
  }
  return { objects, errors };
}
