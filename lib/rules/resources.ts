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
      const parsed: Record<'requests' | 'limits', Map<string, number>> = { requests: new Map(), limits: new Map() };
      for (const kind of ['requests', 'limits'] as const) {
        for (const [name, value] of Object.entries(obj(resources[kind]))) {
          const quantity = parseQuantity(value);
          if (quantity !== undefined) {
            parsed[kind].set(name, quantity);
            continue;
          }
          ctx.add(entry, 'resources', {
            field: mapEntry(`${c.path}.resources.${kind}`, name), value,
            message: `${kind} ${formatValue(name)} of ${containerLabel(c)} is ${formatValue(value)}, which is not a Kubernetes quantity: the API server refuses the pod`,
            fix: 'use a quantity such as "100m", "0.5", "128Mi" or "1Gi"',
          });
        }
      }
      for (const [name, request] of parsed.requests) {
        const limit = parsed.limits.get(name);
        if (limit === undefined || request <= limit) continue;
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
