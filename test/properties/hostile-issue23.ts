import * as fc from 'fast-check';
import { parse } from 'yaml';
import { csvFields, controlCharacter } from '../../lib/input/text-formats';

// Issue 23's classes for the hostile property test: unusual values of the right type that each
// class is about (`odd`: refused, or accepted with output its readers read as given), values valid
// by construction from the API's own rules (`valid`: must be accepted), and the readers' view of
// the text the library writes (`readerProblems`).

/** Characters YAML, CSV, flags, lists, URLs, HTML and routes give a meaning to, line breaks of every reader included. */
const MEANINGFUL = ['\n', '\r', '\u2028', '\u0085', '\t', '\u0000', '\u007f', ',', '"', '\'', '#', ': ', ':', ' ', '*', '<', '>', '%', '?', '\\', '//', '=', '{', '[', '|', '&', '..'];
const ORDINARY = ['a', 'role', 'x', '0', 'true', '1e1_0', 'ü'];
/** Strings made of meaningful and ordinary pieces. */
export const FORMAT_TEXT = fc.array(fc.oneof(fc.constantFrom(...MEANINGFUL), fc.constantFrom(...ORDINARY)), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));

/** Versions near the grammar's edges (class 4) and long pre-releases (class 3). */
export const oddVersion = (base: string) => fc.oneof(
  fc.constantFrom(`v${base}-rc.`, `${base}-rc..1`, `${base}-01`, `v${base}+`, `v${base}-`, `v${base}-rc_1`, `v${base}.0`),
  fc.integer({ min: 50, max: 140 }).map((n) => `v${base}-rc.${'a'.repeat(n)}`),
);

/** SemVer pre-release identifiers by the grammar: numeric without leading zeros, or alphanumeric. */
const identifier = fc.oneof(fc.integer({ min: 0, max: 9999 }).map(String), fc.stringMatching(/^[0-9A-Za-z-]*[A-Za-z-][0-9A-Za-z-]*$/).filter((s) => s.length > 0 && s.length <= 20));
/** Versions of a supported release by the grammar: pre-release and build, tags up to 128 characters (the image tag). */
export const validVersion = (base: string) => fc.tuple(fc.boolean(), fc.array(identifier, { maxLength: 5 }), fc.array(identifier.filter((s) => /^[0-9A-Za-z-]+$/.test(s)), { maxLength: 2 }))
  .map(([v, pre, build]) => `${v ? 'v' : ''}${base}${pre.length ? `-${pre.join('.')}` : ''}${build.length ? `+${build.join('.')}` : ''}`)
  .filter((s) => `v${s.replace(/^v/, '').replace(/\+.*$/, '')}`.length <= 128);

const DNS_LABEL = fc.tuple(fc.integer({ min: 1, max: 63 }), fc.constantFrom('a1-', 'z-9', 'q')).map(([n, fill]) => `x${fill.repeat(30)}`.slice(0, n).replace(/-$/, 'b'));
/** DNS-1123 subdomains of up to `max` characters, long ones included. */
export const subdomain = (max: number) => fc.array(DNS_LABEL, { minLength: 1, maxLength: 5 }).map((l) => l.join('.')).filter((s) => s.length <= max);
/** DNS-1123 labels (namespaces, instances, pod names). */
export const label = DNS_LABEL;

/** URL paths of unreserved characters (valid), and paths with meaningful characters (odd). */
export const validPath = fc.array(fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,8}$/).filter((s) => s !== '.' && s !== '..'), { maxLength: 3 }).map((s) => `/${s.join('/')}`);
export const oddPath = fc.oneof(FORMAT_TEXT.map((s) => `/${s}`), fc.constantFrom('/*', '/ui/:id', '/a"b', '/a,b', '/../x', '//x', 'relative'));

/** Browser origins: valid hosts, and hosts a comma list or a URL reader would misread. */
export const validOrigin = fc.tuple(fc.constantFrom('http', 'https'), subdomain(60), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([s, h, p]) => `${s}://${h}${p ? `:${p}` : ''}`);
export const oddOrigin = fc.constantFrom('https://a,b.example.com', 'https://a$b.example.com', 'https://a b.example.com', 'http://example.com:0', 'https://*.example.com');

/** Numaflow's userRbac: any role a policy line can name; policy lines as Go's CSV writer writes them. */
const role = fc.string({ unit: fc.constantFrom(...'abc:,"#*-_. éü'.split('')), minLength: 1, maxLength: 10 }).filter((r) => r.trim() === r);
const csv = (fields: string[]) => fields.map((f) => (/[",\s]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(', ');
export const validRbac = fc.record({
  defaultRole: role,
  scopes: fc.subarray(['groups', 'email', 'username'], { minLength: 1 }),
  policy: fc.array(fc.oneof(fc.tuple(role, role, role, role).map((f) => csv(['p', ...f])), fc.tuple(role, role).map((f) => csv(['g', ...f]))), { minLength: 1, maxLength: 3 }),
});
export const oddRbac = fc.oneof(
  FORMAT_TEXT.map((defaultRole) => ({ defaultRole })),
  fc.constantFrom({ defaultRole: 'role:readonly\npolicy.default: role:admin' }, { scopes: [] }, { scopes: ['groups,email'] }, { scopes: ['email', 'email'] }),
  fc.array(FORMAT_TEXT.map((s) => `p, ${s}, *, *, *`), { minLength: 1, maxLength: 2 }).map((policy) => ({ policy })),
  fc.constantFrom({ policy: ['# p, role:admin, *, *, *'] }, { policy: ['p, role:admin, *, *, *\ng, all, role:admin'] }, { policy: ['p, role:"x, *, *, *'] }, { policy: [''] }),
);

/** Bucket names valid for S3 and MinIO alike (labels of letters and digits joined by "-" or "."), and names one of them refuses. */
export const validBucket = fc.array(fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/), { minLength: 1, maxLength: 4 })
  .chain((parts) => fc.constantFrom('-', '.').map((sep) => parts.join(sep)))
  .map((s) => (s.length < 3 ? `${s}box` : s))
  .filter((s) => s.length <= 63 && !/^(xn--|sthree-|amzn-s3-demo-)/.test(s) && !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(s));
export const oddBucket = fc.constantFrom('my..bucket', '192.168.5.4', 'xn--bucket', 'my.-bucket', 'my-.bucket', 'sthree-x', 'data--x-s3', 'data.mrap', 'Data', 'a', 'x'.repeat(64));

/** Resources: limits alone below the default requests (accepted, requests lowered), or requests within their limits. */
export const validResources = fc.oneof(
  fc.record({ limits: fc.record({ cpu: fc.constantFrom('5m', '50m', '1'), memory: fc.constantFrom('16Mi', '64Mi', '2Gi') }) }),
  fc.record({ requests: fc.record({ cpu: fc.constantFrom('1m', '5m') }), limits: fc.record({ cpu: fc.constantFrom('5m', '50m') }) }),
);

/** Header lists (tokens, no "*"), and lists with a wildcard. */
export const validHeaders = fc.array(fc.constantFrom('Content-Type', 'flyte-authorization', 'X-Request-Id', 'Authorization'), { maxLength: 4 });
export const oddHeaders = fc.constantFrom(['*'], ['Content-Type', 'x-*'], ['*', 'flyte-authorization']);

/** What the readers of the text the library wrote would see wrong, for accepted output; empty when they read it as given. */
export function readerProblems(objects: readonly any[], userArgs: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    if (o?.kind === 'ConfigMap' && o.metadata?.name === 'numaflow-server-rbac-config') {
      const conf = parse(o.data['rbac-conf.yaml'], { version: '1.2' });
      const keys = Object.keys(conf ?? {}).sort();
      if (keys.join() !== 'policy.default,policy.scopes' || typeof conf['policy.default'] !== 'string' || typeof conf['policy.scopes'] !== 'string') {
        problems.push(`rbac-conf.yaml reads as ${JSON.stringify(conf)}`);
      } else if (controlCharacter(conf['policy.default'])) problems.push('policy.default holds a control character');
      for (const line of String(o.data['rbac-policy.csv']).split('\n').slice(0, -1)) {
        const parsed = csvFields(line.trim());
        if (!('fields' in parsed) || !['p', 'g'].includes(parsed.fields[0]) || parsed.fields.length !== (parsed.fields[0] === 'p' ? 5 : 3)) problems.push(`rbac-policy.csv line ${JSON.stringify(line)}`);
      }
    }
    const spec = o?.spec?.template?.spec ?? o?.spec;
    for (const c of [...spec?.initContainers ?? [], ...spec?.containers ?? []]) {
      for (const arg of [...c.command ?? [], ...c.args ?? []]) {
        if (typeof arg !== 'string' || userArgs.includes(arg)) continue;
        if (/^--[^=]+=$/.test(arg)) problems.push(`${c.name}: empty flag ${arg}`);
        if (arg.startsWith('--authorization-always-allow-paths=') && /[*"\s]/.test(arg)) problems.push(`${c.name}: ${arg}`);
        if (arg.startsWith('--cors-allowed-origins=')) {
          for (const origin of arg.split('=')[1].split(',')) {
            try {
              if (new URL(origin).origin !== origin) problems.push(`${c.name}: origin ${origin}`);
            } catch {
              problems.push(`${c.name}: origin ${origin}`);
            }
          }
        }
      }
    }
  }
  return problems;
}

/**
 * Class 5: setting names judged by their structure (docs/secrets.md), with literal values, in the
 * forms a user writes them: env entries, flags, config keys. A secret name with a literal value is
 * refused; a name whose secret word only qualifies another head (a length, a switch, an algorithm)
 * is not a secret and is accepted, and the synth-time pass must agree with the construction.
 */
const SECRET_HEADS = ['PASSWORD', 'PASSWD', 'PWD', 'PASS', 'TOKEN', 'SECRET', 'API_KEY', 'APIKEY', 'PRIVATE_KEY', 'CREDENTIALS'];
const QUALIFIED = ['PASSWORD_MIN_LENGTH', 'PASSWORD_HASH_ALGORITHM', 'PASSWORD_POLICY', 'SECRETS_STORE_ENABLED', 'ALLOW_EMPTY_PASSWORD', 'MAX_TOKENS', 'TOKEN_TTL_SECONDS'];
const envName = fc.oneof(
  fc.tuple(fc.constantFrom('DB', 'APP', 'REDIS', 'ADMIN', ''), fc.constantFrom(...SECRET_HEADS)).map(([q, h]) => (q ? `${q}_${h}` : h)),
  fc.constantFrom(...QUALIFIED),
);
export const secretEnv = fc.tuple(envName, fc.constantFrom('hunter2', '123456', 'yes', '12', 'bcrypt'))
  .map(([name, value]) => [{ name, value }]);
export const secretArgs = fc.tuple(envName, fc.constantFrom('hunter2', '12', 'true'))
  .map(([name, value]) => [`--${name.toLowerCase().replace(/_/g, '-')}=${value}`]);

/** Class 5 and 6: config text that cannot be read (an alias bomb, an anchor inside itself, two documents, deep nesting). */
export const unreadableYaml = fc.constantFrom(
  `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\npassword: hunter2\n`,
  'a: &a\n  b: *a\n',
  'patterns: []\n---\npassword: hunter2\n',
  `${'['.repeat(2000)}${']'.repeat(2000)}\n`,
);
