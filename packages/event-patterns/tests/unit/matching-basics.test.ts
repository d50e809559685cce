import { compilePattern, matchesPattern } from '../../src';

// The EC2 event from the AWS EventBridge user guide ("Event patterns").
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

describe('compilePattern: exact values', () => {
  it('matches the documented EC2 termination pattern', () => {
    // Prepare
    const pattern = compilePattern({
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    });

    // Act
    const matched = pattern.matches(ec2Event);
    const other = pattern.matches({ ...ec2Event, detail: { state: 'running' } });

    // Assess
    expect(matched).toBe(true);
    expect(other).toBe(false);
  });

  it('treats a value array as OR and fields as AND', () => {
    // Prepare
    const pattern = compilePattern({ source: ['aws.ec2', 'aws.s3'], region: ['us-west-1'] });

    // Act
    const results = [
      pattern.matches({ source: 'aws.s3', region: 'us-west-1' }),
      pattern.matches({ source: 'aws.s3', region: 'eu-west-1' }),
      pattern.matches({ source: 'aws.s3' }),
    ];

    // Assess
    expect(results).toEqual([true, false, false]);
  });

  it('is case-sensitive and type-sensitive', () => {
    // Prepare
    const pattern = compilePattern({ a: ['Running'], b: [5], c: ['5'], d: [true] });

    // Act
    const exact = pattern.matches({ a: 'Running', b: 5, c: '5', d: true });
    const wrongCase = pattern.matches({ a: 'running', b: 5, c: '5', d: true });
    const stringForNumber = pattern.matches({ a: 'Running', b: '5', c: '5', d: true });
    const numberForString = pattern.matches({ a: 'Running', b: 5, c: 5, d: true });
    const stringForBoolean = pattern.matches({ a: 'Running', b: 5, c: '5', d: 'true' });

    // Assess
    expect([exact, wrongCase, stringForNumber, numberForString, stringForBoolean]).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('compares numbers as numbers (5 equals 5.0 and 5e0)', () => {
    // Prepare
    const pattern = compilePattern({ 'x-limit': [5], y: [301.8] });

    // Act
    const matched = pattern.matches(JSON.parse('{"x-limit": 5.0, "y": 3.018e2}'));

    // Assess
    expect(matched).toBe(true);
  });

  it('matches null and empty strings without confusing them', () => {
    // Prepare: the documented auto-scaling example.
    const event = { detail: { eventVersion: '', responseElements: null } };

    // Act
    const results = [
      matchesPattern({ detail: { eventVersion: [''] } }, event),
      matchesPattern({ detail: { responseElements: [null] } }, event),
      matchesPattern({ detail: { eventVersion: [null] } }, event),
      matchesPattern({ detail: { responseElements: [''] } }, event),
    ];

    // Assess
    expect(results).toEqual([true, true, false, false]);
  });
});

describe('compilePattern: arrays in events', () => {
  it('matches when any element of an event array matches (documented resources example)', () => {
    // Prepare
    const pattern = compilePattern({
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      ],
    });
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };

    // Act
    const matched = pattern.matches(event);
    const empty = pattern.matches({ resources: [] });

    // Assess
    expect(matched).toBe(true);
    expect(empty).toBe(false);
  });

  it('descends through arrays of objects, nested arrays included', () => {
    // Prepare
    const pattern = compilePattern({ employees: { firstName: ['Anna'] } });

    // Act
    const flat = pattern.matches({
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
      ],
    });
    const nested = pattern.matches({ employees: [[{ firstName: 'John' }], [{ firstName: 'Anna' }]] });
    const none = pattern.matches({ employees: [{ firstName: 'Peter' }] });

    // Assess
    expect([flat, nested, none]).toEqual([true, true, false]);
  });

  it('reads all fields of one object from the same array element', () => {
    // Prepare: "Anna Jones" is not an employee, although both names appear.
    const pattern = compilePattern({ employees: { firstName: ['Anna'], lastName: ['Jones'] } });
    const employees = [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ];

    // Act
    const mixed = pattern.matches({ employees });
    const real = pattern.matches({ employees: [...employees, { firstName: 'Anna', lastName: 'Jones' }] });

    // Assess
    expect(mixed).toBe(false);
    expect(real).toBe(true);
  });

  it('matches CloudTrail security group rules inside items arrays', () => {
    // Prepare
    const pattern = compilePattern({
      eventName: ['AuthorizeSecurityGroupIngress'],
      requestParameters: { ipPermissions: { items: { ipRanges: { items: { cidrIp: ['0.0.0.0/0'] } } } } },
    });
    const record = (cidrIp: string) => ({
      eventName: 'AuthorizeSecurityGroupIngress',
      requestParameters: {
        groupId: 'sg-1',
        ipPermissions: {
          items: [
            { ipProtocol: 'tcp', fromPort: 443, ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } },
            { ipProtocol: 'tcp', fromPort: 22, ipRanges: { items: [{ cidrIp }] } },
          ],
        },
      },
    });

    // Act
    const open = pattern.matches(record('0.0.0.0/0'));
    const closed = pattern.matches(record('192.168.0.0/16'));

    // Assess
    expect(open).toBe(true);
    expect(closed).toBe(false);
  });

  it('does not match a nested pattern against a scalar or a missing parent', () => {
    // Prepare
    const pattern = compilePattern({ detail: { state: ['running'] } });

    // Act
    const results = [
      pattern.matches({ detail: 'running' }),
      pattern.matches({}),
      pattern.matches({ detail: null }),
      pattern.matches({ detail: { state: { value: 'running' } } }),
    ];

    // Assess
    expect(results).toEqual([false, false, false, false]);
  });

  it('reads only own fields, never inherited ones', () => {
    // Prepare
    const pattern = compilePattern({ constructor: [{ exists: true }] });

    // Act
    const inherited = pattern.matches({});
    const own = pattern.matches(JSON.parse('{"constructor": "x"}'));

    // Assess
    expect(inherited).toBe(false);
    expect(own).toBe(true);
  });
});
