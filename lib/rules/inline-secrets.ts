/**
 * Rule `inline-secret`: a secret written into the manifest instead of referenced. Manifests end up
 * in Git, CI logs and `kubectl get -o yaml` output readable by anyone with read access to the
 * object; Secrets (`secretKeyRef`, `envFrom.secretRef`, secret volumes) keep them out. Findings never
 * echo the secret: `value` is the redacted form.
 */
import { list, obj } from './json';
import { commandLine, Word } from './command-line';
import { CheckContext, ObjectEntry } from './context';
import { entry as mapEntry, field, item } from './paths';
import { containerLabel, ContainerInfo } from './pods';
import { isReference, looksSecret, mayNameSecret, urlCredentials } from './secret-patterns';
import { isMapping, readYaml } from './yaml-text';

// The patterns live in secret-patterns.ts; the constructs import them from here, beside the rule.
export { looksSecret, urlCredentials } from './secret-patterns';

const REDACTED = '***';
/** ConfigMap keys named as YAML or JSON files: their text must be readable. */
const CONFIG_FILE = /\.(ya?ml|json)$/i;
const READABLE = 'anyone who can read the manifest or the object reads the secret';
const USE_SECRET = 'put the secret in a Secret and reference it';

/** Runs rule `inline-secret` on every reported object. */
export function checkInlineSecrets(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (!ctx.reports(entry.index)) continue;
    if (entry.pod !== undefined) for (const c of entry.pod.containers) containerSecrets(ctx, entry, c);
    annotationSecrets(ctx, entry, 'metadata.annotations', entry.metadata.annotations);
    if (entry.pod !== undefined && entry.pod.metadataPath !== 'metadata') {
      annotationSecrets(ctx, entry, field(entry.pod.metadataPath, 'annotations'), entry.pod.metadata.annotations);
    }
    if (entry.kind === 'ConfigMap' && entry.group === '') configMapSecrets(ctx, entry);
  }
}

/** A finding for a URL with a password in a string, if there is one; whether there was. */
function urlFinding(ctx: CheckContext, entry: ObjectEntry, path: string | (() => string), text: string, where: string | (() => string)): boolean {
  const url = urlCredentials(text);
  if (url === undefined) return false;
  ctx.add(entry, 'inline-secret', {
    field: typeof path === 'function' ? path() : path, value: url,
    message: `${typeof where === 'function' ? where() : where} holds a URL with a password (${url}): ${READABLE}`,
    fix: `${USE_SECRET}: set an env var from a Secret (valueFrom.secretKeyRef) and write $(VAR) in place of the password`,
  });
  return true;
}

function containerSecrets(ctx: CheckContext, entry: ObjectEntry, c: ContainerInfo): void {
  // Spelt out only for a finding: most containers have none.
  let label: string | undefined;
  const who = () => (label ??= containerLabel(c));
  const line = commandLine(c);
  const words: readonly Word[] = line?.all ?? [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (urlFinding(ctx, entry, () => word.path, word.value, () => `the command line of ${who()}`)) continue;
    if (!word.value.startsWith('--')) continue;
    const eq = word.value.indexOf('=');
    const name = eq < 0 ? word.value.slice(2) : word.value.slice(2, eq);
    if (!looksSecret(name)) continue;
    // `--password=x`, or `--password x` when the next word is a value rather than a flag.
    const next = eq < 0 ? words[i + 1] : undefined;
    const value = eq < 0 ? (next !== undefined && !next.value.startsWith('-') ? next.value : '') : word.value.slice(eq + 1);
    if (value === '' || isReference(value)) continue;
    ctx.add(entry, 'inline-secret', {
      field: eq < 0 ? next!.path : word.path, value: eq < 0 ? REDACTED : `--${name}=${REDACTED}`,
      message: `flag --${name} of ${who()} is given a literal secret: ${READABLE}`,
      fix: `${USE_SECRET}: set an env var from a Secret (valueFrom.secretKeyRef) and pass --${name}=$(VAR), or use the binary's file option`,
    });
    if (eq < 0) i++; // the value word is reported; not again as a URL
  }
  list(c.spec.env).forEach((raw, i) => {
    const variable = obj(raw);
    const value = variable.value;
    if (typeof value !== 'string' || value === '') return;
    const path = () => `${item(`${c.path}.env`, i)}.value`;
    const name = typeof variable.name === 'string' ? variable.name : '';
    if (looksSecret(name) && !isReference(value)) {
      ctx.add(entry, 'inline-secret', {
        field: path(), value: REDACTED,
        message: `env ${JSON.stringify(name)} of ${who()} holds a literal secret: ${READABLE}`,
        fix: `${USE_SECRET} with valueFrom.secretKeyRef`,
      });
      return;
    }
    urlFinding(ctx, entry, path, value, () => `env ${JSON.stringify(name)} of ${who()}`);
  });
}

function annotationSecrets(ctx: CheckContext, entry: ObjectEntry, path: string, annotations: unknown): void {
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) return;
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value === 'string') urlFinding(ctx, entry, mapEntry(path, key), value, `annotation ${JSON.stringify(key)}`);
  }
}

function configMapSecrets(ctx: CheckContext, entry: ObjectEntry): void {
  for (const [key, value] of Object.entries(obj(entry.json.data))) {
    if (typeof value !== 'string') continue;
    const path = mapEntry('data', key);
    if (urlFinding(ctx, entry, path, value, `ConfigMap key ${JSON.stringify(key)}`)) continue;
    // A key consumed as an env var through envFrom, e.g. DB_PASSWORD.
    if (looksSecret(key) && value !== '' && !isReference(value)) {
      ctx.add(entry, 'inline-secret', {
        field: path, value: REDACTED,
        message: `ConfigMap key ${JSON.stringify(key)} holds a literal secret: ${READABLE}`,
        fix: `${USE_SECRET}: move the key to a Secret (envFrom.secretRef or a secret volume)`,
      });
      continue;
    }
    // A config file: only texts that may name a secret-looking key are parsed (mayNameSecret).
    const named = CONFIG_FILE.test(key);
    if (!mayNameSecret(value) || !(named || (value.includes(':') && value.includes('\n')))) continue;
    const read = readYaml(ctx, value);
    if (read.problem !== undefined) {
      // Unreadable is refused, never skipped: a secret could stand after the part that fails. A text
      // that is no YAML under a name that does not say YAML may be another format (nginx.conf).
      if (named || !read.syntax) unreadableFile(ctx, entry, path, key, read.problem);
      continue;
    }
    if (!isMapping(read.value)) continue;
    for (const secretKey of secretKeys(read.value)) {
      ctx.add(entry, 'inline-secret', {
        field: path, value: REDACTED,
        message: `ConfigMap file ${JSON.stringify(key)} sets ${secretKey} to a literal secret: ${READABLE}`,
        fix: `${USE_SECRET}: move ${secretKey} to a Secret mounted as its own file (and point the config at it, e.g. a ...Path key)`,
      });
    }
  }
}

function unreadableFile(ctx: CheckContext, entry: ObjectEntry, path: string, key: string, problem: string): void {
  ctx.add(entry, 'inline-secret', {
    field: path, value: REDACTED,
    message: `ConfigMap file ${JSON.stringify(key)} cannot be read (${problem}), so a secret in it cannot be found: an unreadable file is refused, never skipped`,
    fix: 'make the file valid YAML (or JSON) whose aliases expand within what Go\'s YAML decoders accept, and keep any secret in a Secret',
  });
}

/** The dotted paths of keys that look secret and hold a non-empty scalar, in document order. */
function secretKeys(document: Record<string, unknown>): string[] {
  const found: string[] = [];
  // Depth-first without recursion (a parsed document can nest deeply): [path, value, key that holds it].
  const stack: [string, unknown, string | undefined][] = [['', document, undefined]];
  while (stack.length > 0) {
    const [path, value, key] = stack.pop()!;
    const children: [string, unknown, string | undefined][] = [];
    if (Array.isArray(value)) {
      value.forEach((inner, i) => children.push([`${path}[${i}]`, inner, undefined]));
    } else if (isMapping(value)) {
      for (const [k, inner] of Object.entries(value)) children.push([path === '' ? k : `${path}.${k}`, inner, k]);
    } else if (key !== undefined && looksSecret(key)
      && ((typeof value === 'string' && value !== '' && !isReference(value)) || typeof value === 'number' || typeof value === 'bigint')) {
      found.push(path);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found;
}
