/**
 * The checks the *restricted* level adds to baseline, for policy version v1.28, mirroring
 * `k8s.io/pod-security-admission/policy/check_*.go` as they apply to v1.28.
 */
import { formatValue } from '../errors';
import { isSet, list, obj } from './json';
import { containerFields, FieldTest, Finding, notAllowed, PodCheck, podAndContainerFields, PodSecurityCheck, PodView, seccompTypeTest } from './pss-baseline';

/**
 * check_restrictedVolumes. `image` is allowed too: upstream allows it for every policy version
 * (the source did not exist before v1.31, so v1.28 clusters never see it).
 */
const ALLOWED_VOLUME_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image',
  'persistentVolumeClaim', 'projected', 'secret']);

/**
 * For checks where a pod-level value covers the containers (runAsNonRoot, seccompProfile): a
 * container that leaves the field unset fails only when the pod level is unset as well, since an
 * invalid pod-level value is reported once for the pod (as upstream does).
 */
function inheritedField(pod: PodView, field: string, test: FieldTest, required: string): Finding[] {
  const podValue = pod.podContext[field];
  const podMessage = isSet(podValue) ? test(podValue, `spec.securityContext.${field}`) : undefined;
  return [
    ...(podMessage === undefined ? [] : [{ message: podMessage }]),
    ...containerFields(pod, field, (value, path) => {
      if (isSet(value)) return test(value, path);
      return isSet(podValue) ? undefined
        : `${path} is unset and so is spec.securityContext.${field}; restricted requires ${required} `
          + 'at pod level or in every container';
    }),
  ];
}

/** The checks of the restricted level (on top of baseline). */
export const RESTRICTED_CHECKS = {
  restrictedvolumes: (pod) => {
    const bad = list(pod.spec.volumes).map(obj).flatMap((volume) => {
      const sources = Object.keys(volume).filter((key) => key !== 'name' && isSet(volume[key]));
      // A volume naming no source at all is defaulted to emptyDir by the API server (pass/restrictedvolumes0).
      return sources.length === 0 || sources.some((s) => ALLOWED_VOLUME_SOURCES.has(s)) ? []
        : [`${formatValue(volume.name)} (${sources.join(', ')})`];
    });
    return bad.length === 0 ? [] : [{ message: `spec.volumes ${bad.join(', ')} use restricted volume types; `
      + `restricted allows only ${[...ALLOWED_VOLUME_SOURCES].join(', ')}` }];
  },
  // check_allowPrivilegeEscalation: must be set explicitly (unset means true); Windows pods exempt (v1.25+).
  allowprivilegeescalation: (pod) => (pod.windows ? [] : containerFields(pod, 'allowPrivilegeEscalation',
    (value, path) => (value === false ? undefined : notAllowed(path, value, 'only false, set explicitly')))),
  // check_runAsNonRoot: pod-level true covers containers; an explicit false anywhere fails.
  runasnonroot: (pod) => inheritedField(pod, 'runAsNonRoot',
    (value, path) => (value === true ? undefined : notAllowed(path, value, 'true')), 'true'),
  // check_runAsUser (v1.23+): UID 0 is refused wherever it is set.
  runasuser: (pod) => podAndContainerFields(pod, 'runAsUser',
    (value, path) => (value === 0 ? notAllowed(path, value, 'a non-zero UID or unset') : undefined)),
  // check_seccompProfile_restricted: a profile is required (pod or every container); Windows pods exempt (v1.25+).
  seccompprofile_restricted: (pod) => (pod.windows ? [] : inheritedField(pod, 'seccompProfile', seccompTypeTest,
    'seccompProfile.type "RuntimeDefault" or "Localhost"')),
  // check_capabilities_restricted: drop must include ALL, add at most NET_BIND_SERVICE; Windows pods exempt (v1.25+).
  capabilities_restricted: (pod) => (pod.windows ? [] : containerFields(pod, 'capabilities', (caps, path) => {
    const problems = [
      ...(list(obj(caps).drop).includes('ALL') ? [] : [`${path}.drop is ${formatValue(obj(caps).drop)}`]),
      ...list(obj(caps).add).filter((cap) => cap !== 'NET_BIND_SERVICE').map((cap) => `${path}.add includes ${formatValue(cap)}`),
    ];
    return problems.length === 0 ? undefined
      : `${problems.join(', ')}; restricted requires drop to include "ALL" and allows adding only NET_BIND_SERVICE`;
  })),
} satisfies Partial<Record<PodSecurityCheck, PodCheck>>;
