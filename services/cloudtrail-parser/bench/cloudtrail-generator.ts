// A deterministic generator of realistic CloudTrail records: management and data events, every identity
// type, AssumeRole chains whose issued keys are used afterwards, escaped policy documents, and a sprinkle
// of attack activity. Used by the scan benchmark and by the prefilter-equivalence test.
import { seededRandom } from '@vigil/lambda-kit/testing';

type Json = Record<string, unknown>;

/** The seeded PRNG of the generated logs (tests use it too, to perturb them reproducibly). */
export const createRandom = seededRandom;

const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const USERS = ['alice', 'bob', 'carol', 'deploy-bot', 'terraform', 'backup'];
const ROLES = ['AdminRole', 'ReadOnly', 'LambdaExecution', 'EcsTaskRole', 'OrganizationAccountAccessRole'];
const BUCKETS = ['prod-data-lake', 'app-assets', 'customer-exports', 'ml-training-sets', 'logs-archive'];
const AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79 exe/x86_64.amzn.2023 prompt/off command/s3.cp',
  'aws-sdk-java/1.12.488 Linux/5.4.247-169.350.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.372-b08 java/1.8.0_372',
  'Boto3/1.34.54 md/Botocore#1.34.54 ua/2.0 os/linux#6.1.79 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.54',
  'console.amazonaws.com',
  'aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.213 lang/js md/nodejs#20.12.0 api/s3#3.540.0',
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An STS expiration as CloudTrail writes it: `Jun 1, 2024, 1:00:00 AM` (UTC). */
function cloudTrailExpiration(ms: number): string {
  const date = new Date(ms);
  const hours = date.getUTCHours();
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${String(date.getUTCMinutes()).padStart(2, '0')}:${String(date.getUTCSeconds()).padStart(2, '0')}`;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${clock} ${hours < 12 ? 'AM' : 'PM'}`;
}

export class CloudTrailGenerator {
  private readonly random: () => number;
  private sequence = 0;
  private time: number;
  /** Access keys issued by earlier AssumeRole records, reused by later calls (role chains). */
  private readonly issuedKeys: { key: string; arn: string; account: string; role: string }[] = [];

  constructor(seed = 42, start = Date.parse('2024-05-01T00:00:00Z')) {
    this.random = createRandom(seed);
    this.time = start;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private hex(length: number): string {
    let text = '';
    while (text.length < length)
      text += Math.floor(this.random() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return text.slice(0, length);
  }

  private keyId(prefix: string): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let text = prefix;
    for (let index = 0; index < 16; index++) text += alphabet[Math.floor(this.random() * 32)];
    return text;
  }

  private uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private identity(account: string): Json {
    const roll = this.random();
    if (roll < 0.3 && this.issuedKeys.length > 0) {
      const issued = this.pick(this.issuedKeys.slice(-200));
      return {
        type: 'AssumedRole',
        principalId: `AROA${this.hex(16).toUpperCase()}:${issued.role}-session`,
        arn: issued.arn,
        accountId: issued.account,
        accessKeyId: issued.key,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROA${this.hex(16).toUpperCase()}`,
            arn: `arn:aws:iam::${issued.account}:role/${issued.role}`,
            accountId: issued.account,
            userName: issued.role,
          },
          webIdFederationData: {},
          attributes: {
            creationDate: new Date(this.time - 60_000).toISOString().replace('.000', ''),
            mfaAuthenticated: 'false',
          },
        },
      };
    }
    if (roll < 0.55) {
      const user = this.pick(USERS);
      return {
        type: 'IAMUser',
        principalId: `AIDA${this.hex(16).toUpperCase()}`,
        arn: `arn:aws:iam::${account}:user/${user}`,
        accountId: account,
        accessKeyId: this.keyId('AKIA'),
        userName: user,
      };
    }
    if (roll < 0.75) {
      return {
        type: 'AWSService',
        invokedBy: this.pick(['ec2.amazonaws.com', 'lambda.amazonaws.com', 'cloudformation.amazonaws.com']),
      };
    }
    if (roll < 0.8)
      return { type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account };
    if (roll < 0.84) {
      return {
        type: 'FederatedUser',
        principalId: `${account}:${this.pick(USERS)}`,
        arn: `arn:aws:sts::${account}:federated-user/${this.pick(USERS)}`,
        accountId: account,
        accessKeyId: this.keyId('ASIA'),
      };
    }
    if (roll < 0.88) {
      return {
        type: 'SAMLUser',
        principalId: `SAMLExample:${this.pick(USERS)}`,
        userName: `${this.pick(USERS)}@example.com`,
        identityProvider: 'bdGOnTesti4Ng/jRAiNjA9s=',
      };
    }
    if (roll < 0.91) {
      return {
        type: 'WebIdentityUser',
        principalId: 'accounts.google.com:application-id:user-id',
        userName: 'user-id',
        identityProvider: 'accounts.google.com',
      };
    }
    if (roll < 0.94) {
      return {
        type: 'IdentityCenterUser',
        accountId: account,
        onBehalfOf: {
          userId: this.uuid(),
          identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-1234567890',
        },
        credentialId: this.hex(32),
      };
    }
    if (roll < 0.97)
      return {
        type: 'AWSAccount',
        principalId: `AIDA${this.hex(16).toUpperCase()}`,
        accountId: this.pick(ACCOUNTS),
      };
    return { invokedBy: 'AWS Internal' };
  }

  private base(eventSource: string, eventName: string, identity: Json): Json {
    this.time += Math.floor(this.random() * 40);
    this.sequence++;
    return {
      eventVersion: '1.09',
      userIdentity: identity,
      eventTime: new Date(this.time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource,
      eventName,
      awsRegion: this.pick(REGIONS),
      sourceIPAddress: `${10 + Math.floor(this.random() * 200)}.${Math.floor(this.random() * 255)}.${Math.floor(this.random() * 255)}.${Math.floor(this.random() * 255)}`,
      userAgent: this.pick(AGENTS),
    };
  }

  private dataEvent(account: string, identity: Json): Json {
    const bucket = this.pick(BUCKETS);
    const key = `year=2024/month=05/part-${this.hex(8)}-${this.sequence}.parquet`;
    const eventName = this.pick(['GetObject', 'GetObject', 'PutObject', 'HeadObject']);
    return {
      ...this.base('s3.amazonaws.com', eventName, identity),
      requestParameters: { bucketName: bucket, Host: `${bucket}.s3.us-east-1.amazonaws.com`, key },
      responseElements: null,
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: 0,
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': `${this.hex(48)}=`,
        bytesTransferredOut: Math.floor(this.random() * 5_000_000),
      },
      requestID: this.hex(16).toUpperCase(),
      eventID: this.uuid(),
      readOnly: eventName !== 'PutObject',
      resources: [
        { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
        { accountId: account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
      ],
      eventType: 'AwsApiCall',
      managementEvent: false,
      recipientAccountId: account,
      eventCategory: 'Data',
      tlsDetails: {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: `${bucket}.s3.amazonaws.com`,
      },
    };
  }

  private management(
    account: string,
    identity: Json,
    eventSource: string,
    eventName: string,
    extra: Json
  ): Json {
    return {
      ...this.base(eventSource, eventName, identity),
      requestParameters: null,
      responseElements: null,
      requestID: this.uuid(),
      eventID: this.uuid(),
      readOnly: /^(Describe|List|Get|Head|Lookup)/.test(eventName),
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: account,
      eventCategory: 'Management',
      ...extra,
    };
  }

  private assumeRole(account: string, identity: Json): Json {
    const role = this.pick(ROLES);
    const key = this.keyId('ASIA');
    const session = `${role.toLowerCase()}-${this.hex(6)}`;
    const arn = `arn:aws:sts::${account}:assumed-role/${role}/${session}`;
    this.issuedKeys.push({ key, arn, account, role });
    if (this.issuedKeys.length > 5000) this.issuedKeys.splice(0, 1000);
    return this.management(account, identity, 'sts.amazonaws.com', 'AssumeRole', {
      requestParameters: {
        roleArn: `arn:aws:iam::${account}:role/${role}`,
        roleSessionName: session,
        durationSeconds: 3600,
      },
      responseElements: {
        credentials: {
          accessKeyId: key,
          sessionToken: this.hex(120),
          expiration: cloudTrailExpiration(this.time + 3600_000),
        },
        assumedRoleUser: { assumedRoleId: `AROA${this.hex(16).toUpperCase()}:${session}`, arn },
      },
      resources: [
        { accountId: account, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${account}:role/${role}` },
      ],
    });
  }

  private attack(account: string, identity: Json): Json {
    const roll = Math.floor(this.random() * 10);
    const cases: [string, string, Json][] = [
      [
        'cloudtrail.amazonaws.com',
        'StopLogging',
        { requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${account}:trail/org-trail` } },
      ],
      ['cloudtrail.amazonaws.com', 'DeleteTrail', { requestParameters: { name: 'org-trail' } }],
      ['iam.amazonaws.com', 'CreateAccessKey', { requestParameters: { userName: 'backdoor' } }],
      [
        'iam.amazonaws.com',
        'AttachUserPolicy',
        {
          requestParameters: {
            userName: 'backdoor',
            policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
          },
        },
      ],
      ['guardduty.amazonaws.com', 'DeleteDetector', { requestParameters: { detectorId: this.hex(32) } }],
      [
        'ec2.amazonaws.com',
        'AuthorizeSecurityGroupIngress',
        {
          requestParameters: {
            groupId: `sg-${this.hex(17)}`,
            ipPermissions: {
              items: [
                {
                  ipProtocol: 'tcp',
                  fromPort: 22,
                  toPort: 22,
                  ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
                },
              ],
            },
          },
        },
      ],
      [
        'signin.amazonaws.com',
        'ConsoleLogin',
        {
          responseElements: { ConsoleLogin: 'Failure' },
          errorMessage: 'Failed authentication',
          additionalEventData: { MFAUsed: 'No' },
        },
      ],
      [
        'kms.amazonaws.com',
        'ScheduleKeyDeletion',
        { requestParameters: { keyId: this.uuid(), pendingWindowInDays: 7 } },
      ],
      [
        'iam.amazonaws.com',
        'UpdateAssumeRolePolicy',
        {
          requestParameters: {
            roleName: 'AdminRole',
            policyDocument:
              '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}]}',
          },
        },
      ],
      [
        'ec2.amazonaws.com',
        'ModifySnapshotAttribute',
        {
          requestParameters: {
            snapshotId: `snap-${this.hex(17)}`,
            attributeType: 'CREATE_VOLUME_PERMISSION',
            createVolumePermission: { add: { items: [{ group: 'all' }] } },
          },
        },
      ],
    ];
    const [source, name, extra] = cases[roll] as [string, string, Json];
    return this.management(account, identity, source, name, {
      ...extra,
      userAgent: `stratus-red-team_${this.uuid()}`,
    });
  }

  /** The next record. */
  next(): Json {
    const account = this.pick(ACCOUNTS);
    const identity = this.identity(account);
    const roll = this.random();
    if (roll < 0.5) return this.dataEvent(account, identity);
    if (roll < 0.53) return this.assumeRole(account, identity);
    if (roll < 0.532) return this.attack(account, identity);
    if (roll < 0.55) {
      // IAM writes carry URL-encoded / JSON-encoded policies: escaped text the prefilter must parse.
      return this.management(account, identity, 'iam.amazonaws.com', 'PutRolePolicy', {
        requestParameters: {
          roleName: this.pick(ROLES),
          policyName: 'inline',
          policyDocument:
            '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]\n}',
        },
      });
    }
    const [source, name] = this.pick([
      ['ec2.amazonaws.com', 'DescribeInstances'],
      ['ec2.amazonaws.com', 'DescribeSecurityGroups'],
      ['s3.amazonaws.com', 'ListBuckets'],
      ['sts.amazonaws.com', 'GetCallerIdentity'],
      ['kms.amazonaws.com', 'Decrypt'],
      ['kms.amazonaws.com', 'GenerateDataKey'],
      ['logs.amazonaws.com', 'CreateLogStream'],
      ['lambda.amazonaws.com', 'ListFunctions20150331'],
      ['cloudformation.amazonaws.com', 'DescribeStacks'],
      ['dynamodb.amazonaws.com', 'DescribeTable'],
      ['monitoring.amazonaws.com', 'PutMetricData'],
      ['ssm.amazonaws.com', 'GetParameter'],
      ['iam.amazonaws.com', 'ListRoles'],
      ['ecr.amazonaws.com', 'GetAuthorizationToken'],
      ['signin.amazonaws.com', 'ConsoleLogin'],
    ] as const);
    const extra: Json =
      name === 'ConsoleLogin'
        ? {
            responseElements: { ConsoleLogin: 'Success' },
            additionalEventData: { MFAUsed: 'Yes', LoginTo: 'https://console.aws.amazon.com/' },
          }
        : name === 'Decrypt' || name === 'GenerateDataKey'
          ? {
              requestParameters: {
                encryptionContext: {
                  'aws:lambda:FunctionArn': `arn:aws:lambda:us-east-1:${account}:function:api`,
                },
                encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
              },
            }
          : name === 'GetParameter'
            ? { requestParameters: { name: '/app/prod/db-host', withDecryption: false } }
            : { requestParameters: { maxResults: 100, filterSet: {} } };
    return this.management(account, identity, source, name, extra);
  }
}
