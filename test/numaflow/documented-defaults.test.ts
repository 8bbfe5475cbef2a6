import { NumaflowServer, TlsMode } from '../../lib';
import { documentedDefaults } from '../support/documented-defaults';
import { container, only, synth, testChart } from '../support/harness';

// Each documented literal default of NumaflowServerProps, read from the JSDoc, against what a
// server synthesized without that prop produces.
const defaults = documentedDefaults('lib/numaflow/numaflow-server-props.ts', 'NumaflowServerProps');
const chart = testChart();
const server = new NumaflowServer(chart, 'numaflow', { tls: TlsMode.disabled() });
const objects = synth(chart);
const args: string[] = container(objects, 'Deployment', 'main').args;
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const observed: { [prop: string]: () => string } = {
  namespace: () => `'${only(objects, 'Deployment').metadata.namespace}'`,
  version: () => `'${server.version.tag}'`,
  baseHref: () => `'${flag('base-href')}'`,
  readonly: () => String(flag('readonly')),
  disableAuth: () => String(flag('disable-auth')),
  namespaced: () => String(flag('namespaced')),
  adminEnabled: () => only(objects, 'ConfigMap', 'numaflow-server-local-user-config').data['admin.enabled'],
};

test('every literal @default of NumaflowServerProps is checked here', () => {
  expect([...defaults.keys()].sort()).toEqual(Object.keys(observed).sort());
});

test.each(Object.keys(observed))('the documented default of %s is what is synthesized', (prop) => {
  expect(observed[prop]()).toBe(defaults.get(prop));
});
