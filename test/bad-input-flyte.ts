import { Chart } from 'cdk8s';
import { Console, SecureAdmin, TlsMode } from '../lib';
import type { BadInput } from './bad-input.test';
import { DATABASE, STORAGE } from './support/flyte-invariants';

const admin = (props: any) => (c: Chart) => new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, storage: STORAGE, ...props });
const pair = (adminProps: any, consoleProps: any) => (c: Chart) => {
  const a = new SecureAdmin(c, 'a', { tls: TlsMode.fromSecret('flyte-tls'), database: DATABASE, storage: STORAGE, ...adminProps });
  return new Console(c, 'console', { admin: a, ...consoleProps });
};

/** Refused inputs of the Flyte constructs. */
export const BAD_FLYTE_INPUTS: BadInput[] = [
  { name: 'Admin with a self-signed mode', build: admin({ tls: TlsMode.selfSigned() }), path: 'c/admin', prop: 'tls', value: undefined, allowed: 'TlsMode.certManager' },
  { name: 'Admin origin "*"', build: admin({ allowedOrigins: ['*'] }), path: 'c/admin', prop: 'allowedOrigins[0]', value: '*', allowed: 'no "*"' },
  { name: 'Admin origin with a path', build: admin({ allowedOrigins: ['http://localhost:8080/console'] }), path: 'c/admin', prop: 'allowedOrigins[0]', value: 'http://localhost:8080/console', allowed: 'no path' },
  { name: 'Admin extraConfig overriding server.security.secure', build: admin({ tls: TlsMode.fromSecret('t'), extraConfig: { server: { security: { secure: false } } } }), path: 'c/admin', prop: 'extraConfig.server.security.secure', value: false, allowed: 'tls prop' },
  { name: 'Admin deprecated grpcPort', build: admin({ extraConfig: { server: { grpcPort: 9000 } } }), path: 'c/admin', prop: 'extraConfig.server.grpcPort', value: 9000, allowed: 'tls prop' },
  { name: 'Admin without a database password Secret', build: admin({ database: { host: 'pg', username: 'u' } }), path: 'c/admin', prop: 'database.passwordSecret', value: undefined, allowed: 'passwordSecret' },
  { name: 'Admin MinIO without endpoint', build: admin({ storage: { type: 'minio', bucket: 'b' } }), path: 'c/admin', prop: 'storage.endpoint', value: undefined, allowed: '' },
  { name: 'Admin version below 1.10', build: admin({ version: '1.9.0' }), path: 'c/admin', prop: 'version', value: '1.9.0', allowed: '>= v1.10.0' },
  { name: 'Admin --config in extraArgs', build: admin({ extraArgs: ['--config=/x.yaml'] }), path: 'c/admin', prop: 'extraArgs[0]', value: '--config=/x.yaml', allowed: '' },
  { name: 'Console self-signed', build: pair({}, { tls: TlsMode.selfSigned() }), path: 'c/console', prop: 'tls', value: undefined, allowed: '' },
  { name: 'Console origin scheme differs from Admin publicUrl', build: pair({ publicUrl: 'https://admin.example.com' }, { publicOrigin: 'http://console.example.com' }), path: 'c/console', prop: 'publicOrigin', value: 'http://console.example.com', allowed: 'https' },
  { name: 'Console origin "*"', build: pair({}, { publicOrigin: '*' }), path: 'c/console', prop: 'publicOrigin', value: '*', allowed: 'no "*"' },
];
