/**
 * Runs the rules over manifest JSON: the one implementation that the plans, the synth-time pass
 * and `checkManifests` (the `check` command) all call. Its options are built by the library itself;
 * `checkManifests` checks a caller's options first.
 */
import { ValidationError } from '../errors';
import { checkGatewayApiCel } from './cel-gateway-api';
import { CheckContext, ObjectEntry, readEntry } from './context';
import { checkDuplicates } from './duplicates';
import { checkFieldTypes } from './field-types';
import { MANIFEST_RULES, ManifestFinding, ManifestRule } from './findings';
import { checkGatewayBackends } from './gateway-backends';
import { checkInlineSecrets } from './inline-secrets';
import { checkLabels } from './labels';
import { checkNames } from './names';
import { checkOpenCors } from './open-cors';
import { checkProbePorts, checkServiceTargetPorts, checkVolumeMounts } from './pod-wiring';
import { checkResources } from './resources';
import type { RenderedServers } from './server-facts';
import { checkRestrictedRule } from './restricted';
import { checkIdenticalRoutes } from './route-matches';
import { checkApiServiceTrust, checkProbeSchemes } from './tls-consistency';
import { checkYamlReading } from './yaml-reading';

/** The options of `runRules`, as the library's own callers give them. */
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
  /**
   * Servers whose listeners the caller knows because it rendered them from its own values
   * (`renderedServerOf`): their flags and config are read again only when a patch changed them.
   */
  readonly knownServers?: RenderedServers;
  /**
   * cdk8s's own writer writes the objects (`app.synth()`, `Testing.synth`): rule `yaml-reading`
   * refuses the strings it writes in a form Go reads otherwise.
   */
  readonly cdk8sWriter?: boolean;
}

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
  'yaml-reading': (ctx, options) => checkYamlReading(ctx, options.cdk8sWriter === true),
};

/** The findings of the rules over `objects` (`checkManifests` without the check of its options). */
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
  const ctx = new CheckContext(entries, objects.length, options.report, options.knownYaml, options.knownServers);
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
