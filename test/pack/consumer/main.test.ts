import { Testing } from 'cdk8s';
import { checkManifests } from 'cdk8s-tls-constructs';
import { Platform } from './main';

describe('Platform', () => {
  test('matches the snapshot', () => {
    const chart = new Platform(Testing.app(), 'test');
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('passes every manifest rule', () => {
    expect(checkManifests(Testing.synth(new Platform(Testing.app(), 'test')))).toEqual([]);
  });
});
