/**
 * `checkManifests`: every rule of lib/check over final manifest JSON (from `Chart.toJson()`,
 * parsed YAML, or anyone's hands), reporting what a cluster would refuse or what would break in it,
 * with the field, the reason and the fix. Input is untrusted: nothing in it makes this throw.
 */
import { ValidationError } from '../errors';
import { checkProps, refineFields } from '../input/prop-shapes';
import { PropType, T } from '../input/prop-types';
import { checkGatewayApiCel } from './cel-gateway-api';
import { checkDuplicates } from './duplicates';
import { checkFieldTypes } from './field-types';
import { CheckContext, ObjectEntry, readEntry } from './context';
import { MANIFEST_RULES, ManifestFinding, ManifestRule } from './findings';
import { checkGatewayBackends } from './gateway-backends';
import { checkInlineSecrets } from './inline-secrets';
import { checkLabels } from './labels';
import { checkNames } from './names';
import { checkOpenCors } from './open-cors';
import { checkProbePorts, checkServiceTargetPorts, checkVolumeMounts } from './pod-wiring';
import { checkResources } from './resources';
import { checkIdenticalRoutes } from './route-matches';
import { checkRestrictedRule } from './restricted';
import { checkApiServiceTrust, checkProbeSchemes } from './tls-consistency';

/** Options of `checkManifests`. */
export interface CheckManifestsOptions {
  /** Rules not to run (names from `MANIFEST_RULES`). @default - none */
  readonly skip?: string[];
  /** sources[i] describes objects[i] (a construct path or `file.yaml#3`), copied into findings. @default - none */
  readonly sources?: string[];
  /**
   * The objects are the complete set that selects/serves each other: a Service whose selector
   * matches no pod among them is a finding. @default false (pods may come from elsewhere)
   */
  readonly complete?: boolean;
  /** Indexes of the objects to report findings for (others are context only, e.g. for duplicates and selectors). @default - all */
  readonly report?: number[];
}

/** The options as the library's own callers give them (the synth-time pass). */
export interface RuleOptions {
  readonly skip?: readonly string[];
  readonly sources?: readonly (string | undefined)[];
  readonly complete?: boolean;
  readonly report?: ReadonlySet<number>;
  /**
   * YAML texts whose value the caller already knows because it rendered them from that value:
   * parsed again only when the text differs (a patch changed it).
   */
  readonly knownYaml?: ReadonlyMap<string, unknown>;
}

/** `sources[i]` is a string, or unset for an object whose origin the caller does not know. */
const SOURCES: PropType = {
  description: 'a list of strings (entries may be unset)',
  accepts: { list: 'string' },
  of: T.string,
  check: (path, prop, value) => {
    if (!Array.isArray(value) || value.some((s) => s !== undefined && s !== null && typeof s !== 'string')) {
      throw new ValidationError(path, prop, value, 'it is not a list of strings', SOURCES.description);
    }
    return value;
  },
};

/** CheckManifestsOptions: `sources` may have unset entries, `report` holds indexes. */
const OPTIONS = refineFields('CheckManifestsOptions', { sources: SOURCES, report: T.array(T.integer) });

/** Each rule, run over all objects in turn (so one object's findings come in rule order). */
const RUNNERS: Readonly<Record<ManifestRule, (ctx: CheckContext, options: RuleOptions) => void>> = {
  name: (ctx) => checkNames(ctx),
  labels: (ctx) => checkLabels(ctx),
  'field-type': (ctx) => checkFieldTypes(ctx),
  duplicate: (ctx) => checkDuplicates(ctx),
  'service-target-port': (ctx, options) => checkServiceTargetPorts(ctx, options.complete === true),
  'probe-port': (ctx) => checkProbePorts(ctx),
  'volume-mount': (ctx) => checkVolumeMounts(ctx),
  resources: (ctx) => checkResources(ctx),
  restricted: (ctx) => checkRestrictedRule(ctx),
  'probe-scheme': (ctx) => checkProbeSchemes(ctx),
  'apiservice-trust': (ctx) => checkApiServiceTrust(ctx),
  'gateway-api-cel': (ctx) => checkGatewayApiCel(ctx),
  'gateway-backend': (ctx) => {
    checkGatewayBackends(ctx);
    checkIdenticalRoutes(ctx);
  },
  'inline-secret': (ctx) => checkInlineSecrets(ctx),
  'open-cors': (ctx) => checkOpenCors(ctx),
};

/**
 * Checks Kubernetes manifests (plain JSON objects) against every rule: names and labels the API
 * server refuses, replica counts, ports and probe settings of the wrong JSON type, duplicate objects, Service and probe ports no container declares, volume mounts,
 * requests above limits, Pod Security "restricted" (minus the checks an object's
 * `cdk8s-tls-constructs/pod-security-exceptions` annotation opts out of), probe schemes that
 * disagree with what a known server serves, APIService trust, Gateway API objects the API server
 * refuses for a CEL rule of their CRD, Gateway routes to ports that do not exist or speak another
 * scheme than the gateway, secrets written inline, and CORS policies open to
 * every origin.
 *
 * @param objects the manifests; any JSON value is accepted (an entry that is not an object with a
 * string apiVersion and kind is one finding of rule `name`)
 * @param options rules to skip, where each object came from, whether the set is complete, which objects to report on
 * @returns every finding, in object order then rule order
 * @throws ValidationError when `options.skip` names an unknown rule (and never because of the objects)
 */
export function checkManifests(objects: any[], options: CheckManifestsOptions = {}): ManifestFinding[] {
  // JavaScript callers reach here unchecked: a list that is not one, or an option of the wrong type
  // (a string for `skip`, an array for `report`), is a clear refusal rather than a TypeError or an
  // option silently ignored. The entries of the list stay untrusted input, reported as findings.
  if (!Array.isArray(objects)) throw new ValidationError('checkManifests', 'objects', objects, 'not a list', 'a list of manifest objects');
  const checked = checkProps('checkManifests', 'options', options ?? {}, OPTIONS, 'options of checkManifests') as CheckManifestsOptions;
  checked.report?.forEach((index, i) => {
    if (index < 0) throw new ValidationError('checkManifests', `options.report[${i}]`, index, 'not an index', 'indexes into objects, e.g. [0, 2]');
  });
  return runRules(objects, { ...checked, report: checked.report && new Set(checked.report) });
}

/** `checkManifests` for callers whose options are built by the library itself (the synth-time pass). */
export function runRules(objects: readonly unknown[], options: RuleOptions): ManifestFinding[] {
  const skip = new Set<string>();
  for (const rule of options.skip ?? []) {
    if (!Object.prototype.hasOwnProperty.call(RUNNERS, rule)) {
      throw new ValidationError('checkManifests', 'skip', rule, 'not a manifest rule', `one of ${MANIFEST_RULES.join(', ')}`);
    }
    skip.add(rule);
  }
  const sources = options.sources ?? [];
  const entries: ObjectEntry[] = [];
  const invalid: number[] = [];
  for (let i = 0; i < objects.length; i++) {
    const source = sources[i];
    const entry = readEntry(objects[i], i, typeof source === 'string' ? source : undefined);
    if (entry === undefined) invalid.push(i);
    else entries.push(entry);
  }
  const ctx = new CheckContext(entries, objects.length, options.report, options.knownYaml);
  for (const rule of MANIFEST_RULES) {
    if (skip.has(rule)) continue;
    if (rule === 'name') for (const i of invalid) notAnObject(ctx, objects[i], i, sources[i]);
    RUNNERS[rule](ctx, options);
  }
  return ctx.findings();
}

/** The one finding of an entry that is not a Kubernetes object. */
function notAnObject(ctx: CheckContext, value: unknown, index: number, source: string | undefined): void {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const what = value === null || value === undefined ? String(value) : Array.isArray(value) ? 'an array' : isObject ? 'an object without a string apiVersion and kind' : `a ${typeof value}`;
  ctx.addAt(index, `objects[${index}]`, typeof source === 'string' ? source : undefined, 'name', {
    field: '',
    message: `entry ${index} is ${what}, not a Kubernetes object: the API server cannot tell what to make of it`,
    fix: 'give every manifest a string apiVersion and kind (e.g. apiVersion: v1, kind: ConfigMap) and metadata.name',
  });
}
