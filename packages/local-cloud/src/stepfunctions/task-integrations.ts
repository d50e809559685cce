import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { TaskError } from './errors';
import type { TaskResource } from './task-resource';

/** One PutEvents entry, as handed to the event router. */
export interface PublishedEventEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: Date;
}

export type PublishEvents = (entries: PublishedEventEntry[]) => Promise<void>;
export type InvokeLambda = (functionName: string, payload: unknown) => Promise<unknown>;

/** What the integrations need from the outside world. */
export interface IntegrationDeps {
  dynamodb: DynamoDBClient;
  publishEvents: PublishEvents;
  invokeLambda?: InvokeLambda | undefined;
}

/** The execution a task runs in (the EventBridge integration stamps these ARNs on each entry). */
export interface TaskScope {
  executionArn: string;
  stateMachineArn: string;
}

const TableRequestSchema = z.looseObject({ TableName: z.string().min(1) });
const PutEventsRequestSchema = z.object({
  Entries: z
    .array(
      z.looseObject({
        Detail: z.unknown().optional(),
        DetailType: z.string().optional(),
        EventBusName: z.string().optional(),
        Source: z.string().optional(),
        Resources: z.array(z.string()).optional(),
        Time: z.string().optional(),
      })
    )
    .min(1)
    .max(10),
});
const LambdaInvokeSchema = z.looseObject({
  FunctionName: z.string().min(1),
  Payload: z.unknown().optional(),
});

/**
 * Calls the service a Task state names with its resolved `Parameters`, the way the Step Functions
 * integration does, and returns the task result (before ResultSelector/ResultPath).
 * Service errors become {@link TaskError}s named as Step Functions names them (`DynamoDB.<Exception>`).
 */
export async function callIntegration(
  resource: TaskResource,
  parameters: unknown,
  scope: TaskScope,
  deps: IntegrationDeps
): Promise<unknown> {
  switch (resource.service) {
    case 'dynamodb':
      return callDynamoDb(resource, parameters, deps.dynamodb);
    case 'events':
      return callPutEvents(resource, parameters, scope, deps.publishEvents);
    case 'lambda':
      return callLambdaInvoke(parameters, deps.invokeLambda);
    case 'lambda-function':
      return invokeFunction(resource.functionName ?? resource.resource, parameters, deps.invokeLambda);
    default:
      throw new TaskError(
        'States.Runtime',
        `local-cloud does not support the Task resource '${resource.resource}' (see src/stepfunctions/GAPS.md)`
      );
  }
}

// The optimized integration answers with the HTTP metadata of the underlying call.
function sdkMetadata(requestId: string | undefined): Record<string, unknown> {
  return {
    SdkHttpMetadata: { HttpStatusCode: 200, HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0' } },
    SdkResponseMetadata: { RequestId: requestId ?? randomUUID() },
  };
}

async function callDynamoDb(resource: TaskResource, parameters: unknown, client: DynamoDBClient) {
  const parsed = TableRequestSchema.safeParse(parameters);
  const errorPrefix = resource.isAwsSdk ? 'DynamoDb' : 'DynamoDB';
  if (!parsed.success) {
    throw new TaskError(`${errorPrefix}.ValidationException`, 'Parameters must include a TableName string');
  }
  // DynamoDB itself validates the rest of the request, exactly as it does behind Step Functions.
  const input = parsed.data as never;

  try {
    const { $metadata, ...output } = await sendDynamoDb(resource.action, input, client, errorPrefix);
    return resource.isAwsSdk ? output : { ...output, ...sdkMetadata($metadata.requestId) };
  } catch (error) {
    if (error instanceof TaskError) throw error;
    const name = error instanceof Error ? error.name : 'UnknownError';
    const message = error instanceof Error ? error.message : String(error);
    throw new TaskError(`${errorPrefix}.${name}`, message);
  }
}

function sendDynamoDb(action: string, input: never, client: DynamoDBClient, errorPrefix: string) {
  switch (action) {
    case 'putItem':
      return client.send(new PutItemCommand(input));
    case 'getItem':
      return client.send(new GetItemCommand(input));
    case 'updateItem':
      return client.send(new UpdateItemCommand(input));
    case 'deleteItem':
      return client.send(new DeleteItemCommand(input));
    case 'query':
      return client.send(new QueryCommand(input));
    case 'scan':
      return client.send(new ScanCommand(input));
    default:
      throw new TaskError(
        `${errorPrefix}.UnsupportedAction`,
        `local-cloud does not support dynamodb:${action}`
      );
  }
}

async function callPutEvents(
  resource: TaskResource,
  parameters: unknown,
  scope: TaskScope,
  publishEvents: PublishEvents
) {
  const parsed = PutEventsRequestSchema.safeParse(parameters);
  if (!parsed.success) {
    throw new TaskError(
      'EventBridge.ValidationException',
      'Parameters must include Entries (1 to 10 entries)'
    );
  }
  const entries = parsed.data.Entries.map((entry) => {
    const detail = typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail ?? {});
    // The optimized integration appends the execution and state machine ARNs (AWS developer guide).
    const resources = resource.isAwsSdk
      ? entry.Resources
      : [...(entry.Resources ?? []), scope.executionArn, scope.stateMachineArn];
    const published: PublishedEventEntry = { Detail: detail };
    if (entry.Source !== undefined) published.Source = entry.Source;
    if (entry.DetailType !== undefined) published.DetailType = entry.DetailType;
    if (entry.EventBusName !== undefined) published.EventBusName = entry.EventBusName;
    if (resources !== undefined) published.Resources = resources;
    published.Time = entry.Time ? new Date(entry.Time) : new Date();
    return published;
  });
  try {
    await publishEvents(entries);
  } catch (error) {
    throw new TaskError('EventBridge.FailedEntry', error instanceof Error ? error.message : String(error));
  }
  return { Entries: entries.map(() => ({ EventId: randomUUID() })), FailedEntryCount: 0 };
}

async function callLambdaInvoke(parameters: unknown, invokeLambda: InvokeLambda | undefined) {
  const parsed = LambdaInvokeSchema.safeParse(parameters);
  if (!parsed.success) {
    throw new TaskError('Lambda.InvalidParameterValueException', 'Parameters must include FunctionName');
  }
  const functionName = parsed.data.FunctionName.replace(/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:/u, '');
  const payload = await invokeFunction(
    functionName.split(':')[0] ?? functionName,
    parsed.data.Payload,
    invokeLambda
  );
  return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200, ...sdkMetadata(undefined) };
}

async function invokeFunction(
  functionName: string,
  payload: unknown,
  invokeLambda: InvokeLambda | undefined
) {
  if (!invokeLambda) {
    throw new TaskError(
      'Lambda.ResourceNotFoundException',
      `Function not found: ${functionName} (local-cloud was started without invokeLambda)`
    );
  }
  try {
    return await invokeLambda(functionName, payload);
  } catch (error) {
    // Step Functions reports a function error with its errorType as the error name.
    const errorType = error instanceof Error ? error.name : 'Error';
    const errorMessage = error instanceof Error ? error.message : String(error);
    throw new TaskError(errorType, JSON.stringify({ errorMessage, errorType }));
  }
}
