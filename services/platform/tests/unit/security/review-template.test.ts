// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation/Serverless `${...}` placeholders, not JS templates
import type { CfnResource } from '../../helpers/security/cfn-template';
import { reviewTemplate } from '../../helpers/security/review-template';

const TAGS = [{ Key: 'created-by', Value: 'vigil' }];

function role(statements: unknown[]): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: { Tags: TAGS, Policies: [{ PolicyName: 'fn', PolicyDocument: { Statement: statements } }] },
  };
}

function rulesOf(resources: Record<string, CfnResource>, stage = 'dev', conditions = {}) {
  return reviewTemplate({ Resources: resources, Conditions: conditions }, stage).map(
    (v) => `${v.resource} ${v.rule}`
  );
}

describe('reviewTemplate', () => {
  it('flags wildcard actions and unscoped resources in Allow statements, not in Deny', () => {
    // Prepare
    const resources = {
      Role: role([
        { Effect: 'Allow', Action: 'sqs:*', Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
        { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'dynamodb:Query',
          Resource: { 'Fn::Sub': 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*' },
        },
        { Effect: 'Deny', Action: 's3:*', Resource: '*' },
      ]),
    };

    // Act
    const found = rulesOf(resources);

    // Assess
    expect(found).toEqual(['Role no-wildcard-actions', 'Role resources-scoped', 'Role resources-scoped']);
  });

  it('reviews statements behind Fn::If in both branches', () => {
    // Prepare
    const resources = {
      Role: role([
        {
          'Fn::If': [
            'HasOrganization',
            { Effect: 'Allow', Action: 'organizations:*', Resource: '*' },
            { Ref: 'AWS::NoValue' },
          ],
        },
      ]),
    };

    // Act
    const found = rulesOf(resources);

    // Assess
    expect(found).toEqual(['Role no-wildcard-actions', 'Role resources-scoped']);
  });

  it("accepts Resource '*' only for actions without resource-level permissions", () => {
    // Prepare
    const resources = {
      Role: role([
        { Effect: 'Allow', Action: ['cloudwatch:PutMetricData', 'states:SendTaskSuccess'], Resource: '*' },
        { Effect: 'Allow', Action: 'securityhub:BatchImportFindings', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: { 'Fn::Sub': 'arn:aws:s3:::vigil-dev-${AWS::AccountId}/*' },
        },
      ]),
    };

    // Act
    const found = rulesOf(resources);

    // Assess
    expect(found).toEqual(['Role resources-scoped']);
  });

  it('requires SourceArn and SourceAccount on invoke permissions', () => {
    // Prepare
    const resources = {
      Scoped: {
        Type: 'AWS::Lambda::Permission',
        Properties: { Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::b', SourceAccount: '1' },
      },
      Loose: {
        Type: 'AWS::Lambda::Permission',
        Properties: { Principal: 'sns.amazonaws.com', SourceArn: 'arn:aws:sns:x' },
      },
    };

    // Act
    const found = rulesOf(resources);

    // Assess
    expect(found).toEqual(['Loose invoke-permission-scoped']);
  });

  it('requires encryption, tags and (in prod) point-in-time recovery', () => {
    // Prepare
    const resources = {
      Queue: { Type: 'AWS::SQS::Queue', Properties: { Tags: TAGS } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } },
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          Tags: TAGS,
          SSESpecification: { SSEEnabled: true },
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: { 'Fn::If': ['IsProd', true, false] },
          },
        },
      },
    };

    // Act
    const dev = rulesOf(resources, 'dev', { IsProd: { 'Fn::Equals': ['dev', 'prod'] } });
    const prod = rulesOf(resources, 'prod', { IsProd: { 'Fn::Equals': ['prod', 'prod'] } });
    const prodWithoutPitr = rulesOf(resources, 'prod', { IsProd: { 'Fn::Equals': ['dev', 'prod'] } });

    // Assess
    expect(dev).toEqual(['Queue encryption-at-rest', 'Topic created-by-vigil-tag']);
    expect(prod).toEqual(dev);
    expect(prodWithoutPitr).toEqual([...dev, 'Table pitr-on-prod-tables']);
  });

  it('requires a DLQ on event-source queues, rule targets and asynchronously invoked functions', () => {
    // Prepare
    const fn = (name: string): CfnResource => ({
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: name, Tags: TAGS },
    });
    const resources: Record<string, CfnResource> = {
      Consumer: fn('consumer'),
      Handler: fn('handler'),
      ConsumerLogs: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: '/aws/lambda/consumer', RetentionInDays: 30, Tags: TAGS },
      },
      HandlerLogs: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: '/aws/lambda/handler', Tags: TAGS },
      },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true, Tags: TAGS } },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, FunctionName: { Ref: 'Consumer' } },
      },
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: { Targets: [{ Id: 'handler', Arn: { 'Fn::GetAtt': ['Handler', 'Arn'] } }] },
      },
    };

    // Act
    const found = rulesOf(resources);

    // Assess
    expect(found).toEqual([
      'Queue dlq-on-async-paths',
      'Rule dlq-on-async-paths',
      'Handler dlq-on-async-paths',
      'HandlerLogs log-retention',
    ]);
  });

  it('accepts a Lambda rule target whose function has an on-failure destination', () => {
    // Prepare
    const resources: Record<string, CfnResource> = {
      Handler: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'handler', Tags: TAGS } },
      HandlerLogs: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: '/aws/lambda/handler', RetentionInDays: 30, Tags: TAGS },
      },
      HandlerConfig: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'Handler' },
          DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:x' } },
        },
      },
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: { Targets: [{ Id: 'handler', Arn: { 'Fn::GetAtt': ['Handler', 'Arn'] } }] },
      },
    };

    // Act
    const found = rulesOf(resources);

    // Assess
    expect(found).toEqual([]);
  });
});
