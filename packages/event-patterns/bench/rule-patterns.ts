// Detection-rule patterns over CloudTrail records, generated deterministically: the shapes real
// rule packs use (exact source/name lists, Delete* prefixes, errors, root activity, user-agent
// exclusions, source-address ranges, numeric thresholds, $or, nested request parameters).
import { mutatingEvents, SERVICES } from './cloudtrail-catalog';
import { createRandom } from './prng';

/** A rule id and its EventBridge pattern. */
export interface RulePattern {
  id: string;
  pattern: Record<string, unknown>;
}

// Hand-written rules modelled on common CloudTrail detections.
const CURATED: Record<string, Record<string, unknown>> = {
  'root-activity': { userIdentity: { type: ['Root'] }, eventType: [{ 'anything-but': 'AwsServiceEvent' }] },
  'root-console-login': {
    eventName: ['ConsoleLogin'],
    userIdentity: { type: ['Root'] },
    responseElements: { ConsoleLogin: ['Success'] },
  },
  'console-login-no-mfa': { eventName: ['ConsoleLogin'], additionalEventData: { MFAUsed: ['No'] } },
  'console-login-failure': {
    eventSource: ['signin.amazonaws.com'],
    responseElements: { ConsoleLogin: ['Failure'] },
  },
  'root-access-key': { eventName: ['CreateAccessKey'], userIdentity: { type: ['Root'] } },
  'sg-open-to-world': {
    eventName: ['AuthorizeSecurityGroupIngress'],
    requestParameters: { ipPermissions: { items: { ipRanges: { items: { cidrIp: ['0.0.0.0/0'] } } } } },
  },
  'sg-admin-port': {
    eventName: ['AuthorizeSecurityGroupIngress'],
    requestParameters: {
      ipPermissions: { items: { fromPort: [{ numeric: ['<=', 22] }], toPort: [{ numeric: ['>=', 22] }] } },
    },
  },
  'sg-rdp': {
    eventName: ['AuthorizeSecurityGroupIngress'],
    requestParameters: { ipPermissions: { items: { fromPort: [3389] } } },
  },
  'snapshot-public': {
    eventName: ['ModifySnapshotAttribute'],
    requestParameters: { createVolumePermission: { add: { items: { group: ['all'] } } } },
  },
  'snapshot-shared': {
    eventName: ['ModifySnapshotAttribute'],
    requestParameters: { createVolumePermission: { add: { items: { userId: [{ exists: true }] } } } },
  },
  'bucket-acl-public': {
    eventName: ['PutBucketAcl'],
    requestParameters: {
      AccessControlPolicy: {
        AccessControlList: {
          Grant: { Grantee: { URI: ['http://acs.amazonaws.com/groups/global/AllUsers'] } },
        },
      },
    },
  },
  'long-assume-role': {
    eventName: ['AssumeRole'],
    requestParameters: { durationSeconds: [{ numeric: ['>', 3600] }] },
  },
  'mass-launch': {
    eventName: ['RunInstances'],
    requestParameters: { instancesSet: { items: { maxCount: [{ numeric: ['>=', 20] }] } } },
  },
  'gpu-launch': {
    eventName: ['RunInstances'],
    requestParameters: { instanceType: [{ prefix: 'p4' }, { prefix: 'p5' }, { wildcard: 'g*.metal' }] },
  },
  'trail-tamper': {
    $or: [
      { eventName: ['StopLogging', 'DeleteTrail'] },
      { eventName: ['UpdateTrail'], requestParameters: { isMultiRegionTrail: [false] } },
    ],
  },
  's3-policy-change': {
    eventSource: ['s3.amazonaws.com'],
    $or: [{ eventName: ['PutBucketPolicy', 'PutBucketAcl'] }, { eventName: [{ prefix: 'DeleteBucket' }] }],
  },
  'kali-user-agent': { userAgent: [{ wildcard: '*kali*' }] },
  'stratus-user-agent': { userAgent: [{ prefix: 'stratus-red-team' }] },
  'bad-ipv6-range': { sourceIPAddress: [{ cidr: '2001:db8:bad::/48' }, { cidr: '2001:db8:dead::/48' }] },
  'denied-recon': {
    errorCode: ['AccessDenied', 'Client.UnauthorizedOperation', 'AccessDeniedException'],
    readOnly: [true],
  },
  'denied-secrets': { eventName: ['GetSecretValue'], errorCode: [{ exists: true }] },
  'ssm-shell': {
    eventName: ['SendCommand'],
    requestParameters: { documentName: ['AWS-RunShellScript', 'AWS-RunPowerShellScript'] },
  },
  'unusual-region': {
    eventName: ['RunInstances', 'CreateKeyPair', 'ImportKeyPair'],
    awsRegion: [{ 'anything-but': ['us-east-1', 'eu-west-1', 'us-west-2'] }],
  },
  'no-mfa-iam-change': {
    eventSource: ['iam.amazonaws.com'],
    readOnly: [false],
    userIdentity: { sessionContext: { attributes: { mfaAuthenticated: ['false'] } } },
  },
  'source-identity-admin': {
    userIdentity: {
      sessionContext: {
        sourceIdentity: [{ suffix: '@example.com' }],
        sessionIssuer: { userName: ['Admin'] },
      },
    },
    readOnly: [false],
  },
  'securestring-overwrite': {
    eventName: ['PutParameter'],
    requestParameters: { type: ['SecureString'], overwrite: [true] },
  },
  'guardduty-off': {
    eventSource: ['guardduty.amazonaws.com'],
    eventName: ['DeleteDetector', 'DisassociateFromMasterAccount', 'StopMonitoringMembers', 'UpdateDetector'],
  },
  // A cidr rule with an anything-but on the call name.
  'known-bad-range': {
    sourceIPAddress: [{ cidr: '198.51.100.0/24' }],
    eventName: [{ 'anything-but': { prefix: ['Describe', 'List', 'Get'] } }],
  },
};

/** At least `minimum` rule patterns, deterministic for a seed. */
export function generateRulePatterns(minimum: number, seed: number): RulePattern[] {
  const random = createRandom(seed);
  const rules: RulePattern[] = Object.entries(CURATED).map(([id, pattern]) => ({ id, pattern }));
  for (const service of SERVICES) {
    const service_ = service.source.split('.')[0] ?? service.source;
    const changes = mutatingEvents(service);
    // Sensitive calls in small groups, as rule packs write them.
    for (let i = 0; i < changes.length; i += 1 + random.int(3)) {
      const names = changes.slice(i, i + 1 + random.int(3));
      const pattern: Record<string, unknown> = { eventSource: [service.source], eventName: names };
      if (random.chance(0.25))
        pattern.userAgent = [{ 'anything-but': { prefix: ['Terraform', 'console.amazonaws.com'] } }];
      if (random.chance(0.15)) pattern.errorCode = [{ exists: false }];
      if (random.chance(0.1)) pattern.userIdentity = { type: ['IAMUser', 'Root'] };
      rules.push({ id: `${service_}-${names.join('-').toLowerCase()}`, pattern });
    }
    rules.push({
      id: `${service_}-delete-any`,
      pattern: { eventSource: [service.source], eventName: [{ prefix: 'Delete' }] },
    });
    rules.push({
      id: `${service_}-denied`,
      pattern: {
        eventSource: [service.source],
        errorCode: [{ prefix: 'AccessDenied' }, 'Client.UnauthorizedOperation'],
      },
    });
    rules.push({
      id: `${service_}-root-or-federated`,
      pattern: {
        eventSource: [service.source],
        $or: [
          { userIdentity: { type: ['Root'] } },
          { userIdentity: { type: ['FederatedUser'] }, readOnly: [false] },
        ],
      },
    });
  }
  for (let n = 0; rules.length < minimum; n++) {
    const service = SERVICES[n % SERVICES.length] ?? SERVICES[0];
    if (service === undefined) break;
    const names = mutatingEvents(service).filter(() => random.chance(0.3));
    rules.push({
      id: `extra-${n}`,
      pattern: {
        eventName: names.length > 0 ? names : [service.events[0]],
        sourceIPAddress: [{ cidr: '10.0.0.0/8' }],
      },
    });
  }
  return rules;
}
