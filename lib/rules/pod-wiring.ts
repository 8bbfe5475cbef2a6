/**
 * Rules `service-target-port`, `probe-port` and `volume-mount`: the references inside and between
 * pods and Services that Kubernetes resolves only at run time (a Service port with no endpoints, a
 * probe that cannot find its port, a container that waits forever for a volume that is not there).
 */
import { formatValue } from '../errors';
import { Json, list, obj } from './json';
import { CheckContext, ObjectEntry } from './context';
import { field, item } from './paths';
import { ContainerInfo, containerLabel } from './pods';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/** A container's declared ports, for fixes: `"https" (8443)`. */
function declaredPorts(container: Json): string {
  return list(container.ports).map(obj)
    .map((p) => (typeof p.name === 'string' ? `${JSON.stringify(p.name)} (${formatValue(p.containerPort)})` : formatValue(p.containerPort)))
    .join(', ');
}

/** Whether `container` declares `port`: a string by port name, a number by containerPort. */
export function declares(container: Json, port: unknown): boolean {
  if (typeof port !== 'string' && typeof port !== 'number') return false;
  const key = typeof port === 'string' ? 'name' : 'containerPort';
  return list(container.ports).some((p) => obj(p)[key] === port);
}

/** The pods (not PodTemplates) of one namespace that carry one label, by `<namespace>\0<key>\0<value>`. */
function podsByLabel(ctx: CheckContext): Map<string, ObjectEntry[]> {
  const index = new Map<string, ObjectEntry[]>();
  for (const entry of ctx.entries) {
    if (entry.pod === undefined || !entry.pod.runs) continue;
    for (const [key, value] of Object.entries(obj(entry.pod.metadata.labels))) {
      if (typeof value !== 'string') continue;
      const bucket = `${entry.namespace}\u0000${key}\u0000${value}`;
      const pods = index.get(bucket);
      if (pods === undefined) index.set(bucket, [entry]);
      else pods.push(entry);
    }
  }
  return index;
}

/** Runs rule `service-target-port`: each selector-based Service port reaches a port a selected container declares. */
export function checkServiceTargetPorts(ctx: CheckContext, complete: boolean): void {
  let index: Map<string, ObjectEntry[]> | undefined;
  for (const service of ctx.entries) {
    if (service.kind !== 'Service' || service.group !== '' || !ctx.reports(service.index)) continue;
    const spec = obj(service.json.spec);
    const selector = Object.entries(obj(spec.selector));
    // A selector-less Service has Endpoints made by hand; a selector that is not strings is rule `labels`'.
    if (selector.length === 0 || selector.some(([, v]) => typeof v !== 'string')) continue;
    index ??= podsByLabel(ctx);
    // The smallest bucket of one selector label holds every candidate; the others narrow it.
    let candidates: ObjectEntry[] = [];
    for (let i = 0; i < selector.length; i++) {
      const bucket = index.get(`${service.namespace}\u0000${selector[i][0]}\u0000${selector[i][1] as string}`) ?? [];
      if (i === 0 || bucket.length < candidates.length) candidates = bucket;
    }
    const selected = candidates.filter((pod) => {
      const labels = obj(pod.pod!.metadata.labels);
      return selector.every(([k, v]) => labels[k] === v);
    });
    if (selected.length === 0) {
      if (complete) {
        ctx.add(service, 'service-target-port', {
          field: 'spec.selector', value: obj(spec.selector),
          message: `${service.ref} selects no pod among the objects${service.namespace === '' ? '' : ` in namespace ${service.namespace}`}: `
            + 'it gets no endpoints, so every connection to it fails',
          fix: 'use the labels of the pod template of the workload the Service fronts',
        });
      }
      continue;
    }
    const containers = selected.flatMap((pod) => pod.pod!.containers.filter((c) => c.serving));
    list(spec.ports).forEach((port, j) => {
      const p = obj(port);
      const hasTarget = p.targetPort !== undefined && p.targetPort !== null;
      const target = hasTarget ? p.targetPort : p.port;
      if (containers.some((c) => declares(c.spec, target))) return;
      const owners = [...new Set(selected.map((pod) => pod.ref))].join(', ');
      const names = [...new Set(containers.map(containerLabel))].join(', ');
      const known = containers.map((c) => declaredPorts(c.spec)).filter(Boolean).join(', ');
      ctx.add(service, 'service-target-port', {
        field: `spec.ports[${j}].${hasTarget ? 'targetPort' : 'port'}`, value: target,
        message: typeof target === 'string'
          ? `Service port ${formatValue(p.name ?? p.port ?? j)} targets port name ${formatValue(target)}, which no container of ${owners} declares: the Service gets no endpoints for it`
          : `Service port ${formatValue(p.name ?? p.port ?? j)} targets ${formatValue(target)}, which no container of ${owners} declares as a containerPort: the Service sends traffic to a port the pods do not say they serve`,
        fix: typeof target === 'string'
          ? `name a port that ${names || 'a selected container'} declares${known ? ` (${known})` : ''}`
          : `target a containerPort that ${names || 'a selected container'} declares${known ? ` (${known})` : ''}, preferably by name`,
      });
    });
  }
}

/** Runs rule `probe-port`: every probe port is one its own container declares. */
export function checkProbePorts(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (entry.pod === undefined || !ctx.reports(entry.index)) continue;
    for (const c of entry.pod.containers) {
      for (const probeName of PROBES) {
        const probe = obj(c.spec[probeName]);
        const handler = PROBE_HANDLERS.find((h) => typeof probe[h] === 'object' && probe[h] !== null);
        if (handler === undefined) continue;
        const port = obj(probe[handler]).port;
        if (declares(c.spec, port)) continue;
        const known = declaredPorts(c.spec);
        ctx.add(entry, 'probe-port', {
          field: `${c.path}.${probeName}.${handler}.port`, value: port,
          message: port === undefined || port === null
            ? `${probeName} of ${containerLabel(c)} has no ${handler}.port: the API server refuses the probe`
            : `${probeName} of ${containerLabel(c)} targets port ${formatValue(port)}, which the container does not declare: `
              + (typeof port === 'string' ? 'the kubelet cannot resolve the name and the probe fails' : 'the probe checks a port the container does not say it serves'),
          fix: known ? `target a port that ${containerLabel(c)} declares (${known}), preferably by name` : `declare the port in the ports of ${containerLabel(c)} and target it by name`,
        });
      }
    }
  }
}

/** Runs rule `volume-mount`: mounts name volumes of the pod, mount paths and container and volume names are unique. */
export function checkVolumeMounts(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    const pod = entry.pod;
    if (pod === undefined || !ctx.reports(entry.index)) continue;
    const volumes = new Set<string>();
    list(pod.spec.volumes).forEach((volume, i) => {
      const name = obj(volume).name;
      if (typeof name !== 'string') return;
      if (volumes.has(name)) {
        ctx.add(entry, 'volume-mount', {
          field: field(item(field(pod.specPath, 'volumes'), i), 'name'), value: name,
          message: `volume name ${formatValue(name)} is used twice in the pod: the API server refuses the pod`,
          fix: 'give each volume its own name',
        });
      }
      volumes.add(name);
    });
    const containerNames = new Set<string>();
    for (const c of pod.containers) {
      if (c.name !== undefined) {
        if (containerNames.has(c.name)) {
          ctx.add(entry, 'volume-mount', {
            field: `${c.path}.name`, value: c.name,
            message: `container name ${formatValue(c.name)} is used twice in the pod (containers, initContainers and ephemeralContainers share names): the API server refuses the pod`,
            fix: 'give each container its own name',
          });
        }
        containerNames.add(c.name);
      }
      containerMounts(ctx, entry, c, volumes);
    }
  }
}

function containerMounts(ctx: CheckContext, entry: ObjectEntry, c: ContainerInfo, volumes: ReadonlySet<string>): void {
  const paths = new Set<string>();
  list(c.spec.volumeMounts).forEach((m, k) => {
    const mount = obj(m);
    const path = item(`${c.path}.volumeMounts`, k);
    if (typeof mount.name === 'string' && !volumes.has(mount.name)) {
      ctx.add(entry, 'volume-mount', {
        field: `${path}.name`, value: mount.name,
        message: `${containerLabel(c)} mounts volume ${formatValue(mount.name)}, which the pod does not define: the API server refuses the pod`,
        fix: volumes.size ? `mount one of the pod's volumes (${[...volumes].map((v) => JSON.stringify(v)).join(', ')}) or add the volume to spec.volumes` : 'add the volume to the pod\'s spec.volumes',
      });
    }
    if (typeof mount.mountPath !== 'string') return;
    if (paths.has(mount.mountPath)) {
      ctx.add(entry, 'volume-mount', {
        field: `${path}.mountPath`, value: mount.mountPath,
        message: `${containerLabel(c)} mounts two volumes at ${formatValue(mount.mountPath)}: the API server refuses the pod`,
        fix: 'give each mount its own mountPath (mount single files with subPath at distinct paths)',
      });
    }
    paths.add(mount.mountPath);
  });
}
