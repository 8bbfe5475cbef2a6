/**
 * Rule `name`: the names Kubernetes v1.28 API validation checks (k8s.io/kubernetes
 * pkg/apis/core/validation, pkg/apis/rbac/validation, kube-aggregator's apiregistration
 * validation), so that a name the API server would refuse is found before `kubectl apply`.
 */
import { formatValue } from '../errors';
import { list, obj } from './json';
import { CheckContext, ObjectEntry } from './context';
import {
  dns1035Label, dns1123Label, dns1123Subdomain, ianaSvcName, pathSegment, SYNTAX_HELP,
} from './name-syntax';
import { field, item } from './paths';
import { containerLabel } from './pods';

type NameTest = (name: string) => string | undefined;

/** RBAC objects are named by path segments (ValidateRBACName), so `system:metrics-server` is fine. */
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

const REFUSED = 'the API server refuses the object';

/** Runs rule `name` on every reported object. */
export function checkNames(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (!ctx.reports(entry.index)) continue;
    objectName(ctx, entry);
    objectNamespace(ctx, entry);
    if (entry.pod !== undefined) podNames(ctx, entry);
    if (entry.kind === 'Service') servicePortNames(ctx, entry);
  }
}

function objectName(ctx: CheckContext, entry: ObjectEntry): void {
  const name = entry.metadata.name;
  if (typeof name !== 'string' || name === '') {
    ctx.add(entry, 'name', {
      field: 'metadata.name', value: name,
      message: `metadata.name is ${name === undefined || name === null ? 'missing' : `${formatValue(name)}, not a non-empty string`}: ${REFUSED}`,
      fix: `set metadata.name to ${nameHelp(entry)}`,
    });
    return;
  }
  if (entry.kind === 'APIService') {
    // The aggregator routes /apis/<group>/<version> by this name, so it must be exactly that pair.
    const spec = obj(entry.json.spec);
    const expected = typeof spec.version === 'string' && typeof spec.group === 'string' ? `${spec.version}.${spec.group}` : undefined;
    if (name !== expected) {
      ctx.add(entry, 'name', {
        field: 'metadata.name', value: name,
        message: `metadata.name ${formatValue(name)} of an APIService must be "<spec.version>.<spec.group>"`
          + `${expected === undefined ? ' and spec.version or spec.group is not a string' : ` (${formatValue(expected)})`}: ${REFUSED}`,
        fix: expected === undefined ? 'set spec.group and spec.version, and name the APIService "<version>.<group>"' : `name the APIService ${formatValue(expected)}`,
      });
    }
    return;
  }
  const [test, help] = nameRule(entry.kind);
  const why = test(name);
  if (why !== undefined) {
    ctx.add(entry, 'name', {
      field: 'metadata.name', value: name,
      message: `metadata.name ${formatValue(name)} of a ${entry.kind} is ${why}: ${REFUSED}`,
      fix: `use ${help}`,
    });
  }
}

/** The test and its help text for the name of an object of `kind`. */
function nameRule(kind: string): [NameTest, string] {
  if (kind === 'Service') return [dns1035Label, SYNTAX_HELP.dns1035Label];
  if (kind === 'Namespace') return [dns1123Label, SYNTAX_HELP.dns1123Label];
  if (RBAC_KINDS.has(kind)) return [pathSegment, SYNTAX_HELP.pathSegment];
  return [dns1123Subdomain, SYNTAX_HELP.dns1123Subdomain];
}

function nameHelp(entry: ObjectEntry): string {
  return entry.kind === 'APIService' ? '"<spec.version>.<spec.group>"' : nameRule(entry.kind)[1];
}

function objectNamespace(ctx: CheckContext, entry: ObjectEntry): void {
  const namespace = entry.metadata.namespace;
  if (namespace === undefined || namespace === null || namespace === '') return;
  const why = typeof namespace === 'string' ? dns1123Label(namespace) : 'not a string';
  if (why !== undefined) {
    ctx.add(entry, 'name', {
      field: 'metadata.namespace', value: namespace,
      message: `metadata.namespace ${formatValue(namespace)} is ${why}: ${REFUSED}`,
      fix: `use a namespace name of ${SYNTAX_HELP.dns1123Label}`,
    });
  }
}

/** One name field: required, a string, accepted by `test`. */
function nameField(ctx: CheckContext, entry: ObjectEntry, path: string, value: unknown, what: string,
  test: NameTest, help: string, required: boolean): void {
  // JSON null is an unset field to the API server.
  if ((value === undefined || value === null) && !required) return;
  const why = value === undefined || value === null ? 'missing' : typeof value === 'string' ? test(value) : 'not a string';
  if (why === undefined) return;
  ctx.add(entry, 'name', {
    field: path, value,
    message: `${what} is ${value === undefined || value === null ? 'missing' : `${formatValue(value)}, which is ${why}`}: ${REFUSED}`,
    fix: `use ${help}`,
  });
}

function podNames(ctx: CheckContext, entry: ObjectEntry): void {
  const pod = entry.pod!;
  for (const c of pod.containers) {
    nameField(ctx, entry, field(c.path, 'name'), c.spec.name, `the name of ${c.path}`, dns1123Label, SYNTAX_HELP.dns1123Label, true);
    list(c.spec.ports).forEach((port, j) => {
      const path = field(item(field(c.path, 'ports'), j), 'name');
      nameField(ctx, entry, path, obj(port).name, `the name of port ${j} of ${containerLabel(c)}`, ianaSvcName, SYNTAX_HELP.ianaSvcName, false);
    });
  }
  list(pod.spec.volumes).forEach((volume, i) => {
    const path = field(item(field(pod.specPath, 'volumes'), i), 'name');
    nameField(ctx, entry, path, obj(volume).name, `the name of volume ${i}`, dns1123Label, SYNTAX_HELP.dns1123Label, true);
  });
}

function servicePortNames(ctx: CheckContext, entry: ObjectEntry): void {
  const ports = list(obj(entry.json.spec).ports);
  ports.forEach((port, j) => {
    // With more than one port each must be named (ValidateService), so Endpoints can tell them apart.
    nameField(ctx, entry, `spec.ports[${j}].name`, obj(port).name, `the name of Service port ${j}`, dns1123Label,
      SYNTAX_HELP.dns1123Label, ports.length > 1);
  });
}
