// Services and API names seen in real CloudTrail logs (management events plus a few S3/KMS data
// events). Read-only calls dominate real traffic, so the generator weights them up.

/** One AWS service as CloudTrail names it. */
export interface ServiceCatalog {
  source: string;
  /** Relative share of all records. */
  weight: number;
  events: readonly string[];
}

/** The accounts records and rules refer to. */
export const ACCOUNTS = ['111122223333', '444455556666', '777788889999', '123456789012', '210987654321'];

function words(text: string): string[] {
  return text.split(' ');
}

export const SERVICES: readonly ServiceCatalog[] = [
  {
    source: 'ec2.amazonaws.com',
    weight: 20,
    events: words(
      'DescribeInstances DescribeSecurityGroups DescribeVolumes DescribeSubnets DescribeVpcs ' +
        'DescribeImages DescribeRegions DescribeSnapshots RunInstances TerminateInstances ' +
        'StopInstances StartInstances CreateSecurityGroup AuthorizeSecurityGroupIngress ' +
        'RevokeSecurityGroupIngress DeleteSecurityGroup CreateSnapshot ModifySnapshotAttribute ' +
        'ModifyInstanceAttribute CreateKeyPair DeleteKeyPair ImportKeyPair GetPasswordData ' +
        'CreateVpc DeleteVpc CreateFlowLogs DeleteFlowLogs ModifyImageAttribute GetConsoleOutput ' +
        'CreateTags DisableEbsEncryptionByDefault CreateDefaultVpc'
    ),
  },
  {
    source: 's3.amazonaws.com',
    weight: 18,
    events: words(
      'ListBuckets GetBucketAcl GetBucketPolicy GetBucketLocation HeadBucket ListObjects ' +
        'GetObject PutObject DeleteObject PutBucketPolicy DeleteBucketPolicy PutBucketAcl ' +
        'CreateBucket DeleteBucket PutBucketPublicAccessBlock DeleteBucketPublicAccessBlock ' +
        'PutBucketLogging PutBucketVersioning PutBucketEncryption DeleteBucketEncryption ' +
        'PutBucketLifecycle PutBucketReplication GetBucketVersioning'
    ),
  },
  {
    source: 'iam.amazonaws.com',
    weight: 8,
    events: words(
      'ListUsers ListRoles GetUser GetRole ListAttachedRolePolicies ListAccessKeys ' +
        'GetAccountAuthorizationDetails ListPolicies CreateUser DeleteUser CreateAccessKey ' +
        'DeleteAccessKey UpdateAccessKey AttachUserPolicy AttachRolePolicy PutUserPolicy ' +
        'PutRolePolicy CreateRole DeleteRole UpdateAssumeRolePolicy CreateLoginProfile ' +
        'UpdateLoginProfile DeleteLoginProfile AddUserToGroup CreatePolicyVersion ' +
        'SetDefaultPolicyVersion DeactivateMFADevice DeleteVirtualMFADevice ' +
        'CreateVirtualMFADevice EnableMFADevice UpdateUser CreateSAMLProvider'
    ),
  },
  {
    source: 'sts.amazonaws.com',
    weight: 14,
    events: words(
      'AssumeRole GetCallerIdentity GetSessionToken AssumeRoleWithSAML ' +
        'AssumeRoleWithWebIdentity GetFederationToken'
    ),
  },
  {
    source: 'signin.amazonaws.com',
    weight: 1,
    events: words('ConsoleLogin SwitchRole ExitRole CheckMfa'),
  },
  {
    source: 'cloudtrail.amazonaws.com',
    weight: 2,
    events: words(
      'DescribeTrails GetTrailStatus LookupEvents GetEventSelectors StopLogging DeleteTrail ' +
        'UpdateTrail PutEventSelectors StartLogging CreateTrail'
    ),
  },
  {
    source: 'kms.amazonaws.com',
    weight: 12,
    events: words(
      'Decrypt Encrypt GenerateDataKey DescribeKey ListKeys ListAliases DisableKey ' +
        'ScheduleKeyDeletion PutKeyPolicy CreateGrant CancelKeyDeletion CreateKey'
    ),
  },
  {
    source: 'lambda.amazonaws.com',
    weight: 4,
    events: words(
      'ListFunctions20150331 GetFunction20150331v2 GetPolicy20150331v2 ' +
        'UpdateFunctionCode20150331v2 CreateFunction20150331 AddPermission20150331v2 ' +
        'UpdateFunctionConfiguration20150331v2 DeleteFunction20150331 PublishLayerVersion20181031 ' +
        'CreateEventSourceMapping20150331'
    ),
  },
  {
    source: 'guardduty.amazonaws.com',
    weight: 1,
    events: words(
      'ListDetectors GetDetector GetFindings DeleteDetector UpdateDetector ' +
        'DisassociateFromMasterAccount CreateFilter DeleteMembers StopMonitoringMembers ' +
        'CreateIPSet UpdateIPSet'
    ),
  },
  {
    source: 'config.amazonaws.com',
    weight: 2,
    events: words(
      'DescribeConfigRules DescribeConfigurationRecorders DescribeConfigurationRecorderStatus ' +
        'StopConfigurationRecorder DeleteConfigurationRecorder DeleteDeliveryChannel ' +
        'PutConfigurationRecorder DeleteConfigRule'
    ),
  },
  {
    source: 'rds.amazonaws.com',
    weight: 3,
    events: words(
      'DescribeDBInstances DescribeDBClusters DescribeDBSnapshots ModifyDBInstance ' +
        'DeleteDBInstance CreateDBSnapshot ModifyDBSnapshotAttribute ' +
        'RestoreDBInstanceFromDBSnapshot DeleteDBCluster ModifyDBClusterSnapshotAttribute'
    ),
  },
  {
    source: 'secretsmanager.amazonaws.com',
    weight: 4,
    events: words(
      'GetSecretValue ListSecrets DescribeSecret DeleteSecret PutResourcePolicy UpdateSecret ' +
        'RotateSecret CreateSecret'
    ),
  },
  {
    source: 'ssm.amazonaws.com',
    weight: 6,
    events: words(
      'GetParameter GetParameters GetParametersByPath DescribeInstanceInformation ListCommands ' +
        'SendCommand StartSession PutParameter DeleteParameter ResumeSession'
    ),
  },
  {
    source: 'organizations.amazonaws.com',
    weight: 1,
    events: words(
      'DescribeOrganization ListAccounts ListPolicies LeaveOrganization ' +
        'RemoveAccountFromOrganization CreateAccount DeletePolicy DetachPolicy ' +
        'InviteAccountToOrganization'
    ),
  },
  {
    source: 'logs.amazonaws.com',
    weight: 5,
    events: words(
      'DescribeLogGroups DescribeLogStreams FilterLogEvents CreateLogStream DeleteLogGroup ' +
        'DeleteLogStream PutRetentionPolicy PutSubscriptionFilter DeleteSubscriptionFilter'
    ),
  },
  {
    source: 'route53.amazonaws.com',
    weight: 1,
    events: words(
      'ListHostedZones GetHostedZone ListResourceRecordSets ChangeResourceRecordSets ' +
        'DeleteHostedZone DisableDomainAutoRenew TransferDomainToAnotherAwsAccount'
    ),
  },
  {
    source: 'securityhub.amazonaws.com',
    weight: 1,
    events: words(
      'GetFindings DescribeHub GetEnabledStandards DisableSecurityHub BatchUpdateFindings ' +
        'DeleteInsight BatchDisableStandards'
    ),
  },
  {
    source: 'monitoring.amazonaws.com',
    weight: 3,
    events: words('DescribeAlarms GetMetricData ListMetrics PutMetricAlarm DeleteAlarms DisableAlarmActions'),
  },
  {
    source: 'dynamodb.amazonaws.com',
    weight: 3,
    events: words(
      'DescribeTable ListTables DescribeContinuousBackups DeleteTable UpdateTable CreateBackup ' +
        'DeleteBackup ExportTableToPointInTime'
    ),
  },
  {
    source: 'sso.amazonaws.com',
    weight: 1,
    events: words(
      'ListInstances ListPermissionSets DescribePermissionSet CreatePermissionSet ' +
        'AttachManagedPolicyToPermissionSet CreateAccountAssignment DeletePermissionSet'
    ),
  },
];

const READ_ONLY = /^(Describe|List|Get|Head|Lookup|Filter|Decrypt|Encrypt|GenerateDataKey|CheckMfa)/;

/** True for API calls that only read (CloudTrail's `readOnly`). */
export function isReadOnly(eventName: string): boolean {
  return READ_ONLY.test(eventName);
}

/** The mutating (sensitive) calls of a service, in catalogue order. */
export function mutatingEvents(service: ServiceCatalog): string[] {
  return service.events.filter((name) => !isReadOnly(name));
}
