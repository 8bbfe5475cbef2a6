import { looksSecret, urlCredentials } from '../../lib/rules/inline-secrets';
import { check, configMap, deployment, expectFindings, main } from './fixtures';

const D = 'Deployment/ns/web';
const M = 'spec.template.spec.containers[0]';

describe('looksSecret', () => {
  test.each([
    'password', 'db.password', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'clientSecret', 'client-secret', 'api-key', 'apiKey', 'token',
    'storage.connection.secret-key', 'access_key_id', 'privateKey', 'credentials', 'passwd', 'pass', 'auth.authToken', 'adminPasswordHash',
    'github_token', 'API_TOKEN', 'stripe-api-key', 'signingPrivateKey', 'gcpCredentials',
  ])('%s looks secret', (name) => expect(looksSecret(name)).toBe(true));

  test.each([
    'passwordPath', 'clientSecretLocation', 'secretName', 'auth-type', 'tokenUrl', 'username', 'DB_PASSWORD_FILE', 'secret.ref',
    'token-endpoint', 'password.env', 'PASSWORD_ENV_VAR', 'secretsDir', 'authHeader', 'tokenUri', 'bypass', 'keyFile', 'tokenTTL', 'monkey', '',
  ])('%s does not', (name) => expect(looksSecret(name)).toBe(false));
});

describe('urlCredentials', () => {
  test('returns the URL with the password redacted', () => {
    expect(urlCredentials('postgres://flyte:hunter2@db:5432/flyte?sslmode=require')).toBe('postgres://flyte:***@db:5432/flyte?sslmode=require');
    expect(urlCredentials('connect to "redis://:s3cr3t@cache:6379/0" now')).toBe('redis://:***@cache:6379/0');
    expect(urlCredentials('a https://u:p@h/x,https://v:q@i/y b')).toBe('https://u:***@h/x,https://v:***@i/y');
  });

  test('URLs without a password, and placeholders, are fine', () => {
    for (const text of ['https://user@example.com', 'https://example.com/a:b@c', 'postgres://flyte:$(DB_PASSWORD)@db/flyte',
      'postgres://u:${DB_PASSWORD}@db', 'https://u:***@h', 'mailto:someone@example.com', 'no url', 'https://u:@h']) {
      expect(urlCredentials(text)).toBeUndefined();
    }
  });
});

describe('rule inline-secret', () => {
  test('references to Secrets pass', () => {
    const d = deployment((x) => {
      main(x).env = [
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'DB_URL', value: 'postgres://flyte:$(DB_PASSWORD)@db/flyte' },
        { name: 'PASSWORD_FILE', value: '/etc/db/pass.txt' },
        { name: 'TOKEN', value: '' },
      ];
      main(x).args = ['--db-password=$(DB_PASSWORD)', '--token', '$(TOKEN)', '--secret-name=db', '--token-file', '/etc/token', '--password'];
    });
    expect(check([d], 'inline-secret')).toEqual([]);
  });

  test('a URL with a password in args, command or env is a finding, redacted', () => {
    const d = deployment((x) => {
      main(x).command = ['app', '--db=postgres://flyte:hunter2@db/flyte'];
      main(x).env = [{ name: 'DATABASE_URL', value: 'mysql://root:hunter3@mysql:3306/app' }];
    });
    const findings = check([d], 'inline-secret');
    expectFindings(findings, 'inline-secret', [
      { object: D, field: `${M}.command[1]`, value: 'postgres://flyte:***@db/flyte', message: 'the command line of container "main" holds a URL with a password', fix: 'valueFrom.secretKeyRef' },
      { object: D, field: `${M}.env[0].value`, value: 'mysql://root:***@mysql:3306/app', message: 'env "DATABASE_URL"' },
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/hunter/);
  });

  test('an env var whose name looks secret with a literal value is a finding', () => {
    const d = deployment((x) => { main(x).env = [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI' }, { name: 'LOG_LEVEL', value: 'debug' }]; });
    const findings = check([d], 'inline-secret');
    expectFindings(findings, 'inline-secret', [
      { object: D, field: `${M}.env[0].value`, value: '***', message: 'env "AWS_SECRET_ACCESS_KEY" of container "main" holds a literal secret', fix: 'secretKeyRef' },
    ]);
    expect(JSON.stringify(findings)).not.toContain('wJalr');
  });

  test('a secret-looking flag with a literal value is a finding, in both spellings', () => {
    const d = deployment((x) => { main(x).args = ['serve', '--storage.connection.secret-key=abc123', '--auth-token', 'xyz789', '--verbose', '--db-password', 'postgres://u:pw@db']; });
    const findings = check([d], 'inline-secret');
    expectFindings(findings, 'inline-secret', [
      { object: D, field: `${M}.args[1]`, value: '--storage.connection.secret-key=***', message: 'flag --storage.connection.secret-key of container "main" is given a literal secret' },
      { object: D, field: `${M}.args[3]`, value: '***', message: 'flag --auth-token' },
      { object: D, field: `${M}.args[6]`, value: '***', message: 'flag --db-password' },
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/abc123|xyz789|pw@/);
  });

  test('annotations of the object and its pod template are searched for URLs with passwords', () => {
    const d = deployment((x) => {
      x.metadata.annotations = { 'example.com/upstream': 'https://admin:pw1@registry.example.com' };
      x.spec.template.metadata.annotations = { 'example.com/db': 'postgres://u:pw2@db', 'example.com/doc': 'https://example.com' };
    });
    expectFindings(check([d], 'inline-secret'), 'inline-secret', [
      { object: D, field: 'metadata.annotations[example.com/upstream]', value: 'https://admin:***@registry.example.com', message: 'annotation "example.com/upstream"' },
      { object: D, field: 'spec.template.metadata.annotations[example.com/db]', value: 'postgres://u:***@db' },
    ]);
  });

  test('ConfigMap values: URLs with passwords, secret-looking keys, and secret keys inside YAML files', () => {
    const cm = configMap('app', {
      'db.yaml': 'database:\n  postgres:\n    host: db\n    username: flyte\n    password: hunter2\n    passwordPath: /etc/db/pass.txt\n',
      'storage.yaml': 'storage:\n  connection:\n    auth-type: accesskey\n    access-key: AKIA1\n    secret-key: s3cr3t\n    endpoint: http://minio:9000\n',
      'url.txt': 'amqp://guest:guest2@rabbit:5672',
      DB_PASSWORD: 'hunter4',
      'list.yaml': 'users:\n  - name: a\n    token: 12345\n',
    });
    const findings = check([cm], 'inline-secret');
    expectFindings(findings, 'inline-secret', [
      { object: 'ConfigMap/ns/app', field: 'data[db.yaml]', value: '***', message: 'ConfigMap file "db.yaml" sets database.postgres.password to a literal secret', fix: 'move database.postgres.password to a Secret' },
      { object: 'ConfigMap/ns/app', field: 'data[storage.yaml]', message: 'sets storage.connection.access-key' },
      { object: 'ConfigMap/ns/app', field: 'data[storage.yaml]', message: 'sets storage.connection.secret-key' },
      { object: 'ConfigMap/ns/app', field: 'data[url.txt]', value: 'amqp://guest:***@rabbit:5672' },
      { object: 'ConfigMap/ns/app', field: 'data[DB_PASSWORD]', value: '***', message: 'ConfigMap key "DB_PASSWORD" holds a literal secret', fix: 'envFrom.secretRef' },
      { object: 'ConfigMap/ns/app', field: 'data[list.yaml]', message: 'sets users[0].token' },
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/hunter|AKIA1|s3cr3t|guest2|12345/);
  });

  test('a config file that cannot be read is refused, never skipped; a text in another format is not judged as YAML', () => {
    const bomb = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
      + [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`).join('\n') + '\npassword: hunter2\n';
    const cm = configMap('app', {
      'config.yaml': bomb,
      config: bomb,
      'broken.yaml': 'token: [abc\n',
      'self.yaml': 'a: &a {token: x, b: *a}\n',
      'creds.json': '{"password": "hunter3"}',
      'nginx.conf': 'server {\n  proxy_set_header X-Token $token;\n  location /a: { return 200; }\n}\n',
      'bad.yaml': 'a: [\n',
    });
    const findings = check([cm], 'inline-secret');
    expectFindings(findings, 'inline-secret', [
      { object: 'ConfigMap/ns/app', field: 'data[config.yaml]', value: '***', message: 'ConfigMap file "config.yaml" cannot be read (its aliases expand beyond what Go\'s YAML decoders accept', fix: 'valid YAML' },
      { object: 'ConfigMap/ns/app', field: 'data[config]', message: 'document contains excessive aliasing' },
      { object: 'ConfigMap/ns/app', field: 'data[broken.yaml]', message: 'cannot be read (not YAML: ' },
      { object: 'ConfigMap/ns/app', field: 'data[self.yaml]', message: 'value contains itself' },
      { object: 'ConfigMap/ns/app', field: 'data[creds.json]', message: 'ConfigMap file "creds.json" sets password to a literal secret' },
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/hunter|abc/);
  });

  test('an anchor used hundreds of times (which Go reads) is read, and the secret in it found', () => {
    const text = 'defaults: &d {password: hunter2, port: 5432}\n' + Array.from({ length: 300 }, (_, i) => `db${i}: *d`).join('\n') + '\n';
    const findings = check([configMap('app', { 'dbs.yaml': text })], 'inline-secret');
    expect(findings.map((f) => f.message.replace(/ to a literal.*/, ''))).toEqual(['ConfigMap file "dbs.yaml" sets defaults.password', ...Array.from({ length: 300 }, (_, i) => `ConfigMap file "dbs.yaml" sets db${i}.password`)]);
  });

  test('ConfigMap files without secrets pass (the library\'s Admin config)', () => {
    const cm = configMap('flyte-admin-base-config', {
      'db.yaml': 'database:\n  postgres:\n    host: postgres.flyte.svc\n    username: flyteadmin\n    passwordPath: /etc/db/pass.txt\n',
      'storage.yaml': 'storage:\n  type: s3\n  connection:\n    auth-type: iam\n    secret-key: ""\n    password: ${DB_PASSWORD}\n',
      'bad.yaml': 'a: [\n',
    });
    expect(check([cm], 'inline-secret')).toEqual([]);
  });
});
