import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text as readText } from 'node:stream/consumers';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SfnApiError } from './errors';
import {
  describeExecution,
  getExecutionHistory,
  listExecutions,
  startExecution,
  stopExecution,
} from './execution-operations';
import type { ExecutionRun } from './execution-run';
import type { FacadeState } from './facade-state';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
} from './state-machine-operations';
import { buildStatusChangeEntry } from './status-change-event';
import type { InvokeLambda, PublishEvents } from './task-integrations';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './task-operations';
import { TaskTokenRegistry } from './task-token-registry';

/** Options of {@link startStepFunctionsFacade}. */
export interface StepFunctionsFacadeOptions {
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number | undefined;
  /** Interface to bind; loopback by default. */
  host?: string | undefined;
  region?: string | undefined;
  accountId?: string | undefined;
  /** DynamoDB endpoint the `dynamodb:*` task integrations call (DynamoDB Local). */
  dynamodbEndpoint: string;
  /** Receives `events:putEvents` entries and the execution status-change events. */
  publishEvents: PublishEvents;
  /** Invokes a function for `lambda:invoke` and plain Lambda ARN tasks. */
  invokeLambda?: InvokeLambda | undefined;
  /** Wait state name → milliseconds, applied to every execution (shortens long Waits locally). */
  waitTimeOverridesMs?: Record<string, number> | undefined;
}

/** A running facade. */
export interface StepFunctionsFacade {
  url: string;
  port: number;
  stop(): Promise<void>;
}

type Operation = (state: FacadeState, body: unknown) => unknown;

const OPERATIONS: Record<string, Operation> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  DeleteStateMachine: deleteStateMachine,
  StartExecution: startExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  StopExecution: stopExecution,
  GetExecutionHistory: getExecutionHistory,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
};

/**
 * Starts the Step Functions API facade: an awsJson1_0 server on loopback that `@aws-sdk/client-sfn`
 * talks to unchanged, running ASL on aws-local-stepfunctions with DynamoDB, EventBridge and Lambda
 * task integrations, task tokens, and execution status-change events.
 *
 * @example
 * const sfn = await startStepFunctionsFacade({ dynamodbEndpoint, publishEvents: async (entries) => router.put(entries) });
 * const client = new SFNClient({ endpoint: sfn.url, region: 'us-east-1', credentials });
 * // …
 * await sfn.stop();
 */
export async function startStepFunctionsFacade(
  options: StepFunctionsFacadeOptions
): Promise<StepFunctionsFacade> {
  const region = options.region ?? 'us-east-1';
  const dynamodb = new DynamoDBClient({
    endpoint: options.dynamodbEndpoint,
    region,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  });
  let publishing: Promise<void> = Promise.resolve();
  const state: FacadeState = {
    scope: { region, accountId: options.accountId ?? '000000000000' },
    machines: new Map(),
    executions: new Map<string, ExecutionRun>(),
    publishEvents: options.publishEvents,
    runDeps: {
      dynamodb,
      publishEvents: options.publishEvents,
      invokeLambda: options.invokeLambda,
      tokens: new TaskTokenRegistry(),
      region,
      waitTimeOverridesMs: options.waitTimeOverridesMs,
      // Chained so subscribers see RUNNING before the closing status; best effort, like AWS.
      onStatusChange: (execution) => {
        const entry = buildStatusChangeEntry(execution);
        publishing = publishing
          .then(() => options.publishEvents([entry]))
          .catch((error: unknown) => {
            process.emitWarning(`local-cloud stepfunctions: status event not published: ${String(error)}`);
          });
      },
    },
  };
  const server = createServer((request, response) => {
    void handleRequest(state, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stop: async () => {
      for (const run of state.executions.values())
        if (run.isRunning) await run.stop('local-cloud', 'facade stopped');
      state.runDeps.tokens.closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await publishing;
      dynamodb.destroy();
    },
  };
}

async function handleRequest(state: FacadeState, request: IncomingMessage, response: ServerResponse) {
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operationName = target.startsWith('AWSStepFunctions.')
      ? target.slice('AWSStepFunctions.'.length)
      : '';
    const operation = OPERATIONS[operationName];
    const text = await readText(request);
    if (!operation)
      throw new SfnApiError('UnknownOperationException', `Operation '${target}' is not supported`);
    let body: unknown;
    try {
      body = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new SfnApiError('SerializationException', 'The request body is not valid JSON');
    }
    send(response, 200, await operation(state, body));
  } catch (error) {
    if (error instanceof SfnApiError) {
      send(response, 400, { __type: error.code, message: error.message });
      return;
    }
    send(response, 500, {
      __type: 'InternalFailure',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}
