import { AsffFindingSchema, type GuardDutyFinding } from '@vigil/event-schema';
import { asffTypeOfGuardDutyType, guardDutyToAsff } from '../../../src/core/guardduty-to-asff';
import { normaliseFinding } from '../../../src/core/normalise-finding';
import { nativeGuardDutyInstance } from '../../helpers/asff-fixtures';

describe('asffTypeOfGuardDutyType', () => {
  it.each([
    ['Backdoor:EC2/C&CActivity.B!DNS', 'TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS'],
    ['UnauthorizedAccess:EC2/SSHBruteForce', 'TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'],
    ['Behavior:EC2/NetworkPortUnusual', 'Unusual Behaviors/VM/Behavior:EC2-NetworkPortUnusual'],
    ['Exfiltration:S3/AnomalousBehavior', 'Effects/Data Exfiltration/Exfiltration:S3-AnomalousBehavior'],
    [
      'CryptoCurrency:EC2/BitcoinTool.B!DNS',
      'Effects/Resource Consumption/CryptoCurrency:EC2-BitcoinTool.B!DNS',
    ],
  ])('files %s as Security Hub does', (type, expected) => {
    // Act + Assess
    expect(asffTypeOfGuardDutyType(type)).toBe(expected);
  });
});

describe('guardDutyToAsff', () => {
  it('produces a valid ASFF finding with the GuardDuty ARN as its Id', () => {
    // Prepare
    const native = nativeGuardDutyInstance('Backdoor:EC2/C&CActivity.B!DNS', 'i-0abc');

    // Act
    const asff = guardDutyToAsff(native);

    // Assess
    expect(AsffFindingSchema.safeParse(asff).success).toBe(true);
    expect(asff.Id).toBe(native.arn);
    expect(asff.ProductArn).toBe('arn:aws:securityhub:us-east-1::product/aws/guardduty');
    expect(asff.Severity.Label).toBe('HIGH');
    expect(asff.Resources[0]).toMatchObject({
      Type: 'AwsEc2Instance',
      Id: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc',
    });
    expect(normaliseFinding(asff).resources.map((resource) => resource.key)).toEqual(['ec2-instance:i-0abc']);
  });

  it('marks an archived GuardDuty finding as not counting', () => {
    // Prepare
    const native = nativeGuardDutyInstance('Backdoor:EC2/DenialOfService.Tcp', 'i-0abc');
    native.service.archived = true;

    // Act
    const normalised = normaliseFinding(guardDutyToAsff(native));

    // Assess
    expect(normalised.state).toBe('ARCHIVED');
    expect(normalised.isLive).toBe(false);
  });

  it('keys an access-key finding by the key and its user', () => {
    // Prepare
    const native: GuardDutyFinding = {
      ...nativeGuardDutyInstance('UnauthorizedAccess:IAMUser/MaliciousIPCaller', 'i-unused'),
      resource: {
        resourceType: 'AccessKey',
        accessKeyDetails: {
          accessKeyId: 'AKIAEXAMPLE',
          principalId: 'AIDAEXAMPLE',
          userName: 'alice',
          userType: 'IAMUser',
        },
      },
    };

    // Act
    const keys = normaliseFinding(guardDutyToAsff(native)).resources.map((resource) => resource.key);

    // Assess
    expect(keys).toEqual(['iam-access-key:AKIAEXAMPLE', 'iam-user:111122223333/alice']);
  });

  it('falls back to the affected resources of an API call finding without a resource section', () => {
    // Prepare
    const native: GuardDutyFinding = {
      ...nativeGuardDutyInstance('PrivilegeEscalation:IAMUser/AdministrativePermissions', 'i-unused'),
      resource: undefined,
      service: {
        action: {
          actionType: 'AWS_API_CALL',
          awsApiCallAction: {
            affectedResources: { 'AWS::IAM::Role': 'arn:aws:iam::111122223333:role/IAMRole' },
          },
        },
      },
    };
    delete native.resource;

    // Act
    const keys = normaliseFinding(guardDutyToAsff(native)).resources.map((resource) => resource.key);

    // Assess
    expect(keys).toEqual(['iam-role:111122223333/IAMRole']);
  });
});
