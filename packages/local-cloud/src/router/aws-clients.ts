import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/** SDK clients the router and the resource creator use to talk to the local pieces. */
export interface AwsClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
  sfn: SFNClient;
  fauxqsUrl: string;
  dynamodbUrl: string;
  destroy(): void;
}

/**
 * One set of clients with dummy credentials pointed at the local endpoints.
 *
 * @example
 * const clients = createAwsClients({ region, fauxqsUrl, dynamodbUrl, stepFunctionsUrl });
 */
export function createAwsClients(options: {
  region: string;
  fauxqsUrl: string;
  dynamodbUrl: string;
  stepFunctionsUrl: string;
}): AwsClients {
  const base = {
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  };
  const dynamodb = new DynamoDBClient({ ...base, endpoint: options.dynamodbUrl });
  const s3 = new S3Client({ ...base, endpoint: options.fauxqsUrl, forcePathStyle: true });
  const sqs = new SQSClient({ ...base, endpoint: options.fauxqsUrl });
  const sns = new SNSClient({ ...base, endpoint: options.fauxqsUrl });
  const sfn = new SFNClient({ ...base, endpoint: options.stepFunctionsUrl });
  return {
    dynamodb,
    s3,
    sqs,
    sns,
    sfn,
    fauxqsUrl: options.fauxqsUrl,
    dynamodbUrl: options.dynamodbUrl,
    destroy() {
      for (const client of [dynamodb, s3, sqs, sns, sfn]) client.destroy();
    },
  };
}

/** `arn:aws:sqs:region:account:name` → the fauxqs queue URL. */
export function queueUrlOf(fauxqsUrl: string, queueArn: string): string {
  const [, , , , account, name] = queueArn.split(':');
  return `${fauxqsUrl}/${account}/${name}`;
}
