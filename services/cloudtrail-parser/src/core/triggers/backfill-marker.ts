import { BACKFILL_CONFIGURATION_ID, BACKFILL_ORIGIN } from '../backfill/backfill-message';

/** SQS message attributes as a Lambda SQS event carries them (only `stringValue` matters here). */
export type TriggerMessageAttributes = Readonly<
  Record<string, { readonly stringValue?: string | null | undefined } | undefined>
>;

/**
 * Whether a whole trigger message comes from `vigil backfill`: its body says `vigilOrigin: "backfill"`, or
 * its SQS message attribute `vigilOrigin` does (see `buildBackfillMessage`). The marker only changes where
 * alerts go and how they are labelled, never whether a record is checked, so a forged one does no harm.
 */
export function isBackfillMessage(body: unknown, attributes?: TriggerMessageAttributes | undefined): boolean {
  if (attributes?.vigilOrigin?.stringValue === BACKFILL_ORIGIN) return true;
  return (
    typeof body === 'object' && body !== null && 'vigilOrigin' in body && body.vigilOrigin === BACKFILL_ORIGIN
  );
}

/**
 * Whether one S3 notification record comes from `vigil backfill`: S3 writes the notification
 * configuration's id into `s3.configurationId`, and backfill writes `vigil-backfill` there.
 */
export function isBackfillConfiguration(configurationId: string | undefined): boolean {
  return configurationId === BACKFILL_CONFIGURATION_ID;
}
