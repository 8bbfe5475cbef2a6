/**
 * Rule `labels`: label and annotation syntax of Kubernetes v1.28 API validation
 * (k8s.io/apimachinery pkg/api/validation/objectmeta.go ValidateAnnotations and
 * pkg/apis/meta/v1/validation ValidateLabels), on the object, its pod template and its selectors.
 */
import { formatValue } from '../errors';
import { obj } from './json';
import { CheckContext, ObjectEntry } from './context';
import { labelValue, qualifiedName, SYNTAX_HELP } from './name-syntax';
import { entry as mapEntry, field } from './paths';

/** Kinds whose `spec.selector.matchLabels` selects their pods (or, for a PodDisruptionBudget, the pods it guards). */
const MATCH_LABEL_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'PodDisruptionBudget']);
/** TotalAnnotationSizeLimitB: keys plus values of one object's annotations, in bytes. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const REFUSED = 'the API server refuses the object';

/** Runs rule `labels` on every reported object. */
export function checkLabels(ctx: CheckContext): void {
  for (const entry of ctx.entries) {
    if (!ctx.reports(entry.index)) continue;
    labelMap(ctx, entry, 'metadata.labels', entry.metadata.labels, 'label');
    annotationMap(ctx, entry, 'metadata.annotations', entry.metadata.annotations);
    const pod = entry.pod;
    if (pod !== undefined && pod.metadataPath !== 'metadata') {
      labelMap(ctx, entry, field(pod.metadataPath, 'labels'), pod.metadata.labels, 'pod template label');
      annotationMap(ctx, entry, field(pod.metadataPath, 'annotations'), pod.metadata.annotations);
    }
    const spec = obj(entry.json.spec);
    if (entry.kind === 'Service') labelMap(ctx, entry, 'spec.selector', spec.selector, 'selector');
    if (MATCH_LABEL_KINDS.has(entry.kind)) {
      labelMap(ctx, entry, 'spec.selector.matchLabels', obj(spec.selector).matchLabels, 'selector');
    }
  }
}

/** Whether `value` is a JSON object; reports it when it is set to something else. */
function isMap(ctx: CheckContext, entry: ObjectEntry, path: string, value: unknown): value is Record<string, unknown> {
  if (value === undefined || value === null) return false;
  if (typeof value === 'object' && !Array.isArray(value)) return true;
  ctx.add(entry, 'labels', {
    field: path, value,
    message: `${path} is ${formatValue(value)}, not a map of strings: ${REFUSED}`,
    fix: `make ${path} a map from keys to string values`,
  });
  return false;
}

/** Memo tables: objects repeat the same keys and values, so each is checked once per call. */
const KEYS = {};
const VALUES = {};

function badKey(ctx: CheckContext, entry: ObjectEntry, path: string, key: string, what: string): void {
  const why = ctx.memo(KEYS, key, () => qualifiedName(key));
  if (why === undefined) return;
  ctx.add(entry, 'labels', {
    field: mapEntry(path, key), value: key,
    message: `${what} key ${formatValue(key)} ${why}: ${REFUSED}`,
    fix: `use a key of ${SYNTAX_HELP.qualifiedName}`,
  });
}

function labelMap(ctx: CheckContext, entry: ObjectEntry, path: string, labels: unknown, what: string): void {
  if (!isMap(ctx, entry, path, labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    badKey(ctx, entry, path, key, what);
    const why = typeof value === 'string' ? ctx.memo(VALUES, value, () => labelValue(value)) : 'not a string';
    if (why === undefined) continue;
    ctx.add(entry, 'labels', {
      field: mapEntry(path, key), value,
      message: `${what} ${formatValue(key)} has value ${formatValue(value)}, which is ${why}: ${REFUSED}`,
      fix: `use a value of ${SYNTAX_HELP.labelValue}${typeof value === 'string' ? '' : ' (quote numbers and booleans in YAML)'}`,
    });
  }
}

function annotationMap(ctx: CheckContext, entry: ObjectEntry, path: string, annotations: unknown): void {
  if (!isMap(ctx, entry, path, annotations)) return;
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    badKey(ctx, entry, path, key, 'annotation');
    bytes += Buffer.byteLength(key, 'utf8');
    if (typeof value === 'string') {
      bytes += Buffer.byteLength(value, 'utf8');
      continue;
    }
    ctx.add(entry, 'labels', {
      field: mapEntry(path, key), value,
      message: `annotation ${formatValue(key)} has value ${formatValue(value)}, which is not a string: ${REFUSED}`,
      fix: 'use a string value (quote numbers and booleans in YAML)',
    });
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    ctx.add(entry, 'labels', {
      field: path, value: bytes,
      message: `${path} total ${bytes} bytes (keys and values), over the ${ANNOTATIONS_MAX_BYTES}-byte limit: ${REFUSED}`,
      fix: 'move large content into a ConfigMap and keep annotations small',
    });
  }
}
