import { Chart } from 'cdk8s';
import { Console, MetricsServer, PodAutoscaler, ScaleTarget, ScalingStrategy, TlsMode } from '../lib';
import { admin, BadInput, nf } from './bad-input-case';

// Issue 23, class 1: values written into a text format where the field cannot carry a character
// that format gives a meaning to (docs/input-formats.md). Where the format has a faithful escape
// (a YAML scalar), the value is escaped instead, and nothing here is refused for it.

const rbac = (userRbac: object) => nf({ userRbac });
const ROLE = 'a role name that policy lines use';
const LINE = 'one Casbin line per entry';
const PATH_HELP = 'a path of letters, digits';
/** A PodAutoscaler whose path reaches metrics-server's --authorization-always-allow-paths (AIbrix before v0.5 scrapes it). */
const scrape = (path: string) => (c: Chart) => new PodAutoscaler(c, 'pa', {
  target: ScaleTarget.fromServer(new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() })), path, aibrixVersion: 'v0.4.1', strategy: ScalingStrategy.KPA, metric: { name: 'm', targetValue: 1 }, maxReplicas: 3,
});
const consoleAt = (baseUrl: string) => (c: Chart) => new Console(c, 'console', { admin: admin()(c), baseUrl });

/** Numaflow's rbac-conf.yaml (read by viper) and rbac-policy.csv (read line by line by Casbin's CSV reader). */
const RBAC: BadInput[] = [
  { name: 'defaultRole that injects a second policy.default line', class: 'injection', build: rbac({ defaultRole: 'role:readonly\npolicy.default: role:admin' }), path: 'c/nf', prop: 'userRbac.defaultRole', value: 'role:readonly\npolicy.default: role:admin', allowed: ROLE },
  { name: 'defaultRole with a carriage return', class: 'injection', build: rbac({ defaultRole: 'role:readonly\r' }), path: 'c/nf', prop: 'userRbac.defaultRole', value: 'role:readonly\r', allowed: ROLE },
  { name: 'defaultRole with U+2028 (a line break to Go\'s YAML reader)', class: 'injection', build: rbac({ defaultRole: 'role:\u2028admin' }), path: 'c/nf', prop: 'userRbac.defaultRole', value: 'role:\u2028admin', allowed: ROLE },
  { name: 'defaultRole with a NUL character', class: 'injection', build: rbac({ defaultRole: 'role\u0000admin' }), path: 'c/nf', prop: 'userRbac.defaultRole', value: 'role\u0000admin', allowed: ROLE },
  { name: 'defaultRole with a leading space (trimmed from policy lines)', class: 'injection', build: rbac({ defaultRole: ' role:admin' }), path: 'c/nf', prop: 'userRbac.defaultRole', value: ' role:admin', allowed: ROLE },
  { name: 'defaultRole empty', class: 'injection', build: rbac({ defaultRole: '' }), path: 'c/nf', prop: 'userRbac.defaultRole', value: '', allowed: ROLE },
  { name: 'policy entry that is two lines', class: 'injection', build: rbac({ policy: ['p, role:readonly, *, *, GET\ng, everyone, role:admin'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'p, role:readonly, *, *, GET\ng, everyone, role:admin', allowed: LINE },
  { name: 'policy entry with a carriage return', class: 'injection', build: rbac({ policy: ['p, role:admin, *, *, *\r'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'p, role:admin, *, *, *\r', allowed: LINE },
  { name: 'policy entry that is a comment', class: 'injection', build: rbac({ policy: ['# p, role:admin, *, *, *'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: '# p, role:admin, *, *, *', allowed: LINE },
  { name: 'policy entry that is empty', class: 'injection', build: rbac({ policy: ['p, role:admin, *, *, *', '  '] }), path: 'c/nf', prop: 'userRbac.policy[1]', value: '  ', allowed: LINE },
  { name: 'policy entry with a bare quote (the CSV reader fails)', class: 'injection', build: rbac({ policy: ['p, role:"admin, *, *, *'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'p, role:"admin, *, *, *', allowed: LINE },
  { name: 'policy entry with an unclosed quoted field', class: 'injection', build: rbac({ policy: ['p, "role:admin, *, *, *'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'p, "role:admin, *, *, *', allowed: LINE },
  { name: 'policy entry of an unknown type', class: 'injection', build: rbac({ policy: ['r, role:admin, *, *, *'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'r, role:admin, *, *, *', allowed: LINE },
  { name: 'policy p line with a field too few', class: 'injection', build: rbac({ policy: ['p, role:admin, *, *'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'p, role:admin, *, *', allowed: LINE },
  { name: 'policy g line with a field too many', class: 'injection', build: rbac({ policy: ['g, team, role:admin, extra'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'g, team, role:admin, extra', allowed: LINE },
  { name: 'policy field ending in a space', class: 'injection', build: rbac({ policy: ['p, role:admin , *, *, *'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'p, role:admin , *, *, *', allowed: LINE },
  { name: 'policy field that is empty', class: 'injection', build: rbac({ policy: ['p, , *, *, *'] }), path: 'c/nf', prop: 'userRbac.policy[0]', value: 'p, , *, *, *', allowed: LINE },
  { name: 'two scopes in one entry (a comma in a comma list)', class: 'injection', build: rbac({ scopes: ['groups,email'] }), path: 'c/nf', prop: 'userRbac.scopes[0]', value: 'groups,email', allowed: 'each of groups, email, username' },
  { name: 'a scope the server does not know (ignored)', class: 'injection', build: rbac({ scopes: ['roles'] }), path: 'c/nf', prop: 'userRbac.scopes[0]', value: 'roles', allowed: 'each of groups, email, username' },
  { name: 'a scope listed twice', class: 'injection', build: rbac({ scopes: ['email', 'email'] }), path: 'c/nf', prop: 'userRbac.scopes[1]', value: 'email', allowed: 'at most once' },
  { name: 'no scopes (the server reads them as groups)', class: 'injection', build: rbac({ scopes: [] }), path: 'c/nf', prop: 'userRbac.scopes', value: [], allowed: 'one or more of groups, email, username' },
];

/** URL paths written into HTML, JavaScript, flags, comma lists and route patterns. */
const PATHS: BadInput[] = [
  { name: 'baseHref that closes the base element\'s attribute', class: 'injection', build: nf({ baseHref: '/ui"><script>/' }), path: 'c/nf', prop: 'baseHref', value: '/ui"><script>/', allowed: PATH_HELP },
  { name: 'baseHref with a route parameter', class: 'injection', build: nf({ baseHref: '/ui/:id/' }), path: 'c/nf', prop: 'baseHref', value: '/ui/:id/', allowed: PATH_HELP },
  { name: 'baseHref with a wildcard', class: 'injection', build: nf({ baseHref: '/ui/*' }), path: 'c/nf', prop: 'baseHref', value: '/ui/*', allowed: PATH_HELP },
  { name: 'baseHref with a backslash (a JavaScript string escape)', class: 'injection', build: nf({ baseHref: '/ui\\x/' }), path: 'c/nf', prop: 'baseHref', value: '/ui\\x/', allowed: PATH_HELP },
  { name: 'baseHref with a dot-dot segment', class: 'injection', build: nf({ baseHref: '/ui/../admin/' }), path: 'c/nf', prop: 'baseHref', value: '/ui/../admin/', allowed: PATH_HELP },
  { name: 'Console baseUrl with a quote', class: 'injection', build: consoleAt('/console"'), path: 'c/console', prop: 'baseUrl', value: '/console"', allowed: PATH_HELP },
  { name: 'Console baseUrl with a route parameter', class: 'injection', build: consoleAt('/:tenant/console'), path: 'c/console', prop: 'baseUrl', value: '/:tenant/console', allowed: PATH_HELP },
  { name: 'autoscaler path "/*" (metrics-server would allow every path)', class: 'injection', build: scrape('/*'), path: 'c/pa', prop: 'path', value: '/*', allowed: PATH_HELP },
  { name: 'autoscaler path with a quote (breaks the flag\'s CSV)', class: 'injection', build: scrape('/metrics"'), path: 'c/pa', prop: 'path', value: '/metrics"', allowed: PATH_HELP },
  { name: 'metrics-server allowPath with a comma (two list entries)', class: 'injection', build: (c) => new MetricsServer(c, 'ms', { tls: TlsMode.selfSigned() }).allowPath('/metrics,/debug'),
    path: 'c/ms', prop: 'allowPath', value: '/metrics,/debug', allowed: PATH_HELP, constructStays: true },
  { name: 'a Numaflow origin whose host holds a comma (two list entries)', class: 'injection', build: nf({ corsAllowedOrigins: ['https://ui,evil.example.com'] }), path: 'c/nf', prop: 'corsAllowedOrigins[0]', value: 'https://ui,evil.example.com', allowed: 'an origin like' },
  { name: 'an Admin origin whose host holds a dollar sign', class: 'injection', build: admin({ allowedOrigins: ['https://a$b.example.com'] }), path: 'c/admin', prop: 'allowedOrigins[0]', value: 'https://a$b.example.com', allowed: 'an origin like' },
];

export const FORMAT_INPUTS: BadInput[] = [...RBAC, ...PATHS];
