import path from 'node:path';
import {
  type CfnResource,
  type CloudFormationTemplate,
  packageServiceTemplate,
} from '@vigil/lambda-kit/testing';

const serviceDir = path.resolve(__dirname, '../../..');
// The packaged CloudFormation template of the stack, as `serverless package --stage dev` writes it.
let template: CloudFormationTemplate;

beforeAll(async () => {
  ({ template } = await packageServiceTemplate(serviceDir, 'dev'));
}, 200_000);

function resourcesOfType(type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function resource(id: string): CfnResource {
  const found = template.Resources[id];
  if (found === undefined) throw new Error(`no resource ${id}`);
  return found;
}

/** Every IAM-style statement anywhere in the template (roles, queue, topic and bucket policies). */
function allStatements(): Record<string, unknown>[] {
  const statements: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      if ('Effect' in object && ('Action' in object || 'NotAction' in object)) statements.push(object);
      Object.values(object).forEach(visit);
    }
  };
  visit(template.Resources);
  return statements;
}

function actionsOf(statement: Record<string, unknown>): string[] {
  const action = statement.Action ?? statement.NotAction;
  return (Array.isArray(action) ? action : [action]).map(String);
}

function roleStatements(roleId: string): Record<string, unknown>[] {
  const policies = resource(roleId).Properties?.Policies as { PolicyDocument: { Statement: unknown[] } }[];
  return policies
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .flatMap((statement) => {
      const object = statement as Record<string, unknown>;
      // A conditional statement is `{ Fn::If: [condition, statement, AWS::NoValue] }`.
      const conditional = object['Fn::If'] as unknown[] | undefined;
      return conditional ? [conditional[1] as Record<string, unknown>] : [object];
    });
}

function statementWithAction(roleId: string, action: string): Record<string, unknown> {
  const found = roleStatements(roleId).find((statement) => actionsOf(statement).includes(action));
  if (found === undefined) throw new Error(`${roleId} has no statement with ${action}`);
  return found;
}

const TAGGABLE = [
  'AWS::Lambda::Function',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::DynamoDB::Table',
  'AWS::S3::Bucket',
  'AWS::IAM::Role',
  'AWS::Logs::LogGroup',
  'AWS::CloudWatch::Alarm',
];

describe('serverless.yml (packaged template)', () => {
  it('grants no wildcard action in any policy statement', () => {
    // Prepare: the framework's deployment-bucket policy *denies* s3:* without TLS, which is fine.
    const statements = allStatements().filter((statement) => statement.Effect === 'Allow');

    // Act
    const wildcards = statements.flatMap(actionsOf).filter((action) => action.includes('*'));

    // Assess
    expect(statements.length).toBeGreaterThan(10);
    expect(wildcards).toEqual([]);
  });

  it('scopes every Lambda invoke permission with SourceArn and SourceAccount', () => {
    // Prepare
    const permissions = resourcesOfType('AWS::Lambda::Permission');

    // Act
    const unscoped = permissions.filter(
      ([, permission]) => !permission.Properties?.SourceArn || !permission.Properties?.SourceAccount
    );

    // Assess
    expect(permissions.length).toBeGreaterThan(0);
    expect(unscoped.map(([id]) => id)).toEqual([]);
  });

  it('encrypts every queue, table and topic', () => {
    // Prepare
    const queues = resourcesOfType('AWS::SQS::Queue');
    const tables = resourcesOfType('AWS::DynamoDB::Table');
    const topics = resourcesOfType('AWS::SNS::Topic');

    // Act
    const plain = [
      ...queues.filter(
        ([, q]) => q.Properties?.SqsManagedSseEnabled !== true && !q.Properties?.KmsMasterKeyId
      ),
      ...tables.filter(
        ([, t]) => (t.Properties?.SSESpecification as { SSEEnabled?: boolean })?.SSEEnabled !== true
      ),
      ...topics.filter(([, t]) => !t.Properties?.KmsMasterKeyId),
    ];

    // Assess
    expect(queues).toHaveLength(3);
    expect(tables).toHaveLength(4);
    expect(plain.map(([id]) => id)).toEqual([]);
  });

  it('redrives the log-file queue to its DLQ after 5 receives with a visibility ≥ 6× the timeout', () => {
    // Prepare
    const queue = resource('LogFileQueue').Properties ?? {};
    const fn = resource('IngestLogFilesLambdaFunction').Properties ?? {};

    // Act
    const redrive = queue.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };

    // Assess
    expect(redrive.maxReceiveCount).toBe(5);
    expect(redrive.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': ['LogFileDeadLetterQueue', 'Arn'] });
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * Number(fn.Timeout));
  });

  it('reports partial batch failures on the SQS event source', () => {
    // Prepare
    const [[, mapping] = ['', { Type: '' }]] = resourcesOfType('AWS::Lambda::EventSourceMapping');

    // Act
    const properties = mapping.Properties ?? {};

    // Assess
    expect(properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(properties.EventSourceArn).toEqual({ 'Fn::GetAtt': ['LogFileQueue', 'Arn'] });
  });

  it('sets a retention on every log group', () => {
    // Prepare
    const groups = resourcesOfType('AWS::Logs::LogGroup');

    // Act
    const retentions = groups.map(([, group]) => group.Properties?.RetentionInDays);

    // Assess
    expect(groups).toHaveLength(2);
    expect(retentions).toEqual([30, 30]);
  });

  it('tags every taggable resource created-by: vigil', () => {
    // Prepare
    const taggable = Object.entries(template.Resources).filter(([, r]) => TAGGABLE.includes(r.Type));

    // Act
    const untagged = taggable.filter(([, r]) => {
      const tags = r.Properties?.Tags as { Key: string; Value: string }[] | undefined;
      return !tags?.some((tag) => tag.Key === 'created-by' && tag.Value === 'vigil');
    });

    // Assess
    expect(taggable.length).toBeGreaterThan(15);
    expect(untagged.map(([id]) => id)).toEqual([]);
  });

  it('wires the trail bucket to the queue for .json.gz objects, scoped by bucket ARN and account', () => {
    // Prepare
    const bucket = resource('CloudTrailBucket');
    const policy = resource('LogFileQueuePolicy').Properties?.PolicyDocument as {
      Statement: Record<string, unknown>[];
    };

    // Act
    const notification = JSON.stringify(bucket.Properties?.NotificationConfiguration);
    const s3Statement = policy.Statement.find(
      (statement) => statement.Sid === 'S3ObjectCreatedFromTheTrailBucket'
    );

    // Assess
    expect(bucket.Condition).toBe('CreateBucket');
    expect(bucket.DependsOn).toEqual(['LogFileQueuePolicy']);
    expect(notification).toContain('s3:ObjectCreated:*');
    expect(notification).toContain('.json.gz');
    expect(JSON.stringify(s3Statement?.Condition)).toContain('aws:SourceArn');
    expect(JSON.stringify(s3Statement?.Condition)).toContain('aws:SourceAccount');
  });

  it('subscribes the queue to the trail SNS topic and routes Object Created and real-time events', () => {
    // Prepare
    const subscription = resource('CloudTrailNoticeSubscription');
    const objectCreated = resource('ObjectCreatedRule').Properties ?? {};
    const realtime = resource('RealtimeApiCallRule').Properties ?? {};

    // Act
    const realtimePattern = realtime.EventPattern as Record<string, unknown>;

    // Assess
    expect(subscription.Properties?.Protocol).toBe('sqs');
    expect(JSON.stringify(objectCreated.EventPattern)).toContain('Object Created');
    expect(realtimePattern['detail-type']).toEqual([
      'AWS API Call via CloudTrail',
      'AWS Console Sign In via CloudTrail',
    ]);
  });

  it('gives each function its own least-privilege role', () => {
    // Prepare
    const ingest = 'IngestLogFilesRole';
    const realtime = 'DetectRealtimeEventRole';

    // Act
    const getObject = statementWithAction(ingest, 's3:GetObject');
    const publish = statementWithAction(ingest, 'sns:Publish');
    const putEvents = statementWithAction(realtime, 'events:PutEvents');
    const realtimeActions = roleStatements(realtime).flatMap(actionsOf);

    // Assess
    expect(resource('IngestLogFilesLambdaFunction').Properties?.Role).toEqual({
      'Fn::GetAtt': [ingest, 'Arn'],
    });
    expect(resource('DetectRealtimeEventLambdaFunction').Properties?.Role).toEqual({
      'Fn::GetAtt': [realtime, 'Arn'],
    });
    // The object ARN is `arn:aws:s3:::<bucket>/<prefix>*` (a Fn::Sub over the bucket name).
    expect(JSON.stringify(getObject.Resource)).toContain(['arn:aws:s3:::', '{Bucket}/'].join('$'));
    expect(JSON.stringify(publish.Resource)).toContain(':vigil-dev-alerts');
    expect(JSON.stringify(putEvents.Resource)).toContain('event-bus/vigil-dev');
    expect(realtimeActions).not.toContain('s3:GetObject');
    for (const statement of roleStatements(ingest).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('dynamodb:'))
    )) {
      expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
    }
  });

  it('alarms on errors, throttles, DLQ depth and message age into the alarm topic', () => {
    // Prepare
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});

    // Act
    const metrics = alarms.map((alarm) => alarm.MetricName);

    // Assess
    expect(metrics).toEqual(
      expect.arrayContaining([
        'Errors',
        'Throttles',
        'ApproximateNumberOfMessagesVisible',
        'ApproximateAgeOfOldestMessage',
      ])
    );
    for (const alarm of alarms) expect(JSON.stringify(alarm.AlarmActions)).toContain(':vigil-dev-alarms');
  });

  it('keeps IAM role names within 64 characters', () => {
    // Prepare
    const roles = resourcesOfType('AWS::IAM::Role');

    // Act
    const longest = Math.max(...roles.map(([, role]) => String(role.Properties?.RoleName).length));

    // Assess
    expect(longest).toBeLessThanOrEqual(64);
  });
});
