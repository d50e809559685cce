import { compilePattern } from '../../src';

describe('compilePattern: $or', () => {
  it('matches either branch next to plain fields (documented "Or" example)', () => {
    // Prepare
    const pattern = compilePattern({
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    });

    // Act
    const results = [
      pattern.matches({ source: 'aws.cloudwatch', metricName: 'ReadLatency' }),
      pattern.matches({ source: 'aws.cloudwatch', namespace: 'AWS/ES' }),
      pattern.matches({ source: 'aws.cloudwatch', metricName: 'Other', namespace: 'Other' }),
      pattern.matches({ source: 'aws.ec2', metricName: 'ReadLatency' }),
    ];

    // Assess
    expect(results).toEqual([true, true, false, false]);
  });

  it('nests $or inside $or branches and inside objects', () => {
    // Prepare: source && (metricName || (metricType && namespace && (metricId || spaceId)) || scope)
    const pattern = compilePattern({
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        {
          metricType: ['MetricType'],
          namespace: ['AWS/EC2'],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ['Service'] },
      ],
      detail: { $or: [{ source: ['a'] }, { 'detail-type': ['b'] }] },
    });
    const base = { source: 'aws.cloudwatch', detail: { 'detail-type': 'b' } };

    // Act
    const results = [
      pattern.matches({ ...base, metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 }),
      pattern.matches({ ...base, metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1001 }),
      pattern.matches({ ...base, scope: 'Service' }),
      pattern.matches({ ...base, scope: 'Service', detail: { source: 'c' } }),
    ];

    // Assess
    expect(results).toEqual([true, false, true, false]);
  });

  it('evaluates branches on the same array element', () => {
    // Prepare
    const pattern = compilePattern({
      items: { kind: ['port'], $or: [{ from: [22] }, { to: [3389] }] },
    });

    // Act
    const sameElement = pattern.matches({
      items: [
        { kind: 'cidr', from: 22 },
        { kind: 'port', to: 3389 },
      ],
    });
    const splitAcross = pattern.matches({
      items: [
        { kind: 'cidr', from: 22 },
        { kind: 'port', to: 80 },
      ],
    });

    // Assess
    expect(sameElement).toBe(true);
    expect(splitAcross).toBe(false);
  });
});
