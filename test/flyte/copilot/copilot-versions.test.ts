// The version matrix of CopilotPod + FlytePodTemplate: container names, sidecar style, SYS_PTRACE,
// init-container templates, name-matched merging and where the CA lands, per Flyte release.
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { checkRestricted, CopilotPod, CopilotPodProps, FlytePodTemplate, ObjectStore, Trust } from '../../../lib';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../../lib/security/security-context';
import { expectValid, only, refusalOf, synth, testChart } from '../../support/harness';
import { secret } from '../../support/refs';

const HTTPS = { bucket: 'flyte-data', endpoint: 'https://minio.flyte.svc:9000', credentials: { secret: secret('minio-creds') } };
/** HTTPS with a private CA from the ConfigMap `my-cert-bundle`. */
const CA_STORE = ObjectStore.s3({ ...HTTPS, trust: Trust.caFromConfigMapName('my-cert-bundle') });
/** Plain HTTP: no CA. */
const HTTP_STORE = ObjectStore.s3({ ...HTTPS, endpoint: 'http://minio.flyte.svc:9000' });
const EXTERNAL = ['ConfigMap/flyte/my-cert-bundle', 'Secret/flyte/minio-creds'];
const CA_MOUNT = { name: 'flyte-storage-ca', mountPath: '/etc/ssl/certs/flyte-storage-ca.pem', subPath: 'ca.crt', readOnly: true };

interface Row {
  readonly version: string;
  readonly uploader: string;
  readonly native: boolean;
  readonly initTemplates: boolean;
  readonly nameMatch: boolean;
  readonly timeoutFlag: string;
}
const MATRIX: Row[] = [
  { version: 'v1.13.3', uploader: 'flyte-copilot-sidecar', native: false, initTemplates: false, nameMatch: false, timeoutFlag: '--start-timeout' },
  { version: 'v1.14.0', uploader: 'flyte-copilot-uploader', native: false, initTemplates: true, nameMatch: false, timeoutFlag: '--start-timeout' },
  { version: 'v1.15.0', uploader: 'flyte-copilot-uploader', native: false, initTemplates: true, nameMatch: false, timeoutFlag: '--start-timeout' },
  { version: 'v1.15.3', uploader: 'flyte-copilot-uploader', native: false, initTemplates: true, nameMatch: true, timeoutFlag: '--start-timeout' },
  { version: 'v1.16.8', uploader: 'flyte-copilot-uploader', native: true, initTemplates: true, nameMatch: true, timeoutFlag: '--timeout' },
];

/** The store a version can serve copilot with: a CA needs init-container templates (v1.14.0). */
const storeFor = (row: Row) => (row.initTemplates ? CA_STORE : HTTP_STORE);

function build(row: Row, props: Partial<CopilotPodProps> = {}, podTemplate?: k8s.PodTemplateSpec) {
  const chart: Chart = testChart();
  const template = new FlytePodTemplate(chart, 'template', { objectStore: storeFor(row), flyteVersion: row.version });
  const copilot = new CopilotPod(chart, 'task', {
    podTemplate: podTemplate ? undefined : template, podTemplateSpec: podTemplate, objectStore: podTemplate ? storeFor(row) : undefined, flyteVersion: row.version,
    image: 'docker.io/library/alpine:3.20', allowPtrace: !row.native, inputs: row.initTemplates ? ['input'] : [], ...props,
  });
  const objects = synth(chart);
  expectValid(objects, { external: EXTERNAL, restricted: { skip: [...copilot.podSecurityExceptions] } });
  const pod = only(objects, 'Pod');
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  return { objects, copilot, spec: pod.spec, pod, c: (name: string) => all.find((x) => x.name === name) };
}

describe.each(MATRIX)('Flyte $version', (row) => {
  test('manifest snapshot', () => {
    expect(build(row).objects).toMatchSnapshot();
  });

  test(`the uploader is "${row.uploader}", ${row.native ? 'a native sidecar placed first among the init containers' : 'a regular container beside the task'}`, () => {
    const { spec, c } = build(row);
    if (row.native) {
      expect(spec.initContainers[0]).toMatchObject({ name: row.uploader, restartPolicy: 'Always' });
      expect(spec.containers.map((x: any) => x.name)).toEqual(['copilot-task']);
      expect(spec.terminationGracePeriodSeconds).toBe(3600);
    } else {
      expect(spec.containers.map((x: any) => x.name)).toEqual(['copilot-task', row.uploader]);
      expect(c(row.uploader).restartPolicy).toBeUndefined();
      expect(spec.terminationGracePeriodSeconds).toBeUndefined();
    }
    const args: string[] = c(row.uploader).args;
    expect(args.slice(0, 3)).toEqual(['sidecar', row.timeoutFlag, row.native ? '1h0m0s' : '1m40s']);
    expect(c(row.uploader).command.includes('--logger.level=3')).toBe(row.native);
  });

  if (row.native) {
    test('no SYS_PTRACE, no shareProcessNamespace, nothing to except from restricted', () => {
      const { objects, spec, copilot, pod } = build(row);
      expect(JSON.stringify(objects)).not.toContain('SYS_PTRACE');
      expect(spec.shareProcessNamespace).toBeUndefined();
      expect(copilot.podSecurityExceptions).toEqual([]);
      expect(pod.metadata.annotations).toBeUndefined();
      expect(checkRestricted(objects)).toEqual([]);
    });
  } else {
    test('SYS_PTRACE and shareProcessNamespace are refused without allowPtrace', () => {
      const chart = testChart();
      const template = new FlytePodTemplate(chart, 'template', { objectStore: storeFor(row), flyteVersion: row.version });
      const e = refusalOf(() => new CopilotPod(chart, 'task', { podTemplate: template, image: 'alpine' }));
      expect(e.prop).toBe('flyteVersion');
      expect(e.message).toBe(`test/task: flyteVersion "${row.version}" is not allowed: Flyte ${row.version} adds SYS_PTRACE to the task container and sets `
        + 'shareProcessNamespace for the copilot uploader, which Pod Security baseline and restricted refuse (Flyte v1.16.0 removed both, PR #6509); '
        + 'use flyteVersion >= v1.16.0, or allowPtrace: true for a pod that is knowingly not restricted');
    });

    test('with allowPtrace: SYS_PTRACE on the task only, shareProcessNamespace, and only the two capability checks fail', () => {
      const { objects, spec, c, copilot, pod } = build(row);
      expect(c('copilot-task').securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['SYS_PTRACE'] });
      expect(c(row.uploader).securityContext.capabilities).toEqual({ drop: ['ALL'] });
      expect(spec.shareProcessNamespace).toBe(true);
      expect(copilot.podSecurityExceptions).toEqual(['capabilities_baseline', 'capabilities_restricted']);
      expect(pod.metadata.annotations).toEqual({ 'cdk8s-tls-constructs/pod-security-exceptions': 'capabilities_baseline,capabilities_restricted' });
      expect(checkRestricted(objects).map((v) => [v.object, v.container, v.rule])).toEqual([
        ['Pod/flyte/copilot-task', 'copilot-task', 'capabilities_baseline'],
        ['Pod/flyte/copilot-task', 'copilot-task', 'capabilities_restricted'],
      ]);
    });
  }

  if (row.initTemplates) {
    test('init-container templates exist: the downloader is restricted through default-init and trusts the CA', () => {
      const { c, spec } = build(row);
      expect(spec.initContainers.filter((x: any) => x.name === 'flyte-copilot-downloader')).toHaveLength(1);
      expect(c('flyte-copilot-downloader').securityContext.allowPrivilegeEscalation).toBe(false);
      expect(c('flyte-copilot-downloader').volumeMounts).toContainEqual(CA_MOUNT);
    });

    test(`the CA lands in every copilot container${row.native ? ', not in the task container' : ', and through "default" in the task container too'}`, () => {
      const { c, copilot } = build(row);
      expect(c(row.uploader).volumeMounts).toContainEqual(CA_MOUNT);
      expect((c('copilot-task').volumeMounts ?? []).some((m: any) => m.name === 'flyte-storage-ca')).toBe(!row.native);
      expect(copilot.containerNames).toEqual({ primary: 'copilot-task', downloader: 'flyte-copilot-downloader', uploader: row.uploader });
    });

    test(`a template entry named "${row.uploader}" ${row.nameMatch ? 'merges into the uploader' : 'is refused: merged by name only from v1.15.1'}`, () => {
      const restrictedEntry = (name: string) => ({ name, image: 'noop', securityContext: restrictedContainerSecurityContext({ user: 1000 }, { readOnlyRootFilesystem: false }) });
      const extra = { name: row.uploader, image: 'noop', env: [{ name: 'EXTRA', value: '1' }] };
      const list = row.native ? 'initContainers' : 'containers';
      const template: k8s.PodTemplateSpec = {
        spec: {
          securityContext: restrictedPodSecurityContext({ user: 1000 }),
          volumes: [{ name: 'ca', configMap: { name: 'my-cert-bundle' } }],
          containers: [{ ...restrictedEntry('default'), volumeMounts: [{ name: 'ca', mountPath: '/etc/ssl/certs/store.pem', subPath: 'ca.crt' }] }, ...(list === 'containers' ? [extra] : [])],
          initContainers: [{ ...restrictedEntry('default-init'), volumeMounts: [{ name: 'ca', mountPath: '/etc/ssl/certs/store.pem', subPath: 'ca.crt' }] }, ...(list === 'initContainers' ? [extra] : [])],
        },
      };
      if (row.nameMatch) {
        expect(build(row, {}, template).c(row.uploader).env).toContainEqual({ name: 'EXTRA', value: '1' });
      } else {
        const e = refusalOf(() => build(row, {}, template));
        expect(e.prop).toBe(`podTemplateSpec.${list}[1].name`);
        expect(e.message).toContain(`Flyte ${row.version} merges template ${list} only through`);
        expect(e.message).toContain('v1.15.1, PR #6262');
      }
    });
  } else {
    test('no init-container templates: the template has none, and a downloader cannot be made restricted', () => {
      const chart = testChart();
      const template = new FlytePodTemplate(chart, 'template', { objectStore: storeFor(row), flyteVersion: row.version });
      expect(template.podTemplate.toJson().template.spec.initContainers).toBeUndefined();
      const e = refusalOf(() => new CopilotPod(chart, 'task', { podTemplate: template, image: 'alpine', allowPtrace: true }));
      expect(e.message).toMatch(/container "flyte-copilot-downloader" fails allowprivilegeescalation .*fixed by none at Flyte v1\.13\.3: templates reach init containers only from v1\.14\.0 \("default-init", PR #5750\)/);
    });

    test('a CA for the store is refused: nothing brings it to the downloader', () => {
      const e = refusalOf(() => new FlytePodTemplate(testChart(), 'template', { objectStore: CA_STORE, flyteVersion: row.version }));
      expect(e.message).toMatch(/no CA can reach the copilot downloader; use flyteVersion >= v1\.14\.0/);
    });
  }
});

test('Flyte v1.16.0–v1.16.5 set terminationGracePeriodSeconds to the timeout in nanoseconds (fixed in v1.16.6, PR #7183)', () => {
  expect(build({ ...MATRIX[4], version: 'v1.16.5' }).spec.terminationGracePeriodSeconds).toBe(3600e9);
  expect(build({ ...MATRIX[4], version: 'v1.16.6' }).spec.terminationGracePeriodSeconds).toBe(3600);
});
