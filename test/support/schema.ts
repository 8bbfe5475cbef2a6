// Schema validation of synthesized objects with kubernetes-models 4.x (CommonJS, so jest needs no
// ESM mapping; its models validate against the upstream OpenAPI schemas).
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { k8s } from 'cdk8s-plus-28';
import { objectRef } from '../../lib/rules/pod-specs';
import { typedProps } from './typed-json';

type ModelClass = new (data: unknown) => { validate(): void };

/** Model modules by apiVersion; CRDs of other projects come from their @kubernetes-models package. */
function modelModule(apiVersion: string): Record<string, ModelClass> | undefined {
  if (apiVersion === 'cert-manager.io/v1') return require('@kubernetes-models/cert-manager/cert-manager.io/v1');
  try {
    return require(`kubernetes-models/${apiVersion}`);
  } catch {
    return undefined;
  }
}

/** JSON schemas of ours for CRDs that have no kubernetes-models package, compiled on first use. */
function ajvSchema(file: string): (obj: any) => string[] {
  let validate: ReturnType<Ajv['compile']> | undefined;
  return (obj) => {
    validate ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', file), 'utf8')));
    return validate(obj) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}

/**
 * Validators of the Gateway API kinds, from the committed upstream CRDs (test/data/gateway-api):
 * each served version's `openAPIV3Schema`, with unknown fields refused as the API server prunes
 * them. CEL rules (`x-kubernetes-validations`) are not evaluated here: rule gateway-api-cel does,
 * at every synth of the library's objects (test/check/cel-gateway-api.test.ts).
 */
function gatewayApiSchemas(): { [apiVersionKind: string]: (obj: any) => string[] } {
  const YAML = require('yaml');
  const file = path.join(__dirname, '..', 'data', 'gateway-api', 'gateway-api-v1.4.1-standard.yaml');
  const closed = (schema: any): any => {
    if (schema === null || typeof schema !== 'object') return schema;
    if (Array.isArray(schema)) return schema.map(closed);
    const copy: any = {};
    for (const [k, v] of Object.entries(schema)) copy[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v);
    if (copy.type === 'object' && copy.properties && !copy['x-kubernetes-preserve-unknown-fields'] && copy.additionalProperties === undefined) copy.additionalProperties = false;
    return copy;
  };
  // The OpenAPI formats the CRDs use, as the API server checks them.
  const formats = {
    int32: { type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
    int64: { type: 'number' as const, validate: (n: number) => Number.isInteger(n) },
    'date-time': (s: string) => !Number.isNaN(Date.parse(s)),
    ipv4: /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/,
    ipv6: /^[0-9a-fA-F:.]+$/,
  };
  const out: { [apiVersionKind: string]: (obj: any) => string[] } = {};
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const crd = doc.toJS();
    if (!crd) continue;
    for (const version of crd.spec.versions.filter((v: any) => v.served)) {
      // Compiled on first use: most test files never meet a Gateway API object.
      let validate: ((obj: any) => boolean) & { errors?: any[] | null } | undefined;
      out[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = (obj) => {
        if (!validate) {
          const schema = closed(version.schema.openAPIV3Schema);
          // `apiVersion`, `kind` and `metadata` are the API server's, not the CRD's.
          schema.properties = { ...schema.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
          validate = new Ajv({ allErrors: true, strict: false, formats }).compile(schema);
        }
        return validate!(obj) ? [] : (validate!.errors ?? []).map((e: any) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
      };
    }
  }
  return out;
}

const ownSchemas: { [apiVersionKind: string]: (obj: any) => string[] } = {
  'autoscaling.aibrix.ai/v1alpha1/PodAutoscaler': ajvSchema('aibrix-podautoscaler.schema.json'),
};
/** The Gateway API's validators, read from the CRD file (664 KB of YAML) when a test first meets one of its kinds. */
let gatewaySchemas: ReturnType<typeof gatewayApiSchemas> | undefined;
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io/';

/** The validator of our own schemas or the committed CRDs for `apiVersion/kind`, if any. */
function customSchema(apiVersionKind: string): ((obj: any) => string[]) | undefined {
  if (apiVersionKind.startsWith(GATEWAY_API_GROUP)) return (gatewaySchemas ??= gatewayApiSchemas())[apiVersionKind];
  return ownSchemas[apiVersionKind];
}

/**
 * kubernetes-models accepts unknown fields, so a misspelt field would pass. The typed L1 API of
 * Kubernetes 1.28 (cdk8s-plus-28) knows every field: an object converted to its typed props and
 * back loses exactly the fields that Kubernetes does not know.
 */
function unknownFields(obj: any): string[] {
  const convert = (k8s as any)[`toJson_Kube${L1_NAMES[obj.kind] ?? obj.kind}Props`];
  if (typeof convert !== 'function') return [];
  const roundTrip = convert(typedProps(obj));
  const missing: string[] = [];
  const walk = (a: any, b: any, at: string) => {
    if (a === null || typeof a !== 'object') return;
    if (b === undefined || b === null) {
      missing.push(at);
      return;
    }
    for (const key of Object.keys(a)) {
      if (key === 'apiVersion' || key === 'kind') continue;
      if (a[key] !== undefined && b[key] === undefined) missing.push(`${at}/${key}`);
      else walk(a[key], b[key], `${at}/${key}`);
    }
  };
  walk(obj, JSON.parse(JSON.stringify(roundTrip)), '');
  return missing.map((m) => `unknown field ${m}`);
}

/** Kinds whose typed class name differs from the kind. */
const L1_NAMES: { [kind: string]: string } = { APIService: 'ApiService' };

/**
 * The findings of each object's text, in this test file: the tests validate the same objects over
 * and over (a property test's runs differ in one prop), and validation is deterministic.
 */
const validated = new Map<string, string[]>();

/** Validates each object against its schema; returns one message per invalid object (or missing schema). */
export function schemaErrors(objects: readonly any[]): string[] {
  const errors: string[] = [];
  for (const obj of objects) {
    const text = JSON.stringify(obj);
    let found = validated.get(text);
    if (found === undefined) validated.set(text, found = objectErrors(obj));
    errors.push(...found);
  }
  return errors;
}

function objectErrors(obj: any): string[] {
  const custom = customSchema(`${obj.apiVersion}/${obj.kind}`);
  if (custom) return custom(obj).map((m) => `${objectRef(obj)}: ${m}`);
  const Model = modelModule(obj.apiVersion)?.[obj.kind];
  if (!Model) return [`${objectRef(obj)}: no schema known for ${obj.apiVersion} ${obj.kind}`];
  const errors: string[] = [];
  try {
    new Model(obj).validate();
  } catch (e) {
    errors.push(`${objectRef(obj)}: ${(e as Error).message}`);
  }
  errors.push(...unknownFields(obj).map((m) => `${objectRef(obj)}: ${m}`));
  return errors;
}
