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

/** Throws unless `name` is a valid DNS-1123 label (Service names, namespaces). */
export function requireLabel(path: string, prop: string, name: unknown): string {
  if (typeof name !== 'string' || !isDnsLabel(name)) {
    throw new ValidationError(path, prop, name, 'not a DNS-1123 label',
      "lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit (e.g. \"flyte\")");
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
