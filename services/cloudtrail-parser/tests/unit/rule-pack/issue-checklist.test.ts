import type { Rule } from '../../../src/core/rule';
import { loadBuiltinRules } from '../../../src/core/rule-loader';

// The API calls issue 4 names explicitly: each must be the subject of at least one rule, proven by a
// positive embedded test whose record makes that call.
const REQUIRED_CALLS = [
  'signin.amazonaws.com ConsoleLogin',
  'iam.amazonaws.com CreateAccessKey',
  'cloudtrail.amazonaws.com StopLogging',
  'cloudtrail.amazonaws.com DeleteTrail',
  'cloudtrail.amazonaws.com UpdateTrail',
  'cloudtrail.amazonaws.com PutEventSelectors',
  'config.amazonaws.com DeleteConfigurationRecorder',
  'config.amazonaws.com StopConfigurationRecorder',
  'guardduty.amazonaws.com DeleteDetector',
  'guardduty.amazonaws.com UpdateDetector',
  'securityhub.amazonaws.com DisableSecurityHub',
  'ec2.amazonaws.com DeleteFlowLogs',
  'route53resolver.amazonaws.com DeleteResolverQueryLogConfig',
  'logs.amazonaws.com DeleteLogGroup',
  'iam.amazonaws.com CreateLoginProfile',
  'iam.amazonaws.com UpdateLoginProfile',
  'iam.amazonaws.com AttachUserPolicy',
  'iam.amazonaws.com AttachRolePolicy',
  'iam.amazonaws.com PutRolePolicy',
  'iam.amazonaws.com UpdateAssumeRolePolicy',
  'iam.amazonaws.com CreateUser',
  'iam.amazonaws.com AddUserToGroup',
  'iam.amazonaws.com CreatePolicyVersion',
  'iam.amazonaws.com SetDefaultPolicyVersion',
  'rolesanywhere.amazonaws.com CreateTrustAnchor',
  'iam.amazonaws.com CreateSAMLProvider',
  'iam.amazonaws.com CreateOpenIDConnectProvider',
  'sts.amazonaws.com GetFederationToken',
  'sts.amazonaws.com GetSessionToken',
  'iam.amazonaws.com DeactivateMFADevice',
  's3.amazonaws.com PutBucketAcl',
  's3.amazonaws.com PutBucketPolicy',
  's3.amazonaws.com DeletePublicAccessBlock',
  's3.amazonaws.com PutPublicAccessBlock',
  'ec2.amazonaws.com ModifySnapshotAttribute',
  'ec2.amazonaws.com ModifyImageAttribute',
  'rds.amazonaws.com ModifyDBSnapshotAttribute',
  'ec2.amazonaws.com AuthorizeSecurityGroupIngress',
  'kms.amazonaws.com DisableKey',
  'kms.amazonaws.com ScheduleKeyDeletion',
  'kms.amazonaws.com PutKeyPolicy',
  'secretsmanager.amazonaws.com GetSecretValue',
  'secretsmanager.amazonaws.com BatchGetSecretValue',
  'ssm.amazonaws.com GetParameters',
  'lambda.amazonaws.com AddPermission20150331v2',
  'lambda.amazonaws.com UpdateFunctionCode20150331v2',
  'lambda.amazonaws.com PublishLayerVersion20181031',
  'lambda.amazonaws.com UpdateFunctionConfiguration20150331v2',
  'lambda.amazonaws.com CreateFunctionUrlConfig20211031',
  'ec2.amazonaws.com ModifyInstanceAttribute',
  'ec2.amazonaws.com DescribeInstanceAttribute',
  'sts.amazonaws.com GetCallerIdentity',
  'ec2.amazonaws.com GetPasswordData',
  'ssm.amazonaws.com SendCommand',
  'ssm.amazonaws.com StartSession',
  'ec2-instance-connect.amazonaws.com SendSSHPublicKey',
  'ec2.amazonaws.com EnableSerialConsoleAccess',
  'ec2.amazonaws.com RunInstances',
  'organizations.amazonaws.com LeaveOrganization',
  'organizations.amazonaws.com RemoveAccountFromOrganization',
  'organizations.amazonaws.com CreateAccount',
  's3.amazonaws.com GetObject',
  'bedrock.amazonaws.com InvokeModel',
  'bedrock.amazonaws.com DeleteModelInvocationLoggingConfiguration',
  'bedrock.amazonaws.com DeleteGuardrail',
  'ses.amazonaws.com GetSendQuota',
  'ses.amazonaws.com UpdateAccountSendingEnabled',
  'ses.amazonaws.com VerifyEmailIdentity',
  'route53domains.amazonaws.com DisableDomainTransferLock',
  'rds.amazonaws.com RestoreDBInstanceFromDBSnapshot',
  'ec2.amazonaws.com DisableEbsEncryptionByDefault',
];

function positiveCalls(rules: Rule[]): Set<string> {
  return new Set(
    rules.flatMap((rule) =>
      rule.tests
        .filter((test) => test.expect)
        .map((test) => `${test.record.eventSource} ${test.record.eventName}`)
    )
  );
}

describe('built-in rule pack against the issue checklist', () => {
  it('detects every API call the issue lists', async () => {
    // Prepare
    const rules = await loadBuiltinRules();

    // Act
    const covered = positiveCalls(rules);

    // Assess
    expect(REQUIRED_CALLS.filter((call) => !covered.has(call))).toEqual([]);
  });

  it('has threshold rules for discovery bursts and failed logins', async () => {
    // Prepare
    const rules = await loadBuiltinRules();

    // Act
    const thresholds = rules.filter((rule) => rule.threshold !== undefined).map((rule) => rule.id);

    // Assess
    expect(thresholds).toEqual(
      expect.arrayContaining(['discovery-read-access-denied-burst', 'signin-console-login-failure-burst'])
    );
  });
});
