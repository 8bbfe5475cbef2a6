// For each CEL rule of the Gateway API CRDs (by its message): a value that breaks it, for the rule's
// own location (`self`). The test puts it at every location the rule is declared, in every served
// version, inside an otherwise valid object of the kind.
import { CEL_SCHEMAS } from '../../lib/rules/cel-crd-rules';
import type { CelSchemaNode } from '../../lib/rules/cel-schema';

const svc = { name: 'svc', port: 80 };
const filter = (type: string, extra: object = {}) => ({ type, ...extra });
const redirectTo = (path: object) => filter('RequestRedirect', { requestRedirect: { path } });
const rewriteTo = (path: object) => filter('URLRewrite', { urlRewrite: { path } });
const exact = [{ path: { type: 'Exact', value: '/a' } }];
const matches = (kind: string, n: number) => Array.from({ length: n }, () => kind === 'GRPCRoute' ? { method: { service: 'svc' } } : { path: { type: 'PathPrefix', value: '/' } });
const pathValue = (value: string) => ({ type: 'PathPrefix', value });
const extRef = { group: 'example.com', kind: 'Filter', name: 'f' };

/** A value that breaks the rule with this message, at the rule's own location. */
export const BREAKING: { readonly [message: string]: (kind: string) => unknown } = {
  'IPAddress values must be unique': () => [{ type: 'IPAddress', value: '10.0.0.1' }, { type: 'IPAddress', value: '10.0.0.1' }],
  'Hostname values must be unique': () => [{ type: 'Hostname', value: 'a.example.com' }, { type: 'Hostname', value: 'a.example.com' }],
  'Hostname value must be empty or contain only valid characters': () => ({ type: 'Hostname', value: 'A_B' }),
  'Annotation keys must be in the form': () => ({ 'not a key!': 'x' }),
  "If specified, the annotation key's prefix must be a DNS subdomain": () => ({ [`${'a'.repeat(253)}/x`]: 'x' }),
  'Label keys must be in the form': () => ({ 'not a key!': 'x' }),
  "If specified, the label key's prefix must be a DNS subdomain": () => ({ [`${'a'.repeat(253)}/x`]: 'x' }),
  'tls must not be specified for protocols': () => [{ name: 'http', port: 80, protocol: 'HTTP', tls: { certificateRefs: [{ name: 'cert' }] } }],
  'tls mode must be Terminate for protocol HTTPS': () => [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Passthrough' } }],
  'hostname must not be specified for protocols': () => [{ name: 'tcp', port: 9000, protocol: 'TCP', hostname: 'a.example.com' }],
  'Listener name must be unique within the Gateway': () => [{ name: 'http', port: 80, protocol: 'HTTP' }, { name: 'http', port: 8080, protocol: 'HTTP' }],
  'Combination of port, protocol and hostname must be unique': () => [{ name: 'a', port: 80, protocol: 'HTTP' }, { name: 'b', port: 80, protocol: 'HTTP' }],
  'certificateRefs or options must be specified when mode is Terminate': () => ({ mode: 'Terminate', certificateRefs: [], options: {} }),
  'sectionName must be specified when parentRefs includes': () => [{ name: 'gw' }, { name: 'gw', sectionName: 'https' }],
  'sectionName must be unique when parentRefs includes': () => [{ name: 'gw', sectionName: 'https' }, { name: 'gw', sectionName: 'https' }],
  'While 16 rules and 64 matches per rule are allowed, the total number of matches': (kind) => Array.from({ length: 16 }, (_, i) => ({ matches: matches(kind, i === 0 ? 9 : 8), backendRefs: [svc] })),
  'RequestRedirect filter must not be used together with backendRefs': () => ({ backendRefs: [svc], filters: [filter('RequestRedirect', { requestRedirect: {} })] }),
  'When using RequestRedirect filter with path.replacePrefixMatch': () => ({ matches: exact, filters: [redirectTo({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' })] }),
  'When using URLRewrite filter with path.replacePrefixMatch': () => ({ matches: exact, filters: [rewriteTo({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' })], backendRefs: [svc] }),
  'Within backendRefs, when using RequestRedirect filter': () => ({ matches: exact, backendRefs: [{ ...svc, filters: [redirectTo({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' })] }] }),
  'Within backendRefs, When using URLRewrite filter': () => ({ matches: exact, backendRefs: [{ ...svc, filters: [rewriteTo({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' })] }] }),
  'Must have port for Service reference': () => ({ name: 'svc' }),
  'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite': () => [filter('RequestRedirect', { requestRedirect: {} }), filter('URLRewrite', { urlRewrite: {} })],
  'RequestHeaderModifier filter cannot be repeated': () => [filter('RequestHeaderModifier', { requestHeaderModifier: {} }), filter('RequestHeaderModifier', { requestHeaderModifier: {} })],
  'ResponseHeaderModifier filter cannot be repeated': () => [filter('ResponseHeaderModifier', { responseHeaderModifier: {} }), filter('ResponseHeaderModifier', { responseHeaderModifier: {} })],
  'RequestRedirect filter cannot be repeated': () => [filter('RequestRedirect', { requestRedirect: {} }), filter('RequestRedirect', { requestRedirect: {} })],
  'URLRewrite filter cannot be repeated': () => [filter('URLRewrite', { urlRewrite: {} }), filter('URLRewrite', { urlRewrite: {} })],
  'filter.requestHeaderModifier must be nil': () => filter('ResponseHeaderModifier', { responseHeaderModifier: {}, requestHeaderModifier: {} }),
  'filter.requestHeaderModifier must be specified': () => filter('RequestHeaderModifier'),
  'filter.responseHeaderModifier must be nil': () => filter('RequestHeaderModifier', { requestHeaderModifier: {}, responseHeaderModifier: {} }),
  'filter.responseHeaderModifier must be specified': () => filter('ResponseHeaderModifier'),
  'filter.requestMirror must be nil': () => filter('RequestHeaderModifier', { requestHeaderModifier: {}, requestMirror: { backendRef: svc } }),
  'filter.requestMirror must be specified': () => filter('RequestMirror'),
  'filter.requestRedirect must be nil': () => filter('RequestHeaderModifier', { requestHeaderModifier: {}, requestRedirect: {} }),
  'filter.requestRedirect must be specified': () => filter('RequestRedirect'),
  'filter.urlRewrite must be nil': () => filter('RequestHeaderModifier', { requestHeaderModifier: {}, urlRewrite: {} }),
  'filter.urlRewrite must be specified': () => filter('URLRewrite'),
  'filter.extensionRef must be nil': () => filter('RequestHeaderModifier', { requestHeaderModifier: {}, extensionRef: extRef }),
  'filter.extensionRef must be specified': () => filter('ExtensionRef'),
  'Only one of percent or fraction may be specified': () => ({ backendRef: svc, percent: 50, fraction: { numerator: 1, denominator: 2 } }),
  'numerator must be less than or equal to denominator': () => ({ numerator: 3, denominator: 2 }),
  "replaceFullPath must be specified when type is set to 'ReplaceFullPath'": () => ({ type: 'ReplaceFullPath' }),
  "type must be 'ReplaceFullPath' when replaceFullPath is set": () => ({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/b', replaceFullPath: '/c' }),
  "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'": () => ({ type: 'ReplacePrefixMatch' }),
  "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set": () => ({ type: 'ReplaceFullPath', replaceFullPath: '/c', replacePrefixMatch: '/b' }),
  'value must be an absolute path and start with': () => pathValue('a'),
  "must not contain '//'": () => pathValue('/a//b'),
  "must not contain '/./'": () => pathValue('/a/./b'),
  "must not contain '/../'": () => pathValue('/a/../b'),
  "must not contain '%2f'": () => pathValue('/a%2fb'),
  "must not contain '%2F'": () => pathValue('/a%2Fb'),
  "must not contain '#'": () => pathValue('/a#b'),
  "must not end with '/..'": () => pathValue('/a/..'),
  "must not end with '/.'": () => pathValue('/a/.'),
  'must only contain valid characters (matching ^(?:': () => pathValue('/a b'),
  'backendRequest timeout cannot be longer than request timeout': () => ({ request: '1s', backendRequest: '1500ms' }),
  "One or both of 'service' or 'method' must be specified": () => ({ type: 'Exact' }),
  'service must only contain valid characters': () => ({ service: '1svc' }),
  'method must only contain valid characters': () => ({ method: 'Get-Thing' }),
  'sectionName must be specified when targetRefs includes': () => [{ group: '', kind: 'Service', name: 'svc' }, { group: '', kind: 'Service', name: 'svc', sectionName: 'https' }],
  'sectionName must be unique when targetRefs includes': () => [{ group: '', kind: 'Service', name: 'svc', sectionName: 'https' }, { group: '', kind: 'Service', name: 'svc', sectionName: 'https' }],
  'must not contain both CACertificateRefs and WellKnownCACertificates': () => ({ hostname: 'svc.ns.svc', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }], wellKnownCACertificates: 'System' }),
  'must specify either CACertificateRefs or WellKnownCACertificates': () => ({ hostname: 'svc.ns.svc' }),
  'SubjectAltName element must contain Hostname': () => ({ type: 'Hostname' }),
  'SubjectAltName element must not contain Hostname': () => ({ type: 'URI', uri: 'spiffe://cluster.local/ns/a/sa/b', hostname: 'a.example.com' }),
  'SubjectAltName element must contain URI': () => ({ type: 'URI' }),
  'SubjectAltName element must not contain URI': () => ({ type: 'Hostname', hostname: 'a.example.com', uri: 'spiffe://cluster.local/ns/a/sa/b' }),
};

/**
 * Rules no object can break with the API server evaluating them: the schema refuses every value
 * that would, and stops CEL validation (path.type is an enum of exactly the types the rule allows).
 */
export const UNREACHABLE: { readonly [message: string]: { readonly value: (kind: string) => unknown; readonly blocking: RegExp } } = {
  "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']": { value: () => ({ type: 'Prefix', value: '/' }), blocking: /is not one of "Exact", "PathPrefix", "RegularExpression"/ },
};

/** A valid object of each kind: no finding of any rule. */
export function base(kind: string, version: string): any {
  const spec: { [kind: string]: object } = {
    Gateway: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    HTTPRoute: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }] },
    GRPCRoute: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }] },
    BackendTLSPolicy: { targetRefs: [{ group: '', kind: 'Service', name: 'svc' }], validation: { hostname: 'svc.ns.svc', wellKnownCACertificates: 'System' } },
  };
  return { apiVersion: `gateway.networking.k8s.io/${version}`, kind, metadata: { name: 'x', namespace: 'ns' }, spec: JSON.parse(JSON.stringify(spec[kind])) };
}

/** A minimal value of a schema node that its own schema accepts (required fields filled, defaults left to admission). */
function minimal(s: CelSchemaNode): unknown {
  if (s.enum) return s.enum[0];
  if (s.type === 'object') return Object.fromEntries((s.required ?? []).filter((r) => s.properties?.[r]?.default === undefined).map((r) => [r, minimal(s.properties![r])]));
  if (s.type === 'array') return [];
  if (s.type === 'integer') return 1;
  return 'x';
}

/** `object` with `value` at the rule location `path` (`[*]` as the first item), parents made as needed. */
export function place(object: any, path: string, value: unknown): { object: any; field: string } {
  const steps = path.match(/[^.[\]]+|\[\*\]/g)!;
  let schema: CelSchemaNode = CEL_SCHEMAS[`${object.apiVersion}/${object.kind}`];
  let at: any = object;
  const field: string[] = [];
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const list = step === '[*]';
    const child = list ? schema.items! : schema.properties![step];
    const key = list ? 0 : step;
    if (last) at[key] = value;
    else if (at[key] === undefined || at[key] === null) at[key] = minimal(child);
    field.push(list ? '[0]' : `${i === 0 ? '' : '.'}${step}`);
    at = at[key];
    schema = child;
  });
  return { object, field: field.join('') };
}
