import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Console, ObjectStore, SecureAdmin, SecureAdminProps, TlsMode, ValidationError } from '../../../lib';
import { DATABASE, STORAGE } from '../../support/flyte-invariants';
import { only, testChart } from '../../support/harness';

/** The shared test store (STORAGE: MinIO over http, keys from flyte-storage) as an ObjectStore. */
const OBJECT_STORE = ObjectStore.minio({ bucket: STORAGE.bucket, endpoint: STORAGE.endpoint, credentials: STORAGE.credentials });

// flyteadmin reads its configuration through flytestdlib and viper (UPSTREAM §9.6): keys ignore
// case, a dotted key is a nested key, every file of /etc/flyte/config is merged, every key is also a
// flag (`--server.security.allowedOrigins`) and an environment variable of the upper-cased dotted
// name (`SERVER.SECURITY.ALLOWEDORIGINS`, flytestdlib/config/viper/viper.go BindEnv). The checks
// read user input the same way, so no spelling slips past them.

type Props = Partial<SecureAdminProps>;

function build(props: Props = {}) {
  const chart = testChart();
  const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE, ...props });
  const data = only(Testing.synth(chart), 'ConfigMap', 'flyte-admin-base-config').data;
  return { admin, data, file: (name: string) => parse(data[name]) };
}

function refusal(props: Props): ValidationError {
  try {
    build(props);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a refusal');
}

describe('extraConfig keys are read as flyteadmin reads them', () => {
  test.each([
    ['another case', { Server: { Security: { AllowedOrigins: ['*'] } } }, /the construct derives server\.security\.allowedOrigins/],
    ['a dotted key', { 'server.security.secure': true }, /the construct derives server\.security\.secure/],
    ['a dotted key inside a section', { server: { 'security.allowCors': true } }, /the construct derives server\.security\.allowCors/],
    ['upper case everywhere', { SERVER: { HTTPPORT: 9 } }, /the construct derives server\.httpPort/],
    ['the deprecated gRPC port in another case', { server: { GRPCPORT: 9 } }, /deprecated and ignored/],
  ])('a derived key in %s is refused', (_how, extraConfig, why) => {
    expect(refusal({ extraConfig: extraConfig as any }).message).toMatch(why);
  });

  test('a section named in another case merges into the derived file, not a file of its own', () => {
    const { data, file } = build({ extraConfig: { Server: { grpc: { maxMessageSizeBytes: 1000 } } } as any });
    expect(Object.keys(data).sort()).toEqual(['db.yaml', 'flyteadmin.yaml', 'server.yaml', 'storage.yaml']);
    expect(file('server.yaml').server.grpc).toEqual({ port: 8089, maxMessageSizeBytes: 1000 });
  });

  test('the flyteadmin section merges into the derived flyteadmin.yaml; its profilerPort is the metrics port, refused however it is set', () => {
    const { file } = build({ extraConfig: { FlyteAdmin: { roleNameKey: 'iam.amazonaws.com/role' } } as any });
    expect(file('flyteadmin.yaml')).toEqual({ flyteadmin: { profilerPort: 10254, roleNameKey: 'iam.amazonaws.com/role' } });
    for (const extraConfig of [{ flyteadmin: { profilerPort: 10300 } }, { 'flyteadmin.ProfilerPort': 10254 }]) {
      const error = refusal({ extraConfig: extraConfig as any });
      expect(error.message).toMatch(/the construct derives flyteadmin\.profilerPort \(10254\).*; use flyte-core's metrics port 10254 \(metricsEndpoint\)/);
    }
    expect(refusal({ extraArgs: ['--flyteadmin.profilerPort=10300'] }).prop).toBe('extraArgs[0]');
    expect(refusal({ extraEnv: [{ name: 'FLYTEADMIN.PROFILERPORT', value: '10300' }] }).prop).toBe('extraEnv[0]');
  });

  test('two spellings of one section become one file; two spellings of one key are refused', () => {
    const { data, file } = build({ extraConfig: { logger: { level: 5 }, Logger: { 'show-source': true } } as any });
    expect(Object.keys(data)).toContain('logger.yaml');
    expect(file('logger.yaml')).toEqual({ logger: { level: 5, 'show-source': true } });
    expect(refusal({ extraConfig: { logger: { level: 1, Level: 2 } } as any }).message).toMatch(/logger\.level is set twice \(Flyte config keys ignore case/);
  });

  test.each([
    ['a password in the database section, any case', { Database: { Postgres: { Password: 'x' } } }, 'extraConfig.Database.Postgres.Password'],
    ['a client secret in the auth section', { auth: { appAuth: { selfAuthServer: { staticClients: { flytectl: { client_secret: 'x' } } } } } }, 'extraConfig.auth.appAuth.selfAuthServer.staticClients.flytectl.client_secret'],
    ['storage keys, dotted', { 'storage.connection.access-key': 'AKIA' }, 'extraConfig.storage.connection.access-key'],
  ])('a secret literal is refused and never echoed: %s', (_what, extraConfig, prop) => {
    const e = refusal({ extraConfig: extraConfig as any });
    expect(e.prop).toBe(prop);
    expect(e.value).toBe('(redacted)');
  });

  test('a URL with credentials in any value is refused, without its password', () => {
    const e = refusal({ extraConfig: { cluster_resources: { refreshInterval: '5m', templatePath: 'https://bot:tok3n@git.example.com/templates' } } as any });
    expect(e.message).toMatch(/user:password@/);
    expect(e.message).not.toMatch(/tok3n/);
  });
});

describe('every config key is also a flag and an environment variable', () => {
  test.each([
    ['--server.security.allowedOrigins=*', /derives server\.security\.allowedOrigins/],
    ['--Server.Security.AllowCors=true', /derives server\.security\.allowCors/],
    ['--database.postgres.password=hunter2', /a plain-text password/],
    ['--storage.connection.secret-key', /credentials inlined/],
    ['--config=/tmp/*.yaml', /derives config/],
  ])('extraArgs %s is refused', (arg, why) => {
    const e = refusal({ extraArgs: [arg] });
    expect(e.prop).toBe('extraArgs[0]');
    expect(e.message).toMatch(why);
  });

  test.each([
    ['SERVER.SECURITY.ALLOWEDORIGINS', '*', /derives server\.security\.allowedOrigins/],
    ['SERVER.SECURITY.SECURE', 'false', /derives server\.security\.secure/],
    ['DATABASE.POSTGRES.PASSWORD', 'hunter2', /a plain-text password/],
    ['STORAGE.STOW.KIND', 's3', /replaces the connection/],
  ])('extraEnv %s is refused (flytestdlib binds it to the config key)', (name, value, why) => {
    const e = refusal({ extraEnv: [{ name, value }] });
    expect(e.prop).toBe('extraEnv[0]');
    expect(e.message).toMatch(why);
  });

  test('other keys may be set by flag or variable', () => {
    expect(() => build({ extraArgs: ['--logger.level=5'], extraEnv: [{ name: 'LOGGER.SHOW-SOURCE', value: 'true' }, { name: 'TZ', value: 'UTC' }] })).not.toThrow();
  });
});

describe('CORS is never open', () => {
  test('without origins CORS is off: an empty list with allowCors would let every origin in (gorilla/handlers, UPSTREAM §9.5)', () => {
    const security = build().file('server.yaml').server.security;
    expect(security).toMatchObject({ allowCors: false, allowedOrigins: [] });
  });

  test('with a Console, CORS is on for exactly its origin', () => {
    const chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
    new Console(chart, 'console', { admin, publicOrigin: 'HTTP://Console.Example.com:80' });
    const security = parse(only(Testing.synth(chart), 'ConfigMap', 'flyte-admin-base-config').data['server.yaml']).server.security;
    expect(security).toMatchObject({ allowCors: true, allowedOrigins: ['http://console.example.com'] });
  });

  test('a patch that opens CORS is refused at synth', () => {
    const chart = testChart();
    const admin = new SecureAdmin(chart, 'admin', { tls: TlsMode.disabled(), database: DATABASE, objectStore: OBJECT_STORE });
    const { JsonPatch } = require('cdk8s');
    admin.configMap.addJsonPatch(JsonPatch.replace('/data/server.yaml', 'server:\n  security:\n    allowCors: true\n'));
    expect(() => Testing.synth(chart)).toThrow(/breaks rule open-cors/);
  });
});
