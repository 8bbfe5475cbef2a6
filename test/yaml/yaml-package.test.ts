import * as path from 'path';
import type * as YamlModule from 'yaml';
import { YAML_11_TESTS, YAML_12_CORE_TESTS, YAML_NODE, YAML_PACKAGE_VERSION } from '../../lib/yaml/yaml-package';

/**
 * The manifest writer copies parts of the `yaml` package that cdk8s writes with (lib/yaml/yaml-package.ts).
 * When cdk8s brings another version, this fails: run the writer's comparison with cdk8s again
 * (test/synth/manifest-yaml.test.ts, and the reader test test/properties/yaml-readers.property.test.ts),
 * check the copied parts against the new version's sources, and update YAML_PACKAGE_VERSION.
 */

/** The `yaml` cdk8s loads: its own bundled copy, found as node finds it from cdk8s. */
const cdk8sYamlDir = path.dirname(require.resolve('yaml/package.json', { paths: [path.dirname(require.resolve('cdk8s'))] }));
const cdk8sYaml = require(cdk8sYamlDir) as typeof YamlModule;

test('cdk8s writes with the version of `yaml` the writer was compared with', () => {
  expect(require(path.join(cdk8sYamlDir, 'package.json')).version).toBe(YAML_PACKAGE_VERSION);
});

test('the copied schema tests are the package\'s own (its public Schema), in its order', () => {
  const tests = (schema: YamlModule.Schema) => schema.tags
    .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && (tag as YamlModule.ScalarTag).test)
    .map((tag) => String((tag as YamlModule.ScalarTag).test));
  expect(YAML_11_TESTS.map(String)).toEqual(tests(new cdk8sYaml.Schema({ schema: 'yaml-1.1', merge: true })));
  expect(YAML_12_CORE_TESTS.map(String)).toEqual(tests(new cdk8sYaml.Schema({ schema: 'core' })));
  // What cdk8s's documents use: YAML 1.1 with merge keys.
  expect(tests(new cdk8sYaml.Document(null, { version: '1.1' }).schema)).toEqual(YAML_11_TESTS.map(String));
});

test('the copied node key is the one the package\'s public isNode reads', () => {
  const scalar = new cdk8sYaml.Scalar('x');
  expect(cdk8sYaml.isNode(scalar)).toBe(true);
  expect(YAML_NODE in scalar).toBe(true);
  const fake = { [YAML_NODE]: Symbol.for('yaml.scalar') };
  expect(cdk8sYaml.isNode(fake)).toBe(true);
  expect(cdk8sYaml.isNode({ a: 1 })).toBe(false);
});
