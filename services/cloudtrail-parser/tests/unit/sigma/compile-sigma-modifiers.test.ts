import { compileDetection, matchingIndexes, record } from './sigma-fixtures';

describe('compileSigmaRule modifiers', () => {
  const agents = [
    record({ userAgent: 'Boto3/1.26 Python/3.10 kali-rolling' }),
    record({ userAgent: 'KALI boto3' }),
    record({ userAgent: 'aws-cli/2.15 Linux' }),
  ];

  it('contains matches anywhere, case-insensitively', () => {
    // Act
    const matched = matchingIndexes(
      { selection: { 'userAgent|contains': 'Kali' }, condition: 'selection' },
      agents
    );

    // Assess
    expect(matched).toEqual([0, 1]);
  });

  it('startswith and endswith anchor one side, case-insensitively', () => {
    // Act
    const starts = matchingIndexes(
      { selection: { 'userAgent|startswith': 'kali' }, condition: 'selection' },
      agents
    );
    const ends = matchingIndexes(
      { selection: { 'userAgent|endswith': 'LINUX' }, condition: 'selection' },
      agents
    );

    // Assess
    expect(starts).toEqual([1]);
    expect(ends).toEqual([2]);
  });

  it('contains|all needs every value', () => {
    // Prepare
    const records = [
      record({ userAgent: 'S3 Browser 11.4 https://s3browser.com' }),
      record({ userAgent: 'S3 Browser' }),
    ];

    // Act
    const matched = matchingIndexes(
      { selection: { 'userAgent|contains|all': ['s3 browser', 's3browser.com'] }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0]);
  });

  it('keeps wildcards inside contains/startswith/endswith values', () => {
    // Prepare
    const records = [record({ userAgent: 'Pacu/1.0 on kali' }), record({ userAgent: 'pacu' })];

    // Act
    const matched = matchingIndexes(
      { selection: { 'userAgent|startswith': 'pacu*kali' }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0]);
  });

  it('compiles exact case-insensitive forms to EventBridge operators, not regexes', () => {
    // Act
    const rule = compileDetection({
      selection: {
        eventName: 'StopLogging',
        'eventSource|startswith': 'cloudtrail',
        'userAgent|endswith': '/2.0',
      },
      condition: 'selection',
    });

    // Assess
    expect(rule.condition).toEqual({
      pattern: {
        eventName: [{ 'equals-ignore-case': 'StopLogging' }],
        eventSource: [{ prefix: { 'equals-ignore-case': 'cloudtrail' } }],
        userAgent: [{ suffix: '/2.0' }],
      },
    });
  });

  it('re matches a JavaScript regex, case-sensitive unless |i', () => {
    // Prepare
    const records = [record({ eventName: 'GetSecretValue' }), record({ eventName: 'getsecretvalue' })];

    // Act
    const sensitive = matchingIndexes(
      { selection: { 'eventName|re': '^Get.*Value$' }, condition: 'selection' },
      records
    );
    const insensitive = matchingIndexes(
      { selection: { 'eventName|re|i': '^get.*value$' }, condition: 'selection' },
      records
    );
    const inline = matchingIndexes(
      { selection: { 'eventName|re': '(?i)^GET' }, condition: 'selection' },
      records
    );

    // Assess
    expect(sensitive).toEqual([0]);
    expect(insensitive).toEqual([0, 1]);
    expect(inline).toEqual([0, 1]);
  });

  it('cidr matches IPv4 and IPv6 ranges', () => {
    // Prepare
    const records = [
      record({ sourceIPAddress: '10.20.30.40' }),
      record({ sourceIPAddress: '2001:db8::7' }),
      record({ sourceIPAddress: '198.51.100.23' }),
      record({ sourceIPAddress: 'ec2.amazonaws.com' }),
    ];

    // Act
    const matched = matchingIndexes(
      { selection: { 'sourceIPAddress|cidr': ['10.0.0.0/8', '2001:db8::/32'] }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0, 1]);
  });

  it('exists tests whether the field has a value', () => {
    // Prepare
    const records = [record({ errorCode: 'AccessDenied' }), record({})];

    // Act
    const present = matchingIndexes(
      { selection: { 'errorCode|exists': true }, condition: 'selection' },
      records
    );
    const absent = matchingIndexes(
      { selection: { 'errorCode|exists': false }, condition: 'selection' },
      records
    );

    // Assess
    expect(present).toEqual([0]);
    expect(absent).toEqual([1]);
  });

  it('cased makes string matching case-sensitive', () => {
    // Prepare
    const records = [record({ eventName: 'StopLogging' }), record({ eventName: 'stoplogging' })];

    // Act
    const matched = matchingIndexes(
      { selection: { 'eventName|cased': 'StopLogging' }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0]);
  });

  it('gt, gte, lt and lte compare numbers', () => {
    // Prepare
    const records = [20, 21, 22].map((count) => record({ requestParameters: { maxCount: count } }));

    // Act
    const gt = matchingIndexes(
      { selection: { 'requestParameters.maxCount|gt': 20 }, condition: 'selection' },
      records
    );
    const gte = matchingIndexes(
      { selection: { 'requestParameters.maxCount|gte': 21 }, condition: 'selection' },
      records
    );
    const lt = matchingIndexes(
      { selection: { 'requestParameters.maxCount|lt': 21 }, condition: 'selection' },
      records
    );
    const lte = matchingIndexes(
      { selection: { 'requestParameters.maxCount|lte': 21 }, condition: 'selection' },
      records
    );

    // Assess
    expect([gt, gte, lt, lte]).toEqual([[1, 2], [1, 2], [0], [0, 1]]);
  });
});
