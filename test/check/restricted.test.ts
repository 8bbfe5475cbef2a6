import { check, container, deployment, expectFindings, main, pod } from './fixtures';

const D = 'Deployment/ns/web';
const ANNOTATION = 'cdk8s-tls-constructs/pod-security-exceptions';

describe('rule restricted', () => {
  test('a pod meeting the restricted profile passes; other kinds are not checked', () => {
    expect(check([deployment(), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { containers: [{ name: 'c' }] } }], 'restricted')).toEqual([]);
  });

  test('each violation is one finding, with the check and the container path', () => {
    const d = deployment((x) => {
      main(x).securityContext.privileged = true;
      pod(x).initContainers = [container('init', { securityContext: { allowPrivilegeEscalation: true, capabilities: { drop: ['ALL'] } }, ports: [], readinessProbe: undefined })];
    });
    expectFindings(check([d], 'restricted'), 'restricted', [
      { object: D, field: 'spec.template.spec.containers[0]', check: 'privileged', message: 'spec.containers[0].securityContext.privileged is true; restricted allows false or unset: a namespace enforcing Pod Security "restricted" refuses the pod', fix: 'list "privileged" in the cdk8s-tls-constructs/pod-security-exceptions annotation' },
      { object: D, field: 'spec.template.spec.initContainers[0]', check: 'allowprivilegeescalation', fix: 'make container "init" meet the restricted profile' },
    ]);
  });

  test('a pod-level violation points at the pod spec', () => {
    const d = deployment((x) => { pod(x).hostNetwork = true; });
    expectFindings(check([d], 'restricted'), 'restricted', [
      { object: D, field: 'spec.template.spec', check: 'hostnamespaces', message: 'spec.hostNetwork=true', fix: 'make the pod meet' },
    ]);
    const bare = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { ...pod(d) } };
    expectFindings(check([bare], 'restricted'), 'restricted', [{ object: 'Pod/ns/p', field: 'spec', check: 'hostnamespaces' }]);
  });

  test('checks listed in the annotation of the pod template or of the object are skipped', () => {
    const needsCaps = (where: 'template' | 'object') => deployment((x) => {
      main(x).securityContext.capabilities = { drop: ['ALL'], add: ['SYS_PTRACE'] };
      const metadata = where === 'template' ? x.spec.template.metadata : x.metadata;
      metadata.annotations = { [ANNOTATION]: 'capabilities_baseline, capabilities_restricted' };
    });
    expect(check([needsCaps('template'), needsCaps('object')], 'restricted')).toEqual([]);
    const partly = needsCaps('template');
    partly.spec.template.metadata.annotations[ANNOTATION] = 'capabilities_baseline';
    expectFindings(check([partly], 'restricted'), 'restricted', [
      { object: D, field: 'spec.template.spec.containers[0]', check: 'capabilities_restricted' },
    ]);
  });

  test('an unknown name in the annotation is a finding', () => {
    const d = deployment((x) => { x.spec.template.metadata.annotations = { [ANNOTATION]: 'privileged,host-network' }; });
    expectFindings(check([d], 'restricted'), 'restricted', [{
      object: D, field: `spec.template.metadata.annotations[${ANNOTATION}]`, value: 'host-network',
      message: 'unknown Pod Security check', fix: 'allowprivilegeescalation, apparmorprofile',
    }]);
  });
});
