/** A CloudFormation resource as written in `resources.Resources`. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown> | undefined;
  DependsOn?: unknown;
  /** A condition name: the resource exists only when it holds. */
  Condition?: string | undefined;
}

/** Where names and ARNs are built: the stack and the local endpoints. */
export interface IdentityScope {
  stackName: string;
  region: string;
  accountId: string;
  fauxqsUrl: string;
}

type Identity = { ref: string; attributes: Record<string, string> };

function prop(resource: TemplateResource, name: string): string | undefined {
  const value = resource.Properties?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The physical name CloudFormation would give a resource: its name property, or one derived from the
 * stack and logical id (deterministic here; CloudFormation appends a random suffix).
 *
 * @example
 * physicalName('Jobs', { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'jobs' } }, scope) // 'jobs'
 */
export function physicalName(logicalId: string, resource: TemplateResource, scope: IdentityScope): string {
  const generated = `${scope.stackName}-${logicalId}`;
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table':
      return prop(resource, 'TableName') ?? generated;
    case 'AWS::S3::Bucket':
      return prop(resource, 'BucketName') ?? generated.toLowerCase();
    case 'AWS::SQS::Queue': {
      const isFifo = String(resource.Properties?.FifoQueue) === 'true';
      return prop(resource, 'QueueName') ?? (isFifo ? `${generated}.fifo` : generated);
    }
    case 'AWS::SNS::Topic':
      return prop(resource, 'TopicName') ?? generated;
    case 'AWS::Events::EventBus':
    case 'AWS::Events::Rule':
      return prop(resource, 'Name') ?? generated;
    case 'AWS::StepFunctions::StateMachine':
      return prop(resource, 'StateMachineName') ?? generated;
    case 'AWS::Lambda::Function':
      return prop(resource, 'FunctionName') ?? generated;
    case 'AWS::IAM::Role':
      return prop(resource, 'RoleName') ?? generated;
    default:
      return generated;
  }
}

/**
 * What `Ref` and `Fn::GetAtt` return for a resource (stream ARNs come from the created table instead).
 *
 * @example
 * resourceIdentity('Work', { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'work' } }, scope).attributes.Arn
 */
export function resourceIdentity(
  logicalId: string,
  resource: TemplateResource,
  scope: IdentityScope
): Identity {
  const name = physicalName(logicalId, resource, scope);
  const { region, accountId } = scope;
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table': {
      const arn = `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
      return { ref: name, attributes: { Arn: arn } };
    }
    case 'AWS::S3::Bucket':
      return {
        ref: name,
        attributes: {
          Arn: `arn:aws:s3:::${name}`,
          DomainName: `${name}.s3.amazonaws.com`,
          RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
        },
      };
    case 'AWS::SQS::Queue': {
      const url = `${scope.fauxqsUrl}/${accountId}/${name}`;
      return {
        ref: url,
        attributes: { Arn: `arn:aws:sqs:${region}:${accountId}:${name}`, QueueName: name, QueueUrl: url },
      };
    }
    case 'AWS::SNS::Topic': {
      const arn = `arn:aws:sns:${region}:${accountId}:${name}`;
      return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
    }
    case 'AWS::Events::EventBus':
      return {
        ref: name,
        attributes: { Arn: `arn:aws:events:${region}:${accountId}:event-bus/${name}`, Name: name },
      };
    case 'AWS::Events::Rule': {
      const bus = prop(resource, 'EventBusName')?.split('/').pop() ?? 'default';
      const path = bus === 'default' ? name : `${bus}/${name}`;
      return {
        ref: bus === 'default' ? name : `${bus}|${name}`,
        attributes: { Arn: `arn:aws:events:${region}:${accountId}:rule/${path}` },
      };
    }
    case 'AWS::StepFunctions::StateMachine': {
      const arn = `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
      return { ref: arn, attributes: { Arn: arn, Name: name } };
    }
    case 'AWS::Lambda::Function':
      return { ref: name, attributes: { Arn: `arn:aws:lambda:${region}:${accountId}:function:${name}` } };
    case 'AWS::IAM::Role':
      return {
        ref: name,
        attributes: { Arn: `arn:aws:iam::${accountId}:role/${name}`, RoleId: `AROALOCAL${logicalId}` },
      };
    default:
      return { ref: name, attributes: { Arn: `arn:aws:local:${region}:${accountId}:${logicalId}` } };
  }
}
