import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Console, CopilotPod, FlytePodTemplate, SecureAdmin, TlsMode, Trust } from '../lib';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../lib/security/security-context';
import type { BadInput } from './bad-input.test';
import { DATABASE, STORAGE } from './support/flyte-invariants';

const admin = (props: any) => (c: Chart) => new SecureAdmin(c, 'admin', { tls: TlsMode.disabled(), database: DATABASE, storage: STORAGE, ...props });
const pair = (adminProps: any, consoleProps: any) => (c: Chart) => {
  const a = new SecureAdmin(c, 'a', { tls: TlsMode.fromSecret('flyte-tls'), database: DATABASE, storage: STORAGE, ...adminProps });
  return new Console(c, 'console', { admin: a, ...consoleProps });
};

const STORE = { type: 'minio' as const, bucket: 'flyte-data', endpoint: 'http://minio.flyte.svc:9000' };
const context = restrictedContainerSecurityContext({ user: 1000 }, { readOnlyRootFilesystem: false });
/** A user template: restricted default entries plus `extra`. */
const userTemplate = (initContainers: k8s.Container[], containers: k8s.Container[] = []): k8s.PodTemplateSpec => ({
  spec: {
    securityContext: restrictedPodSecurityContext({ user: 1000 }),
    containers: [{ name: 'default', image: 'noop', securityContext: context }, ...containers],
    initContainers: [{ name: 'default-init', image: 'noop', securityContext: context }, ...initContainers],
  },
});
const task = (props: any) => (c: Chart) => new CopilotPod(c, 'task', { tls: TlsMode.disabled(), image: 'alpine:3.20', storage: STORE, ...props });
const template = (props: any) => (c: Chart) => new FlytePodTemplate(c, 'template', { tls: TlsMode.disabled(), ...props });

/** Refused inputs of the Flyte constructs. */
export const BAD_FLYTE_INPUTS: BadInput[] = [
  { name: 'Admin with a self-signed mode', build: admin({ tls: TlsMode.selfSigned() }), path: 'c/admin', prop: 'tls', value: undefined, allowed: 'TlsMode.certManager' },
  { name: 'Admin origin "*"', build: admin({ allowedOrigins: ['*'] }), path: 'c/admin', prop: 'allowedOrigins[0]', value: '*', allowed: 'no "*"' },
  { name: 'Admin origin with a path', build: admin({ allowedOrigins: ['http://localhost:8080/console'] }), path: 'c/admin', prop: 'allowedOrigins[0]', value: 'http://localhost:8080/console', allowed: 'no path' },
  { name: 'Admin extraConfig overriding server.security.secure', build: admin({ tls: TlsMode.fromSecret('t'), extraConfig: { server: { security: { secure: false } } } }), path: 'c/admin', prop: 'extraConfig.server.security.secure', value: false, allowed: 'tls prop' },
  { name: 'Admin deprecated grpcPort', build: admin({ extraConfig: { server: { grpcPort: 9000 } } }), path: 'c/admin', prop: 'extraConfig.server.grpcPort', value: 9000, allowed: 'tls prop' },
  { name: 'Admin without a database password Secret', build: admin({ database: { host: 'pg', username: 'u' } }), path: 'c/admin', prop: 'database.passwordSecret', value: undefined, allowed: 'passwordSecret' },
  { name: 'Admin MinIO without endpoint', build: admin({ storage: { type: 'minio', bucket: 'b' } }), path: 'c/admin', prop: 'storage.endpoint', value: undefined, allowed: 'the MinIO URL' },
  { name: 'Admin version below 1.10', build: admin({ version: '1.9.0' }), path: 'c/admin', prop: 'version', value: '1.9.0', allowed: '>= v1.10.0' },
  { name: 'Admin --config in extraArgs', build: admin({ extraArgs: ['--config=/x.yaml'] }), path: 'c/admin', prop: 'extraArgs[0]', value: '--config=/x.yaml', allowed: 'extraConfig' },
  { name: 'Console self-signed', build: pair({}, { tls: TlsMode.selfSigned() }), path: 'c/console', prop: 'tls', value: undefined, allowed: 'SelfSigned (or CA) issuer' },
  { name: 'Console origin scheme differs from Admin publicUrl', build: pair({ publicUrl: 'https://admin.example.com' }, { publicOrigin: 'http://console.example.com' }), path: 'c/console', prop: 'publicOrigin', value: 'http://console.example.com', allowed: 'https' },
  { name: 'Console extraArgs replacing server.js', build: pair({}, { extraArgs: ['--inspect'] }), path: 'c/console', prop: 'extraArgs', value: ['--inspect'], allowed: 'extraEnv' },
  { name: 'Pod template with a self-signed store', build: template({ tls: TlsMode.selfSigned() }), path: 'c/template', prop: 'tls', value: undefined, allowed: 'Trust.caFromConfigMap' },
  { name: 'Pod template that skips verification', build: template({ tls: TlsMode.fromSecret('s', { trust: Trust.skipVerify() }) }), path: 'c/template', prop: 'tls.trust', value: undefined, allowed: 'Trust.caFromSecret' },
  { name: 'Pod template CA before init-container templates (v1.13)', build: template({ tls: TlsMode.fromSecret('s', { trust: Trust.caFromConfigMap('ca') }), flyteVersion: 'v1.13.3' }), path: 'c/template', prop: 'flyteVersion', value: 'v1.13.3', allowed: '>= v1.14.0' },
  { name: 'Copilot http store with TLS on', build: task({ tls: TlsMode.fromSecret('s'), storage: STORE }), path: 'c/task', prop: 'storage.endpoint', value: 'http://minio.flyte.svc:9000', allowed: 'https://' },
  { name: 'Copilot native sidecar on Kubernetes 1.28', build: task({ kubernetesVersion: '1.28' }), path: 'c/task', prop: 'kubernetesVersion', value: '1.28', allowed: '>= 1.29' },
  { name: 'Copilot SYS_PTRACE without opt-in (v1.15)', build: task({ flyteVersion: 'v1.15.3' }), path: 'c/task', prop: 'flyteVersion', value: 'v1.15.3', allowed: 'allowPtrace' },
  { name: 'Copilot same-named init containers in the template', build: task({ flyteVersion: 'v1.14.0', allowPtrace: true, podTemplate: userTemplate([{ name: 'flyte-copilot-downloader', image: 'noop' }]) }), path: 'c/task', prop: 'podTemplate.initContainers[1].name', value: 'flyte-copilot-downloader', allowed: 'primary-init' },
  { name: 'Copilot template mount without a volume', build: task({ podTemplate: { spec: { ...userTemplate([]).spec, containers: [{ name: 'default', image: 'noop', securityContext: context, volumeMounts: [{ name: 'nope', mountPath: '/x' }] }] } } }), path: 'c/task', prop: 'podTemplate', value: undefined, allowed: 'a volume for every mount' },
  { name: 'Console origin "*"', build: pair({}, { publicOrigin: '*' }), path: 'c/console', prop: 'publicOrigin', value: '*', allowed: 'no "*"' },
];
