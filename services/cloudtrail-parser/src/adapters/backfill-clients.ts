import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The backfill's S3 and SQS clients. Not `createAwsClient` of `@vigil/lambda-kit`: that package's index
 * loads middy (ESM only), which the tsx-run CLI cannot require. The SDK itself honours
 * `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_SQS` (local-cloud); on top: adaptive retries, and path-style
 * buckets for a loopback S3 endpoint (emulators have no virtual-hosted buckets).
 */
export function createBackfillClients(env: Record<string, string | undefined> = process.env): {
  s3: S3Client;
  sqs: SQSClient;
} {
  const retries = { maxAttempts: 5, retryMode: 'adaptive' };
  const s3Endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  return {
    s3: new S3Client({ ...retries, forcePathStyle: s3Endpoint !== undefined && isLoopbackUrl(s3Endpoint) }),
    sqs: new SQSClient(retries),
  };
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
