// The merge model, rule by rule. Expected results follow the cases of flyteorg/flyte
// flyteplugins/go/tasks/pluginmachinery/flytek8s/pod_helper_test.go (TestMergePodSpecs at v1.14.0,
// TestMergeBasePodSpecsOntoTemplate and TestMergeWithBasePodTemplate at v1.16.8), restated as our own.
import { Version } from '../../../lib';
import { mergeAppend, mergeFlytePod, podApiProblems } from '../../../lib/flyte/copilot/pod-template-merge';

const V = (tag: string) => Version.parse('test', 'flyteVersion', tag);
const task1 = { name: 'task-1', image: 'task-image' };
const task2 = { name: 'task-2', image: 'task-image' };
const init1 = { name: 'task-init-1', image: 'task-init-image' };
const init2 = { name: 'task-init-2', image: 'task-init-image' };
const tmpl = (name: string, path: string) => ({ name, image: `${name}-image`, terminationMessagePath: path });

function merge(version: string, template: any, base: any, primary = '', primaryInit = '') {
  return mergeFlytePod({
    flyteVersion: V(version), template: { spec: template }, pod: { spec: base },
    primaryContainerName: primary, primaryInitContainerName: primaryInit,
  });
}

describe('mergeAppend: mergo.Merge with WithOverride and WithAppendSlice', () => {
  test('lists are appended, the destination first (drop ALL twice: trap 11)', () => {
    expect(mergeAppend({ capabilities: { drop: ['ALL'] } }, { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }))
      .toEqual({ capabilities: { drop: ['ALL', 'ALL'], add: ['NET_BIND_SERVICE'] } });
    expect(mergeAppend({ env: [{ name: 'A', value: '1' }] }, { env: [{ name: 'A', value: '2' }] }).env)
      .toEqual([{ name: 'A', value: '1' }, { name: 'A', value: '2' }]);
  });

  test('a set scalar of the source wins; an empty one (false, 0, "") never does', () => {
    expect(mergeAppend({ image: 'a', runAsUser: 5, privileged: true }, { image: 'b', runAsUser: 7, privileged: false }))
      .toEqual({ image: 'b', runAsUser: 7, privileged: true });
    expect(mergeAppend({ image: 'a', runAsUser: 5 }, { image: '', runAsUser: 0 })).toEqual({ image: 'a', runAsUser: 5 });
  });

  test('an unset destination takes the source, even an empty value (Go pointers)', () => {
    expect(mergeAppend({}, { allowPrivilegeEscalation: false })).toEqual({ allowPrivilegeEscalation: false });
  });

  test('structs merge field by field; maps key by key, where even an empty value wins', () => {
    expect(mergeAppend({ securityContext: { runAsUser: 1, seccompProfile: { type: 'RuntimeDefault' } } }, { securityContext: { runAsGroup: 2 } }))
      .toEqual({ securityContext: { runAsUser: 1, runAsGroup: 2, seccompProfile: { type: 'RuntimeDefault' } } });
    expect(mergeAppend({ labels: { a: '1', b: '2' } }, { labels: { b: '', c: '3' } })).toEqual({ labels: { a: '1', b: '', c: '3' } });
    expect(mergeAppend({ resources: { limits: { cpu: '1', memory: '1Gi' } } }, { resources: { limits: { cpu: '500m' } } }))
      .toEqual({ resources: { limits: { cpu: '500m', memory: '1Gi' } } });
  });

  test('null and undefined sources keep the destination; the inputs are not changed', () => {
    const dst = { env: [{ name: 'A' }], image: 'x' };
    const src = { env: [{ name: 'B' }], image: null, args: undefined };
    expect(mergeAppend(dst, src)).toEqual({ env: [{ name: 'A' }, { name: 'B' }], image: 'x' });
    expect(dst).toEqual({ env: [{ name: 'A' }], image: 'x' });
    expect(src.env).toEqual([{ name: 'B' }]);
  });
});

describe('mergeFlytePod: the pod spec', () => {
  test('template and built pod without overlap: both fields', () => {
    expect(merge('v1.16.8', { schedulerName: 'templateScheduler' }, { serviceAccountName: 'base' }).spec)
      .toEqual({ schedulerName: 'templateScheduler', serviceAccountName: 'base' });
  });

  test('with overlap the built pod wins', () => {
    expect(merge('v1.16.8', { schedulerName: 'templateScheduler' }, { schedulerName: 'base' }).spec).toEqual({ schedulerName: 'base' });
  });

  test('pod-level lists are appended (template first), maps merged', () => {
    const { spec } = merge('v1.16.8',
      { volumes: [{ name: 'ca', configMap: { name: 'ca' } }], tolerations: [{ key: 'foo' }], nodeSelector: { foo: 'bar' }, hostNetwork: true },
      { volumes: [{ name: 'flyte-inputs', emptyDir: {} }], tolerations: [{ key: 'bar' }, { key: 'baz' }], nodeSelector: { baz: 'bar' }, priority: 1 });
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['ca', 'flyte-inputs']);
    expect(spec.tolerations).toHaveLength(3);
    expect(spec.nodeSelector).toEqual({ foo: 'bar', baz: 'bar' });
    expect(spec).toMatchObject({ hostNetwork: true, priority: 1 });
  });

  test('metadata: the template\'s labels with the built pod\'s winning', () => {
    const result = mergeFlytePod({
      flyteVersion: V('v1.16.8'), primaryContainerName: 'foo',
      template: { metadata: { labels: { fooKey: 'bazValue', barKey: 'bazValue' } }, spec: {} },
      pod: { metadata: { labels: { fooKey: 'barValue' } }, spec: { containers: [{ name: 'foo' }] } },
    });
    expect(result.metadata.labels).toEqual({ fooKey: 'barValue', barKey: 'bazValue' });
  });

  test('without a template the pod is what was built', () => {
    const pod = { containers: [task1], initContainers: [init1], schedulerName: 'base' };
    expect(mergeFlytePod({ flyteVersion: V('v1.16.8'), pod: { spec: pod }, primaryContainerName: 'task-1' }).spec).toEqual(pod);
  });
});

describe.each(['v1.13.3', 'v1.14.0', 'v1.15.1', 'v1.16.8'])('mergeFlytePod at %s: default and primary', (version) => {
  const initTemplates = version !== 'v1.13.3';

  test('"default" applies to every container, "primary" to the primary only, after "default"', () => {
    const { spec } = merge(version,
      { containers: [tmpl('default', '/dev/default'), { ...tmpl('primary', '/dev/primary'), env: [{ name: 'P', value: '1' }] }] },
      { containers: [{ ...task1, volumeMounts: [{ name: 'nccl', mountPath: '/abc' }] }, task2] }, 'task-1');
    expect(spec.containers).toEqual([
      { ...task1, terminationMessagePath: '/dev/primary', env: [{ name: 'P', value: '1' }], volumeMounts: [{ name: 'nccl', mountPath: '/abc' }] },
      { ...task2, terminationMessagePath: '/dev/default' },
    ]);
  });

  test('of two entries with a magic name the last one applies (the lookup loop keeps the last)', () => {
    const { spec } = merge(version, { containers: [tmpl('default', '/first'), tmpl('default', '/last')] }, { containers: [task1] }, 'task-1');
    expect(spec.containers).toEqual([{ ...task1, terminationMessagePath: '/last' }]);
  });

  test('template containers are never emitted, even without built containers', () => {
    const { spec } = merge(version, { containers: [tmpl('default', '/d'), tmpl('primary', '/p'), tmpl('noop', '/n')] }, { schedulerName: 'base' });
    expect(spec.containers).toBeUndefined();
  });

  test(`"default-init" and "primary-init" ${initTemplates ? 'apply to init containers' : 'do not exist: they run as init containers of their own'}`, () => {
    const { spec, unusable } = merge(version,
      { initContainers: [tmpl('default-init', '/dev/default-init'), tmpl('primary-init', '/dev/primary-init')] },
      { containers: [task1], initContainers: [init1, init2] }, 'task-1', 'task-init-1');
    if (initTemplates) {
      expect(spec.initContainers).toEqual([
        { ...init1, terminationMessagePath: '/dev/primary-init' },
        { ...init2, terminationMessagePath: '/dev/default-init' },
      ]);
      expect(unusable).toEqual([]);
    } else {
      expect(spec.initContainers.map((c: any) => c.name)).toEqual(['default-init', 'primary-init', 'task-init-1', 'task-init-2']);
      expect(spec.initContainers[2]).toEqual(init1);
      expect(unusable.map((u) => u.name)).toEqual(['default-init', 'primary-init']);
      expect(unusable[0].reason).toMatch(/Flyte v1\.13\.3 has no init-container templates \(they arrived in v1\.14\.0, PR #5750\).*"default-init" would run as an init container of its own/);
    }
  });
});

describe('mergeFlytePod: name-matched entries (PR #6262, v1.15.1; PR #6733, v1.16.3)', () => {
  const template = { containers: [tmpl('task-1', '/dev/t')], initContainers: [tmpl('task-init-1', '/dev/ti')] };
  const base = { containers: [task1], initContainers: [init1], schedulerName: 'baseScheduler' };

  test.each(['v1.15.1', 'v1.15.3', 'v1.16.8'])('%s merges an entry into the container of its name', (version) => {
    const { spec, entries, unusable } = merge(version, template, base);
    expect(spec.containers).toEqual([{ ...task1, terminationMessagePath: '/dev/t' }]);
    expect(spec.initContainers).toEqual([{ ...init1, terminationMessagePath: '/dev/ti' }]);
    expect(entries.map((e) => e.mergedInto)).toEqual([['task-1'], ['task-init-1']]);
    expect(unusable).toEqual([]);
  });

  test.each(['v1.14.0', 'v1.15.0'])('%s drops it and reports why', (version) => {
    const { spec, unusable } = merge(version, template, base);
    expect(spec.containers).toEqual([task1]);
    expect(spec.initContainers).toEqual([init1]);
    expect(unusable.map((u) => [u.list, u.name])).toEqual([['containers', 'task-1'], ['initContainers', 'task-init-1']]);
    expect(unusable[1].reason).toContain(`Flyte ${version} merges template initContainers only through "default-init" and "primary-init"`);
    expect(unusable[1].reason).toContain('name-matched merging arrived in v1.15.1, PR #6262');
    expect(unusable[1].alternative).toMatch(/"default-init".*"primary-init".*Flyte >= v1\.15\.1/);
  });

  test('v1.13.3 adds a same-named init container beside the built one: a duplicate', () => {
    const { spec, unusable } = merge('v1.13.3', template, base);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['task-init-1', 'task-init-1']);
    expect(podApiProblems({ spec })).toContainEqual(expect.stringContaining('container name "task-init-1" is used twice in the pod'));
    expect(unusable.find((u) => u.list === 'initContainers')!.reason).toMatch(/second init container "task-init-1".*two containers with one name/);
  });

  test('from v1.16.3 no name-matched entry applies to the primary (init) container', () => {
    const before = merge('v1.16.2', template, base, 'task-1', 'task-init-1');
    expect(before.spec.containers[0].terminationMessagePath).toBe('/dev/t');
    expect(before.spec.initContainers[0].terminationMessagePath).toBe('/dev/ti');
    const after = merge('v1.16.3', template, base, 'task-1', 'task-init-1');
    expect(after.spec.containers).toEqual([task1]);
    expect(after.spec.initContainers).toEqual([init1]);
    expect(after.unusable.map((u) => u.alternative)).toEqual([
      'a "primary" entry, which applies to the primary container',
      'a "primary-init" entry, which applies to the primary init container (the copilot downloader)',
    ]);
    expect(after.unusable[1].reason).toContain('PR #6733');
  });

  test('before v1.16.3 a container named like its template entry "primary" got it twice (the bug PR #6733 fixed)', () => {
    const t = { containers: [{ name: 'primary', image: 'x', env: [{ name: 'FOO', value: 'BAR' }] }] };
    const b = { containers: [{ name: 'primary', image: 'task-image' }] };
    expect(merge('v1.16.2', t, b, 'primary').spec.containers[0].env).toEqual([{ name: 'FOO', value: 'BAR' }, { name: 'FOO', value: 'BAR' }]);
    expect(merge('v1.16.8', t, b, 'primary').spec.containers[0]).toEqual({ name: 'primary', image: 'task-image', env: [{ name: 'FOO', value: 'BAR' }] });
  });

  test('an entry that matches no container is neither emitted nor reported', () => {
    const { spec, unusable, entries } = merge('v1.16.8', { containers: [tmpl('noop', '/n')], initContainers: [tmpl('not-matching-init', '/n')] }, base);
    expect(spec.containers).toEqual([task1]);
    expect(spec.initContainers).toEqual([init1]);
    expect(unusable).toEqual([]);
    expect(entries.every((e) => e.mergedInto.length === 0 && !e.emitted)).toBe(true);
  });
});

describe('podApiProblems: what the API server rejects', () => {
  const ok = { volumes: [{ name: 'v', emptyDir: {} }], containers: [{ name: 'a', image: 'i', volumeMounts: [{ name: 'v', mountPath: '/v' }] }] };

  test('a valid pod has none', () => {
    expect(podApiProblems({ metadata: { name: 'p', namespace: 'n' }, spec: ok })).toEqual([]);
  });

  test.each([
    ['two containers with one name', { ...ok, initContainers: [{ name: 'a', image: 'i' }] }, /container name "a" is used twice in the pod/],
    ['a mount without a volume', { ...ok, containers: [{ name: 'a', image: 'i', volumeMounts: [{ name: 'ca', mountPath: '/ca' }] }] }, /container "a" mounts volume "ca", which the pod does not define/],
    ['two mounts on one path', { ...ok, containers: [{ name: 'a', image: 'i', volumeMounts: [{ name: 'v', mountPath: '/v' }, { name: 'v', mountPath: '/v' }] }] }, /container "a" mounts two volumes at "\/v"/],
    ['two volumes with one name', { ...ok, volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] }, /volume name "v" is used twice in the pod/],
  ])('%s', (_name, spec, pattern) => {
    const problems = podApiProblems({ metadata: { name: 'p', namespace: 'n' }, spec });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });
});
