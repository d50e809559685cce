import { matchingIndexes, record } from './sigma-fixtures';

describe('compileSigmaRule values', () => {
  it('matches plain strings case-insensitively', () => {
    // Prepare
    const records = [
      record({ eventName: 'StopLogging' }),
      record({ eventName: 'STOPLOGGING' }),
      record({ eventName: 'StopLoggingX' }),
    ];

    // Act
    const matched = matchingIndexes(
      { selection: { eventName: 'stoplogging' }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0, 1]);
  });

  it('treats * and ? as wildcards over the whole value', () => {
    // Prepare
    const records = [
      record({ userAgent: 'aws-cli/2.15.30 Python/3.11.8' }),
      record({ userAgent: 'AWS-CLI/1.0' }),
      record({ userAgent: 'boto3 aws-cli/2.0' }),
      record({ eventName: 'GetSecretValue', userAgent: 'console.amazonaws.com' }),
      record({ eventName: 'GetSecrettValue', userAgent: 'console.amazonaws.com' }),
    ];

    // Act
    const star = matchingIndexes({ selection: { userAgent: 'aws-cli/*' }, condition: 'selection' }, records);
    const single = matchingIndexes(
      { selection: { eventName: 'get?ecretvalue' }, condition: 'selection' },
      records
    );

    // Assess
    expect(star).toEqual([0, 1]);
    expect(single).toEqual([3]);
  });

  it('reads \\*, \\? and \\\\ as literal characters', () => {
    // Prepare
    const records = [
      record({ userAgent: 'tool*' }),
      record({ userAgent: 'toolbox' }),
      record({ userAgent: 'what?' }),
      record({ userAgent: 'C:\\tools\\x' }),
    ];

    // Act
    const star = matchingIndexes({ selection: { userAgent: 'tool\\*' }, condition: 'selection' }, records);
    const question = matchingIndexes(
      { selection: { userAgent: 'what\\?' }, condition: 'selection' },
      records
    );
    const backslash = matchingIndexes(
      { selection: { userAgent: 'C:\\\\tools\\x' }, condition: 'selection' },
      records
    );

    // Assess
    expect(star).toEqual([0]);
    expect(question).toEqual([2]);
    expect(backslash).toEqual([3]);
  });

  it('matches numbers against numeric and string values', () => {
    // Prepare
    const records = [
      record({ requestParameters: { fromPort: 22 } }),
      record({ requestParameters: { fromPort: '22' } }),
      record({ requestParameters: { fromPort: 2222 } }),
    ];

    // Act
    const matched = matchingIndexes(
      { selection: { 'requestParameters.fromPort': 22 }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0, 1]);
  });

  it("matches 'true'/'false' strings against booleans, as text-based backends do", () => {
    // Prepare
    const records = [
      record({ responseElements: { publiclyAccessible: true } }),
      record({ responseElements: { publiclyAccessible: 'True' } }),
      record({ responseElements: { publiclyAccessible: false } }),
    ];

    // Act
    const matched = matchingIndexes(
      { selection: { 'responseElements.publiclyAccessible': 'true' }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0, 1]);
  });

  it('matches null against a null or missing field', () => {
    // Prepare
    const records = [record({ errorCode: null }), record({}), record({ errorCode: 'AccessDenied' })];

    // Act
    const matched = matchingIndexes({ selection: { errorCode: null }, condition: 'selection' }, records);

    // Assess
    expect(matched).toEqual([0, 1]);
  });

  it('reads a value list as any of its values', () => {
    // Prepare
    const records = [
      record({ eventName: 'StopLogging' }),
      record({ eventName: 'DeleteTrail' }),
      record({ eventName: 'StartLogging' }),
    ];

    // Act
    const matched = matchingIndexes(
      { selection: { eventName: ['StopLogging', 'DeleteTrail', null] }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0, 1]);
  });

  it('follows dotted paths into nested objects and lists of objects', () => {
    // Prepare
    const records = [
      record({ resources: [{ ARN: 'arn:aws:s3:::a' }, { ARN: 'arn:aws:s3:::secret-bucket' }] }),
      record({ resources: [{ ARN: 'arn:aws:s3:::a' }] }),
    ];

    // Act
    const matched = matchingIndexes(
      { selection: { 'resources.ARN|endswith': 'SECRET-BUCKET' }, condition: 'selection' },
      records
    );

    // Assess
    expect(matched).toEqual([0]);
  });
});
