import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { checkRestricted, CheckRestrictedOptions, Endpoint, ValidationError } from '../../lib';
import { containersOf, podOf } from '../../lib/rules/pod-specs';
import { MANIFEST_RULES, ManifestRule } from '../../lib/rules/findings';
import { runRules } from '../../lib/rules/run-rules';
import { checkReferences } from './references';
import { schemaErrors } from './schema';

/** The refusal `fn` throws: fails the test when it returns, or throws anything but a ValidationError. */
export function refusalOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a refusal');
}

/** Synthesizes a chart into its objects (validations of the constructs run first). */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/**
 * A fresh App for a test. cdk8s's `Testing.app()` makes a new temporary folder for every App and
 * never removes it: a test run left thousands behind. No test writes files through these Apps
 * (they synthesize with `Testing.synth`), so their outdir is one folder that is never created.
 */
export function testApp(): App {
  return new App({ outdir: path.join(os.tmpdir(), 'cdk8s-tls-constructs-test-app') });
}

/** A fresh chart in a fresh app, for a test. */
export function testChart(): Chart {
  return new Chart(testApp(), 'test');
}

/** Item 2: every probe on an endpoint's port uses the endpoint's scheme, and the ports agree with it. */
export function checkEndpoints(objects: readonly any[], endpoints: readonly Endpoint[]): string[] {
  const errors: string[] = [];
  for (const ep of endpoints) {
    const svc = objects.find((o) => o.kind === 'Service' && o.metadata?.name === ep.serviceName && o.metadata?.namespace === ep.namespace);
    if (!svc) {
      errors.push(`no Service ${ep.namespace}/${ep.serviceName} for endpoint ${ep.url()}`);
      continue;
    }
    const sp = (svc.spec.ports ?? []).find((p: any) => p.name === ep.portName);
    if (!sp || sp.port !== ep.servicePort || sp.targetPort !== ep.portName) {
      errors.push(`Service ${ep.serviceName} has no port ${ep.portName} ${ep.servicePort} → ${ep.portName}`);
    }
    for (const o of objects) {
      const pod = podOf(o);
      if (!pod || pod.namespace !== ep.namespace) continue;
      if (!Object.entries(svc.spec.selector ?? {}).every(([k, v]) => pod.metadata?.labels?.[k] === v)) continue;
      for (const { container } of containersOf(pod.spec)) {
        const cp = (container.ports ?? []).find((p: any) => p.name === ep.portName);
        if (cp && cp.containerPort !== ep.port) errors.push(`${pod.object} ${container.name}: port ${ep.portName} is ${cp.containerPort}, endpoint says ${ep.port}`);
        for (const probeName of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          const get = container[probeName]?.httpGet;
          if (!get || (get.port !== ep.portName && get.port !== ep.port)) continue;
          const scheme = get.scheme ?? 'HTTP';
          if (scheme !== ep.probeScheme) errors.push(`${pod.object} ${container.name}: ${probeName} speaks ${scheme} to ${ep.portName}, which serves ${ep.scheme}`);
        }
      }
    }
  }
  return errors;
}

/** DESIGN §6 items 1, 5 (mounts), 7 and 8 and duplicates, as the library's own rules judge them. */
const INVARIANT_RULES: readonly ManifestRule[] = ['duplicate', 'service-target-port', 'probe-port', 'volume-mount', 'apiservice-trust'];

function invariantFindings(objects: readonly any[]): string[] {
  return runRules(objects, { complete: true, skip: MANIFEST_RULES.filter((r) => !INVARIANT_RULES.includes(r)) })
    .map((f) => `${f.object} ${f.field}: ${f.rule}: ${f.message}`);
}

/** Options of `expectValid`. */
export interface ExpectValidOptions {
  /** Secrets/ConfigMaps named by the user in props (`Secret/<ns>/<name>`), which the stack need not create. */
  readonly external?: string[];
  /** Endpoints whose ports, probes and Service must agree (item 2). */
  readonly endpoints?: Endpoint[];
  /** Pod Security checks the configuration explicitly opted out of. */
  readonly restricted?: CheckRestrictedOptions;
}

/**
 * Every object validates against its schema, every pod meets Pod Security "restricted", and the
 * invariants of DESIGN §6 items 1, 2, 5 and 7 hold. Fails with all messages at once.
 */
export function expectValid(objects: readonly any[], options: ExpectValidOptions = {}): void {
  const problems = [
    ...schemaErrors(objects),
    ...checkRestricted([...objects], options.restricted).map((v) => `restricted: ${v.object} ${v.container ?? ''} ${v.rule}: ${v.message}`),
    ...invariantFindings(objects),
    ...checkReferences(objects, options.external),
    ...checkEndpoints(objects, options.endpoints ?? []),
  ];
  expect(problems).toEqual([]);
  expect(objects.length).toBeGreaterThan(0);
}

/** The one object of `kind` (and `name`, when given); fails when there is not exactly one. */
export function only(objects: readonly any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  expect(found.map((o) => `${o.kind}/${o.metadata?.name}`)).toHaveLength(1);
  return found[0];
}

/** The named container of the first pod-bearing object of `kind`. */
export function container(objects: readonly any[], kind: string, name: string): any {
  const pod = podOf(only(objects, kind));
  const found = containersOf(pod!.spec).map((c) => c.container).find((c) => c.name === name);
  expect(found).toBeDefined();
  return found;
}
