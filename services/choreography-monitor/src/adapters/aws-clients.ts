import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClient } from '@vigil/lambda-kit';

// Created once per container (module scope) and shared by the handlers' adapters.
export const dynamodb = DynamoDBDocumentClient.from(createAwsClient(DynamoDBClient), {
  marshallOptions: { removeUndefinedValues: true },
});
export const sfn = createAwsClient(SFNClient);
export const eventBridge = createAwsClient(EventBridgeClient);
export const sqs = createAwsClient(SQSClient);
