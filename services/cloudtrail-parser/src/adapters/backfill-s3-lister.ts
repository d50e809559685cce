import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { BackfillObject } from '../core/backfill/backfill-message';
import type { BackfillLister } from '../core/backfill/plan-backfill';

/**
 * The backfill's view of a bucket through ListObjectsV2: common prefixes with `Delimiter: '/'` for
 * planning, and the objects of a day prefix page by page (1,000 keys each), from `StartAfter` on.
 */
export function createS3BackfillLister(s3: S3Client): BackfillLister {
  return {
    async listPrefixes(bucket, prefix) {
      const prefixes: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            Delimiter: '/',
            ContinuationToken: token,
          })
        );
        for (const common of page.CommonPrefixes ?? []) if (common.Prefix) prefixes.push(common.Prefix);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return prefixes;
    },
    async *listObjects(bucket, prefix, startAfter) {
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ContinuationToken: token,
            ...(token === undefined && startAfter !== undefined ? { StartAfter: startAfter } : {}),
          })
        );
        const objects: BackfillObject[] = (page.Contents ?? []).flatMap((object) =>
          object.Key === undefined ? [] : [{ key: object.Key, size: object.Size ?? 0, etag: object.ETag }]
        );
        if (objects.length > 0) yield objects;
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    },
  };
}
