/**
 * Flyte Admin's configuration as the binary will read it: `--config <glob>` names files (Go
 * filepath.Glob, sorted), here the `*.yaml` keys of the ConfigMaps mounted at the glob's directory.
 * Each file is parsed, its keys lower-cased (flytestdlib reads config through viper, whose keys are
 * case-insensitive) and the files merged, later files winning on leaves. When a file cannot be
 * found among the objects or read, the configuration is unknown and the rules that need it skip.
 */
import { Json, list, obj } from './json';
import { CheckContext, ObjectEntry } from './context';
import { ContainerInfo } from './pods';
import { isMapping, parseYaml } from './yaml-text';

/** The merged configuration, and the files it came from (`<namespace>/<ConfigMap>[key]`) for messages. */
export interface AdminConfig {
  readonly config: Record<string, unknown>;
  readonly files: readonly string[];
}

/** Wildcards in a directory, and glob syntax beyond `*` and `?` (classes, escapes), which is not modelled. */
const DIR_WILDCARD = /[*?[\\]/;
const UNMODELLED_GLOB = /[[\\]/;

/** Whether `name` matches the glob `pattern` of `*` and `?` wildcards (no `/` in either). */
export function globMatch(pattern: string, name: string): boolean {
  // Iterative wildcard matching with backtracking to the last `*`.
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The text of one key of a ConfigMap, undefined when absent or not a string. */
function dataKey(configMap: ObjectEntry, key: string): string | undefined {
  const value = obj(configMap.json.data)[key];
  return typeof value === 'string' ? value : undefined;
}

/** The configMap sources of a volume (`configMap`, or `projected` configMap sources); undefined for other volume types. */
function configMapSources(volume: Json): Json[] | undefined {
  if (typeof volume.configMap === 'object' && volume.configMap !== null) return [obj(volume.configMap)];
  if (typeof volume.projected === 'object' && volume.projected !== null) {
    const sources = list(obj(volume.projected).sources).map(obj);
    if (sources.some((s) => Object.keys(s).some((k) => k !== 'configMap'))) return undefined;
    return sources.map((s) => obj(s.configMap));
  }
  return undefined;
}

/**
 * Adds to `files` the files a configMap source puts in the mounted directory that match `pattern`;
 * false when one cannot be known (the ConfigMap is not among the objects, a listed key is missing).
 */
function addSourceFiles(ctx: CheckContext, namespace: string, source: Json, pattern: string, files: Map<string, [string, string]>): boolean {
  const configMap = ctx.configMap(namespace, source.name);
  if (configMap === undefined) return false;
  const label = `${configMap.ref}`;
  const items = list(source.items).map(obj);
  if (items.length > 0) {
    for (const it of items) {
      if (typeof it.key !== 'string' || typeof it.path !== 'string') return false;
      if (it.path.includes('/') || !globMatch(pattern, it.path)) continue;
      const text = dataKey(configMap, it.key);
      if (text === undefined) return false;
      files.set(it.path, [`${label}[${it.key}]`, text]);
    }
    return true;
  }
  for (const key of Object.keys(obj(configMap.json.data))) {
    if (!globMatch(pattern, key)) continue;
    const text = dataKey(configMap, key);
    if (text === undefined) return false;
    files.set(key, [`${label}[${key}]`, text]);
  }
  return true;
}

/** A copy of a parsed file with every mapping key lower-cased (lists copied, scalars kept). */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isMapping(value)) return value;
  // No prototype: a `__proto__` key is an ordinary key here.
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, inner] of Object.entries(value)) out[key.toLowerCase()] = lowerKeys(inner);
  return out;
}

/** Merges `from` into `into`: mappings merge, anything else (lists included) replaces. */
function merge(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (isMapping(existing) && isMapping(value)) merge(existing, value);
    else into[key] = value;
  }
}

/** The configuration Admin `container` (of the pod of `entry`) loads from `glob`, or undefined when unknown. */
export function adminConfig(ctx: CheckContext, entry: ObjectEntry, container: ContainerInfo, glob: string): AdminConfig | undefined {
  const slash = glob.lastIndexOf('/');
  const dir = slash <= 0 ? '/' : glob.slice(0, slash);
  const pattern = glob.slice(slash + 1);
  if (slash < 0 || DIR_WILDCARD.test(dir) || UNMODELLED_GLOB.test(pattern)) return undefined;
  const volumes = new Map<string, Json>();
  for (const v of list(entry.pod!.spec.volumes).map(obj)) if (typeof v.name === 'string') volumes.set(v.name, v);
  const files = new Map<string, [string, string]>();
  let mounted = false;
  for (const mount of list(container.spec.volumeMounts).map(obj)) {
    if (typeof mount.mountPath !== 'string' || typeof mount.name !== 'string') continue;
    const mountPath = mount.mountPath.length > 1 && mount.mountPath.endsWith('/') ? mount.mountPath.slice(0, -1) : mount.mountPath;
    const subPath = typeof mount.subPath === 'string' && mount.subPath !== '' ? mount.subPath : undefined;
    const volume = volumes.get(mount.name);
    if (subPath === undefined && mountPath === dir) {
      // The whole volume is the directory.
      const sources = volume === undefined ? undefined : configMapSources(volume);
      if (sources === undefined) return undefined;
      for (const source of sources) if (!addSourceFiles(ctx, entry.namespace, source, pattern, files)) return undefined;
      mounted = true;
    } else if (subPath !== undefined && mountPath.slice(0, mountPath.lastIndexOf('/')) === dir
      && globMatch(pattern, mountPath.slice(mountPath.lastIndexOf('/') + 1))) {
      // One key of a configMap volume mounted as one file.
      const source = volume === undefined ? undefined : configMapSources(volume);
      if (source === undefined || source.length !== 1 || list(source[0].items).length > 0) return undefined;
      const configMap = ctx.configMap(entry.namespace, source[0].name);
      const text = configMap === undefined ? undefined : dataKey(configMap, subPath);
      if (configMap === undefined || text === undefined) return undefined;
      files.set(mountPath.slice(mountPath.lastIndexOf('/') + 1), [`${configMap.ref}[${subPath}]`, text]);
      mounted = true;
    }
  }
  if (!mounted) return undefined;
  const config: Record<string, unknown> = Object.create(null);
  const names = [...files.keys()].sort();
  try {
    for (const name of names) {
      const parsed = parseYaml(ctx, files.get(name)![1]);
      if (parsed === undefined) return undefined;
      if (parsed.value === null || parsed.value === undefined) continue; // an empty file
      if (!isMapping(parsed.value)) return undefined;
      merge(config, lowerKeys(parsed.value) as Record<string, unknown>);
    }
  } catch {
    // A document nested deeper than the stack allows: as unknown as a file that does not parse.
    return undefined;
  }
  return { config, files: names.map((name) => files.get(name)![0]) };
}

/** The value at a dotted path of lower-cased keys, e.g. `server.security.secure`. */
export function configValue(config: Record<string, unknown>, path: string): unknown {
  let value: unknown = config;
  for (const key of path.split('.')) {
    if (!isMapping(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = value[key];
  }
  return value;
}
