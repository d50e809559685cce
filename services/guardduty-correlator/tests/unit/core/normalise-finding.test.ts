import type { AsffFinding } from '@vigil/event-schema';
import {
  findingState,
  isNewerVersion,
  normaliseFinding,
  productKeyOf,
} from '../../../src/core/normalise-finding';
import { UnkeyableFindingError } from '../../../src/errors';
import {
  accessAnalyzerExternalAccess,
  bucketResources,
  controlFinding,
  guardDutyAsff,
  inspectorCve,
  macieSensitiveData,
} from '../../helpers/asff-fixtures';

describe('normaliseFinding', () => {
  it('keys an Inspector finding by the instance id inside its ARN', () => {
    // Prepare
    const finding = inspectorCve('i-0abc1234def567890', 'CVE-2024-0001');

    // Act
    const normalised = normaliseFinding(finding);

    // Assess
    expect(normalised.resources.map((resource) => resource.key)).toEqual([
      'ec2-instance:i-0abc1234def567890',
    ]);
    expect(normalised.productKey).toBe('aws/inspector');
    expect(normalised.sortKey).toBe(`aws/inspector#${finding.Id}`);
    expect(normalised.isLive).toBe(true);
  });

  it('keys every resource of a finding, an access key also under its role', () => {
    // Prepare
    const finding = guardDutyAsff('Exfiltration:S3/AnomalousBehavior', bucketResources('payroll-exports'));

    // Act
    const keys = normaliseFinding(finding).resources.map((resource) => resource.key);

    // Assess
    expect(keys).toEqual([
      's3-bucket:payroll-exports',
      'iam-access-key:ASIAQEXAMPLEEXAMPLE1',
      'iam-role:111122223333/DataRole',
    ]);
  });

  it('keys an S3 object under its bucket once', () => {
    // Prepare
    const finding = macieSensitiveData('customer-data');

    // Act
    const keys = normaliseFinding(finding).resources.map((resource) => resource.key);

    // Assess
    expect(keys).toEqual(['s3-bucket:customer-data']);
  });

  it('drops the IAM path so Access Analyzer and GuardDuty meet on one role key', () => {
    // Prepare
    const finding = accessAnalyzerExternalAccess('arn:aws:iam::111122223333:role/service/app-role');

    // Act
    const keys = normaliseFinding(finding).resources.map((resource) => resource.key);

    // Assess
    expect(keys).toEqual(['iam-role:111122223333/app-role']);
  });

  it('keys volumes, security groups, RDS instances, Lambda functions and accounts', () => {
    // Prepare
    const resources = [
      { Type: 'AwsEc2Volume', Id: 'arn:aws:ec2:us-east-1:111122223333:volume/vol-0123' },
      { Type: 'AwsEc2SecurityGroup', Id: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123' },
      { Type: 'AwsRdsDbInstance', Id: 'arn:aws:rds:us-east-1:111122223333:db:orders' },
      { Type: 'AwsLambdaFunction', Id: 'arn:aws:lambda:us-east-1:111122223333:function:resize:3' },
      { Type: 'AwsAccount', Id: 'AWS::::Account:111122223333' },
      { Type: 'AwsIamUser', Id: 'arn:aws:iam::111122223333:user/ops/alice' },
    ];
    const finding = controlFinding('X.1', resources[0] as AsffFinding['Resources'][number]);
    finding.Resources = resources;

    // Act
    const keys = normaliseFinding(finding).resources.map((resource) => resource.key);

    // Assess
    expect(keys).toEqual([
      'ebs-volume:vol-0123',
      'ec2-security-group:sg-0123',
      'rds-db-instance:111122223333/us-east-1/orders',
      'lambda-function:111122223333/us-east-1/resize',
      'aws-account:111122223333',
      'iam-user:111122223333/alice',
    ]);
  });

  it('reads timestamps written without T and with nanoseconds as UTC', () => {
    // Prepare
    const finding = inspectorCve('i-1', 'CVE-1', { time: '2024-05-24 00:26:57.000000000' });

    // Act
    const normalised = normaliseFinding(finding);

    // Assess
    expect(normalised.updatedAtMs).toBe(Date.parse('2024-05-24T00:26:57Z'));
    expect(normalised.firstSeenMs).toBe(Date.parse('2024-05-24T00:26:57Z'));
  });

  it('rejects a finding none of whose resources can be keyed, naming it', () => {
    // Prepare
    const finding = controlFinding('X.1', { Type: 'Other', Id: 'some opaque thing' });

    // Act
    const act = () => normaliseFinding(finding);

    // Assess
    expect(act).toThrow(UnkeyableFindingError);
    expect(act).toThrow(/no resource can be keyed \(Other "some opaque thing"\)/);
  });

  it('rejects an UpdatedAt that is not a timestamp', () => {
    // Prepare
    const finding = inspectorCve('i-1', 'CVE-1', { updatedAt: 'yesterday' });

    // Act + Assess
    expect(() => normaliseFinding(finding)).toThrow(/UpdatedAt is not a timestamp \(got "yesterday"\)/);
  });
});

describe('findingState', () => {
  it.each([
    [{ RecordState: 'ARCHIVED' }, 'ARCHIVED'],
    [{ Workflow: { Status: 'RESOLVED' } }, 'RESOLVED'],
    [{ Workflow: { Status: 'SUPPRESSED' } }, 'SUPPRESSED'],
    [{ Workflow: undefined, WorkflowState: 'DEFERRED' }, 'SUPPRESSED'],
    [{ Compliance: { Status: 'PASSED' } }, 'PASSED'],
    [{ Workflow: { Status: 'NOTIFIED' } }, 'ACTIVE'],
  ])('reads %j as %s', (fields, state) => {
    // Prepare
    const finding = { ...inspectorCve('i-1', 'CVE-1'), ...fields } as AsffFinding;

    // Act + Assess
    expect(findingState(finding)).toBe(state);
  });
});

describe('isNewerVersion', () => {
  it('lets only a strictly newer UpdatedAt replace the stored copy', () => {
    // Act + Assess
    expect(isNewerVersion({ updatedAtMs: 2 }, { updatedAtMs: 1 })).toBe(true);
    expect(isNewerVersion({ updatedAtMs: 1 }, { updatedAtMs: 1 })).toBe(false);
    expect(isNewerVersion({ updatedAtMs: 1 }, { updatedAtMs: 2 })).toBe(false);
    expect(isNewerVersion({ updatedAtMs: 1 }, undefined)).toBe(true);
  });
});

describe('productKeyOf', () => {
  it('reads the product part of AWS and custom product ARNs', () => {
    // Act + Assess
    expect(productKeyOf('arn:aws:securityhub:us-east-1::product/aws/guardduty')).toBe('aws/guardduty');
    expect(productKeyOf('arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default')).toBe(
      '123456789012/default'
    );
  });
});
