import { parseQuantity } from '../../lib/rules/quantity';
import { check, deployment, expectFindings, main } from './fixtures';

describe('parseQuantity', () => {
  test.each([
    ['100m', 0.1], ['0.5', 0.5], ['.5', 0.5], ['1.', 1], ['+2', 2], ['-1', -1], ['1e3', 1000], ['1E3', 1000], ['2e-3', 0.002],
    ['128Mi', 128 * 2 ** 20], ['1Gi', 2 ** 30], ['1.5Ki', 1536], ['2k', 2000], ['1M', 1e6], ['1G', 1e9], ['1T', 1e12], ['1P', 1e15], ['1E', 1e18],
    ['500n', 5e-7], ['1u', 1e-6], ['0', 0], [2, 2], [0.25, 0.25],
  ])('%p is %p', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  test.each([['1.5 Gi'], [''], ['abc'], ['1K'], ['1mi'], ['1e'], ['e3'], ['1Gi2'], ['--1'], ['1..0'], [' 1'], [NaN], [Infinity], [null], [true], [{}], [[1]], ['1e999']])(
    '%p is not a quantity', (value) => {
      expect(parseQuantity(value)).toBeUndefined();
    });

  test('equal quantities spelt differently give the same number', () => {
    expect(parseQuantity('0.1')).toBe(parseQuantity('100m'));
    expect(parseQuantity('0.3')).toBe(parseQuantity('300m'));
    expect(parseQuantity('1Gi')).toBe(parseQuantity('1024Mi'));
    expect(parseQuantity('1k')).toBe(parseQuantity('1e3'));
  });
});

describe('rule resources', () => {
  const withResources = (resources: unknown) => deployment((d) => { main(d).resources = resources; });
  const M = 'spec.template.spec.containers[0].resources';

  test('requests at or below their limits pass, however they are spelt', () => {
    expect(check([withResources({ requests: { cpu: '500m', memory: '1024Mi' }, limits: { cpu: '0.5', memory: '1Gi' } })], 'resources')).toEqual([]);
    expect(check([withResources({ requests: { cpu: 1, 'nvidia.com/gpu': 1 }, limits: { cpu: 2 } })], 'resources')).toEqual([]);
    expect(check([withResources({ limits: { memory: '1Gi' } })], 'resources')).toEqual([]);
  });

  test('a request above its limit is a finding', () => {
    expectFindings(check([withResources({ requests: { cpu: '1500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1000Mi' } })], 'resources'), 'resources', [
      { object: 'Deployment/ns/web', field: `${M}.requests[cpu]`, value: '1500m', message: 'container "main" requests "1500m" of cpu, more than its limit "1"', fix: 'request at most the limit ("1")' },
      { object: 'Deployment/ns/web', field: `${M}.requests[memory]`, value: '1Gi', message: 'more than its limit "1000Mi"' },
    ]);
  });

  test('a value that is not a quantity is a finding', () => {
    expectFindings(check([withResources({ requests: { cpu: '1 core', 'example.com/dongle': true }, limits: { memory: '1GB' } })], 'resources'), 'resources', [
      { object: 'Deployment/ns/web', field: `${M}.requests[cpu]`, value: '1 core', message: 'not a Kubernetes quantity', fix: '"128Mi"' },
      { object: 'Deployment/ns/web', field: `${M}.requests[example.com/dongle]`, value: true },
      { object: 'Deployment/ns/web', field: `${M}.limits[memory]`, value: '1GB' },
    ]);
  });
});
