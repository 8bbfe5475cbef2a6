import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { checkRestricted, PodSecurityCheck, RestrictedViolation } from '../../lib/check/check-restricted';

/**
 * Upstream conformance data (kubernetes/pod-security-admission test/testdata/restricted/v1.28);
 * see pss-fixtures/README.md: every pass/ pod is allowed, every fail/ pod is rejected by the check
 * its file name names. Committed under test/data with the note of its source and licence.
 */
const FIXTURES = path.resolve(__dirname, '../data/pss-fixtures/restricted-v1.28');
const MISSING = `Pod Security conformance fixtures not found at ${FIXTURES}: `
  + 'the committed test data is incomplete (these tests must not be skipped)';

/** The fixture files of one folder; a placeholder entry when the folder is missing, so its test fails loudly. */
function fixtureFiles(folder: 'pass' | 'fail'): string[] {
  const dir = path.join(FIXTURES, folder);
  if (!fs.existsSync(dir)) return [`<missing ${folder}/ folder>`];
  return fs.readdirSync(dir).filter((file) => file.endsWith('.yaml')).sort();
}

function loadFixture(folder: 'pass' | 'fail', file: string): unknown {
  const fixture = path.join(FIXTURES, folder, file);
  if (!fs.existsSync(fixture)) throw new Error(MISSING);
  return parse(fs.readFileSync(fixture, 'utf8'));
}

/** The identifying fields only, in a stable order, for exact comparisons. */
function summary(violations: readonly RestrictedViolation[]) {
  return violations
    .map(({ object, container, rule }) => ({ object, container, rule }))
    .sort((a, b) => `${a.rule}/${a.container}`.localeCompare(`${b.rule}/${b.container}`));
}

describe('PSA conformance fixtures (restricted, v1.28)', () => {
  const passFiles = fixtureFiles('pass');
  const failFiles = fixtureFiles('fail');

  test('the fixture folders exist and hold 17 pass and 69 fail pods', () => {
    if (!fs.existsSync(FIXTURES)) throw new Error(MISSING);
    expect(passFiles).toHaveLength(17);
    expect(failFiles).toHaveLength(69);
  });

  test.each(passFiles)('pass/%s is allowed', (file) => {
    expect(checkRestricted([loadFixture('pass', file)])).toEqual([]);
  });

  test.each(failFiles)('fail/%s is rejected by the check its name names', (file) => {
    const rule = file.replace(/\d+\.yaml$/, '');
    const violations = checkRestricted([loadFixture('fail', file)]);
    expect(violations.map((v) => v.rule)).toContain(rule);
    expect(violations.every((v) => v.object === `Pod/${file.replace(/\.yaml$/, '')}`)).toBe(true);
  });
});

/** A pod spec the restricted profile allows. */
function compliantSpec(): Record<string, unknown> {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'app', image: 'registry.k8s.io/pause',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    }],
  };
}

/** A pod spec with one violation per container kind plus one pod-level violation. */
function nonCompliantSpec(): Record<string, unknown> {
  return {
    hostNetwork: true,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    initContainers: [{
      name: 'init', image: 'registry.k8s.io/pause',
      securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    }],
    containers: [{
      name: 'app', image: 'registry.k8s.io/pause',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['NET_RAW'] } },
    }],
    ephemeralContainers: [{
      name: 'debug', image: 'registry.k8s.io/pause',
      securityContext: { capabilities: { drop: ['ALL'] } },
    }],
  };
}

const metadata = { name: 'web', namespace: 'team' };
const template = (spec: unknown) => ({ metadata: { labels: { app: 'web' } }, spec });
const selector = { matchLabels: { app: 'web' } };

/** Wraps a pod spec into each pod-bearing kind. */
const WRAPPERS: Record<string, (spec: unknown) => Record<string, unknown>> = {
  Pod: (spec) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec }),
  PodTemplate: (spec) => ({ apiVersion: 'v1', kind: 'PodTemplate', metadata, template: template(spec) }),
  Deployment: (spec) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { selector, template: template(spec) } }),
  StatefulSet: (spec) => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: { serviceName: 'web', selector, template: template(spec) },
  }),
  DaemonSet: (spec) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: { selector, template: template(spec) } }),
  ReplicaSet: (spec) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata, spec: { selector, template: template(spec) } }),
  ReplicationController: (spec) => ({
    apiVersion: 'v1', kind: 'ReplicationController', metadata, spec: { selector: { app: 'web' }, template: template(spec) },
  }),
  Job: (spec) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata, spec: { template: template(spec) } }),
  CronJob: (spec) => ({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata,
    spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: template(spec) } } },
  }),
};
const KINDS = Object.keys(WRAPPERS);

describe('pod-bearing kinds', () => {
  test('all nine kinds are covered', () => {
    expect(KINDS).toEqual(['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet',
      'ReplicationController', 'Job', 'CronJob']);
  });

  test.each(KINDS)('a compliant %s has no violation', (kind) => {
    expect(checkRestricted([WRAPPERS[kind](compliantSpec())])).toEqual([]);
  });

  test.each(KINDS)('a non-compliant %s reports each container kind and the pod', (kind) => {
    const object = `${kind}/team/web`;
    const violations = checkRestricted([WRAPPERS[kind](nonCompliantSpec())]);
    expect(summary(violations)).toEqual([
      { object, container: 'debug', rule: 'allowprivilegeescalation' },
      { object, container: 'app', rule: 'capabilities_restricted' },
      { object, container: undefined, rule: 'hostnamespaces' },
      { object, container: 'init', rule: 'privileged' },
    ]);
    const hostNamespaces = violations.find((v) => v.rule === 'hostnamespaces');
    expect(hostNamespaces).not.toHaveProperty('container');
    expect(hostNamespaces?.message).toContain('spec.hostNetwork');
    expect(violations.find((v) => v.rule === 'privileged')?.message)
      .toBe('spec.initContainers[0].securityContext.privileged is true; restricted allows false or unset');
  });

  test('an object without namespace is named <Kind>/<name>', () => {
    const pod = { kind: 'Pod', metadata: { name: 'solo' }, spec: { ...compliantSpec(), hostPID: true } };
    expect(summary(checkRestricted([pod]))).toEqual([{ object: 'Pod/solo', container: undefined, rule: 'hostnamespaces' }]);
  });

  test('the pod template annotations (not the workload annotations) carry AppArmor profiles', () => {
    const deployment = WRAPPERS.Deployment(compliantSpec()) as { metadata: unknown; spec: { template: { metadata: object } } };
    const annotation = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
    deployment.metadata = { ...metadata, annotations: annotation };
    expect(checkRestricted([deployment])).toEqual([]);
    deployment.spec.template.metadata = { annotations: annotation };
    expect(summary(checkRestricted([deployment])))
      .toEqual([{ object: 'Deployment/team/web', container: 'app', rule: 'apparmorprofile' }]);
  });

  test('the output of a cdk8s chart can be checked directly', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: nonCompliantSpec() });
    new ApiObject(chart, 'ok', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ok' }, spec: { selector, template: template(compliantSpec()) },
    });
    expect(new Set(checkRestricted(chart.toJson()).map((v) => v.object))).toEqual(new Set(['Pod/web']));
  });
});

describe('ignored input', () => {
  test('non-pod kinds yield nothing, even with pod-like fields', () => {
    const bad = nonCompliantSpec();
    const service = { apiVersion: 'v1', kind: 'Service', metadata, spec: { ...bad, template: template(bad) } };
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { spec: 'hostNetwork: true' }, spec: bad };
    expect(checkRestricted([service, configMap])).toEqual([]);
    // The same content as a Pod is refused: the kind alone decides.
    expect(checkRestricted([{ ...service, kind: 'Pod' }])).not.toEqual([]);
  });

  test('non-objects and objects without kind are ignored', () => {
    const kindless = { apiVersion: 'v1', metadata, spec: nonCompliantSpec() };
    expect(checkRestricted([null, undefined, 42, 'Pod', [], kindless, { kind: 7, spec: nonCompliantSpec() }])).toEqual([]);
    expect(checkRestricted([{ ...kindless, kind: 'Pod' }])).toHaveLength(4);
  });
});

describe('skip', () => {
  const pod = WRAPPERS.Pod(nonCompliantSpec());

  const rules: PodSecurityCheck[] = ['hostnamespaces', 'capabilities_restricted', 'privileged'];
  test.each(rules)('skip %s removes exactly that check', (rule) => {
    const all = checkRestricted([pod]);
    expect(all.some((v) => v.rule === rule)).toBe(true);
    expect(checkRestricted([pod], { skip: [rule] })).toEqual(all.filter((v) => v.rule !== rule));
  });

  test('skipping a baseline check leaves its restricted counterpart', () => {
    const spec = compliantSpec();
    const [app] = spec.containers as Array<{ securityContext: { capabilities: { add?: string[] } } }>;
    app.securityContext.capabilities.add = ['NET_RAW'];
    const rules = (skip: PodSecurityCheck[]) => checkRestricted([WRAPPERS.Pod(spec)], { skip }).map((v) => v.rule);
    expect(rules([])).toEqual(['capabilities_baseline', 'capabilities_restricted']);
    expect(rules(['capabilities_baseline'])).toEqual(['capabilities_restricted']);
  });

  test('an unknown check name is refused rather than ignored', () => {
    expect(() => checkRestricted([pod], { skip: ['hostnamespace' as PodSecurityCheck] }))
      .toThrow(/skip "hostnamespace" is not allowed: not a Pod Security check/);
  });
});

describe('rule details (upstream semantics)', () => {
  const check = (spec: Record<string, unknown>) => summary(checkRestricted([{ kind: 'Pod', metadata: { name: 'p' }, spec }]));
  const safeContext = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  const withApp = (securityContext: Record<string, unknown>): Record<string, unknown> => ({
    ...compliantSpec(),
    containers: [{ name: 'app', securityContext: { ...safeContext(), ...securityContext } }],
  });

  test('Windows pods are exempt from allowPrivilegeEscalation, seccomp and capabilities, not from the rest', () => {
    const windows = {
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } },
      containers: [{ name: 'app', securityContext: { capabilities: { add: ['NET_RAW'] } } }],
    };
    expect(check(windows)).toEqual([]);
    expect(check({ ...windows, os: { name: 'linux' } }).map((v) => v.rule)).toEqual(['allowprivilegeescalation',
      'capabilities_baseline', 'capabilities_restricted', 'seccompprofile_baseline', 'seccompprofile_restricted']);
    expect(check({ ...windows, securityContext: { windowsOptions: { hostProcess: true } } })).toEqual([
      { object: 'Pod/p', container: 'app', rule: 'runasnonroot' },
      { object: 'Pod/p', container: undefined, rule: 'windowshostprocess' },
    ]);
  });

  test('a pod-level runAsNonRoot: false is one violation, not one per inheriting container', () => {
    const spec = compliantSpec();
    spec.securityContext = { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } };
    expect(check(spec)).toEqual([{ object: 'Pod/p', container: undefined, rule: 'runasnonroot' }]);
  });

  test('seccomp set per container needs every container to set it', () => {
    const spec = withApp({ seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } });
    spec.securityContext = { runAsNonRoot: true };
    expect(check(spec)).toEqual([]);
    spec.initContainers = [{ name: 'init', securityContext: safeContext() }];
    expect(check(spec)).toEqual([{ object: 'Pod/p', container: 'init', rule: 'seccompprofile_restricted' }]);
  });

  test('capability names are exact: no lower case, no CAP_ prefix', () => {
    expect(check(withApp({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }))).toEqual([]);
    expect(check(withApp({ capabilities: { drop: ['all'] } })).map((v) => v.rule)).toEqual(['capabilities_restricted']);
    expect(check(withApp({ capabilities: { drop: ['ALL'], add: ['CAP_NET_BIND_SERVICE'] } })).map((v) => v.rule))
      .toEqual(['capabilities_baseline', 'capabilities_restricted']);
  });

  test('volumes: a source-less volume (defaulted to emptyDir) passes, hostPath fails twice', () => {
    expect(check({ ...compliantSpec(), volumes: [{ name: 'scratch' }, { name: 'c', csi: { driver: 'x' } }] })).toEqual([]);
    expect(check({ ...compliantSpec(), volumes: [{ name: 'h', hostPath: { path: '/' } }] }).map((v) => v.rule))
      .toEqual(['hostpathvolumes', 'restrictedvolumes']);
  });

  test('AppArmor: field and annotation of one container make one violation; empty and localhost/ are allowed', () => {
    const annotations = {
      'container.apparmor.security.beta.kubernetes.io/app': 'unconfined',
      'container.apparmor.security.beta.kubernetes.io/b': 'localhost/custom',
      'container.apparmor.security.beta.kubernetes.io/c': '',
    };
    const violations = checkRestricted([{ kind: 'Pod', metadata: { name: 'p', annotations },
      spec: withApp({ appArmorProfile: { type: 'Unconfined' } }) }]);
    expect(summary(violations)).toEqual([{ object: 'Pod/p', container: 'app', rule: 'apparmorprofile' }]);
    expect(violations[0].message).toMatch(/appArmorProfile\.type is "Unconfined".*; annotation .*\/app is "unconfined"/);
  });

  test('v1.28 limits: container_engine_t and tcp_keepalive_time are not allowed yet', () => {
    expect(check(withApp({ seLinuxOptions: { type: 'container_engine_t' } })).map((v) => v.rule)).toEqual(['selinuxoptions']);
    const spec = compliantSpec();
    spec.securityContext = { ...spec.securityContext as object, sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }] };
    expect(check(spec).map((v) => v.rule)).toEqual(['sysctls']);
  });

  test('procMount Unmasked fails even with hostUsers: false (that relaxation is v1.35)', () => {
    expect(check({ ...withApp({ procMount: 'Unmasked' }), hostUsers: false }).map((v) => v.rule)).toEqual(['procmount']);
  });
});
