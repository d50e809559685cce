import path from 'node:path';
import { type CfnResource, packageServiceTemplate } from '@vigil/lambda-kit/testing';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown };

const SERVICE_DIR = path.resolve(__dirname, '../../..');

const ofType = (resources: Record<string, CfnResource>, type: string) =>
  Object.values(resources).filter((resource) => resource.Type === type);

function statementsOf(role: CfnResource | undefined): Statement[] {
  const policies = (role?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

const actions = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

describe.each(['dev', 'prod'])('job-dispatcher template (%s)', (stage) => {
  let resources: Record<string, CfnResource>;
  let conditions: Record<string, unknown>;

  beforeAll(async () => {
    const { template } = await packageServiceTemplate(SERVICE_DIR, stage);
    resources = template.Resources;
    conditions = template.Conditions ?? {};
  }, 60_000);

  it('creates an on-demand, encrypted jobs table keyed by bucket and sort key, with a GSI on jobId', () => {
    // Assess
    const jobs = resources.JobsTable?.Properties;
    expect(jobs?.TableName).toBe(`vigil-${stage}-jobs`);
    expect(jobs?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(jobs?.SSESpecification).toEqual({ SSEEnabled: true });
    expect(jobs?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(jobs?.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byJobId',
        KeySchema: [{ AttributeName: 'jobId', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ]);
  });

  it('turns point-in-time recovery on for prod only', () => {
    // Assess: CloudFormation evaluates IsProd, which compares the packaged stage with prod.
    for (const table of ofType(resources, 'AWS::DynamoDB::Table')) {
      expect(table.Properties?.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: { 'Fn::If': ['IsProd', true, false] },
      });
      expect(table.Properties?.BillingMode).toBe('PAY_PER_REQUEST');
    }
    expect(conditions.IsProd).toEqual({ 'Fn::Equals': [stage, 'prod'] });
  });

  it('ticks the dispatcher every minute on the default bus', () => {
    // Assess
    const rules = ofType(resources, 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      Targets: [{ Arn: { 'Fn::GetAtt': ['DispatchDueJobsLambdaFunction', 'Arn'] } }],
    });
  });

  it('has an encrypted job DLQ the dispatcher may write to, and a destination for failed ticks', () => {
    // Assess
    expect(resources.JobDeadLetterQueue?.Properties).toMatchObject({
      QueueName: `vigil-${stage}-jobs-dlq`,
      SqsManagedSseEnabled: true,
    });
    expect(resources.TickFailureQueue?.Properties?.SqsManagedSseEnabled).toBe(true);
    const send = statementsOf(resources.DispatchDueJobsRole).find((statement) =>
      actions(statement).includes('sqs:SendMessage')
    );
    expect(send?.Resource).toEqual([
      { 'Fn::GetAtt': ['JobDeadLetterQueue', 'Arn'] },
      { 'Fn::GetAtt': ['TickFailureQueue', 'Arn'] },
    ]);
    expect(resources.DispatchDueJobsLambdaEvConf?.Properties).toMatchObject({ MaximumRetryAttempts: 0 });
  });

  it('gives each function its own role with no wildcard action and no wildcard resource', () => {
    // Assess
    expect(resources.DispatchDueJobsLambdaFunction?.Properties?.Role).toEqual({
      'Fn::GetAtt': ['DispatchDueJobsRole', 'Arn'],
    });
    expect(resources.ScheduleJobLambdaFunction?.Properties?.Role).toEqual({
      'Fn::GetAtt': ['ScheduleJobRole', 'Arn'],
    });
    for (const role of ofType(resources, 'AWS::IAM::Role')) {
      for (const statement of statementsOf(role)) {
        for (const action of actions(statement)) expect(action).not.toContain('*');
        expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"/);
      }
    }
  });

  it('allows PutEvents only on the stage bus', () => {
    // Assess
    const putEvents = statementsOf(resources.DispatchDueJobsRole).filter((statement) =>
      actions(statement).includes('events:PutEvents')
    );
    expect(putEvents).toHaveLength(1);
    expect(putEvents[0]?.Resource).toMatchObject({
      'Fn::If': [
        'HasTargetBuses',
        expect.anything(),
        { 'Fn::Sub': `arn:aws:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/vigil-${stage}` },
      ],
    });
    const scheduleActions = statementsOf(resources.ScheduleJobRole).flatMap(actions);
    expect(scheduleActions).not.toContain('events:PutEvents');
    expect(scheduleActions).not.toContain('dynamodb:Scan');
  });

  it('alarms on errors, DLQ depth, lag p99 and pauses, to the stage alarm topic', () => {
    // Assess
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map((alarm) => alarm.Properties ?? {});
    const metrics = alarms.map((alarm) => `${alarm.Namespace}/${alarm.MetricName}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'AWS/Lambda/Errors',
        'AWS/SQS/ApproximateNumberOfMessagesVisible',
        'Vigil/LagP99',
        'Vigil/Paused',
      ])
    );
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([
        { 'Fn::Sub': `arn:aws:sns:\${AWS::Region}:\${AWS::AccountId}:vigil-${stage}-alarms` },
      ]);
    }
  });

  it('tags every taggable resource created-by: vigil', () => {
    // Assess
    const taggable = Object.values(resources).filter((resource) =>
      [
        'AWS::DynamoDB::Table',
        'AWS::SQS::Queue',
        'AWS::IAM::Role',
        'AWS::CloudWatch::Alarm',
        'AWS::Logs::LogGroup',
      ].includes(resource.Type)
    );
    expect(taggable.length).toBeGreaterThanOrEqual(14);
    for (const resource of taggable) {
      expect(resource.Properties?.Tags).toEqual(
        expect.arrayContaining([{ Key: 'created-by', Value: 'vigil' }])
      );
    }
  });
});

describe('job-dispatcher template with extra target buses', () => {
  it('allows PutEvents on exactly the stage bus and the configured buses', async () => {
    // Act
    const { template } = await packageServiceTemplate(SERVICE_DIR, 'dev', {
      params: { targetBusNames: 'audit,billing' },
    });
    const resources = template.Resources;

    // Assess
    const putEvents = statementsOf(resources.DispatchDueJobsRole).find((statement) =>
      actions(statement).includes('events:PutEvents')
    );
    const resource = JSON.stringify(putEvents?.Resource);
    expect(resource).toContain('event-bus/vigil-dev,arn:aws:events');
    expect(resource).toContain('"Fn::Split":[",","audit,billing"]');
    expect(resources.DispatchDueJobsLambdaFunction?.Properties?.Environment).toMatchObject({
      Variables: { TARGET_BUS_NAMES: 'audit,billing' },
    });
  }, 60_000);
});
