import * as z from 'zod';
import { CloudTrailRecordSchema } from './cloudtrail-record';

/**
 * A CloudTrail log file as delivered to S3 (`{"Records":[...]}`), event or Insights records.
 * An empty `Records` array is valid: CloudTrail delivers such files.
 *
 * @example
 * ```ts
 * const file = parseWith(CloudTrailLogFileSchema, JSON.parse(text), key);
 * ```
 */
export const CloudTrailLogFileSchema = z.looseObject({
  Records: z.array(CloudTrailRecordSchema),
});
export type CloudTrailLogFile = z.infer<typeof CloudTrailLogFileSchema>;
