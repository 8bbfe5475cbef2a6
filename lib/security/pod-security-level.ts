/** A level of the Pod Security Standards, as a namespace's `pod-security.kubernetes.io/enforce` label names it. */
export enum PodSecurityLevel {
  /** The hardened profile: every pod of this library meets it. */
  RESTRICTED = 'restricted',
  /** Prevents known privilege escalations; allows, e.g., pods without a seccomp profile. */
  BASELINE = 'baseline',
  /** Unrestricted. */
  PRIVILEGED = 'privileged',
}
