import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { copilotTaskStack, copilotTemplateStack } from '../../../apps/stacks/copilot';
import { checkRestricted, CopilotPod, CopilotPodProps, FlytePodTemplate, ObjectStore, Trust, ValidationError } from '../../../lib';
import { typedPodSpec } from '../../support/typed-json';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../../lib/security/security-context';
import { documentedDefaults } from '../../support/documented-defaults';
import { expectValid, only, synth, testApp, testChart } from '../../support/harness';
import { secret } from '../../support/refs';

const STORE_OPTIONS = { bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', credentials: { secret: secret('minio-creds') } };
/** The store of seed scenario 002: HTTPS with a private CA from the ConfigMap `my-cert-bundle`. */
const CA_STORE = ObjectStore.s3({ ...STORE_OPTIONS, trust: Trust.caFromConfigMapName('my-cert-bundle') });
const EXTERNAL = ['ConfigMap/flyte/my-cert-bundle', 'Secret/flyte/minio-creds'];
const CA_MOUNT = { name: 'flyte-storage-ca', mountPath: '/etc/ssl/certs/flyte-storage-ca.pem', subPath: 'ca.crt', readOnly: true };
const PEM = fs.readFileSync(path.join(__dirname, '../../support/fixtures/ca.crt.pem'), 'utf8');
const TASK = { image: 'docker.io/library/alpine:3.20', command: ['sh', '-c', 'cp /var/flyte/inputs/input /var/flyte/outputs/output'] };

type Props = Partial<CopilotPodProps> & { template?: Partial<ConstructorParameters<typeof FlytePodTemplate>[2]> | false };

/** A FlytePodTemplate (unless `template: false`) and a CopilotPod; validates everything synthesized. */
function build(props: Props = {}, external = EXTERNAL) {
  const chart = testChart();
  const { template: templateProps, ...podProps } = props;
  const template = templateProps === false ? undefined : new FlytePodTemplate(chart, 'template', { objectStore: CA_STORE, ...templateProps });
  const copilot = new CopilotPod(chart, 'task', { podTemplate: template, ...TASK, ...podProps });
  const objects = synth(chart);
  expectValid(objects, { external, restricted: { skip: [...copilot.podSecurityExceptions] } });
  const pod = only(objects, 'Pod');
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  return { objects, copilot, pod, spec: pod.spec, c: (name: string) => all.find((c) => c.name === name) };
}

/** A user template entry with the restricted context (what scenario 001's platform team wrote). */
const restricted = (name: string, extra: Partial<k8s.Container> = {}): k8s.Container =>
  ({ name, image: 'docker.io/rwgrim/docker-noop', securityContext: restrictedContainerSecurityContext({ user: 1000 }, { readOnlyRootFilesystem: false }), ...extra });
const userTemplate = (initContainers: k8s.Container[], containers: k8s.Container[] = [restricted('default')]): k8s.PodTemplateSpec =>
  ({ spec: { securityContext: restrictedPodSecurityContext({ user: 1000 }), containers, initContainers } });
/** An http:// store (TLS off), for pods without a FlytePodTemplate. */
const PLAIN = { objectStore: ObjectStore.s3({ ...STORE_OPTIONS, endpoint: 'http://minio.flyte.svc:9000' }) };

function refusal(fn: () => unknown): ValidationError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toMatch(/^test\/task: /);
  return error as ValidationError;
}
const refuse = (props: Props) => refusal(() => build(props));

describe('seed scenario 002: a private CA for the store, through FlytePodTemplate', () => {
  const { objects, spec, c, copilot } = build({ template: { objectStore: ObjectStore.s3({ ...STORE_OPTIONS, trust: Trust.caFromConfigMapName('my-cert-bundle') }) }, objectStore: undefined });

  test('manifest snapshot', () => expect(objects).toMatchSnapshot());

  test('the downloader (and the uploader) mount the CA read-only', () => {
    expect(c('flyte-copilot-downloader').volumeMounts).toContainEqual(CA_MOUNT);
    expect(c('flyte-copilot-uploader').volumeMounts).toContainEqual(CA_MOUNT);
    expect(spec.volumes).toContainEqual({ name: 'flyte-storage-ca', configMap: { name: 'my-cert-bundle', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
    expect(copilot.objectStore.trust.configMapName).toBe('my-cert-bundle');
  });

  test('no SYS_PTRACE anywhere, no shareProcessNamespace, unique init-container names', () => {
    expect(JSON.stringify(objects)).not.toContain('SYS_PTRACE');
    expect(spec.shareProcessNamespace).toBeUndefined();
    const names = spec.initContainers.map((x: any) => x.name);
    expect(names).toEqual(['flyte-copilot-uploader', 'flyte-copilot-downloader']);
    expect(new Set(names).size).toBe(names.length);
  });

  test('every pod (the template and the task) passes checkRestricted', () => {
    expect(objects.filter((o) => o.kind === 'Pod' || o.kind === 'PodTemplate')).toHaveLength(2);
    expect(checkRestricted(objects)).toEqual([]);
  });
});

describe('seed scenario 001 (Flyte v1.16.8): a user template for the copilot init containers', () => {
  const env = { env: [{ name: 'AWS_REGION', value: 'eu-west-1' }] };

  test('restricted default-init + "primary-init" adding env: one downloader, env merged, every copilot container restricted', () => {
    const { spec, c, objects } = build({ ...PLAIN, template: false, podTemplateSpec: userTemplate([restricted('default-init'), { name: 'primary-init', image: 'noop', ...env }]) }, ['Secret/flyte/minio-creds']);
    expect(spec.initContainers.filter((x: any) => x.name === 'flyte-copilot-downloader')).toHaveLength(1);
    expect(c('flyte-copilot-downloader').env).toEqual(expect.arrayContaining(env.env));
    expect(c('flyte-copilot-uploader').env.map((e: any) => e.name)).not.toContain('AWS_REGION');
    expect(checkRestricted(objects)).toEqual([]);
  });

  test('an entry named "flyte-copilot-downloader" is refused: since v1.16.3 Flyte skips it for the primary init container', () => {
    const e = refuse({ ...PLAIN, template: false, podTemplateSpec: userTemplate([restricted('default-init'), { name: 'flyte-copilot-downloader', image: 'noop', ...env }]) });
    expect(e.prop).toBe('podTemplateSpec.initContainers[1].name');
    expect(e.message).toMatch(/"flyte-copilot-downloader" is not allowed: Flyte v1\.16\.8 skips template entries named after the primary init container \(since v1\.16\.3, PR #6733\).*; use a "primary-init" entry/);
  });

  test.each(['v1.16.2', 'v1.15.3'])('at %s the same entry merges into the one downloader', (flyteVersion) => {
    const { spec, c, copilot } = build({ ...PLAIN, template: false, flyteVersion, allowPtrace: true,
      podTemplateSpec: userTemplate([restricted('default-init'), { name: 'flyte-copilot-downloader', image: 'noop', ...env }]) }, ['Secret/flyte/minio-creds']);
    expect(spec.initContainers.filter((x: any) => x.name === 'flyte-copilot-downloader')).toHaveLength(1);
    expect(c('flyte-copilot-downloader').env).toEqual(expect.arrayContaining(env.env));
    expect(c('flyte-copilot-downloader').image).toBe(`cr.flyte.org/flyteorg/flytecopilot:${copilot.flyteVersion.tag}`);
  });

  test('an entry named after the uploader merges at v1.16.8 (it is not the primary init container)', () => {
    const { c } = build({ ...PLAIN, template: false, podTemplateSpec: userTemplate([restricted('default-init'), { name: 'flyte-copilot-uploader', image: 'noop', ...env }]) }, ['Secret/flyte/minio-creds']);
    expect(c('flyte-copilot-uploader').env).toEqual(expect.arrayContaining(env.env));
  });

  test('without the default-init entry: refused, naming flyte-copilot-uploader, the rule and default-init', () => {
    const e = refuse({ ...PLAIN, template: false, podTemplateSpec: userTemplate([{ name: 'primary-init', image: 'noop', ...env }]) });
    expect(e.prop).toBe('podTemplateSpec');
    expect(e.message).toMatch(/not Pod Security restricted: .*container "flyte-copilot-uploader" fails allowprivilegeescalation \(.*\), fixed by template entry "default-init"/);
    expect(e.message).toMatch(/container "flyte-copilot-downloader" fails capabilities_restricted .*fixed by template entry "default-init" \(or "primary-init"\)/);
    expect(e.message).toMatch(/; use a template with the restricted security context on "default" and "default-init"/);
  });

  test('the name-matched entry on v1.14.0: the name-clash error naming default-init, primary-init and v1.15.1', () => {
    const e = refuse({ ...PLAIN, template: false, flyteVersion: 'v1.14.0', allowPtrace: true,
      podTemplateSpec: userTemplate([restricted('default-init'), { name: 'flyte-copilot-downloader', image: 'noop', ...env }]) });
    expect(e.prop).toBe('podTemplateSpec.initContainers[1].name');
    expect(e.message).toMatch(/"flyte-copilot-downloader" is not allowed: Flyte v1\.14\.0 merges template initContainers only through "default-init" and "primary-init".*v1\.15\.1, PR #6262/);
    expect(e.allowed).toMatch(/"default-init" entry .* or "primary-init" \(the primary init container: the copilot downloader\), or Flyte >= v1\.15\.1/);
  });
});

describe('CopilotPod containers, args and storage', () => {
  test('copilot containers as upstream builds them: command, args, resources, mounts', () => {
    const { c } = build({ inputs: ['x'], outputs: ['y'] });
    const down = c('flyte-copilot-downloader');
    expect(down.command).toEqual(['/bin/flyte-copilot', '--storage.limits.maxDownloadMBs=0', '--logger.level=3', '--storage.container=flyte-data',
      '--storage.type=s3', '--storage.connection.secret-key=$(FLYTE_STORAGE_SECRET_KEY)', '--storage.connection.access-key=$(FLYTE_STORAGE_ACCESS_KEY)',
      '--storage.connection.auth-type=accesskey', '--storage.connection.region=us-east-1', '--storage.connection.endpoint=https://minio.flyte.svc:9000']);
    // VariableMap { x: STRING } in protobuf wire format.
    expect(Buffer.from(down.args[down.args.length - 1], 'base64')).toEqual(Buffer.from([0x0a, 0x09, 0x0a, 0x01, 0x78, 0x12, 0x04, 0x0a, 0x02, 0x08, 0x03]));
    expect(down.args.slice(0, 9)).toEqual(['download', '--from-remote', 's3://flyte-data/copilot-preview/flyte/copilot-task/inputs.pb',
      '--to-output-prefix', 's3://flyte-data/copilot-preview/flyte/copilot-task/outputs', '--to-local-dir', '/var/flyte/inputs', '--format', 'JSON']);
    expect(down).toMatchObject({ workingDir: '/', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'FallbackToLogsOnError',
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } } });
    const up = c('flyte-copilot-uploader');
    expect(up.args.slice(0, 9)).toEqual(['sidecar', '--timeout', '1h0m0s', '--to-raw-output', 's3://flyte-data/copilot-preview/flyte/copilot-task/raw',
      '--to-output-prefix', 's3://flyte-data/copilot-preview/flyte/copilot-task/outputs', '--from-local-dir', '/var/flyte/outputs']);
    // TypedInterface { inputs: { x }, outputs: { y } }.
    expect(Buffer.from(up.args[10], 'base64')).toEqual(Buffer.from([0x0a, 0x0b, 0x0a, 0x09, 0x0a, 0x01, 0x78, 0x12, 0x04, 0x0a, 0x02, 0x08, 0x03,
      0x12, 0x0b, 0x0a, 0x09, 0x0a, 0x01, 0x79, 0x12, 0x04, 0x0a, 0x02, 0x08, 0x03]));
  });

  test('credentials come from the Secret through env, and every $(VAR) of a container is defined in it', () => {
    const { spec } = build();
    for (const container of spec.initContainers) {
      const refs = [...JSON.stringify([container.command, container.args]).matchAll(/\$\(([A-Z_]+)\)/g)].map((m) => m[1]);
      expect(refs.sort()).toEqual(['FLYTE_STORAGE_ACCESS_KEY', 'FLYTE_STORAGE_SECRET_KEY']);
      for (const name of refs) {
        expect(container.env.find((e: any) => e.name === name).valueFrom.secretKeyRef.name).toBe('minio-creds');
      }
      expect(container.env.every((e: any) => e.value === undefined)).toBe(true);
    }
  });

  test('IAM: no keys and no env', () => {
    const iam = ObjectStore.s3({ bucket: 'flyte-data', endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', trust: Trust.caFromConfigMapName('my-cert-bundle') });
    const { c, copilot } = build({ objectStore: iam }, ['ConfigMap/flyte/my-cert-bundle']);
    expect(copilot.objectStore).toBe(iam);
    const down = c('flyte-copilot-downloader');
    expect(down.command).toEqual(expect.arrayContaining(['--storage.connection.auth-type=iam', '--storage.connection.region=eu-west-1']));
    // No credential flag at all (an empty one would be the same config, and reads as a forgotten key).
    expect(down.command.filter((a: string) => /--storage\.connection\.(access|secret)-key/.test(a))).toEqual([]);
    expect(down.env).toBeUndefined();
  });

  test('the task container: image, command, resources and both data mounts; Never restarts', () => {
    const { c, spec } = build({ resources: { requests: { cpu: '1', memory: '1Gi' } }, inputPath: '/in', outputPath: '/out/' });
    expect(c('copilot-task')).toMatchObject({ ...TASK, resources: { requests: { cpu: '1', memory: '1Gi' } },
      volumeMounts: [{ name: 'flyte-inputs', mountPath: '/in' }, { name: 'flyte-outputs', mountPath: '/out' }] });
    expect(c('flyte-copilot-downloader').args).toContain('/in');
    expect(c('flyte-copilot-uploader').args).toContain('/out');
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.terminationGracePeriodSeconds).toBe(3600);
  });

  test('outputs only: no downloader and no inputs volume; inputs only: no uploader and no grace period', () => {
    const outputsOnly = build({ inputs: [] });
    expect(outputsOnly.spec.initContainers.map((x: any) => x.name)).toEqual(['flyte-copilot-uploader']);
    expect(outputsOnly.spec.volumes.map((v: any) => v.name)).toEqual(['flyte-storage-ca', 'flyte-outputs']);
    const inputsOnly = build({ outputs: [] });
    expect(inputsOnly.spec.initContainers.map((x: any) => x.name)).toEqual(['flyte-copilot-downloader']);
    expect(inputsOnly.spec.terminationGracePeriodSeconds).toBeUndefined();
    expect(inputsOnly.copilot.containerNames).toEqual({ primary: 'copilot-task', downloader: 'flyte-copilot-downloader', uploader: undefined });
  });

  test('Trust.caPem: the ConfigMap the template makes is the one copilot mounts', () => {
    const { spec, c } = build({ template: { objectStore: ObjectStore.s3({ ...STORE_OPTIONS, trust: Trust.caPem(PEM) }) } }, ['Secret/flyte/minio-creds']);
    expect(spec.volumes).toContainEqual({ name: 'flyte-storage-ca', configMap: { name: 'flyte-template-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
    expect(c('flyte-copilot-downloader').volumeMounts).toContainEqual(CA_MOUNT);
  });

  test('namespace, name and copilot image follow the template unless given', () => {
    const { pod, c } = build({ template: { objectStore: CA_STORE, namespace: 'flyte-system', copilotImage: 'mirror.local/copilot:1' }, name: 'smoke' },
      ['ConfigMap/flyte-system/my-cert-bundle', 'Secret/flyte-system/minio-creds']);
    expect(pod.metadata).toMatchObject({ name: 'smoke', namespace: 'flyte-system' });
    expect(c('smoke').image).toBe(TASK.image);
    expect(c('flyte-copilot-uploader').image).toBe('mirror.local/copilot:1');
  });
});

describe('CopilotPod refusals', () => {
  test('no template: copilot containers carry no security context upstream', () => {
    const e = refuse({ ...PLAIN, template: false });
    expect(e.message).toMatch(/podTemplate \(unset\) is not allowed: the pod Flyte builds with it is not Pod Security restricted: .*flyte-copilot-uploader.*default-init/);
  });

  test('a user template that does not bring the CA to copilot', () => {
    const e = refuse({ template: false, objectStore: CA_STORE, podTemplateSpec: userTemplate([restricted('default-init')]) });
    expect(e.message).toMatch(/podTemplateSpec "PodTemplateSpec" is not allowed: copilot container "flyte-copilot-downloader" would not trust the object store: no volume of Trust\.caFromConfigMapName\("my-cert-bundle", "ca\.crt"\)/);
    expect(e.allowed).toMatch(/"default-init" entry/);
  });

  test('a user template with the CA in its own way (SSL_CERT_DIR) is accepted', () => {
    const mount = { name: 'ca', mountPath: '/etc/store-ca', readOnly: true };
    const template = userTemplate([restricted('default-init', { volumeMounts: [mount], env: [{ name: 'SSL_CERT_DIR', value: '/etc/ssl/certs:/etc/store-ca' }] })]);
    const { c } = build({ template: false, objectStore: CA_STORE, podTemplateSpec: { ...template, spec: { ...template.spec!, volumes: [{ name: 'ca', configMap: { name: 'my-cert-bundle' } }] } } });
    expect(c('flyte-copilot-downloader').volumeMounts).toContainEqual(mount);
  });

  test('a CA mounted where Go reads no trust (and no SSL_CERT_DIR pointing at it) is refused', () => {
    const template = userTemplate([restricted('default-init', { volumeMounts: [{ name: 'ca', mountPath: '/etc/store-ca' }] })]);
    const e = refuse({ template: false, objectStore: CA_STORE, podTemplateSpec: { spec: { ...template.spec!, volumes: [{ name: 'ca', configMap: { name: 'my-cert-bundle' } }] } } });
    expect(e.message).toMatch(/copilot container "flyte-copilot-downloader" would not trust the object store/);
  });

  test('a template mount without a volume names the mount and the container', () => {
    const e = refuse({ template: false, objectStore: CA_STORE, podTemplateSpec: userTemplate([restricted('default-init', { volumeMounts: [{ name: 'ca', mountPath: '/etc/ssl/certs/ca.pem' }] })]) });
    expect(e.message).toMatch(/API server would reject .*container "flyte-copilot-uploader" mounts volume "ca", which the pod does not define/);
  });

  test('a template mount on a path copilot uses: two mounts on one path', () => {
    const template = userTemplate([restricted('default-init', { volumeMounts: [{ name: 'x', mountPath: '/var/flyte/inputs' }] })]);
    const e = refuse({ ...PLAIN, template: false, podTemplateSpec: { spec: { ...template.spec!, volumes: [{ name: 'x', emptyDir: {} }] } } });
    expect(e.message).toMatch(/container "flyte-copilot-downloader" mounts two volumes at "\/var\/flyte\/inputs"/);
  });

  test('a template volume named like copilot\'s: two volumes with one name', () => {
    const template = userTemplate([restricted('default-init')]);
    const e = refuse({ ...PLAIN, template: false, podTemplateSpec: { spec: { ...template.spec!, volumes: [{ name: 'flyte-outputs', emptyDir: {} }] } } });
    expect(e.message).toMatch(/volume name "flyte-outputs" is used twice in the pod/);
  });

  const rows: [object, string, RegExp][] = [
    [PLAIN, 'objectStore', /the FlytePodTemplate is made for a store over HTTPS .*and copilot's TLS setting and CA mount follow it; use no objectStore prop/],
    [{ objectStore: ObjectStore.s3({ bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000' }) }, 'objectStore',
      /the FlytePodTemplate is made for a store verified with Trust\.caFromConfigMapName\("my-cert-bundle", "ca\.crt"\), and its CA mount follows that; use no objectStore prop/],
    [{ flyteVersion: 'v1.16.7' }, 'flyteVersion', /the FlytePodTemplate is made for Flyte v1\.16\.8/],
    [{ kubernetesVersion: '1.28' }, 'kubernetesVersion', /native sidecar .*only from 1\.29/],
    [{ kubernetesVersion: 'latest' }, 'kubernetesVersion', /not a Kubernetes version/],
    [{ inputs: [], outputs: [] }, 'outputs', /neither inputs nor outputs/],
    [{ inputs: ['a', 'a'] }, 'inputs', /not a list of distinct variable names/],
    [{ inputPath: 'relative' }, 'inputPath', /not an absolute path/],
    [{ outputPath: '/var/flyte/inputs' }, 'outputPath', /it is the inputPath/],
    [{ image: '' }, 'image', /not an image reference/],
    [{ name: 'Task' }, 'name', /not a DNS-1123 label/],
    [{ resources: { limits: { memory: 'big' } } }, 'resources.limits.memory', /not a Kubernetes quantity/],
  ];
  test.each(rows.map(([props, prop, pattern]) => [prop, props, pattern] as const))('refuses a bad %s (case %#)', (prop, props, pattern) => {
    const e = refuse(props as Props);
    expect(e.prop).toBe(prop);
    expect(e.message).toMatch(pattern);
  });

  test('Trust.caPem needs a FlytePodTemplate', () => {
    const e = refuse({ template: false, objectStore: ObjectStore.s3({ ...STORE_OPTIONS, trust: Trust.caPem(PEM) }), podTemplateSpec: userTemplate([restricted('default-init')]) });
    expect(e.prop).toBe('objectStore.trust');
  });

  test('without a FlytePodTemplate an objectStore is required', () => {
    const e = refuse({ template: false });
    expect(e.prop).toBe('objectStore');
    expect(e.message).toMatch(/objectStore \(unset\) is not allowed: copilot needs the object store, and only a FlytePodTemplate carries one/);
  });

  test('kubernetes 1.28 is fine when there is no uploader (no native sidecar)', () => {
    expect(build({ kubernetesVersion: '1.28', outputs: [] }).spec.initContainers).toHaveLength(1);
  });

  test('after a refusal, a later synth of the app emits no Pod', () => {
    const chart = new Chart(testApp(), 'c');
    const template = new FlytePodTemplate(chart, 'template', { objectStore: CA_STORE });
    expect(() => new CopilotPod(chart, 'bad', { podTemplate: template, ...TASK, objectStore: ObjectStore.s3({ ...STORE_OPTIONS, endpoint: 'http://x:9000' }) })).toThrow(ValidationError);
    expect(chart.node.tryFindChild('bad')).toBeUndefined();
    expect(synth(chart).filter((o) => o.kind === 'Pod')).toEqual([]);
  });
});

describe('the object store', () => {
  const copilotContainers = (r: ReturnType<typeof build>) => ['flyte-copilot-downloader', 'flyte-copilot-uploader'].map((name) => r.c(name));

  test('the endpoint\'s scheme is the TLS setting: http:// reaches copilot as given, with no CA volume or mount', () => {
    const r = build({ template: { objectStore: PLAIN.objectStore } }, ['Secret/flyte/minio-creds']);
    for (const container of copilotContainers(r)) {
      expect(container.command).toContain('--storage.connection.endpoint=http://minio.flyte.svc:9000');
      expect((container.volumeMounts ?? []).map((m: any) => m.name)).not.toContain('flyte-storage-ca');
    }
    expect(r.spec.volumes.map((v: any) => v.name)).not.toContain('flyte-storage-ca');
    expect(r.copilot.objectStore.tlsEnabled).toBe(false);
  });

  test('https:// with the system roots: no CA volume; https:// with a CA trust: the CA on every copilot container', () => {
    const systemRoots = build({ template: { objectStore: ObjectStore.s3(STORE_OPTIONS) } }, ['Secret/flyte/minio-creds']);
    expect(systemRoots.spec.volumes.map((v: any) => v.name)).not.toContain('flyte-storage-ca');
    const ca = build();
    for (const container of copilotContainers(ca)) {
      expect(container.command).toContain('--storage.connection.endpoint=https://minio.flyte.svc:9000');
      expect(container.volumeMounts).toContainEqual(CA_MOUNT);
    }
  });

  test('no endpoint: the provider\'s HTTPS endpoint (no endpoint flag), so a CA trust is mounted', () => {
    const store = ObjectStore.s3({ bucket: 'flyte-data', trust: Trust.caFromConfigMapName('my-cert-bundle') });
    const r = build({ template: { objectStore: store } }, ['ConfigMap/flyte/my-cert-bundle']);
    for (const container of copilotContainers(r)) {
      expect(container.command.some((a: string) => a.startsWith('--storage.connection.endpoint'))).toBe(false);
      expect(container.volumeMounts).toContainEqual(CA_MOUNT);
    }
  });

  test('ObjectStore.minio sets storage.type=minio', () => {
    const r = build({ template: { objectStore: ObjectStore.minio({ ...STORE_OPTIONS, trust: Trust.caFromConfigMapName('my-cert-bundle') }) } });
    expect(r.c('flyte-copilot-downloader').command).toContain('--storage.type=minio');
  });

  // What used to be refused on the CopilotPod's storage prop is refused by the ObjectStore factory.
  const rows: [string, () => ObjectStore, string, RegExp][] = [
    ['ObjectStore.s3', () => ObjectStore.s3({ ...STORE_OPTIONS, endpoint: 'http://minio.flyte.svc:9000', trust: Trust.caFromConfigMapName('my-cert-bundle') }), 'trust',
      /trust Trust\.caFromConfigMapName\("my-cert-bundle", "ca\.crt"\) is not allowed: the store is reached over plain HTTP \(http:\/\/minio\.flyte\.svc:9000\): there is no certificate to verify with a CA; use an https:\/\/ endpoint/],
    ['ObjectStore.s3', () => ObjectStore.s3({ ...STORE_OPTIONS, trust: Trust.skipVerify() }), 'trust', /Trust\.skipVerify\(\) is not allowed: Flyte's storage clients have no skip-verify switch/],
    ['ObjectStore.minio', () => ObjectStore.minio({ ...STORE_OPTIONS, trust: Trust.skipVerify() }), 'trust', /no skip-verify switch/],
    ['ObjectStore.s3', () => ObjectStore.s3({ ...STORE_OPTIONS, endpoint: 'minio:9000' }), 'endpoint', /not an http\(s\) URL/],
    ['ObjectStore.s3', () => ObjectStore.s3({ ...STORE_OPTIONS, endpoint: 'https://user:pw@minio:9000' }), 'endpoint', /"https:\/\/\*\*\*@minio:9000" is not allowed: credentials in a URL/],
    ['ObjectStore.s3', () => ObjectStore.s3({ ...STORE_OPTIONS, bucket: 'Flyte_Data' }), 'bucket', /not a bucket name/],
    ['ObjectStore.s3', () => ObjectStore.s3({ ...STORE_OPTIONS, region: 'EU West' }), 'region', /not a region name/],
    ['ObjectStore.s3', () => ObjectStore.s3({ ...STORE_OPTIONS, credentials: { secret: secret('creds'), accessKeyKey: '../x' } }), 'credentials.accessKeyKey', /not a valid Secret\/ConfigMap key/],
    ['ObjectStore.s3', () => ObjectStore.s3({ ...STORE_OPTIONS, credentials: { secret: secret('Creds_1') } }), 'credentials.secret.name', /not a DNS-1123 subdomain/],
  ];
  test.each(rows)('%s refuses a bad %#', (factory, make, prop, pattern) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect({ path: e.path, prop: e.prop }).toEqual({ path: factory, prop });
    expect(e.message.startsWith(`${factory}: ${prop} `)).toBe(true);
    expect(e.message).toMatch(pattern);
  });

  test('ObjectStore.minio needs an endpoint (MinIO has no provider default)', () => {
    let error: unknown;
    try {
      ObjectStore.minio({ bucket: 'flyte-data' } as any);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    // Required and type checks name the field under `options.`, value checks by its own name.
    expect((error as ValidationError).prop).toMatch(/^(options\.)?endpoint$/);
    expect((error as Error).message).toMatch(/^ObjectStore\.minio: (options\.)?endpoint \(unset\) is not allowed: /);
  });
});

describe('documented defaults', () => {
  const { copilot, pod, c } = build({ template: false, ...PLAIN, podTemplateSpec: userTemplate([restricted('default-init')]) }, ['Secret/flyte/minio-creds']);
  // The default names are seen by building the same pod with them spelled out: copilot's args encode the names.
  const named = build({ template: false, ...PLAIN, podTemplateSpec: userTemplate([restricted('default-init')]), inputs: ['input'], outputs: ['output'] }, ['Secret/flyte/minio-creds']);
  const sameArgs = (container: string) => JSON.stringify(c(container)?.args) === JSON.stringify(named.c(container)?.args) && c(container) !== undefined;
  const flag = (name: string) => c('flyte-copilot-downloader').command.find((a: string) => a.startsWith(`--storage.${name}=`)).split('=')[1];
  const secretKey = (env: string) => c('flyte-copilot-downloader').env.find((e: any) => e.name === env).valueFrom.secretKeyRef.key;
  const cases: [string, string, { [prop: string]: () => string }][] = [
    ['lib/flyte/copilot/copilot-pod.ts', 'CopilotPodProps', {
      kubernetesVersion: () => `'${copilot.kubernetesVersion.major}.${copilot.kubernetesVersion.minor}'`,
      inputs: () => (sameArgs('flyte-copilot-downloader') ? "['input']" : 'other names'),
      outputs: () => (sameArgs('flyte-copilot-uploader') ? "['output']" : 'other names'),
      inputPath: () => `'${c('copilot-task').volumeMounts.find((m: any) => m.name === 'flyte-inputs').mountPath}'`,
      outputPath: () => `'${c('copilot-task').volumeMounts.find((m: any) => m.name === 'flyte-outputs').mountPath}'`,
      allowPtrace: () => String(copilot.podSecurityExceptions.length > 0),
      name: () => `'${pod.metadata.name}'`,
    }],
    ['lib/storage/object-store.ts', 'ObjectStoreOptions', {
      trust: () => String(copilot.objectStore.trust),
    }],
    ['lib/storage/object-store.ts', 'ObjectStoreCredentials', {
      accessKeyKey: () => `'${secretKey('FLYTE_STORAGE_ACCESS_KEY')}'`,
      secretKeyKey: () => `'${secretKey('FLYTE_STORAGE_SECRET_KEY')}'`,
    }],
  ];
  describe.each(cases)('%s %s', (file, iface, observed) => {
    const defaults = documentedDefaults(file, iface);
    test('every literal @default is checked', () => expect([...defaults.keys()].sort()).toEqual(Object.keys(observed).sort()));
    test.each(Object.keys(observed))('%s', (prop) => expect(observed[prop]()).toBe(defaults.get(prop)));
  });

  test('copilot\'s region defaults to us-east-1, as ObjectStoreOptions.region documents', () => {
    expect(flag('connection.region')).toBe('us-east-1');
    expect(fs.readFileSync(path.join(__dirname, '../../../lib/storage/object-store.ts'), 'utf8')).toMatch(/@default - Admin: .*; copilot: 'us-east-1'/);
  });
});

test('the merged JSON turns back into the typed spec without losing quantities or int-or-string ports', () => {
  const spec = {
    overhead: { cpu: '10m' },
    volumes: [{ name: 'v', emptyDir: { sizeLimit: '1Gi' } }],
    containers: [{
      name: 'a', image: 'i', ports: [{ containerPort: 8080 }],
      resources: { limits: { cpu: '500m', memory: 1024 }, requests: { cpu: '1' } },
      livenessProbe: { httpGet: { port: 'http', path: '/' } }, readinessProbe: { tcpSocket: { port: 8080 } },
      env: [{ name: 'L', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } }],
    }],
  };
  expect(k8s.toJson_PodSpec(typedPodSpec(spec))).toEqual(spec);
});

describe('the example app charts', () => {
  test('copilot-template and copilot-task synthesize valid, restricted, and share no object', () => {
    const template = synth(copilotTemplateStack(testApp()));
    const task = synth(copilotTaskStack(testApp()));
    expectValid(template, { external: ['ConfigMap/flyte/my-cert-bundle'] });
    expectValid(task, { external: ['ConfigMap/flyte/my-cert-bundle', 'Secret/flyte/flyte-storage'] });
    expect(template.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'PodTemplate']);
    expect(task.map((o) => o.kind)).toEqual(['Pod']);
    const pod = only(task, 'Pod');
    expect(pod.spec.initContainers.map((c: any) => c.name)).toEqual(['flyte-copilot-uploader', 'flyte-copilot-downloader']);
    // The task pod carries exactly what the template chart's default-init entry brings.
    const defaultInit = only(template, 'PodTemplate').template.spec.initContainers[0];
    for (const c of pod.spec.initContainers) {
      expect(c.securityContext).toEqual(defaultInit.securityContext);
      expect(c.volumeMounts).toEqual(expect.arrayContaining(defaultInit.volumeMounts));
    }
  });
});

describe('an inline CA and the namespaces tasks run in', () => {
  const pemStore = ObjectStore.s3({ ...STORE_OPTIONS, trust: Trust.caPem(PEM) });

  test('the ConfigMap is emitted into every task namespace, with only the CA key projected', () => {
    const chart = testChart();
    const template = new FlytePodTemplate(chart, 'template', { objectStore: pemStore, taskNamespaces: ['flytesnacks-development', 'flytesnacks-production'] });
    new CopilotPod(chart, 'task', { podTemplate: template, ...TASK, namespace: 'flytesnacks-development' });
    const objects = synth(chart);
    expectValid(objects, { external: ['Secret/flytesnacks-development/minio-creds'] });
    const cms = objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'flyte-template-ca').map((o) => o.metadata.namespace).sort();
    expect(cms).toEqual(['flyte', 'flytesnacks-development', 'flytesnacks-production']);
  });

  test('a task pod in a namespace without the CA ConfigMap is refused', () => {
    const chart = testChart();
    const template = new FlytePodTemplate(chart, 'template', { objectStore: pemStore });
    const e = refusal(() => new CopilotPod(chart, 'task', { podTemplate: template, ...TASK, namespace: 'flytesnacks-development' }));
    expect(e.prop).toBe('namespace');
    expect(e.message).toMatch(/namespace "flytesnacks-development" is not allowed: the template's inline CA \(Trust\.caPem\) is a ConfigMap only in flyte.*; use a namespace the FlytePodTemplate lists in taskNamespaces/);
  });

  test('the CA volume of a store whose CA is its cert-manager Secret\'s ca.crt never projects the serving key', () => {
    const chart = testChart();
    new FlytePodTemplate(chart, 'template', { objectStore: ObjectStore.s3({ ...STORE_OPTIONS, trust: Trust.caFromSecretName('minio-tls', 'ca.crt') }) });
    const volume = only(synth(chart), 'PodTemplate').template.spec.volumes.find((v: any) => v.name === 'flyte-storage-ca');
    expect(volume.secret).toEqual({ secretName: 'minio-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }] });
  });
});
