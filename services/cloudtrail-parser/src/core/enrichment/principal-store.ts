import type { IssuedCredentials } from './issued-credentials';

/**
 * Where issued access keys are remembered (DynamoDB in the Lambda, `PrincipalIndex` in memory for
 * `vigil scan`). Keys are kept until their credentials expire.
 */
export interface PrincipalStore {
  /** The issuance of `accessKeyId`, or undefined when unknown or expired. */
  get(accessKeyId: string): Promise<IssuedCredentials | undefined>;
  /** Remembers issuances (an existing entry for the same key is replaced: keys are unique). */
  put(issued: readonly IssuedCredentials[]): Promise<void>;
}

/** Anything `resolveActor` can look issued keys up in: a store (async) or an index (sync). */
export interface PrincipalLookup {
  get(accessKeyId: string): IssuedCredentials | undefined | Promise<IssuedCredentials | undefined>;
}
