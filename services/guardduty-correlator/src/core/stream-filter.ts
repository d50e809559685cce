/**
 * The matcher's event source filter: only finding writes wake it (its own correlation records and the
 * tombstones do not). serverless.yml carries the same pattern; a template test keeps them equal.
 */
export const MATCHER_STREAM_FILTER = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: { NewImage: { kind: { S: ['finding'] } } },
} as const;
