import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { parse } from 'yaml';
import { FlytePodTemplate, FlytePodTemplateProps, ObjectStore, Trust, ValidationError } from '../../../lib';
import { restrictedContainerSecurityContext } from '../../../lib/security/security-context';
import { documentedDefaults } from '../../support/documented-defaults';
import { expectValid, only, synth, testApp, testChart } from '../../support/harness';

const PEM = fs.readFileSync(path.join(__dirname, '../../support/fixtures/ca.crt.pem'), 'utf8');
const CA_MOUNT = { name: 'flyte-storage-ca', mountPath: '/etc/ssl/certs/flyte-storage-ca.pem', readOnly: true };
const HTTPS = { bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000' };
/** An https:// store verified with `trust` (the system roots by default). */
const https = (trust?: Trust) => ObjectStore.s3({ ...HTTPS, trust });
/** An http:// store: TLS off. */
const PLAIN = ObjectStore.s3({ ...HTTPS, endpoint: 'http://minio.flyte.svc:9000' });
const CA = https(Trust.caFromConfigMapName('my-cert-bundle'));

function build(props: FlytePodTemplateProps, external: string[] = []) {
  const chart = testChart();
  const template = new FlytePodTemplate(chart, 'template', props);
  const objects = synth(chart);
  expectValid(objects, { external });
  const podTemplate = only(objects, 'PodTemplate');
  const spec = podTemplate.template.spec;
  return {
    template, objects, podTemplate, spec,
    entry: (name: string) => [...spec.containers, ...(spec.initContainers ?? [])].find((c: any) => c.name === name),
    fragment: parse(only(objects, 'ConfigMap', `${template.name}-propeller-config`).data['pod-template.yaml']),
  };
}

// The case names are those of the TLS modes these stores replaced (they key the snapshots, whose
// manifests are unchanged): disabled = an http:// store; fromSecret + <trust> = an https:// store
// verified with that trust; certManager's issued CA = the ca.crt of the store's cert-manager Secret.
const MODES = [
  { name: 'disabled', store: PLAIN, volume: undefined, key: undefined, external: [] },
  { name: 'fromSecret + systemRoots', store: https(), volume: undefined, key: undefined, external: [] },
  { name: 'fromSecret + caFromConfigMap', store: https(Trust.caFromConfigMapName('my-cert-bundle')),
    volume: { name: 'flyte-storage-ca', configMap: { name: 'my-cert-bundle', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, key: 'ca.crt', external: ['ConfigMap/flyte/my-cert-bundle'] },
  { name: 'fromSecret + caFromSecret', store: https(Trust.caFromSecretName('store-ca', 'bundle.pem')),
    volume: { name: 'flyte-storage-ca', secret: { secretName: 'store-ca', items: [{ key: 'bundle.pem', path: 'bundle.pem' }] } }, key: 'bundle.pem', external: ['Secret/flyte/store-ca'] },
  { name: 'certManager (issued ca.crt)', store: https(Trust.caFromSecretName('minio-tls', 'ca.crt')),
    volume: { name: 'flyte-storage-ca', secret: { secretName: 'minio-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, key: 'ca.crt', external: ['Secret/flyte/minio-tls'] },
  { name: 'fromSecret + caPem', store: https(Trust.caPem(PEM)),
    volume: { name: 'flyte-storage-ca', configMap: { name: 'flyte-template-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, key: 'ca.crt', external: [] },
];

describe.each(MODES)('FlytePodTemplate, $name', (mode) => {
  test('manifest snapshot', () => {
    expect(build({ objectStore: mode.store }, mode.external).objects).toMatchSnapshot();
  });

  test('a "default" and a "default-init" entry with an image and the restricted context', () => {
    const { spec, entry } = build({ objectStore: mode.store }, mode.external);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['default']);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['default-init']);
    const restricted = JSON.parse(JSON.stringify(restrictedContainerSecurityContext({ user: 65534 }, { readOnlyRootFilesystem: false })));
    for (const name of ['default', 'default-init']) {
      expect(entry(name).image).toBe('docker.io/rwgrim/docker-noop');
      expect(entry(name).securityContext).toEqual(restricted);
    }
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } });
  });

  test(mode.volume ? 'the CA volume, mounted read-only as one file into default-init (v1.16: the only copilot entry)' : 'no CA volume or mount', () => {
    const { spec, entry, template } = build({ objectStore: mode.store }, mode.external);
    expect(template.objectStore).toBe(mode.store);
    if (mode.volume) {
      expect(spec.volumes).toEqual([mode.volume]);
      expect(entry('default-init').volumeMounts).toEqual([{ ...CA_MOUNT, subPath: mode.key }]);
      expect(template.caEntries).toEqual(['default-init']);
    } else {
      expect(spec.volumes).toBeUndefined();
      expect(entry('default-init').volumeMounts).toBeUndefined();
      expect(template.caTrust).toBeUndefined();
    }
    expect(entry('default').volumeMounts).toBeUndefined();
  });

  test('the propeller fragment points at the template and sets the copilot prefix and image', () => {
    const { fragment } = build({ objectStore: mode.store }, mode.external);
    expect(fragment).toEqual({ plugins: { k8s: {
      'default-pod-template-name': 'flyte-template',
      'co-pilot': { name: 'flyte-copilot-', image: 'cr.flyte.org/flyteorg/flytecopilot:v1.16.8' },
    } } });
  });
});

describe('FlytePodTemplate details', () => {
  const external = ['ConfigMap/flyte/my-cert-bundle'];

  test.each(['v1.14.0', 'v1.15.0', 'v1.15.3'])('%s: the uploader is a regular container, so "default" carries the CA too', (flyteVersion) => {
    const { entry, template } = build({ objectStore: CA, flyteVersion }, external);
    expect(entry('default').volumeMounts).toEqual([{ ...CA_MOUNT, subPath: 'ca.crt' }]);
    expect(entry('default-init').volumeMounts).toEqual([{ ...CA_MOUNT, subPath: 'ca.crt' }]);
    expect(template.caEntries).toEqual(['default-init', 'default']);
  });

  test('before v1.14.0 there are no init-container templates: no initContainers (Flyte would run them)', () => {
    const { spec } = build({ objectStore: PLAIN, flyteVersion: '1.13.3' });
    expect(spec.initContainers).toBeUndefined();
    expect(spec.containers.map((c: any) => c.name)).toEqual(['default']);
  });

  test('Trust.caPem: a ConfigMap with the bundle beside the template', () => {
    const { objects, template } = build({ objectStore: https(Trust.caPem(PEM)), name: 'tasks' });
    expect(only(objects, 'ConfigMap', 'tasks-ca').data).toEqual({ 'ca.crt': `${PEM.trim()}\n` });
    expect(template.caConfigMapName).toBe('tasks-ca');
  });

  test('name, namespace, version, copilot image and runAsUser', () => {
    const { podTemplate, fragment, spec, entry } = build({ objectStore: PLAIN, name: 'restricted', namespace: 'flyte-system', flyteVersion: '1.15.3', runAsUser: 1001 });
    expect(podTemplate.metadata).toMatchObject({ name: 'restricted', namespace: 'flyte-system' });
    expect(fragment.plugins.k8s).toEqual({ 'default-pod-template-name': 'restricted', 'co-pilot': { name: 'flyte-copilot-', image: 'cr.flyte.org/flyteorg/flytecopilot:v1.15.3' } });
    expect(spec.securityContext.runAsUser).toBe(1001);
    expect(entry('default').securityContext.runAsUser).toBe(1001);
    const mirrored = build({ objectStore: PLAIN, copilotImage: 'mirror.local/flytecopilot:v1.16.8-patched' });
    expect(mirrored.fragment.plugins.k8s['co-pilot'].image).toBe('mirror.local/flytecopilot:v1.16.8-patched');
  });

  test('resources go to both entries; extra volumes and mounts to the pod and both entries', () => {
    const { spec, entry } = build({
      objectStore: CA, resources: { requests: { cpu: '100m', memory: '64Mi' } },
      extraVolumes: [{ name: 'scratch', emptyDir: {} }], extraVolumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
    }, external);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['flyte-storage-ca', 'scratch']);
    for (const name of ['default', 'default-init']) {
      expect(entry(name).resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' } });
      expect(entry(name).volumeMounts).toContainEqual({ name: 'scratch', mountPath: '/scratch' });
    }
  });
});

describe('FlytePodTemplate refusals', () => {
  const refuse = (props: any, prop: string, pattern: RegExp) => {
    const chart = testChart();
    let error: unknown;
    try {
      new FlytePodTemplate(chart, 'template', props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).prop).toBe(prop);
    expect((error as Error).message).toMatch(/^test\/template: /);
    expect((error as Error).message).toMatch(pattern);
    expect(chart.node.tryFindChild('template')).toBeUndefined();
  };
  test('Trust.skipVerify(): the store is refused by ObjectStore (copilot has no skip-verify switch)', () => {
    let error: unknown;
    try {
      https(Trust.skipVerify());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('ObjectStore.s3');
    expect((error as ValidationError).prop).toBe('trust');
    expect((error as Error).message).toMatch(/^ObjectStore\.s3: trust Trust\.skipVerify\(\) is not allowed: Flyte's storage clients have no skip-verify switch.*; use Trust\.caFromSecret, Trust\.caFromConfigMap \(or their …Name forms\) or Trust\.caPem/);
  });

  test('a CA trust before v1.14.0: no init-container templates, so no CA reaches the downloader', () => {
    refuse({ objectStore: CA, flyteVersion: 'v1.13.3' }, 'flyteVersion',
      /flyteVersion "v1\.13\.3" is not allowed: Flyte v1\.13\.3 has no init-container templates \(default-init arrived in v1\.14\.0, PR #5750\), so no CA can reach the copilot downloader; use flyteVersion >= v1\.14\.0/);
  });

  test.each([
    [{ objectStore: undefined }, 'objectStore', /objectStore \(unset\) is not allowed: /],
    [{ objectStore: { bucket: 'flyte-data' } }, 'objectStore', /objectStore .* is not allowed: .*ObjectStore\.s3\(\{ bucket, \.\.\. \}\)/],
    [{ flyteVersion: '1.9.4' }, 'flyteVersion', /older than v1\.10\.0/],
    [{ name: 'Flyte_Template' }, 'name', /not a DNS-1123 subdomain/],
    [{ namespace: 'a.b' }, 'namespace', /not a DNS-1123 label/],
    [{ runAsUser: 0 }, 'runAsUser', /runAsUser 0 is not allowed: restricted needs a non-root user/],
    [{ copilotImage: 'has space' }, 'copilotImage', /not an image reference/],
    [{ resources: { limits: { cpu: 'lots' } } }, 'resources.limits.cpu', /not a Kubernetes quantity/],
    [{ extraVolumes: [{ name: 'flyte-inputs', emptyDir: {} }] }, 'extraVolumes[0].name', /already has a volume of this name/],
    [{ extraVolumes: [{ name: 'flyte-storage-ca', emptyDir: {} }] }, 'extraVolumes[0].name', /already has a volume of this name/],
    [{ extraVolumeMounts: [{ name: 'missing', mountPath: '/m' }] }, 'extraVolumeMounts[0].name', /"missing" is not allowed: no volume of the template has this name/],
    [{ extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '/var/flyte/inputs' }] }, 'extraVolumeMounts[0].mountPath', /no other mount/],
    [{ extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '/etc/ssl/certs/flyte-storage-ca.pem' }] }, 'extraVolumeMounts[0].mountPath', /no other mount/],
  ])('refuses %j', (props, prop, pattern) => {
    refuse({ objectStore: CA, ...props }, prop, pattern);
  });

  test('after a refusal, a later synth of the app emits nothing half-built', () => {
    const chart = new Chart(testApp(), 'c');
    new FlytePodTemplate(chart, 'good', { objectStore: PLAIN });
    expect(() => new FlytePodTemplate(chart, 'bad', { objectStore: CA, flyteVersion: '1.13.3', name: 'bad' })).toThrow(ValidationError);
    expect(synth(chart).filter((o) => o.kind === 'PodTemplate').map((o) => o.metadata.name)).toEqual(['flyte-template']);
  });
});

describe('documented defaults of FlytePodTemplateProps', () => {
  const defaults = documentedDefaults('lib/flyte/copilot/flyte-pod-template-props.ts', 'FlytePodTemplateProps');
  const { podTemplate, template, spec } = build({ objectStore: PLAIN });
  const observed: { [prop: string]: () => string } = {
    name: () => `'${podTemplate.metadata.name}'`,
    namespace: () => `'${podTemplate.metadata.namespace}'`,
    flyteVersion: () => `'${template.flyteVersion.tag}'`,
    runAsUser: () => String(spec.securityContext.runAsUser),
  };
  test('every literal @default is checked', () => expect([...defaults.keys()].sort()).toEqual(Object.keys(observed).sort()));
  test.each(Object.keys(observed))('%s', (prop) => expect(observed[prop]()).toBe(defaults.get(prop)));
});
