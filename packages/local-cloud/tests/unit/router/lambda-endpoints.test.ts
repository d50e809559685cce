import { endpointFor } from '../../../src/router/lambda-invoker';

describe('endpointFor', () => {
  const endpoints = {
    'vigil-jobs-dev-*': 'http://127.0.0.1:4001',
    'vigil-jobs-dev-scheduleJob': 'http://127.0.0.1:4002',
    'vigil-*': 'http://127.0.0.1:4003',
  };

  it('prefers the exact function name', () => {
    // Act
    const endpoint = endpointFor(endpoints, 'vigil-jobs-dev-scheduleJob');

    // Assess
    expect(endpoint).toBe('http://127.0.0.1:4002');
  });

  it('prefers the longest matching prefix', () => {
    // Act
    const endpoints_ = [
      endpointFor(endpoints, 'vigil-jobs-dev-dispatchDueJobs'),
      endpointFor(endpoints, 'vigil-choreo-dev-x'),
    ];

    // Assess
    expect(endpoints_).toEqual(['http://127.0.0.1:4001', 'http://127.0.0.1:4003']);
  });

  it('finds nothing for a name no entry covers', () => {
    // Act
    const endpoint = endpointFor(endpoints, 'other-dev-fn');

    // Assess
    expect(endpoint).toBeUndefined();
  });
});
