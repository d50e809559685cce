import path from 'node:path';
import { compilePattern } from '@vigil/event-patterns';
import { type CfnResource, packageServiceTemplate } from '@vigil/lambda-kit/testing';
import { deletionEventNames } from '../../../src/core/deleted-resources';
import { MATCHER_STREAM_FILTER } from '../../../src/core/stream-filter';

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown };

const SERVICE_DIR = path.resolve(__dirname, '../../..');

const ofType = (resources: Record<string, CfnResource>, type: string) =>
  Object.values(resources).filter((resource) => resource.Type === type);
const actions = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
/** Every statement of a role's inline policies; a conditional one (`Fn::If`) counts with its true branch. */
function statements(role: CfnResource | undefined): Statement[] {
  const policies = (role?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: unknown[] } }[];
  return policies
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .map((item) => {
      const conditional = (item as { 'Fn::If'?: [string, Statement, unknown] })['Fn::If'];
      return conditional === undefined ? (item as Statement) : conditional[1];
    });
}

describe.each(['dev', 'prod'])('correlator template (%s)', (stage) => {
  let resources: Record<string, CfnResource>;
  let conditions: Record<string, unknown>;

  beforeAll(async () => {
    const { template } = await packageServiceTemplate(SERVICE_DIR, stage);
    resources = template.Resources;
    conditions = template.Conditions ?? {};
  }, 120_000);

  it('keeps findings per resource with a stream, a 30-day TTL attribute and encryption', () => {
    // Assess
    const table = resources.FindingsTable?.Properties;
    expect(table?.TableName).toBe(`vigil-${stage}-findings`);
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table?.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    expect(table?.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    expect(table?.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it('grants no wildcard action and scopes every resource', () => {
    // Assess
    const roles = ofType(resources, 'AWS::IAM::Role');
    expect(roles).toHaveLength(3);
    for (const statement of roles.flatMap(statements)) {
      for (const action of actions(statement)) expect(action).not.toMatch(/\*/);
      expect(statement.Resource).not.toBe('*');
    }
  });

  it('scopes the Organizations reads to the configured organization, and grants none without one', () => {
    // Assess
    const matcher = resources.MatchCorrelationsRole?.Properties?.Policies as {
      PolicyDocument: { Statement: unknown[] };
    }[];
    const conditional = matcher
      .flatMap((policy) => policy.PolicyDocument.Statement)
      .map((item) => (item as { 'Fn::If'?: [string, Statement, unknown] })['Fn::If'])
      .find((branches) => branches?.[0] === 'HasOrganization');
    expect(conditional?.[2]).toEqual({ Ref: 'AWS::NoValue' });
    expect(JSON.stringify(conditional?.[1].Resource)).toContain(':organizations::');
    expect(JSON.stringify(conditional?.[1].Resource)).not.toContain('"*"');
  });

  it('gives Security Hub imports only to the matcher and updates only to the resolver', () => {
    // Assess
    const securityHub = (role: string) =>
      statements(resources[role])
        .flatMap(actions)
        .filter((action) => action.startsWith('securityhub:'))
        .sort();
    expect(securityHub('MatchCorrelationsRole')).toEqual(['securityhub:BatchImportFindings']);
    expect(securityHub('ResolveDeletedResourcesRole')).toEqual([
      'securityhub:BatchUpdateFindings',
      'securityhub:GetFindings',
    ]);
    expect(securityHub('IngestFindingsRole')).toEqual([]);
  });

  it('has a dead-letter queue on every asynchronous path, all encrypted', () => {
    // Assess
    for (const queue of ofType(resources, 'AWS::SQS::Queue'))
      expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
    expect(resources.IngestQueue?.Properties?.RedrivePolicy).toMatchObject({ maxReceiveCount: 5 });
    for (const rule of ofType(resources, 'AWS::Events::Rule')) {
      for (const target of (rule.Properties?.Targets ?? []) as { DeadLetterConfig?: unknown }[])
        expect(target.DeadLetterConfig).toBeDefined();
    }
    const streamMapping = ofType(resources, 'AWS::Lambda::EventSourceMapping').find((mapping) =>
      JSON.stringify(mapping).includes('StreamArn')
    );
    expect(streamMapping?.Properties?.DestinationConfig).toBeDefined();
    expect(streamMapping?.Properties?.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(resources.ResolveDeletedResourcesLambdaEvConf?.Properties?.DestinationConfig).toBeDefined();
  });

  it('wakes the matcher for finding writes only', () => {
    // Prepare
    const streamMapping = ofType(resources, 'AWS::Lambda::EventSourceMapping').find((mapping) =>
      JSON.stringify(mapping).includes('StreamArn')
    );
    const filters = (streamMapping?.Properties?.FilterCriteria ?? { Filters: [] }) as {
      Filters: { Pattern: string }[];
    };
    const patternText = filters.Filters[0]?.Pattern ?? '{}';
    const pattern = compilePattern(JSON.parse(patternText));
    expect(JSON.parse(patternText)).toEqual(MATCHER_STREAM_FILTER);
    const record = (kind: string, eventName = 'INSERT') => ({
      eventName,
      dynamodb: { NewImage: { kind: { S: kind } } },
    });

    // Act + Assess
    expect(pattern.matches(record('finding'))).toBe(true);
    expect(pattern.matches(record('finding', 'MODIFY'))).toBe(true);
    expect(pattern.matches(record('correlation'))).toBe(false);
    expect(pattern.matches(record('deleted'))).toBe(false);
    expect(pattern.matches({ eventName: 'REMOVE', dynamodb: {} })).toBe(false);
  });

  it('listens for exactly the delete calls the core knows how to map', () => {
    // Prepare
    const pattern = resources.DeletedResourcesRule?.Properties?.EventPattern as {
      detail: { eventSource: string[]; eventName: string[] };
    };
    const known = deletionEventNames();

    // Assess
    expect([...pattern.detail.eventSource].sort()).toEqual(known.map((entry) => entry.eventSource).sort());
    expect([...pattern.detail.eventName].sort()).toEqual(known.flatMap((entry) => entry.eventNames).sort());
  });

  it("keeps the correlator's own findings out of the Security Hub rule", () => {
    // Prepare
    const pattern = compilePattern(resources.SecurityHubFindingsRule?.Properties?.EventPattern);
    const event = (generatorId: string) => ({
      source: 'aws.securityhub',
      'detail-type': 'Security Hub Findings - Imported',
      detail: { findings: [{ GeneratorId: generatorId }] },
    });

    // Act + Assess
    expect(pattern.matches(event('AWSInspector'))).toBe(true);
    expect(pattern.matches(event('vigil-correlator/ec2-backdoor-critical-cves'))).toBe(false);
  });

  it('tags every taggable resource created-by: vigil and sends alarms to the alarm topic', () => {
    // Assess
    const taggable = [
      'AWS::DynamoDB::Table',
      'AWS::SQS::Queue',
      'AWS::IAM::Role',
      'AWS::CloudWatch::Alarm',
      'AWS::Logs::LogGroup',
    ];
    for (const resource of Object.values(resources).filter((candidate) =>
      taggable.includes(candidate.Type)
    )) {
      expect(resource.Properties?.Tags).toEqual(
        expect.arrayContaining([{ Key: 'created-by', Value: 'vigil' }])
      );
    }
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(6);
    for (const alarm of alarms)
      expect(JSON.stringify(alarm.Properties?.AlarmActions)).toContain(`vigil-${stage}-alarms`);
  });

  it('turns point-in-time recovery on in prod only', () => {
    // Assess
    const pitr = (
      (resources.FindingsTable?.Properties?.PointInTimeRecoverySpecification ?? {}) as {
        PointInTimeRecoveryEnabled?: unknown;
      }
    ).PointInTimeRecoveryEnabled;
    expect(pitr).toEqual({ 'Fn::If': ['IsProd', true, false] });
    expect(conditions.IsProd).toEqual({ 'Fn::Equals': [stage, 'prod'] });
  });
});
