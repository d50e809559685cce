import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { text as readText } from 'node:stream/consumers';
import { compilePattern } from '@vigil/event-patterns';
import type { z } from 'zod';
import { AwsApiError } from '../errors';
import type { Rule } from './event-bus-registry';
import type { EventRouter } from './event-router';
import {
  CreateEventBusRequestSchema,
  EventBusRefSchema,
  ListEventBusesRequestSchema,
  ListRulesRequestSchema,
  ListTargetsRequestSchema,
  PutEventsRequestSchema,
  PutRuleRequestSchema,
  PutTargetsRequestSchema,
  RemoveTargetsRequestSchema,
  RuleRefSchema,
  TestEventPatternRequestSchema,
} from './eventbridge-schemas';

type Operation = (router: EventRouter, body: unknown) => Promise<unknown> | unknown;

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AwsApiError(
      'ValidationException',
      `1 validation error detected: Value at '${issue?.path.join('.')}' failed: ${issue?.message}`
    );
  }
  return result.data;
}

function describeRule(rule: Rule) {
  return {
    Name: rule.Name,
    Arn: rule.Arn,
    EventBusName: rule.EventBusName,
    State: rule.State,
    ...(rule.EventPattern === undefined ? {} : { EventPattern: rule.EventPattern }),
    ...(rule.ScheduleExpression === undefined ? {} : { ScheduleExpression: rule.ScheduleExpression }),
    ...(rule.Description === undefined ? {} : { Description: rule.Description }),
  };
}

const OPERATIONS: Record<string, Operation> = {
  PutEvents: (router, body) => router.putEvents(parse(PutEventsRequestSchema, body).Entries),
  CreateEventBus: (router, body) =>
    router.eventBridge.createEventBus(parse(CreateEventBusRequestSchema, body).Name),
  DeleteEventBus: (router, body) =>
    router.eventBridge.deleteEventBus(parse(CreateEventBusRequestSchema, body).Name),
  DescribeEventBus: (router, body) => {
    const bus = router.eventBridge.getBus(parse(EventBusRefSchema, body).Name);
    return { Name: bus.name, Arn: bus.arn };
  },
  ListEventBuses: (router, body) => ({
    EventBuses: router.eventBridge.listBuses(parse(ListEventBusesRequestSchema, body).NamePrefix),
  }),
  PutRule: (router, body) => router.eventBridge.putRule(parse(PutRuleRequestSchema, body)),
  DescribeRule: (router, body) => {
    const request = parse(RuleRefSchema, body);
    return describeRule(router.eventBridge.getRule(request.Name, request.EventBusName));
  },
  DeleteRule: (router, body) => {
    const request = parse(RuleRefSchema, body);
    router.eventBridge.deleteRule(request.Name, request.EventBusName);
    return {};
  },
  EnableRule: (router, body) => {
    const request = parse(RuleRefSchema, body);
    router.eventBridge.setRuleState(request.Name, request.EventBusName, 'ENABLED');
    return {};
  },
  DisableRule: (router, body) => {
    const request = parse(RuleRefSchema, body);
    router.eventBridge.setRuleState(request.Name, request.EventBusName, 'DISABLED');
    return {};
  },
  ListRules: (router, body) => {
    const request = parse(ListRulesRequestSchema, body);
    return {
      Rules: router.eventBridge.listRules(request.EventBusName, request.NamePrefix).map(describeRule),
    };
  },
  PutTargets: (router, body) => {
    const request = parse(PutTargetsRequestSchema, body);
    router.eventBridge.putTargets(request.Rule, request.EventBusName, request.Targets);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  RemoveTargets: (router, body) => {
    const request = parse(RemoveTargetsRequestSchema, body);
    router.eventBridge.removeTargets(request.Rule, request.EventBusName, request.Ids);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  ListTargetsByRule: (router, body) => {
    const request = parse(ListTargetsRequestSchema, body);
    return { Targets: [...router.eventBridge.getRule(request.Rule, request.EventBusName).targets.values()] };
  },
  TestEventPattern: (_router, body) => {
    const request = parse(TestEventPatternRequestSchema, body);
    try {
      return { Result: compilePattern(JSON.parse(request.EventPattern)).matches(JSON.parse(request.Event)) };
    } catch (error) {
      throw new AwsApiError(
        'InvalidEventPatternException',
        `Event pattern is not valid. Reason: ${String(error)}`
      );
    }
  },
};

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
}

async function handle(
  router: EventRouter,
  request: IncomingMessage,
  response: ServerResponse
): Promise<void> {
  if (request.method === 'GET' && request.url === '/health') return send(response, 200, { status: 'ok' });
  const target = String(request.headers['x-amz-target'] ?? '');
  const operation = OPERATIONS[target.replace(/^AWSEvents\./, '')];
  try {
    if (!target.startsWith('AWSEvents.') || operation === undefined) {
      throw new AwsApiError(
        'UnknownOperationException',
        `Operation ${target} is not supported by local-cloud.`
      );
    }
    const text = await readText(request);
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new AwsApiError('SerializationException', 'Request body is not valid JSON.');
    }
    send(response, 200, (await operation(router, body)) ?? {});
  } catch (error) {
    if (error instanceof AwsApiError)
      return send(response, error.statusCode, { __type: error.code, message: error.message });
    send(response, 500, { __type: 'InternalException', message: String(error) });
  }
}

/**
 * Serves the EventBridge API (awsJson1_1, `X-Amz-Target: AWSEvents.<Operation>`) for the router, so
 * `@aws-sdk/client-eventbridge` and `aws events` work through `AWS_ENDPOINT_URL_EVENTBRIDGE`.
 *
 * @example
 * const api = await startEventBridgeServer(router);
 * new EventBridgeClient({ endpoint: api.url });
 */
export async function startEventBridgeServer(
  router: EventRouter,
  options: { port?: number | undefined; host?: string } = {}
): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((request, response) => void handle(router, request, response));
  // Port 0: the OS picks a free port at bind time, so parallel suites never race for one.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
