// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Serverless and CloudFormation variables are literal text here
import { UnsupportedTemplateError } from '../../../src/errors';
import { parseTemplateYaml } from '../../../src/resources/parse-template-yaml';
import type { TemplateResource } from '../../../src/resources/resource-identity';
import { TemplateResolver } from '../../../src/resources/template-resolver';

const scope = {
  stackName: 'svc-dev',
  region: 'us-east-1',
  accountId: '000000000000',
  fauxqsUrl: 'http://127.0.0.1:4566',
};

function resolverFor(
  yaml: string,
  lookup: (id: string, attribute: string) => string | undefined = () => undefined
) {
  const template = parseTemplateYaml(yaml) as {
    Resources: Record<string, TemplateResource>;
    Conditions?: Record<string, unknown>;
  };
  return { template, resolver: new TemplateResolver(template, scope, lookup) };
}

describe('TemplateResolver', () => {
  it('resolves Ref and GetAtt per resource type, from short and long forms', () => {
    // Prepare
    const { resolver } = resolverFor(`
Resources:
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: !Sub '\${AWS::StackName}-work' } }
  Topic: { Type: AWS::SNS::Topic, Properties: { TopicName: alerts } }
  Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: jobs } }
  Bus: { Type: AWS::Events::EventBus, Properties: { Name: vigil-dev } }
  Unnamed: { Type: AWS::SQS::Queue }
`);

    // Act
    const resolved = resolver.resolve({
      queueArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      queueUrl: { Ref: 'Queue' },
      topic: { Ref: 'Topic' },
      table: { Ref: 'Table' },
      tableArn: { 'Fn::GetAtt': 'Table.Arn' },
      busArn: { 'Fn::GetAtt': ['Bus', 'Arn'] },
      unnamed: { 'Fn::GetAtt': ['Unnamed', 'QueueName'] },
    });

    // Assess
    expect(resolved).toEqual({
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:svc-dev-work',
      queueUrl: 'http://127.0.0.1:4566/000000000000/svc-dev-work',
      topic: 'arn:aws:sns:us-east-1:000000000000:alerts',
      table: 'jobs',
      tableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/jobs',
      busArn: 'arn:aws:events:us-east-1:000000000000:event-bus/vigil-dev',
      unnamed: 'svc-dev-Unnamed',
    });
  });

  it('resolves Sub with variables and escapes, Join, Select, Split and Base64', () => {
    // Prepare
    const { template, resolver } = resolverFor(`
Resources:
  Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: jobs } }
Values:
  sub: !Sub 'arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Table}/\${!Literal}'
  subList: !Sub ['\${Name}-\${Table.Arn}', { Name: x }]
  join: !Join [':', [a, !Ref Table]]
  select: !Select [1, [a, b, c]]
  split: !Split [',', 'a,b']
  base64: !Base64 hi
`);

    // Act
    const resolved = resolver.resolve((template as unknown as { Values: unknown }).Values);

    // Assess
    expect(resolved).toEqual({
      sub: 'arn:aws:dynamodb:us-east-1:000000000000:table/jobs/${Literal}',
      subList: 'x-arn:aws:dynamodb:us-east-1:000000000000:table/jobs',
      join: 'a:jobs',
      select: 'b',
      split: ['a', 'b'],
      base64: 'aGk=',
    });
  });

  it('evaluates conditions and drops AWS::NoValue', () => {
    // Prepare
    const { resolver } = resolverFor(`
Conditions:
  IsProd: !Equals [dev, prod]
Resources: {}
`);

    // Act
    const resolved = resolver.resolve({
      size: { 'Fn::If': ['IsProd', 'big', 'small'] },
      extra: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] },
    });

    // Assess
    expect(resolved).toEqual({ size: 'small' });
  });

  it('takes attributes known after creation from the lookup', () => {
    // Prepare
    const { resolver } = resolverFor(
      'Resources: { Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: t } } }',
      (id, attribute) => (id === 'Table' && attribute === 'StreamArn' ? 'arn:stream' : undefined)
    );

    // Act
    const resolved = resolver.resolve({ 'Fn::GetAtt': ['Table', 'StreamArn'] });

    // Assess
    expect(resolved).toBe('arn:stream');
  });

  it('rejects unknown resources, attributes and intrinsics with the place', () => {
    // Prepare
    const { resolver } = resolverFor('Resources: { Queue: { Type: AWS::SQS::Queue } }');

    // Act
    const unknownResource = () => resolver.resolve({ Ref: 'Nope' }, 'Resources.X');
    const unknownAttribute = () => resolver.resolve({ 'Fn::GetAtt': ['Queue', 'Color'] });
    const unknownIntrinsic = () => resolver.resolve({ 'Fn::ImportValue': 'x' });

    // Assess
    expect(unknownResource).toThrow(UnsupportedTemplateError);
    expect(unknownResource).toThrow('Resources.X');
    expect(unknownAttribute).toThrow('Fn::GetAtt Queue.Color');
    expect(unknownIntrinsic).toThrow('Fn::ImportValue is not supported locally');
  });
});
