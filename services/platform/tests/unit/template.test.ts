import path from 'node:path';
import { type CfnResource, packageServiceTemplate } from '@vigil/lambda-kit/testing';

function ofType(resources: Record<string, CfnResource>, type: string): CfnResource[] {
  return Object.values(resources).filter((resource) => resource.Type === type);
}

describe.each(['dev', 'prod'])('platform template (%s)', (stage) => {
  let resources: Record<string, CfnResource>;

  beforeAll(async () => {
    resources = (await packageServiceTemplate(path.resolve(__dirname, '../..'), stage)).template.Resources;
  });

  it('names the shared bus, topics and account table after the stage', () => {
    // Assess
    expect(ofType(resources, 'AWS::Events::EventBus')[0]?.Properties?.Name).toBe(`vigil-${stage}`);
    const topicNames = ofType(resources, 'AWS::SNS::Topic').map((topic) => topic.Properties?.TopicName);
    expect(topicNames).toEqual(expect.arrayContaining([`vigil-${stage}-alerts`, `vigil-${stage}-alarms`]));
    expect(ofType(resources, 'AWS::DynamoDB::Table')[0]?.Properties?.TableName).toBe(
      `vigil-${stage}-accounts`
    );
  });

  it('encrypts topics and the table at rest', () => {
    // Assess
    for (const topic of ofType(resources, 'AWS::SNS::Topic')) {
      expect(topic.Properties?.KmsMasterKeyId).toBeDefined();
    }
    for (const table of ofType(resources, 'AWS::DynamoDB::Table')) {
      expect(table.Properties?.SSESpecification).toEqual({ SSEEnabled: true });
    }
  });

  it('tags every taggable resource created-by: vigil', () => {
    // Assess
    const taggable = Object.values(resources).filter((resource) =>
      ['AWS::Events::EventBus', 'AWS::SNS::Topic', 'AWS::DynamoDB::Table'].includes(resource.Type)
    );
    expect(taggable.length).toBeGreaterThanOrEqual(4);
    for (const resource of taggable) {
      expect(resource.Properties?.Tags).toEqual(
        expect.arrayContaining([{ Key: 'created-by', Value: 'vigil' }])
      );
    }
  });

  it('lets only this account CloudWatch alarms publish to the alarm topic', () => {
    // Assess
    const policy = ofType(resources, 'AWS::SNS::TopicPolicy')[0]?.Properties?.PolicyDocument as {
      Statement: { Principal: unknown; Action: string; Condition: unknown }[];
    };
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]?.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(policy.Statement[0]?.Action).toBe('sns:Publish');
    expect(policy.Statement[0]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    });
  });
});
