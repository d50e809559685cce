import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClient } from '@vigil/lambda-kit';

/** The clients adapters are built from (module-scope ones in Lambda, local-cloud or mocked ones in tests). */
export interface AwsClients {
  dynamodb: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  securityHub: SecurityHubClient;
  organizations: OrganizationsClient;
  eventBridge: EventBridgeClient;
  sns: SNSClient;
  sqs: SQSClient;
}

/** Builds one client per service (honouring `AWS_ENDPOINT_URL_<SERVICE>`, so local-cloud works). */
export function createAwsClients(): AwsClients {
  const dynamodb = createAwsClient(DynamoDBClient);
  return {
    dynamodb,
    documentClient: DynamoDBDocumentClient.from(dynamodb, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    securityHub: createAwsClient(SecurityHubClient),
    // Organizations is a global service served from us-east-1 (aws partition).
    organizations: createAwsClient(OrganizationsClient, { region: 'us-east-1' }),
    eventBridge: createAwsClient(EventBridgeClient),
    sns: createAwsClient(SNSClient),
    sqs: createAwsClient(SQSClient),
  };
}

let shared: AwsClients | undefined;

/** The container's clients, created once on first use and reused across warm invocations. */
export function awsClients(): AwsClients {
  shared ??= createAwsClients();
  return shared;
}
