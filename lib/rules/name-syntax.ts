/**
 * Name and label syntax of Kubernetes v1.28 API validation (k8s.io/apimachinery
 * pkg/util/validation/validation.go and pkg/api/validation/path): each test returns why a value is
 * refused, or undefined when it is accepted. Regular expressions are compiled once, here.
 */
import { isDnsLabel, isDnsSubdomain } from '../names';

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HAS_LETTER = /[a-z]/;
/** The name part of a qualified name, and a label value. */
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** What a refused name should look like, for fixes. */
export const SYNTAX_HELP = {
  dns1123Label: "lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit",
  dns1035Label: "lower-case letters, digits and '-', at most 63 characters, starting with a letter and ending with a letter or digit",
  dns1123Subdomain: "lower-case letters, digits, '-' and '.', at most 253 characters, starting and ending with a letter or digit",
  pathSegment: "a name other than '.' or '..' that contains no '/' or '%'",
  ianaSvcName: "at most 15 lower-case letters, digits and '-', with at least one letter, starting and ending with a letter or digit, and no '--'",
  qualifiedName: "an optional DNS-1123 subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
  labelValue: "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, or empty",
} as const;

/** IsDNS1123Label. */
export function dns1123Label(name: string): string | undefined {
  return isDnsLabel(name) ? undefined : 'not a DNS-1123 label';
}

/** IsDNS1035Label (Service names). */
export function dns1035Label(name: string): string | undefined {
  return name.length > 0 && name.length <= 63 && DNS1035_LABEL.test(name) ? undefined : 'not a DNS-1035 label';
}

/** IsDNS1123Subdomain (the name of most kinds). */
export function dns1123Subdomain(name: string): string | undefined {
  return isDnsSubdomain(name) ? undefined : 'not a DNS-1123 subdomain';
}

/** path.IsValidPathSegmentName (RBAC object names, e.g. `system:metrics-server`). */
export function pathSegment(name: string): string | undefined {
  if (name === '') return 'empty';
  if (name === '.' || name === '..') return `${JSON.stringify(name)} is not a valid path segment`;
  return name.includes('/') || name.includes('%') ? "contains '/' or '%'" : undefined;
}

/** IsValidPortName (IANA_SVC_NAME, RFC 6335): container port names. */
export function ianaSvcName(name: string): string | undefined {
  if (name.length === 0 || name.length > 15) return 'not 1 to 15 characters long';
  if (!IANA_SVC_NAME.test(name)) return 'not lower-case letters, digits and inner \'-\'';
  if (!HAS_LETTER.test(name)) return 'has no letter';
  return name.includes('--') ? "contains '--'" : undefined;
}

/** IsQualifiedName: label and annotation keys. */
export function qualifiedName(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return 'has a prefix that is not a DNS-1123 subdomain';
  if (name.length === 0) return 'has an empty name part';
  if (name.length > 63) return 'has a name part longer than 63 characters';
  return QUALIFIED_NAME_PART.test(name) ? undefined : 'has a name part that is not letters, digits, \'-\', \'_\' and \'.\' starting and ending with a letter or digit';
}

/** IsValidLabelValue. */
export function labelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return 'longer than 63 characters';
  return QUALIFIED_NAME_PART.test(value) ? undefined : 'not letters, digits, \'-\', \'_\' and \'.\' starting and ending with a letter or digit';
}
