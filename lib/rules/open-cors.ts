/**
 * Rule `open-cors`: a known server (servers.ts) whose CORS policy lets every origin call it, so any
 * web page a signed-in user visits can call its API with the user's credentials. Flyte Admin is
 * open by default (allowCors true, allowedOrigins ["*"]); Numaflow only when told `*`.
 */
import { CheckContext } from './context';
import { containerLabel } from './pods';
import { serverOf } from './servers';

/** Runs rule `open-cors` on every container of a known server in a reported pod. */
export function checkOpenCors(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (entry.pod === undefined || !ctx.reports(entry.index)) continue;
    for (const c of entry.pod.containers) {
      const cors = serverOf(ctx, entry, c)?.openCors;
      if (cors === undefined) continue;
      ctx.add(entry, 'open-cors', {
        field: cors.field, ...(cors.value === undefined ? {} : { value: cors.value }),
        message: `${serverOf(ctx, entry, c)!.name} in ${containerLabel(c)} answers CORS requests from any origin: ${cors.detail}, `
          + "so any web page a signed-in user opens can call the API with the user's credentials",
        fix: cors.fix,
      });
    }
  }
}
