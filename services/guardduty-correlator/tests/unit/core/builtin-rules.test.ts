import { type AsffFinding, VigilAlertSchema } from '@vigil/event-schema';
import { vigilAlertToAsff } from '../../../src/core/vigil-alert-to-asff';
import {
  ACCOUNT,
  accessAnalyzerExternalAccess,
  bucketResources,
  controlFinding,
  ec2Resource,
  guardDutyAsff,
  inspectorCve,
  inspectorNetworkReachability,
  macieSensitiveData,
} from '../../helpers/asff-fixtures';
import { createPipeline } from '../../helpers/pipeline';

const INSTANCE = 'i-0abc1234def567890';
const instanceResource = ec2Resource(INSTANCE)[0] as AsffFinding['Resources'][number];
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-role`;
const roleSessionKey = (keyId: string): AsffFinding['Resources'] => [
  {
    Type: 'AwsIamAccessKey',
    Id: `AWS::IAM::AccessKey:${keyId}`,
    Details: {
      AwsIamAccessKey: {
        PrincipalName: 'app-role',
        PrincipalType: 'AssumedRole',
        PrincipalId: 'AROAEXAMPLE:i-0abc',
      },
    },
  },
];

function loggingAlert(time: string) {
  return vigilAlertToAsff(
    VigilAlertSchema.parse({
      schemaVersion: '1',
      id: 'cloudtrail-stop-logging-0001',
      ruleId: 'cloudtrail-stop-logging',
      title: 'CloudTrail logging stopped',
      severity: 'HIGH',
      mitre: [
        {
          tactic: 'defense-evasion',
          techniqueId: 'T1562.008',
          name: 'Impair Defenses: Disable or Modify Cloud Logs',
        },
      ],
      event: {
        eventID: '0001',
        eventTime: time,
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'StopLogging',
        awsRegion: 'us-east-1',
        recipientAccountId: ACCOUNT,
      },
      actor: {
        type: 'AssumedRole',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-role/i-0abc`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAAPPROLEKEY',
        chain: [],
      },
      resources: [{ arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main` }],
      origin: { kind: 'realtime' },
    })
  );
}

// Each built-in rule: findings that should correlate, and a near miss that should not.
const SCENARIOS: { rule: string; fires: () => AsffFinding[]; nearMiss: () => AsffFinding[] }[] = [
  {
    rule: 'ec2-backdoor-critical-cves',
    fires: () => [
      guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(INSTANCE)),
      ...['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003'].map((cve) => inspectorCve(INSTANCE, cve)),
    ],
    nearMiss: () => [
      guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(INSTANCE)),
      ...['CVE-2024-0001', 'CVE-2024-0002'].map((cve) => inspectorCve(INSTANCE, cve)),
      inspectorCve(INSTANCE, 'CVE-2024-0003', { severity: 'HIGH' }),
    ],
  },
  {
    rule: 's3-sensitive-data-exfiltration',
    fires: () => [
      macieSensitiveData('customer-data'),
      guardDutyAsff('Exfiltration:S3/AnomalousBehavior', bucketResources('customer-data')),
    ],
    nearMiss: () => [
      macieSensitiveData('customer-data', { time: '2024-05-20T10:00:00.000Z' }),
      guardDutyAsff('Exfiltration:S3/AnomalousBehavior', bucketResources('customer-data')),
    ],
  },
  {
    rule: 'ec2-exposed-brute-force',
    fires: () => [
      controlFinding('EC2.9', instanceResource),
      inspectorNetworkReachability(INSTANCE),
      guardDutyAsff('Behavior:EC2/NetworkPortUnusual', ec2Resource(INSTANCE)),
      guardDutyAsff('UnauthorizedAccess:EC2/SSHBruteForce', ec2Resource(INSTANCE), { severity: 'LOW' }),
    ],
    nearMiss: () => [
      controlFinding('EC2.9', instanceResource, { status: 'PASSED' }),
      inspectorNetworkReachability(INSTANCE),
      guardDutyAsff('Behavior:EC2/NetworkPortUnusual', ec2Resource(INSTANCE)),
      guardDutyAsff('UnauthorizedAccess:EC2/SSHBruteForce', ec2Resource(INSTANCE), { severity: 'LOW' }),
    ],
  },
  {
    rule: 'iam-role-credential-exfiltration-external-access',
    fires: () => [
      guardDutyAsff(
        'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
        roleSessionKey('ASIAEXFIL')
      ),
      accessAnalyzerExternalAccess(ROLE_ARN),
    ],
    nearMiss: () => [
      guardDutyAsff(
        'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
        roleSessionKey('ASIAEXFIL')
      ),
      accessAnalyzerExternalAccess(`arn:aws:iam::${ACCOUNT}:role/other-role`),
    ],
  },
  {
    rule: 'principal-logging-tampering-guardduty',
    fires: () => [
      loggingAlert('2024-06-01T09:00:00Z'),
      guardDutyAsff('Recon:IAMUser/MaliciousIPCaller', roleSessionKey('ASIAOTHER'), { severity: 'MEDIUM' }),
    ],
    nearMiss: () => [
      loggingAlert('2024-05-30T09:00:00Z'),
      guardDutyAsff('Recon:IAMUser/MaliciousIPCaller', roleSessionKey('ASIAOTHER'), { severity: 'MEDIUM' }),
    ],
  },
  {
    rule: 'ec2-crypto-mining-public',
    fires: () => [
      guardDutyAsff('CryptoCurrency:EC2/BitcoinTool.B!DNS', ec2Resource(INSTANCE)),
      controlFinding('EC2.9', instanceResource),
    ],
    nearMiss: () => [
      guardDutyAsff('CryptoCurrency:EC2/BitcoinTool.B!DNS', ec2Resource(INSTANCE)),
      controlFinding('EC2.9', ec2Resource('i-0other')[0] as AsffFinding['Resources'][number]),
    ],
  },
  {
    rule: 'ec2-malware-command-and-control',
    fires: () => [
      guardDutyAsff('Execution:EC2/MaliciousFile', [
        ...ec2Resource(INSTANCE),
        { Type: 'AwsEc2Volume', Id: `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0123` },
      ]),
      guardDutyAsff('Backdoor:EC2/C&CActivity.B', ec2Resource(INSTANCE)),
    ],
    nearMiss: () => [guardDutyAsff('Execution:EC2/MaliciousFile', ec2Resource(INSTANCE))],
  },
  {
    rule: 's3-public-then-exfiltration',
    fires: () => [
      guardDutyAsff('Policy:S3/BucketBlockPublicAccessDisabled', bucketResources('web-assets'), {
        time: '2024-06-01T08:00:00.000Z',
      }),
      guardDutyAsff('UnauthorizedAccess:S3/MaliciousIPCaller', bucketResources('web-assets'), {
        time: '2024-06-01T09:00:00.000Z',
      }),
    ],
    nearMiss: () => [
      guardDutyAsff('UnauthorizedAccess:S3/MaliciousIPCaller', bucketResources('web-assets'), {
        time: '2024-06-01T08:00:00.000Z',
      }),
      guardDutyAsff('Policy:S3/BucketBlockPublicAccessDisabled', bucketResources('web-assets'), {
        time: '2024-06-01T09:00:00.000Z',
      }),
    ],
  },
  {
    rule: 'iam-access-key-malicious-use-persistence',
    fires: () => [
      guardDutyAsff('UnauthorizedAccess:IAMUser/TorIPCaller', roleSessionKey('AKIALEAKED')),
      guardDutyAsff('Persistence:IAMUser/AnomalousBehavior', roleSessionKey('AKIALEAKED')),
    ],
    nearMiss: () => [
      guardDutyAsff('UnauthorizedAccess:IAMUser/TorIPCaller', roleSessionKey('AKIALEAKED')),
      guardDutyAsff('Persistence:IAMUser/AnomalousBehavior', roleSessionKey('AKIAOTHERKEY')),
    ],
  },
  {
    rule: 'rds-public-anomalous-login',
    fires: () => [
      controlFinding('RDS.2', { Type: 'AwsRdsDbInstance', Id: `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders` }),
      guardDutyAsff('CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin', [
        { Type: 'AwsRdsDbInstance', Id: `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders` },
      ]),
    ],
    nearMiss: () => [
      controlFinding('RDS.2', { Type: 'AwsRdsDbInstance', Id: `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders` }),
      guardDutyAsff('CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin', [
        { Type: 'AwsRdsDbInstance', Id: `arn:aws:rds:us-west-2:${ACCOUNT}:db:orders` },
      ]),
    ],
  },
];

describe('built-in correlation rules', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.rule, scenario] as const))(
    '%s fires on its scenario',
    async (ruleId, scenario) => {
      // Prepare
      const pipeline = createPipeline();

      // Act
      await pipeline.deliver(scenario.fires());

      // Assess
      const correlated = pipeline.correlated();
      expect(correlated.map((finding) => finding.ProductFields?.['vigil/ruleId'])).toEqual([ruleId]);
      expect(correlated[0]?.Severity.Label).toBe('CRITICAL');
    }
  );

  it.each(SCENARIOS.map((scenario) => [scenario.rule, scenario] as const))(
    '%s stays quiet on its near miss',
    async (_ruleId, scenario) => {
      // Prepare
      const pipeline = createPipeline();

      // Act
      await pipeline.deliver(scenario.nearMiss());

      // Assess
      expect(pipeline.correlated()).toEqual([]);
    }
  );
});
