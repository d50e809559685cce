import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClient } from '@vigil/lambda-kit';
import type { RuntimeClients } from './create-runtime';

// Only what the real-time function uses: loading the S3 and SQS clients from the runtime costs ~25 ms of
// its cold init (bench lambda), and it reads no object and parks nothing.
const dynamodb = createAwsClient(DynamoDBClient);
export const realtimeClients: RuntimeClients = {
  documentClient: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
  sns: createAwsClient(SNSClient),
  eventBridge: createAwsClient(EventBridgeClient),
};
