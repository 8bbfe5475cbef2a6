/**
 * Rule `resources`: every request and limit is a quantity, and no request exceeds its limit
 * (ValidateResourceRequirements: "must be less than or equal to <resource> limit"), which the API
 * server would refuse.
 */
import { formatValue } from '../errors';
import { obj } from './json';
import { CheckContext } from './context';
import { entry as mapEntry } from './paths';
import { containerLabel } from './pods';
import { parseQuantity } from './quantity';

/** Runs rule `resources` on every container of every reported pod. */
export function checkResources(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (entry.pod === undefined || !ctx.reports(entry.index)) continue;
    for (const c of entry.pod.containers) {
      const resources = obj(c.spec.resources);
      for (const kind of ['requests', 'limits'] as const) {
        for (const [name, value] of Object.entries(obj(resources[kind]))) {
          if (parseQuantity(value) !== undefined) continue;
          ctx.add(entry, 'resources', {
            field: mapEntry(`${c.path}.resources.${kind}`, name), value,
            message: `${kind} ${formatValue(name)} of ${containerLabel(c)} is ${formatValue(value)}, which is not a Kubernetes quantity: the API server refuses the pod`,
            fix: 'use a quantity such as "100m", "0.5", "128Mi" or "1Gi"',
          });
        }
      }
      for (const { name } of requestsAboveLimits(obj(resources.requests), obj(resources.limits))) {
        const requests = obj(resources.requests);
        ctx.add(entry, 'resources', {
          field: mapEntry(`${c.path}.resources.requests`, name), value: requests[name],
          message: `${containerLabel(c)} requests ${formatValue(requests[name])} of ${name}, more than its limit ${formatValue(obj(resources.limits)[name])}: the API server refuses the pod`,
          fix: `request at most the limit (${formatValue(obj(resources.limits)[name])}), or raise the limit`,
        });
      }
    }
  }
}

/**
 * The requests above their limits (ValidateResourceRequirements): each resource whose request and
 * limit are both quantities and the request is the larger. The plans refuse a user's requests with
 * it (lib/workload/common-props.ts), and the rule the final manifests.
 */
export function requestsAboveLimits(requests: Readonly<Record<string, unknown>>, limits: Readonly<Record<string, unknown>>): { name: string; request: unknown; limit: unknown }[] {
  const above: { name: string; request: unknown; limit: unknown }[] = [];
  for (const [name, request] of Object.entries(requests)) {
    const [r, l] = [parseQuantity(request), parseQuantity(limits[name])];
    if (r !== undefined && l !== undefined && r > l) above.push({ name, request, limit: limits[name] });
  }
  return above;
}
