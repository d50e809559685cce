import {
  CreateEventBusCommand,
  EventBridgeClient,
  InvalidEventPatternException,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from '../../src/index';
import { eventually, FIXTURE_SERVICE, receiveMessages, recordingFunction } from '../helpers/fixture';

const BUS = 'fixture-dev-bus';

describe('event router', () => {
  const onOrder = recordingFunction();
  const onDefaultBus = recordingFunction();
  const onAlert = recordingFunction();
  const statesWatcher = recordingFunction();
  const savedEnv = { ...process.env };
  let cloud: LocalCloud;
  let events: EventBridgeClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({
      services: [FIXTURE_SERVICE],
      functions: {
        'fixture-dev-onOrder': onOrder.handler,
        'fixture-dev-onDefaultBus': onDefaultBus.handler,
        'fixture-dev-onAlert': onAlert.handler,
        'states-watcher': statesWatcher.handler,
      },
    });
    // The SDK finds the endpoints through AWS_ENDPOINT_URL_<SERVICE> alone, as handlers do.
    Object.assign(process.env, cloud.env());
    events = new EventBridgeClient({});
    sqs = new SQSClient({});
  }, 60_000);

  afterAll(async () => {
    events.destroy();
    sqs.destroy();
    process.env = savedEnv;
    await cloud.stop();
  });

  it('routes PutEvents on a custom bus to the rule targets: a function and a queue with an input transformer', async () => {
    // Prepare
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-dev-routed' }));
    const entry = (orderId: string, amount: number) => ({
      EventBusName: BUS,
      Source: 'fixture.orders',
      DetailType: 'Order Placed',
      Detail: JSON.stringify({ orderId, amount }),
      Resources: ['arn:aws:x:::order'],
    });

    // Act
    const result = await events.send(
      new PutEventsCommand({ Entries: [entry('big', 150), entry('small', 50)] })
    );
    await cloud.router.settled();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(onOrder.events).toEqual([
      {
        version: '0',
        id: result.Entries?.[0]?.EventId,
        'detail-type': 'Order Placed',
        source: 'fixture.orders',
        account: '000000000000',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        region: 'us-east-1',
        resources: ['arn:aws:x:::order'],
        detail: { orderId: 'big', amount: 150 },
      },
    ]);
    const routed = (await receiveMessages(sqs, QueueUrl ?? '', 2)).map((m) => JSON.parse(m.Body ?? ''));
    expect(routed).toEqual(
      expect.arrayContaining([
        { order: 'big', note: 'order big routed' },
        { order: 'small', note: 'order small routed' },
      ])
    );
  });

  it('routes default-bus events with the inputPath of the serverless eventBridge event', async () => {
    // Act
    await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'fixture.default', DetailType: 'Ping', Detail: '{"n":1}' }],
      })
    );
    await cloud.router.settled();

    // Assess
    expect(onDefaultBus.events).toEqual([{ n: 1 }]);
  });

  it('reports invalid entries per entry and rejects invalid patterns like EventBridge', async () => {
    // Act
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'fixture.default', DetailType: 'Ping', Detail: '{}' },
          { Source: 'fixture.default', Detail: '{}' },
          { Source: 'fixture.default', DetailType: 'Ping', Detail: 'not json' },
        ],
      })
    );
    const badRule = events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"not-a-list"}' }));

    // Assess
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.map((e) => e.ErrorCode)).toEqual([
      undefined,
      'InvalidArgument',
      'MalformedDetail',
    ]);
    await expect(badRule).rejects.toBeInstanceOf(InvalidEventPatternException);
  });

  it('serves CreateEventBus, PutRule, PutTargets and ListRules to the SDK', async () => {
    // Prepare
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-dev-alert-copies' }));
    await events.send(new CreateEventBusCommand({ Name: 'api-bus' }));
    await events.send(
      new PutRuleCommand({
        Name: 'api-rule',
        EventBusName: 'api-bus',
        EventPattern: JSON.stringify({ 'detail-type': [{ prefix: 'Api' }] }),
      })
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'api-rule',
        EventBusName: 'api-bus',
        Targets: [
          {
            Id: 'q',
            Arn: 'arn:aws:sqs:us-east-1:000000000000:fixture-dev-alert-copies',
            InputPath: '$.detail',
          },
        ],
      })
    );

    // Act
    const rules = await events.send(new ListRulesCommand({ EventBusName: 'api-bus' }));
    await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: 'api-bus', Source: 'x', DetailType: 'Api Call', Detail: '{"via":"api"}' }],
      })
    );

    // Assess
    expect(rules.Rules?.map((r) => [r.Name, r.Arn])).toEqual([
      ['api-rule', 'arn:aws:events:us-east-1:000000000000:rule/api-bus/api-rule'],
    ]);
    const messages = await receiveMessages(sqs, QueueUrl ?? '', 1);
    expect(messages.map((m) => JSON.parse(m.Body ?? ''))).toEqual([{ via: 'api' }]);
  });

  it('delivers SNS messages to a function subscription through its filter policy, and raw to the queue subscription', async () => {
    // Prepare
    const sns = new SNSClient({});
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:fixture-dev-alerts';
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-dev-alert-copies' }));
    const severity = (value: string) => ({ severity: { DataType: 'String', StringValue: value } });

    // Act
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: '{"alert":"high"}',
        MessageAttributes: severity('HIGH'),
      })
    );
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: '{"alert":"low"}',
        MessageAttributes: severity('LOW'),
      })
    );
    sns.destroy();

    // Assess
    const copies = await receiveMessages(sqs, QueueUrl ?? '', 2);
    expect(copies.map((m) => m.Body).sort()).toEqual(['{"alert":"high"}', '{"alert":"low"}']);
    await cloud.router.settled();
    const delivered = onAlert.events.map(
      (e) => (e as { Records: { Sns: Record<string, unknown> }[] }).Records[0]?.Sns
    );
    expect(delivered).toEqual([
      expect.objectContaining({
        Type: 'Notification',
        TopicArn: topicArn,
        Message: '{"alert":"high"}',
        MessageAttributes: { severity: { Type: 'String', Value: 'HIGH' } },
      }),
    ]);
  });

  it('starts a state machine execution for a Step Functions target and routes its status-change events', async () => {
    // Prepare
    const sfn = new SFNClient({});
    const machineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:fixture-dev-machine';
    cloud.router.eventBridge.putRule({
      Name: 'states-changes',
      EventPattern: JSON.stringify({ source: ['aws.states'], detail: { stateMachineArn: [machineArn] } }),
    });
    cloud.router.eventBridge.putTargets('states-changes', undefined, [
      { Id: 'watcher', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:states-watcher' },
    ]);

    // Act
    await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: BUS, Source: 'fixture.flows', DetailType: 'Go', Detail: '{"flow":1}' }],
      })
    );
    await cloud.router.settled();

    // Assess
    const executions = await eventually(async () => {
      const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn }));
      expect(listed.executions).toHaveLength(1);
      return listed.executions ?? [];
    });
    expect(executions[0]?.stateMachineArn).toBe(machineArn);
    const statuses = await eventually(() => {
      const seen = statesWatcher.events.map((e) => (e as { detail: { status: string } }).detail.status);
      expect(seen).toContain('SUCCEEDED');
      return seen;
    });
    expect(statuses[0]).toBe('RUNNING');
    expect(statesWatcher.events[0]).toMatchObject({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
    });
    sfn.destroy();
  });
});
