/**
 * Errors raised by local-cloud. `RetryableLocalCloudError` marks failures worth another attempt
 * (a port taken between probing and binding, a piece slow to start); everything else is permanent.
 */
export class LocalCloudError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalCloudError';
  }
}

/** A failure that may pass on another attempt (port race, slow start). */
export class RetryableLocalCloudError extends LocalCloudError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableLocalCloudError';
  }
}

/** A piece (DynamoDB Local, fauxqs, ...) did not become ready. */
export class StartupError extends RetryableLocalCloudError {
  constructor(piece: string, reason: string, options?: { cause?: unknown }) {
    super(`${piece} did not start: ${reason}`, options);
    this.name = 'StartupError';
  }
}

/** A `${...}` variable in serverless.yml that the local resolver cannot resolve. */
export class UnresolvedVariableError extends LocalCloudError {
  constructor(variable: string, where: string, reason: string) {
    super(`cannot resolve \${${variable}} at ${where}: ${reason}`);
    this.name = 'UnresolvedVariableError';
  }
}

/** A CloudFormation intrinsic or resource property the local resolver does not support. */
export class UnsupportedTemplateError extends LocalCloudError {
  constructor(where: string, reason: string) {
    super(`unsupported template construct at ${where}: ${reason}`);
    this.name = 'UnsupportedTemplateError';
  }
}

/** A request to a local API (EventBridge) that AWS would reject; `code` is the AWS error type. */
export class AwsApiError extends LocalCloudError {
  readonly code: string;
  readonly statusCode: number;
  constructor(code: string, message: string, statusCode = 400) {
    super(message);
    this.name = 'AwsApiError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

/** A target or event source could not deliver to a function (not found, or the function failed). */
export class DeliveryError extends LocalCloudError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}
