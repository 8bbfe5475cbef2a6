// Schema validation of synthesized objects with kubernetes-models 4.x (CommonJS, so jest needs no
// ESM mapping; its models validate against the upstream OpenAPI schemas).
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { k8s } from 'cdk8s-plus-28';
import { objectRef } from '../../lib/security/pod-specs';
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

/** JSON schemas of ours for CRDs that have no kubernetes-models package. */
function ajvSchema(file: string): (obj: any) => string[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', file), 'utf8')));
  return (obj) => (validate(obj) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
}

export const customSchemas: { [apiVersionKind: string]: (obj: any) => string[] } = {
  'autoscaling.aibrix.ai/v1alpha1/PodAutoscaler': ajvSchema('aibrix-podautoscaler.schema.json'),
};

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

/** Validates each object against its schema; returns one message per invalid object (or missing schema). */
export function schemaErrors(objects: readonly any[]): string[] {
  const errors: string[] = [];
  for (const obj of objects) {
    const custom = customSchemas[`${obj.apiVersion}/${obj.kind}`];
    if (custom) {
      errors.push(...custom(obj).map((m) => `${objectRef(obj)}: ${m}`));
      continue;
    }
    const Model = modelModule(obj.apiVersion)?.[obj.kind];
    if (!Model) {
      errors.push(`${objectRef(obj)}: no schema known for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      errors.push(`${objectRef(obj)}: ${(e as Error).message}`);
    }
    errors.push(...unknownFields(obj).map((m) => `${objectRef(obj)}: ${m}`));
  }
  return errors;
}
