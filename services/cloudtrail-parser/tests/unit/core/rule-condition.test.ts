import { compileRuleCondition, readPath, requiredPatterns } from '../../../src/core/rule-condition';
import { loadEvent } from './fixtures';

describe('readPath', () => {
  it('reads nested values and flattens arrays on the way', () => {
    // Prepare
    const record = loadEvent('s3-get-object');

    // Act & Assess
    expect(readPath(record, 'requestParameters.bucketName')).toEqual(['customer-exports']);
    expect(readPath(record, 'resources.type')).toEqual(['AWS::S3::Object', 'AWS::S3::Bucket']);
    expect(readPath(record, 'requestParameters.missing')).toEqual([]);
    expect(readPath(record, 'responseElements.anything')).toEqual([]);
  });
});

describe('compileRuleCondition', () => {
  const record = loadEvent('put-role-policy-escaped');

  it('matches pattern leaves with EventBridge semantics', () => {
    // Act
    const predicate = compileRuleCondition({ pattern: { eventName: [{ prefix: 'PutRole' }] } });

    // Assess
    expect(predicate(record)).toBe(true);
    expect(predicate(loadEvent('stop-logging'))).toBe(false);
  });

  it('tests regex leaves against every scalar at the path', () => {
    // Act
    const wildcardAction = compileRuleCondition({
      field: 'requestParameters.policyDocument',
      regex: '"Action":\\s*"\\*"',
    });
    const ignoreCase = compileRuleCondition({ field: 'eventName', regex: '^putrolepolicy$', flags: 'ig' });

    // Assess
    expect(wildcardAction(record)).toBe(true);
    expect(wildcardAction(loadEvent('stop-logging'))).toBe(false);
    expect(ignoreCase(record)).toBe(true);
    expect(ignoreCase(record)).toBe(true); // the g flag is dropped: no lastIndex state between calls
  });

  it('combines conditions with all, any and not', () => {
    // Act
    const predicate = compileRuleCondition({
      all: [
        {
          any: [
            { pattern: { eventSource: ['iam.amazonaws.com'] } },
            { pattern: { eventSource: ['sts.amazonaws.com'] } },
          ],
        },
        { not: { pattern: { userIdentity: { type: ['AWSService'] } } } },
      ],
    });

    // Assess
    expect(predicate(record)).toBe(true);
    expect(predicate(loadEvent('assume-role'))).toBe(true);
    expect(predicate(loadEvent('stop-logging'))).toBe(false);
    expect(predicate({ ...record, userIdentity: { type: 'AWSService' } })).toBe(false);
  });
});

describe('requiredPatterns', () => {
  it('lists the pattern leaves an all-condition requires, not those under any or not', () => {
    // Act
    const patterns = requiredPatterns({
      all: [
        { pattern: { a: ['1'] } },
        { any: [{ pattern: { b: ['2'] } }] },
        { not: { pattern: { c: ['3'] } } },
      ],
    });

    // Assess
    expect(patterns).toEqual([{ a: ['1'] }]);
  });
});
