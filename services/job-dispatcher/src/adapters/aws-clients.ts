import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClient } from '@vigil/lambda-kit';

// Few SDK attempts: the dispatcher has its own retry of failed entries, and throttling must surface quickly
// to pause dispatch rather than burn the tick in SDK backoff.
const clientConfig = { maxAttempts: 3 };

/** The clients of every handler of this service, created once per container (local endpoints honoured). */
export const dynamodb = createAwsClient(DynamoDBClient, clientConfig);
export const eventBridge = createAwsClient(EventBridgeClient, clientConfig);
export const sqs = createAwsClient(SQSClient, clientConfig);
