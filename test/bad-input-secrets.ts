import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { NumaflowServer, TlsMode } from '../lib';
import { admin, BadInput, ms, nf, task } from './bad-input-case';

// The secret-name rule (docs/secrets.md) at construction and at synth: literal secrets under names
// that hold one (abbreviations included, whatever the value), and config files that cannot be
// read, which are refused rather than skipped.

const REFERENCE = 'a reference to a Secret';
const SECRET_FILE = 'a key that names a file of a Secret the construct mounts';
const READABLE_CONFIG = 'valid YAML whose aliases expand within what Go\'s YAML decoders accept';
/** A "billion laughs" document (9^8 expansions) with a literal secret after it. */
const BOMB = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  + [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`).join('\n')
  + '\nurl: http://prometheus:9090\npassword: hunter2\n';
const env = (name: string, value = 'hunter2') => ({ extraEnv: [{ name, value }] });
/** A JSON patch of Numaflow's metrics-proxy ConfigMap, applied after construction. */
const patchProxyConfig = (text: string) => (c: Chart) => {
  const server = new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() });
  (server.node.findChild('MetricsProxyConfig') as ApiObject).addJsonPatch(JsonPatch.replace('/data/config.yaml', text));
};
/** A JSON patch adding env var `name` with a literal value to Numaflow's server container. */
const patchEnv = (name: string, value: string) => (c: Chart) =>
  new NumaflowServer(c, 'nf', { tls: TlsMode.disabled() }).deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env/-', { name, value }));

export const SECRET_INPUTS: BadInput[] = [
  { name: 'secret name rule: DB_PASSWD (an abbreviation) in extraEnv', class: 'secrets', build: nf(env('DB_PASSWD')), path: 'c/nf', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: --db-passwd=hunter2 in extraArgs', class: 'secrets', build: ms({ extraArgs: ['--db-passwd=hunter2'] }), path: 'c/ms', prop: 'extraArgs[0]', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: DB_PASSWORD=123456 (the value is not judged)', class: 'secrets', build: nf(env('DB_PASSWORD', '123456')), path: 'c/nf', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: DB_PASSWORD=yes (a value that looks like a switch)', class: 'secrets', build: nf(env('DB_PASSWORD', 'yes')), path: 'c/nf', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: DB_PWD in extraEnv', class: 'secrets', build: nf(env('DB_PWD')), path: 'c/nf', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: RABBITMQ_DEFAULT_PASS in extraEnv', class: 'secrets', build: ms(env('RABBITMQ_DEFAULT_PASS')), path: 'c/ms', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: PGPASSWORD (a one-word compound) in extraEnv', class: 'secrets', build: nf(env('PGPASSWORD')), path: 'c/nf', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: HF_TOKEN in extraEnv', class: 'secrets', build: nf(env('HF_TOKEN')), path: 'c/nf', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: a password hash (a form of the secret) in extraEnv', class: 'secrets', build: ms(env('MARIADB_ROOT_PASSWORD_HASH', '*6C8989366EAF75BB670AD8EA7A7FC1176A95CEF4')), path: 'c/ms', prop: 'extraEnv[0].value', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: --api-key with the key as the next argument', class: 'secrets', build: task({ args: ['--api-key', 'sk-live-123'] }), path: 'c/task', prop: 'args[0]', value: '(redacted)', allowed: REFERENCE },
  { name: 'secret name rule: an apiKey in Admin extraConfig', class: 'secrets', build: admin({ extraConfig: { plugins: { apiKey: 'sk-live-123' } } }), path: 'c/admin', prop: 'extraConfig.plugins.apiKey', value: '(redacted)', allowed: SECRET_FILE },
  { name: 'secret name rule: a passwd in Admin extraConfig', class: 'secrets', build: admin({ extraConfig: { smtp: { passwd: 'hunter2' } } }), path: 'c/admin', prop: 'extraConfig.smtp.passwd', value: '(redacted)', allowed: SECRET_FILE },
  { name: 'secret name rule: a Fernet key in Admin extraConfig', class: 'secrets', build: admin({ extraConfig: { plugins: { FERNET_KEY: 'abc' } } }), path: 'c/admin', prop: 'extraConfig.plugins.FERNET_KEY', value: '(redacted)', allowed: SECRET_FILE },
  { name: 'metricsProxyConfig: an alias bomb with a literal secret after it', class: 'secrets', build: nf({ metricsProxyConfig: BOMB }), path: 'c/nf', prop: 'metricsProxyConfig', value: '(redacted)', allowed: READABLE_CONFIG },
  { name: 'metricsProxyConfig: an anchor that contains itself', class: 'secrets', build: nf({ metricsProxyConfig: 'patterns: &p [{name: a, next: *p}]\n' }), path: 'c/nf', prop: 'metricsProxyConfig', value: '(redacted)', allowed: READABLE_CONFIG },
  { name: 'metricsProxyConfig: not YAML', class: 'secrets', build: nf({ metricsProxyConfig: 'url: [http://prometheus:9090\n' }), path: 'c/nf', prop: 'metricsProxyConfig', value: '(redacted)', allowed: READABLE_CONFIG },
  { name: 'metricsProxyConfig: two documents in one file', class: 'secrets', build: nf({ metricsProxyConfig: 'url: http://a:9090\n---\nurl: http://b:9090\n' }), path: 'c/nf', prop: 'metricsProxyConfig', value: '(redacted)', allowed: READABLE_CONFIG },
  { name: 'patch: an alias bomb into the metrics-proxy config', class: 'secrets', at: 'synth', build: patchProxyConfig(BOMB), path: 'c/nf/MetricsProxyConfig', prop: 'data[config.yaml]', value: '***', allowed: 'valid YAML' },
  { name: 'patch: a passwd key into the metrics-proxy config', class: 'secrets', at: 'synth', build: patchProxyConfig('url: http://prometheus:9090\nbasicAuth:\n  passwd: hunter2\n'), path: 'c/nf/MetricsProxyConfig', prop: 'data[config.yaml]', value: '***', allowed: 'move basicAuth.passwd to a Secret' },
  { name: 'patch: a literal DB_PASSWD env var', class: 'secrets', at: 'synth', build: patchEnv('DB_PASSWD', 'hunter2'), path: 'c/nf/Workload/Deployment', prop: 'spec.template.spec.containers[0].env[1].value', value: '***', allowed: 'valueFrom.secretKeyRef' },
];
