import { REF_TYPES } from '../../input/k8s-refs';
import { Fields, T } from '../../input/prop-types';
import { PEER_FIELDS } from '../../network/network-flows';
import { ObjectStore } from '../../storage/object-store';
import { FlyteScheduler } from './admin-peers';
import { AdminClusterRole } from './admin-rbac';
import { TlsMode } from '../../tls/tls-mode';
import { COMMON_FIELDS } from '../../workload/common-props';

// Run-time types of SecureAdmin's props (see SecureAdminProps and AdminDatabase).

const SECRET_VALUE = T.object('SecretValue', { secret: REF_TYPES.secret, key: T.string }, ['secret', 'key']);

/** `database`: `password` is listed so that its refusal can say where a password goes instead. */
const DATABASE = T.object('AdminDatabase', {
  host: T.string, port: T.port, dbName: T.string, username: T.string, passwordSecret: SECRET_VALUE,
  password: T.any('no plain-text password (use passwordSecret)'),
}, ['host', 'username']);

export const ADMIN_FIELDS: Fields = {
  ...COMMON_FIELDS,
  tls: T.instance('TlsMode', (v) => v instanceof TlsMode, 'one of the TlsMode factories, e.g. TlsMode.disabled()'),
  publicUrl: T.string,
  allowedOrigins: T.array(T.string),
  allowedHeaders: T.array(T.string),
  useAuth: T.boolean,
  authSecret: REF_TYPES.secret,
  database: DATABASE,
  objectStore: T.instance('ObjectStore', (v) => v instanceof ObjectStore, 'ObjectStore.s3({ bucket, ... }) or ObjectStore.minio({ bucket, endpoint, ... })'),
  extraConfig: T.map(T.any('a config section (a map)')),
  allowFrom: T.array(T.object('NetworkPeer', PEER_FIELDS, ['namespace'])),
  scheduler: T.instance('FlyteScheduler', (v) => v instanceof FlyteScheduler, 'FlyteScheduler.flyteCore(), fromPeer(peer) or none()'),
  allowMetricsFrom: T.array(T.object('NetworkPeer', PEER_FIELDS, ['namespace'])),
  clusterRole: T.instance('AdminClusterRole', (v) => v instanceof AdminClusterRole, 'AdminClusterRole.flyteCore() or clusterResources({ bindClusterRoles })'),
};
