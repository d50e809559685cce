import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClient } from '@vigil/lambda-kit';

// One client per service for the whole container (reused across warm invocations); every adapter
// receives them as parameters so tests can pass mocks or local-cloud clients.
export const dynamodb = createAwsClient(DynamoDBClient);
export const documentClient = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
});
export const s3 = createAwsClient(S3Client);
export const sns = createAwsClient(SNSClient);
export const eventBridge = createAwsClient(EventBridgeClient);
export const sqs = createAwsClient(SQSClient);

/** The clients adapters are built from (the module-scope ones in Lambda, local-cloud or mocked ones in tests). */
export interface AwsClients {
  documentClient: DynamoDBDocumentClient;
  dynamodb: DynamoDBClient;
  s3: S3Client;
  sns: SNSClient;
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
}

export const awsClients: AwsClients = { documentClient, dynamodb, s3, sns, eventBridge, sqs };
