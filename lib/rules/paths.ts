/**
 * Field paths of findings, written the way Kubernetes' `field.Path` prints them in API errors:
 * struct fields dotted (`spec.template`), list items indexed (`containers[0]`), map entries keyed
 * without quotes (`metadata.labels[app.kubernetes.io/name]`, `resources.limits[cpu]`).
 */

/** `path.field` (or `field` at the root). */
export function field(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** `path[index]`. */
export function item(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** `path[key]`, for an entry of a map (labels, annotations, ConfigMap data, resource lists). */
export function entry(path: string, key: string): string {
  return `${path}[${key}]`;
}
