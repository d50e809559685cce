import * as z from 'zod';
import { NonEmptyStringSchema } from '../common/primitives';

/** Where the record behind an alert came from. */
export const AlertOriginSchema = z.discriminatedUnion('kind', [
  /** A log file delivered to S3 (Lambda ingestion or backfill). */
  z.object({
    kind: z.literal('s3'),
    bucket: NonEmptyStringSchema,
    key: NonEmptyStringSchema,
    versionId: z.string().optional(),
  }),
  /** An EventBridge `AWS API Call via CloudTrail` event. */
  z.object({
    kind: z.literal('realtime'),
    eventBridgeId: z.string().optional(),
  }),
  /** `vigil scan` over local files. */
  z.object({
    kind: z.literal('scan'),
    path: NonEmptyStringSchema,
  }),
]);
export type AlertOrigin = z.infer<typeof AlertOriginSchema>;
