/** A parsed CloudTrail record: a plain object with at least `eventVersion` and `eventTime`. */
export type CloudTrailRecordLike = Record<string, unknown> & { eventVersion: string; eventTime: string };

/**
 * Why a parsed value is not a CloudTrail record, or undefined when it is one. Deliberately loose (Insights
 * records have no eventName/userIdentity, some service events no userIdentity.type): rules decide the rest.
 */
export function cloudTrailShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not a JSON object';
  }
  const record = value as Record<string, unknown>;
  if (typeof record.eventVersion !== 'string') {
    return 'not a CloudTrail record (no eventVersion)';
  }
  if (typeof record.eventTime !== 'string') {
    return 'not a CloudTrail record (no eventTime)';
  }
  return undefined;
}

/** Whether a top-level object is a CloudTrail digest file (signed hash chain, no records). */
export function isCloudTrailDigest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const document = value as Record<string, unknown>;
  return (
    'digestSignatureAlgorithm' in document || ('digestStartTime' in document && 'digestEndTime' in document)
  );
}
