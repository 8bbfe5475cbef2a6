/**
 * Rule `duplicate`: two manifests of one object. The API server keys an object by API group, kind,
 * namespace (for namespaced kinds) and name, not by version, so `apps/v1` and `apps/v1beta1`
 * Deployments of one name are one object and the later apply overwrites the earlier. Also: two
 * cert-manager Certificates issuing into one Secret overwrite each other's key pair.
 */
import { obj } from './json';
import { CheckContext, ObjectEntry } from './context';

/** Cluster-scoped kinds (`<group>/<kind>`) of the core API and of common CRDs: their namespace is ignored. */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiregistration.k8s.io/APIService', 'apiextensions.k8s.io/CustomResourceDefinition',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass', 'networking.k8s.io/IngressClass', 'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'cert-manager.io/ClusterIssuer', 'trust.cert-manager.io/Bundle', 'gateway.networking.k8s.io/GatewayClass',
]);

/** Whether objects of this group and kind are cluster-scoped. */
export function isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`);
}

/** `Deployment/ns/x (apps/v1, from a.yaml#1)`. */
function describe(entry: ObjectEntry): string {
  return `${entry.ref} (${entry.apiVersion}${entry.source === undefined ? '' : `, from ${entry.source}`})`;
}

/** Autoscalers by `<group>/<kind>`: each sets the replicas of its `spec.scaleTargetRef`. */
const AUTOSCALERS = new Set(['autoscaling.aibrix.ai/PodAutoscaler', 'autoscaling/HorizontalPodAutoscaler']);

/** Runs rule `duplicate`: one finding per later occurrence, reported when either of the pair is. */
export function checkDuplicates(ctx: CheckContext): void {
  const first = new Map<string, ObjectEntry>();
  const certificates = new Map<string, ObjectEntry>();
  const scaled = new Map<string, ObjectEntry>();
  for (const entry of ctx.entries) {
    if (AUTOSCALERS.has(`${entry.group}/${entry.kind}`)) sameTarget(ctx, entry, scaled);
    if (entry.name === undefined || entry.name === '') continue;
    const cluster = isClusterScoped(entry.group, entry.kind);
    const identity = `${entry.group}\u0000${entry.kind}\u0000${cluster ? '' : entry.namespace}\u0000${entry.name}`;
    const earlier = first.get(identity);
    if (earlier === undefined) {
      first.set(identity, entry);
    } else if (ctx.reports(entry.index) || ctx.reports(earlier.index)) {
      ctx.addForPair(entry, 'duplicate', sameObject(entry, earlier, cluster));
    }
    if (entry.group === 'cert-manager.io' && entry.kind === 'Certificate') {
      const secretName = obj(entry.json.spec).secretName;
      if (typeof secretName !== 'string' || secretName === '') continue;
      const key = `${entry.namespace}/${secretName}`;
      const other = certificates.get(key);
      if (other === undefined) {
        certificates.set(key, entry);
      } else if (earlier !== other && (ctx.reports(entry.index) || ctx.reports(other.index))) {
        // A Certificate emitted twice is reported once, above, not again for its Secret.
        ctx.addForPair(entry, 'duplicate', {
          field: 'spec.secretName', value: secretName,
          message: `${describe(entry)} issues into Secret ${key} like ${describe(other)}: `
            + "each Certificate rewrites the Secret with its own key pair, so they overwrite each other's key",
          fix: 'give each Certificate its own spec.secretName, or emit one Certificate with all the DNS names',
        });
      }
    }
  }
}

/**
 * Two autoscalers of one workload (whatever their names): each sets its replicas to what its own
 * metric asks, so they undo each other's scaling.
 */
function sameTarget(ctx: CheckContext, entry: ObjectEntry, scaled: Map<string, ObjectEntry>): void {
  const ref = obj(obj(entry.json.spec).scaleTargetRef);
  if (typeof ref.kind !== 'string' || typeof ref.name !== 'string') return;
  const group = typeof ref.apiVersion === 'string' && ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  const target = `${ref.kind}/${entry.namespace}/${ref.name}`;
  const key = `${group}\u0000${target}`;
  const other = scaled.get(key);
  if (other === undefined) {
    scaled.set(key, entry);
    return;
  }
  if (!ctx.reports(entry.index) && !ctx.reports(other.index)) return;
  ctx.addForPair(entry, 'duplicate', {
    field: 'spec.scaleTargetRef', value: ref,
    message: `${describe(entry)} scales ${target} like ${describe(other)}: two autoscalers of one workload each set its replicas to what their own metric asks, and undo each other`,
    fix: 'one autoscaler per workload (one metric source, or the metric that matters)',
  });
}

function sameObject(entry: ObjectEntry, earlier: ObjectEntry, cluster: boolean) {
  if (entry.group === 'apiregistration.k8s.io' && entry.kind === 'APIService') {
    return {
      field: 'metadata.name', value: entry.name,
      message: `${describe(entry)} is also emitted as ${describe(earlier)}: an APIService is global to the cluster, `
        + 'one per group/version (e.g. only one metrics-server per cluster), so the later apply takes the API over from the earlier',
      fix: 'emit the APIService once per cluster (install one metrics-server per cluster)',
    };
  }
  return {
    field: 'metadata.name', value: entry.name,
    message: `${describe(entry)} is the same object as ${describe(earlier)}${cluster ? ` (a cluster-scoped ${entry.kind}: namespaces do not separate them)` : ''}: `
      + 'the API server keys objects by group, kind, namespace and name, so the later apply overwrites the earlier',
    fix: `emit the object once, or give one of them another name${cluster ? '' : ' or namespace'}`,
  };
}
