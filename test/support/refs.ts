import { ConfigMap, IConfigMap, ISecret, Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

// References to existing Secrets and ConfigMaps, as the constructs take them (cdk8s-plus ISecret /
// IConfigMap). Only their names are read, so the tests make them once, in a tree of their own that
// is never synthesized: shared constants (DATABASE, STORAGE) need no chart.

const refs = new Construct(undefined as unknown as Construct, 'refs');
const secrets = new Map<string, ISecret>();
const configMaps = new Map<string, IConfigMap>();

/** `Secret.fromSecretName` of `name`. */
export function secret(name: string): ISecret {
  if (!secrets.has(name)) secrets.set(name, Secret.fromSecretName(refs, `secret-${secrets.size}`, name));
  return secrets.get(name)!;
}

/** `ConfigMap.fromConfigMapName` of `name`. */
export function configMap(name: string): IConfigMap {
  if (!configMaps.has(name)) configMaps.set(name, ConfigMap.fromConfigMapName(refs, `config-map-${configMaps.size}`, name));
  return configMaps.get(name)!;
}
