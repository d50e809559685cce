/** Error codes the facade answers with; `@aws-sdk/client-sfn` maps each to its exception class. */
export type SfnErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidDefinition'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException';

/** A client error of the Step Functions API, sent as `{"__type": code, "message": ...}` with status 400. */
export class SfnApiError extends Error {
  readonly code: SfnErrorCode;

  constructor(code: SfnErrorCode, message: string) {
    super(message);
    this.name = 'SfnApiError';
    this.code = code;
  }
}

/** An error raised inside a Task state; `name` is the ASL error name Retry/Catch match on. */
export class TaskError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}
