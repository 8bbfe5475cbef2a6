import { createHash } from 'crypto';
import { ValidationError } from './errors';

/** Kubernetes object names (DNS-1123 subdomain): used for Secrets, ConfigMaps, issuers. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** DNS-1123 label: Service names, namespaces, container and port-less names. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDnsSubdomain(name: string): boolean {
  return name.length > 0 && name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

export function isDnsLabel(name: string): boolean {
  return name.length > 0 && name.length <= 63 && DNS1123_LABEL.test(name);
}

/** Throws unless `name` is a valid object name (DNS-1123 subdomain). */
export function requireSubdomain(path: string, prop: string, name: unknown): string {
  if (typeof name !== 'string' || !isDnsSubdomain(name)) {
    throw new ValidationError(path, prop, name, 'not a DNS-1123 subdomain',
      "lower-case letters, digits, '-' and '.', at most 253 characters, starting and ending with a letter or digit (e.g. \"flyte-tls\")");
  }
  return name;
}

/**
 * The name of an object derived from another's (`<name>-propeller-config`, `<name>-ca`): as is
 * where it is a valid object name, else `name` shortened and followed by 10 hex digits of its
 * SHA-256 and the suffix, so that a name the user gave validly never makes an invalid one.
 */
export function derivedName(name: string, suffix: string): string {
  const full = `${name}${suffix}`;
  if (full.length <= 253) return full;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  const head = name.slice(0, 253 - suffix.length - hash.length - 1).replace(/[^a-z0-9]+$/, '');
  return `${head}-${hash}${suffix}`;
}

/** What a DNS-1123 label is, for messages. */
export const DNS_LABEL_RULE = "lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit (e.g. \"flyte\")";

/** Throws unless `name` is a valid DNS-1123 label (Service names, namespaces). */
export function requireLabel(path: string, prop: string, name: unknown): string {
  if (typeof name !== 'string' || !isDnsLabel(name)) {
    throw new ValidationError(path, prop, name, 'not a DNS-1123 label', DNS_LABEL_RULE);
  }
  return name;
}

/** Throws unless `port` is an integer TCP port. */
export function requirePort(path: string, prop: string, port: unknown): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ValidationError(path, prop, port, 'not a TCP port', 'an integer from 1 to 65535');
  }
  return port;
}

/**
 * Throws unless `key` is a Secret/ConfigMap key: letters, digits, '-', '_' and '.', at most 253
 * characters, and not '.', '..' or starting with '..' (those would escape a volume's folder).
 */
export function requireKey(path: string, prop: string, key: unknown, example = 'ca.crt'): string {
  if (typeof key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(key) || key.length > 253 || key === '.' || key.startsWith('..')) {
    throw new ValidationError(path, prop, key, 'not a valid Secret/ConfigMap key', `letters, digits, '-', '_' and '.' (e.g. "${example}")`);
  }
  return key;
}

/** Throws unless `image` is an image reference (non-empty, no white space). */
export function requireImage(path: string, prop: string, image: unknown): string {
  if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image)) {
    throw new ValidationError(path, prop, image, 'not an image reference', 'e.g. "registry.example.com/org/image:tag"');
  }
  return image;
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * Why `key` is not a label or annotation key (a qualified name: an optional DNS-1123 subdomain
 * prefix and `/`, then a name of at most 63 characters), or undefined when it is one.
 * Annotation keys are checked after lower-casing, so `upper` allows capitals in the prefix.
 */
export function qualifiedNameProblem(key: unknown, upper = false): string | undefined {
  if (typeof key !== 'string' || key === '') return 'a key must be a non-empty string';
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDnsSubdomain(upper ? prefix.toLowerCase() : prefix)) return `its prefix ${JSON.stringify(prefix)} is not a DNS-1123 subdomain`;
  if (name.length > 63 || !LABEL_NAME.test(name)) return `its name ${JSON.stringify(name)} is not 1 to 63 letters, digits, '-', '_' or '.' starting and ending with a letter or digit`;
  return undefined;
}

/** Why `value` is not a label value (at most 63 characters of the label-name alphabet, or empty), or undefined. */
export function labelValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'a label value must be a string';
  if (value === '') return undefined;
  return value.length <= 63 && LABEL_NAME.test(value) ? undefined
    : 'a label value is at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit';
}

/** Throws unless every key and value of `labels` is valid for the API server. */
export function requireLabels(path: string, prop: string, labels: { [key: string]: unknown } | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const problem = qualifiedNameProblem(key) ?? labelValueProblem(value);
    if (problem) {
      throw new ValidationError(path, `${prop}.${key}`, value, `the API server refuses this label: ${problem}`,
        'a key like "team" or "example.com/team" and a value of at most 63 letters, digits, \'-\', \'_\' or \'.\'');
    }
  }
}

/** Throws unless every annotation key is a qualified name and every value a string. */
export function requireAnnotations(path: string, prop: string, annotations: { [key: string]: unknown } | undefined): void {
  for (const [key, value] of Object.entries(annotations ?? {})) {
    const problem = qualifiedNameProblem(key, true) ?? (typeof value === 'string' ? undefined : 'an annotation value must be a string');
    if (problem) {
      throw new ValidationError(path, `${prop}.${key}`, value, `the API server refuses this annotation: ${problem}`,
        'a key like "example.com/note" and a string value');
    }
  }
}
