// The AWS SDK modules the pipeline harness uses, taken from the parser service's own dependencies:
// scripts/ is no workspace and the root installs no AWS SDK, so the benchmark uses the exact SDK build
// the parser itself runs with (one @aws-sdk version through the catalog).
export {
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
export {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
