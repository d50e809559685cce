import { join } from 'node:path';
import { functionLogicalId, loadService } from '../../../src/resources/load-service';

const fixture = join(__dirname, '../../fixtures/service');

describe('loadService', () => {
  it('resolves the fixture service without AWS-only variables getting in the way', () => {
    // Prepare
    const options = { stage: 'dev', region: 'us-east-1', accountId: '000000000000' };

    // Act
    const service = loadService(fixture, options);

    // Assess
    expect(service.stackName).toBe('fixture-dev');
    expect(service.resources.WorkQueue?.Properties?.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDeadLetterQueue', 'Arn'] },
      maxReceiveCount: 2,
    });
    expect(service.resources.WorkQueue?.Properties?.MessageRetentionPeriod).toBe(345600);
    expect(service.functions.map((fn) => fn.name)).toContain('fixture-dev-onOrder');
    expect(service.resources.OnOrderLambdaFunction).toEqual({
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: 'fixture-dev-onOrder' },
    });
  });

  it('takes stage-specific params', () => {
    // Prepare
    const options = { stage: 'prod', region: 'us-east-1', accountId: '000000000000' };

    // Act
    const service = loadService(fixture, options);

    // Assess
    expect(service.resources.WorkQueue?.Properties?.RedrivePolicy).toMatchObject({ maxReceiveCount: 5 });
  });
});

describe('functionLogicalId', () => {
  it('normalizes names as the Serverless Framework does', () => {
    // Act
    const ids = ['scan', 'ingest-log_file'].map(functionLogicalId);

    // Assess
    expect(ids).toEqual(['ScanLambdaFunction', 'IngestDashlogUnderscorefileLambdaFunction']);
  });
});
