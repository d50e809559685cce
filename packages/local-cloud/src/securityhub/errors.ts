/** Error codes the recorder answers with; `@aws-sdk/client-securityhub` maps each to its exception class. */
export type SecurityHubErrorCode =
  | 'InvalidInputException'
  | 'InvalidAccessException'
  | 'ResourceNotFoundException';

/** A client error of the Security Hub API, sent with status 400 and `x-amzn-ErrorType`. */
export class SecurityHubApiError extends Error {
  readonly code: SecurityHubErrorCode;

  constructor(code: SecurityHubErrorCode, message: string) {
    super(message);
    this.name = 'SecurityHubApiError';
    this.code = code;
  }
}
