import { checkManifests, CheckManifestsOptions } from '../../lib/check/check-manifests';
import { MANIFEST_RULES, ManifestFinding, ManifestRule } from '../../lib/rules/findings';

/** Manifests built by hand for the checker's tests: each passes every rule until a test breaks it. */

export const LABELS = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' };

/** A container the restricted profile allows, with a declared port, a probe, resources and a mount. */
export function container(name = 'main', extra: Record<string, unknown> = {}): any {
  return {
    name,
    image: 'registry.example.com/web:1.0',
    ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
    ...extra,
  };
}

/** A pod spec the restricted profile allows. */
export function podSpec(containers: any[] = [container()], extra: Record<string, unknown> = {}): any {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers,
    volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
    ...extra,
  };
}

/** A Deployment `web` in `ns`; `edit` changes it in place. */
export function deployment(edit: (d: any) => void = () => {}, name = 'web', namespace = 'ns'): any {
  const d = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels: { ...LABELS } },
    spec: { selector: { matchLabels: { ...LABELS } }, template: { metadata: { labels: { ...LABELS } }, spec: podSpec() } },
  };
  edit(d);
  return d;
}

/** The pod spec of a workload. */
export function pod(workload: any): any {
  return workload.kind === 'Pod' ? workload.spec : workload.spec.template.spec;
}

/** The first container of a workload. */
export function main(workload: any): any {
  return pod(workload).containers[0];
}

/** A Service `web` in `ns` selecting the Deployment's pods on its `http` port. */
export function service(edit: (s: any) => void = () => {}, name = 'web', namespace = 'ns'): any {
  const s = {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace },
    spec: { selector: { ...LABELS }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  edit(s);
  return s;
}

export function configMap(name: string, data: Record<string, unknown>, namespace = 'ns'): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

/** `checkManifests` running only `rule` (every rule when omitted). */
export function check(objects: any[], rule?: ManifestRule, options: CheckManifestsOptions = {}): ManifestFinding[] {
  const skip = rule === undefined ? options.skip : MANIFEST_RULES.filter((r) => r !== rule);
  return checkManifests(objects, { ...options, ...(skip ? { skip } : {}) });
}

/** What a test expects of one finding: exact rule, object and field, fragments of message and fix. */
export interface Expected {
  readonly object: string;
  readonly field: string;
  readonly rule?: ManifestRule;
  readonly message?: string | RegExp;
  readonly fix?: string | RegExp;
  readonly value?: unknown;
  readonly check?: string;
  readonly source?: string;
}

/** Asserts the findings are exactly `expected`, in order. */
export function expectFindings(findings: readonly ManifestFinding[], rule: ManifestRule, expected: readonly Expected[]): void {
  const brief = (f: { rule?: string; object: string; field: string }) => `${f.rule ?? rule} ${f.object} ${f.field}`;
  expect(findings.map(brief)).toEqual(expected.map((e) => brief({ ...e, rule: e.rule ?? rule })));
  expected.forEach((e, i) => {
    const f = findings[i];
    if (e.message !== undefined) expect(f.message).toMatch(e.message);
    if (e.fix !== undefined) expect(f.fix).toMatch(e.fix);
    if ('value' in e) expect(f.value).toEqual(e.value);
    if (e.check !== undefined) expect(f.check).toBe(e.check);
    if (e.source !== undefined) expect(f.source).toBe(e.source);
    expect(f.message).not.toMatch(/\.$/);
    expect(f.fix.length).toBeGreaterThan(0);
  });
}
