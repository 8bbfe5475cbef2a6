// Schema validation of synthesized objects with kubernetes-models 4.x (CommonJS, so jest needs no
// ESM mapping; its models validate against the upstream OpenAPI schemas).
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { objectRef } from '../../lib/security/pod-specs';

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
  }
  return errors;
}
