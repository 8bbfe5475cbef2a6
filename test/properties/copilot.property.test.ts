import * as fc from 'fast-check';
import { k8s } from 'cdk8s-plus-28';
import { CopilotPod, FlytePodTemplate } from '../../lib';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../lib/security/security-context';
import { containersOf, podOf } from '../../lib/security/pod-specs';
import { expectValid, synth, testChart } from '../support/harness';
import { buildOrRefuse, expectBoth, namedByUser, params, semver, tlsMode } from './arbitraries';

// FlytePodTemplate + CopilotPod over modes, trusts, Flyte versions and task shapes: a clear refusal,
// or a pod that is valid, restricted (unless ptrace was explicitly allowed), without SYS_PTRACE by
// default, with unique container names and the store's CA on every copilot container.
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
    tlsMode, flyteVersion, fc.boolean(), fc.constantFrom('1.28', '1.29', '1.29', '1.31'),
    fc.record({
      inputs: fc.boolean(), outputs: fc.boolean(), allowPtrace: fc.boolean(), useTemplate: fc.boolean(),
      user: fc.option(userTemplate, { nil: undefined, freq: 3 }),
      schemeMatches: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
    }),
    (tls, version, withCreds, kubernetesVersion, o) => {
      const chart = testChart();
      const template = o.useTemplate
        ? buildOrRefuse('test/template', () => new FlytePodTemplate(chart, 'template', { tls, flyteVersion: version }))
        : undefined;
      if (o.useTemplate && !template) {
        seen.refused++;
        return;
      }
      const pod = buildOrRefuse('test/task', () => new CopilotPod(chart, 'task', {
        podTemplate: template ?? o.user, tls: template ? undefined : tls, flyteVersion: template ? undefined : version, kubernetesVersion,
        image: 'alpine:3.20', inputs: o.inputs, outputs: o.outputs, allowPtrace: o.allowPtrace,
        storage: { type: 'minio', bucket: 'data', endpoint: `${tls.enabled === o.schemeMatches ? 'https' : 'http'}://minio.flyte.svc:9000`, credentials: withCreds ? { secretName: 'creds' } : undefined },
      }));
      seen[pod ? 'built' : 'refused']++;
      const objects = synth(chart);
      const external = [...namedByUser(tls, 'flyte'), 'Secret/flyte/creds'];
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
      if (tls.enabled && tls.trust.kind !== 'systemRoots') {
        for (const c of containers.filter((x) => x.name.startsWith('flyte-copilot-'))) {
          expect(c.volumeMounts.some((m: any) => m.mountPath.startsWith('/etc/ssl/certs/'))).toBe(true);
        }
      }
    },
  ), params);
  expectBoth(seen);
});
