import { check, expectFindings } from './fixtures';
import { admin, adminConfig, numaflow } from './server-fixtures';

const HTTP = { name: 'http', containerPort: 8088 };
const A = 'Deployment/flyte/flyteadmin';
const AC = 'spec.template.spec.containers[0]';

function flyte(security: string | undefined): any[] {
  const server = `server:\n  httpPort: 8088\n${security === undefined ? '' : `  security:\n${security}`}`;
  return [adminConfig({ 'server.yaml': server }), admin([HTTP, { name: 'grpc', containerPort: 8089 }], 'http')];
}

describe('rule open-cors: Flyte Admin', () => {
  test('exact origins, or allowCors false, pass', () => {
    expect(check(flyte('    allowCors: true\n    allowedOrigins:\n      - https://console.example.com\n'), 'open-cors')).toEqual([]);
    expect(check(flyte('    allowCors: false\n'), 'open-cors')).toEqual([]);
    expect(check(flyte('    AllowCORS: "false"\n'), 'open-cors')).toEqual([]);
  });

  test('the code defaults are open: allowCors true, allowedOrigins ["*"]', () => {
    expectFindings(check(flyte(undefined), 'open-cors'), 'open-cors', [{
      object: A, field: AC,
      message: 'Flyte Admin in container "flyteadmin" answers CORS requests from any origin: server.security.allowCors is true and server.security.allowedOrigins is not set (the code default is ["*"]) from ConfigMap/flyte/flyte-admin-base-config[server.yaml]',
      fix: 'set server.security.allowedOrigins to the exact origins',
    }]);
  });

  test('an empty list is open too (gorilla/handlers v1.5.1), and so is "*"', () => {
    expectFindings(check(flyte('    allowedOrigins: []\n'), 'open-cors'), 'open-cors', [
      { object: A, field: AC, value: [], message: 'gorilla/handlers v1.5.1 then allows every origin' },
    ]);
    expectFindings(check(flyte('    allowCors: true\n    allowedOrigins: ["https://a.example.com", "*"]\n'), 'open-cors'), 'open-cors', [
      { object: A, field: AC, value: ['https://a.example.com', '*'], message: 'includes "*"' },
    ]);
  });

  test('without the config among the objects nothing is judged', () => {
    expect(check(flyte(undefined).slice(1), 'open-cors')).toEqual([]);
  });
});

describe('rule open-cors: the Numaflow server', () => {
  const N = 'Deployment/numaflow-system/numaflow-server';
  const port = { name: 'https', containerPort: 8443 };

  test('no CORS, or exact origins, pass', () => {
    expect(check([numaflow([], port, 'HTTPS')], 'open-cors')).toEqual([]);
    expect(check([numaflow(['--cors-allowed-origins=https://a.example.com,https://b.example.com'], port, 'HTTPS')], 'open-cors')).toEqual([]);
  });

  test('"*" in the flag or the env var is a finding', () => {
    expectFindings(check([numaflow(['--cors-allowed-origins', '*'], port, 'HTTPS')], 'open-cors'), 'open-cors', [{
      object: N, field: 'spec.template.spec.containers[0].args[2]', value: '*',
      message: 'the Numaflow server in container "main" answers CORS requests from any origin: --cors-allowed-origins is "*", which allows "*"', fix: 'exact origins',
    }]);
    const env = { env: [{ name: 'NUMAFLOW_SERVER_CORS_ALLOWED_ORIGINS', value: 'https://a.example.com,*' }] };
    expectFindings(check([numaflow([], port, 'HTTPS', env)], 'open-cors'), 'open-cors', [
      { object: N, field: 'spec.template.spec.containers[0].env[0].value', value: 'https://a.example.com,*' },
    ]);
    // The flag wins over the env var.
    expect(check([numaflow(['--cors-allowed-origins=https://a.example.com'], port, 'HTTPS', env)], 'open-cors')).toEqual([]);
  });
});
