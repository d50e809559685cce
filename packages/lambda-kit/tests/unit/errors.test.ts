import { ConfigError, InvalidInputError, PermanentError, RetryableError, VigilError } from '../../src/errors';
import { isRetryable } from '../../src/is-retryable';

/** Builds an error shaped like an AWS SDK v3 service exception. */
function sdkError(name: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(name), { name, ...fields });
}

describe('errors', () => {
  it('sets name, code and cause on each class', () => {
    // Prepare
    const cause = new Error('socket hang up');

    // Act
    const retryable = new RetryableError('jobs table unavailable', { cause });
    const invalid = new InvalidInputError('detail.id: required');
    const custom = new PermanentError('bad rule', { code: 'BAD_RULE' });

    // Assess
    expect(retryable).toMatchObject({ name: 'RetryableError', code: 'RETRYABLE', cause });
    expect(invalid).toMatchObject({ name: 'InvalidInputError', code: 'INVALID_INPUT' });
    expect(invalid).toBeInstanceOf(PermanentError);
    expect(invalid).toBeInstanceOf(VigilError);
    expect(custom.code).toBe('BAD_RULE');
  });

  it('lists every bad variable in a ConfigError message', () => {
    // Act
    const error = new ConfigError([
      { variable: 'ALERT_TOPIC_ARN', reason: 'required' },
      { variable: 'STAGE', reason: 'expected one of "dev" | "prod"' },
    ]);

    // Assess
    expect(error.message).toBe(
      'invalid configuration: ALERT_TOPIC_ARN: required; STAGE: expected one of "dev" | "prod"'
    );
    expect(error.name).toBe('ConfigError');
  });
});

describe('isRetryable', () => {
  it.each([
    ['a RetryableError', new RetryableError('later')],
    ['ThrottlingException', sdkError('ThrottlingException')],
    ['ProvisionedThroughputExceededException', sdkError('ProvisionedThroughputExceededException')],
    ['TooManyRequestsException', sdkError('TooManyRequestsException')],
    ['an SDK error marked $retryable', sdkError('SomethingNew', { $retryable: { throttling: true } })],
    ['a 503', sdkError('UnknownError', { $metadata: { httpStatusCode: 503 } })],
    ['a 429', sdkError('UnknownError', { $metadata: { httpStatusCode: 429 } })],
    ['a connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ])('recognises %s as retryable', (_label, error) => {
    expect(isRetryable(error)).toBe(true);
  });

  it.each([
    ['a PermanentError', new PermanentError('no')],
    ['an InvalidInputError', new InvalidInputError('bad')],
    ['a ConfigError', new ConfigError([{ variable: 'X', reason: 'required' }])],
    [
      'ConditionalCheckFailedException',
      sdkError('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } }),
    ],
    ['AccessDeniedException', sdkError('AccessDeniedException', { $metadata: { httpStatusCode: 403 } })],
    ['a plain Error', new Error('bug')],
    ['a string', 'ThrottlingException'],
    ['undefined', undefined],
  ])('treats %s as not retryable', (_label, error) => {
    expect(isRetryable(error)).toBe(false);
  });
});
