import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { BackfillObject } from '../core/backfill/backfill-message';
import type { BackfillLister } from '../core/backfill/plan-backfill';

/**
 * The backfill's view of a bucket through ListObjectsV2 (the SDK's paginator follows the continuation
 * tokens): common prefixes with `Delimiter: '/'` for planning, and the objects of a day prefix page by page
 * (1,000 keys each), from `StartAfter` on.
 */
export function createS3BackfillLister(s3: S3Client): BackfillLister {
  return {
    async listPrefixes(bucket, prefix) {
      const prefixes: string[] = [];
      for await (const page of paginateListObjectsV2(
        { client: s3 },
        { Bucket: bucket, Prefix: prefix, Delimiter: '/' }
      )) {
        for (const common of page.CommonPrefixes ?? []) if (common.Prefix) prefixes.push(common.Prefix);
      }
      return prefixes;
    },
    async *listObjects(bucket, prefix, startAfter) {
      const input = {
        Bucket: bucket,
        Prefix: prefix,
        ...(startAfter === undefined ? {} : { StartAfter: startAfter }),
      };
      for await (const page of paginateListObjectsV2({ client: s3 }, input)) {
        const objects: BackfillObject[] = (page.Contents ?? []).flatMap((object) =>
          object.Key === undefined ? [] : [{ key: object.Key, size: object.Size ?? 0, etag: object.ETag }]
        );
        if (objects.length > 0) yield objects;
      }
    },
  };
}
