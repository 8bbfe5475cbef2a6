import * as fc from 'fast-check';
import { k8s } from 'cdk8s-plus-28';
import { CopilotPod, FlytePodTemplate, ObjectStore } from '../../lib';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../lib/security/security-context';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { expectValid, synth, testChart } from '../support/harness';
import { buildOrRefuse, expectBoth, params, semver, trust } from './arbitraries';
import { secret } from '../support/refs';

// FlytePodTemplate + CopilotPod over object stores (type, endpoint scheme, trust, credentials),
// Flyte versions and task shapes: a clear refusal, or a pod that is valid, restricted (unless ptrace
// was explicitly allowed), without SYS_PTRACE by default, with unique container names, the store's
// endpoint as given and its CA on every copilot container exactly when the store is https:// with a CA.

/** The inputs of an ObjectStore factory call: every type, endpoint scheme (or none) and trust. */
const storeInput = fc.record({
  type: fc.constantFrom<'s3' | 'minio'>('s3', 'minio'),
  scheme: fc.constantFrom<'http' | 'https' | undefined>('https', 'https', 'http', 'http', undefined),
  trust: fc.option(trust, { nil: undefined, freq: 2 }),
  withCreds: fc.boolean(),
});
type StoreInput = typeof storeInput extends fc.Arbitrary<infer T> ? T : never;

/** The factory's refusals: no skip-verify, no CA over http://, MinIO needs an endpoint. */
const storeRefused = (i: StoreInput) => i.trust?.verifies === false || (i.scheme === 'http' && i.trust?.isCaBundle === true) || (i.type === 'minio' && i.scheme === undefined);

function makeStore(i: StoreInput): ObjectStore | undefined {
  const options = {
    bucket: 'data', endpoint: i.scheme ? `${i.scheme}://minio.flyte.svc:9000` : undefined, trust: i.trust,
    credentials: i.withCreds ? { secret: secret('creds') } : undefined,
  };
  const store = buildOrRefuse('ObjectStore.', () => (i.type === 's3' ? ObjectStore.s3(options) : ObjectStore.minio(options as any)));
  expect(store === undefined).toBe(storeRefused(i));
  if (store) expect(store.type).toBe(i.type);
  return store;
}

/** Secrets and ConfigMaps the user named in a store (they exist outside the stack). */
function namedByUser(store: ObjectStore | undefined, namespace: string): string[] {
  if (!store) return [];
  const names = store.credentials ? [`Secret/${namespace}/${store.credentials.secret.name}`] : [];
  if (store.trust.secretName) names.push(`Secret/${namespace}/${store.trust.secretName}`);
  if (store.trust.configMapName) names.push(`ConfigMap/${namespace}/${store.trust.configMapName}`);
  return names;
}

/** A user's PodTemplateSpec: restricted default/default-init entries or not, plus optional named entries. */
const userTemplate = fc.record({
  restrictedDefaultInit: fc.boolean(),
  primaryInitEnv: fc.boolean(),
  namedEntry: fc.constantFrom(undefined, 'flyte-copilot-downloader', 'flyte-copilot-uploader'),
}).map((t): k8s.PodTemplateSpec => {
  const context = restrictedContainerSecurityContext({ user: 1000 }, { readOnlyRootFilesystem: false });
  const env = [{ name: 'AWS_REGION', value: 'eu-west-1' }];
  return {
    spec: {
      securityContext: restrictedPodSecurityContext({ user: 1000 }),
      containers: [{ name: 'default', image: 'noop', securityContext: context }],
      initContainers: [
        ...(t.restrictedDefaultInit ? [{ name: 'default-init', image: 'noop', securityContext: context }] : []),
        ...(t.primaryInitEnv ? [{ name: 'primary-init', image: 'noop', env }] : []),
        ...(t.namedEntry ? [{ name: t.namedEntry, image: 'noop', env }] : []),
      ],
    },
  };
});

const flyteVersion = fc.oneof(
  { arbitrary: semver(fc.constant(1), fc.integer({ min: 10, max: 16 })), weight: 1 },
  { arbitrary: semver(fc.constant(1), fc.constant(16)), weight: 2 },
  { arbitrary: fc.constantFrom('1.13.3', '1.14.0', '1.15.0', '1.15.1', '1.15.3', '1.16.2', '1.16.3', '1.16.8'), weight: 1 },
);

test('FlytePodTemplate + CopilotPod: refused clearly, or a valid restricted task pod', () => {
  const seen = { built: 0, refused: 0 };
  fc.assert(fc.property(
    storeInput, storeInput, flyteVersion, fc.constantFrom('1.28', '1.29', '1.29', '1.31'),
    fc.record({
      inputs: fc.boolean(), outputs: fc.boolean(), allowPtrace: fc.boolean(), useTemplate: fc.boolean(),
      user: fc.option(userTemplate, { nil: undefined, freq: 3 }),
      // With a FlytePodTemplate: the pod takes its store, restates it, or brings another one.
      podStore: fc.oneof({ arbitrary: fc.constant('template' as const), weight: 6 }, { arbitrary: fc.constantFrom('same' as const, 'other' as const), weight: 1 }),
    }),
    (storeIn, otherIn, version, kubernetesVersion, o) => {
      const store = makeStore(storeIn);
      const other = o.useTemplate && o.podStore === 'other' ? makeStore(otherIn) : undefined;
      if (!store || (o.useTemplate && o.podStore === 'other' && !other)) {
        seen.refused++;
        return;
      }
      const chart = testChart();
      const template = o.useTemplate
        ? buildOrRefuse('test/template', () => new FlytePodTemplate(chart, 'template', { objectStore: store, flyteVersion: version }))
        : undefined;
      if (o.useTemplate && !template) {
        seen.refused++;
        return;
      }
      const podStore = !template ? store : o.podStore === 'same' ? store : o.podStore === 'other' ? other : undefined;
      const pod = buildOrRefuse('test/task', () => new CopilotPod(chart, 'task', {
        podTemplate: template, podTemplateSpec: template ? undefined : o.user, objectStore: podStore, flyteVersion: template ? undefined : version, kubernetesVersion,
        image: 'alpine:3.20', inputs: o.inputs ? ['input'] : [], outputs: o.outputs ? ['output'] : [], allowPtrace: o.allowPtrace,
      }));
      seen[pod ? 'built' : 'refused']++;
      const objects = synth(chart);
      const external = [...new Set([...namedByUser(store, 'flyte'), ...namedByUser(other, 'flyte')])];
      if (!pod) {
        expectValid(objects.length ? objects : [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } }], { external });
        expect(objects.filter((x) => x.kind === 'Pod')).toEqual([]);
        return;
      }
      expectValid(objects, { external, restricted: { skip: [...pod.podSecurityExceptions] } });
      const built = objects.find((x) => x.kind === 'Pod');
      const containers = containersOf(podOf(built)!.spec).map((c) => c.container);
      const hasPtrace = containers.some((c) => (c.securityContext?.capabilities?.add ?? []).includes('SYS_PTRACE'));
      expect(hasPtrace).toBe(pod.podSecurityExceptions.length > 0);
      if (hasPtrace) expect(o.allowPtrace && pod.flyteVersion.below('v1.16.0')).toBe(true);
      if (!o.allowPtrace) expect(built.spec.shareProcessNamespace).toBeUndefined();
      // The pod's store is the one it was given, else the template's; a template's CA mount is for its own trust only.
      const effective = podStore ?? store;
      expect(pod.objectStore).toBe(effective);
      if (template) expect(String(effective.trust)).toBe(String(template.objectStore.trust));
      const ca = effective.tlsEnabled && effective.trust.isCaBundle;
      expect((built.spec.volumes ?? []).some((v: any) => v.name === 'flyte-storage-ca')).toBe(ca);
      for (const c of containers.filter((x) => x.name.startsWith('flyte-copilot-'))) {
        if (effective.endpoint) expect(c.command).toContain(`--storage.connection.endpoint=${effective.endpoint}`);
        // No flag is ever emitted empty (flytestdlib reads a left-out flag as the same empty default).
        expect(c.command.filter((a: string) => a.endsWith('='))).toEqual([]);
        expect(c.command).toContain(`--storage.type=${effective.type}`);
        if (ca) expect(c.volumeMounts.some((m: any) => m.mountPath.startsWith('/etc/ssl/certs/'))).toBe(true);
      }
    },
  ), params);
  expectBoth(seen);
});
