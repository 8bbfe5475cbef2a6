/**
 * `checkManifests`: every rule (lib/rules) over final manifest JSON (from `Chart.toJson()`, parsed
 * YAML, or anyone's hands), reporting what a cluster would refuse or what would break in it, with
 * the field, the reason and the fix. Input is untrusted: nothing in it makes this throw. This
 * module checks the caller's options and reports; the rules run in lib/rules/run-rules.ts.
 */
import { ValidationError } from '../errors';
import { checkProps, refineFields } from '../props/prop-shapes';
import { PropType, T } from '../props/prop-types';
import { ManifestFinding } from '../rules/findings';
import { runRules } from '../rules/run-rules';

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

/**
 * Checks Kubernetes manifests (plain JSON objects) against every rule: names and labels the API
 * server refuses, replica counts, ports and probe settings of the wrong JSON type, duplicate objects, Service and probe ports no container declares, volume mounts,
 * requests above limits, Pod Security "restricted" (minus the checks an object's
 * `cdk8s-tls-constructs/pod-security-exceptions` annotation opts out of), probe schemes that
 * disagree with what a known server serves, APIService trust, Gateway API objects the API server
 * refuses for a CEL rule of their CRD, Gateway routes to ports that do not exist or speak another
 * scheme than the gateway, secrets written inline, CORS policies open to every origin, and values
 * of config files in ConfigMaps that Go reads otherwise than YAML 1.2 (`mode: 0B101`, `enabled: on`).
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
