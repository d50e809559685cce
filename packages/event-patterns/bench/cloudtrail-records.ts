// Deterministic, realistic CloudTrail records (the shape of `Records[]` items in a trail file):
// identities drawn from a pool of principals, weighted services and calls, errors, IPv4/IPv6/AWS
// service source addresses, and request parameters shaped like the real API's.
import { ACCOUNTS, isReadOnly, SERVICES, type ServiceCatalog } from './cloudtrail-catalog';
import { createRandom, hex, type Random } from './prng';
import { requestParameters } from './request-parameters';

type Json = Record<string, unknown>;

const REGIONS = [
  'us-east-1',
  'us-east-1',
  'us-east-1',
  'eu-west-1',
  'eu-west-1',
  'us-west-2',
  'ap-southeast-2',
  'eu-central-1',
  'sa-east-1',
];
const USER_AGENTS = [
  'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.1.79 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#ec2.describe-instances',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
  'aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.213 lang/js md/nodejs#20.11.1 api/sts#3.540.0',
  'console.amazonaws.com',
  'AWS Internal',
  'Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0 os/linux lang/go#1.21.8',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  'aws-internal/3 aws-sdk-java/1.12.681 Linux/5.10.213 OpenJDK_64-Bit_Server_VM/25.402-b08 java/1.8.0_402',
  'S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.681',
  'stratus-red-team_8b1f3c2a-5d4e-4f7a-9c1b-2e3d4f5a6b7c',
  'aws-cli/1.18.69 Python/3.8.5 Linux/5.10.0-kali7-amd64 botocore/1.17.12',
];
const ERRORS = [
  ['AccessDenied', 'User is not authorized to perform this operation'],
  ['Client.UnauthorizedOperation', 'You are not authorized to perform this operation.'],
  ['ThrottlingException', 'Rate exceeded'],
  ['NoSuchEntityException', 'The user with name example cannot be found.'],
  ['ResourceNotFoundException', 'Requested resource not found'],
  ['AccessDeniedException', 'User is not authorized to perform: kms:Decrypt'],
] as const;
const TLS = [
  {
    tlsVersion: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientProvidedHostHeader: 'sts.amazonaws.com',
  },
  {
    tlsVersion: 'TLSv1.2',
    cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256',
    clientProvidedHostHeader: 'ec2.us-east-1.amazonaws.com',
  },
];

function uuid(random: Random): string {
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
}

function principal(random: Random, index: number): Json {
  const account = random.pick(ACCOUNTS);
  const roll = random.next();
  if (roll < 0.01)
    return {
      type: 'Root',
      principalId: account,
      arn: `arn:aws:iam::${account}:root`,
      accountId: account,
      accessKeyId: `ASIA${hex(random, 16).toUpperCase()}`,
    };
  if (roll < 0.16) {
    const userName = `user-${index}`;
    return {
      type: 'IAMUser',
      principalId: `AIDA${hex(random, 17).toUpperCase()}`,
      arn: `arn:aws:iam::${account}:user/${userName}`,
      accountId: account,
      accessKeyId: `AKIA${hex(random, 16).toUpperCase()}`,
      userName,
    };
  }
  if (roll < 0.31)
    return {
      type: 'AWSService',
      invokedBy: random.pick([
        'ec2.amazonaws.com',
        'lambda.amazonaws.com',
        'config.amazonaws.com',
        'cloudformation.amazonaws.com',
      ]),
    };
  if (roll < 0.33)
    return {
      type: 'FederatedUser',
      principalId: `${account}:fed-${index}`,
      arn: `arn:aws:sts::${account}:federated-user/fed-${index}`,
      accountId: account,
    };
  if (roll < 0.36)
    return {
      type: 'AWSAccount',
      principalId: `AIDA${hex(random, 17).toUpperCase()}`,
      accountId: random.pick(ACCOUNTS),
    };
  const role = random.pick([
    'Admin',
    'ReadOnly',
    'DeployRole',
    'OrganizationAccountAccessRole',
    'AWSReservedSSO_AdministratorAccess_0123456789abcdef',
    'lambda-exec',
  ]);
  const roleId = `AROA${hex(random, 17).toUpperCase()}`;
  return {
    type: 'AssumedRole',
    principalId: `${roleId}:session-${index}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/session-${index}`,
    accountId: account,
    accessKeyId: `ASIA${hex(random, 16).toUpperCase()}`,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: roleId,
        arn: `arn:aws:iam::${account}:role/${role}`,
        accountId: account,
        userName: role,
      },
      attributes: {
        creationDate: '2024-03-20T08:12:44Z',
        mfaAuthenticated: random.chance(0.3) ? 'true' : 'false',
      },
      ...(random.chance(0.2) ? { sourceIdentity: `person-${index % 40}@example.com` } : {}),
    },
  };
}

function sourceAddress(random: Random, identity: Json): string {
  if (identity.type === 'AWSService') return String(identity.invokedBy);
  const roll = random.next();
  if (roll < 0.05) return 'AWS Internal';
  if (roll < 0.09) return `2001:db8:${hex(random, 4)}::${hex(random, 2)}`;
  if (roll < 0.12) return `198.51.100.${random.int(256)}`;
  if (roll < 0.4) return `10.${random.int(256)}.${random.int(256)}.${random.int(256)}`;
  return `${1 + random.int(222)}.${random.int(256)}.${random.int(256)}.${random.int(256)}`;
}

function pickEvent(random: Random, service: ServiceCatalog): string {
  // Read-only calls are about ten times as frequent as changes.
  for (;;) {
    const name = random.pick(service.events);
    if (isReadOnly(name) || random.chance(0.1)) return name;
  }
}

/** Creates a generator of `count` records from `seed` (same seed, same records). */
export function generateRecords(count: number, seed: number): Json[] {
  const random = createRandom(seed);
  const principals = Array.from({ length: 400 }, (_, i) => principal(random, i));
  const weighted = SERVICES.flatMap((service) => new Array<ServiceCatalog>(service.weight).fill(service));
  const start = Date.parse('2024-03-20T00:00:00Z');
  const records: Json[] = [];
  for (let i = 0; i < count; i++) {
    const service = random.pick(weighted);
    const eventName = pickEvent(random, service);
    const userIdentity = random.pick(principals);
    const account =
      typeof userIdentity.accountId === 'string' ? userIdentity.accountId : random.pick(ACCOUNTS);
    const record: Json = {
      eventVersion: '1.09',
      userIdentity,
      eventTime: new Date(start + i * 43)
        .toISOString()
        .replace('.000', '')
        .replace(/\.\d{3}Z$/, 'Z'),
      eventSource: service.source,
      eventName,
      awsRegion: random.pick(REGIONS),
      sourceIPAddress: sourceAddress(random, userIdentity),
      userAgent:
        userIdentity.type === 'AWSService' ? String(userIdentity.invokedBy) : random.pick(USER_AGENTS),
      requestParameters: requestParameters(random, service.source, eventName, account),
      responseElements: null,
      requestID: uuid(random),
      eventID: uuid(random),
      readOnly: isReadOnly(eventName),
      eventType: eventName === 'ConsoleLogin' ? 'AwsConsoleSignIn' : 'AwsApiCall',
      managementEvent: !['GetObject', 'PutObject', 'DeleteObject'].includes(eventName),
      recipientAccountId: account,
      eventCategory: 'Management',
      tlsDetails: random.pick(TLS),
    };
    if (random.chance(0.04)) {
      const [errorCode, errorMessage] = random.pick(ERRORS);
      record.errorCode = errorCode;
      record.errorMessage = errorMessage;
    } else if (eventName === 'ConsoleLogin') {
      record.responseElements = { ConsoleLogin: random.chance(0.9) ? 'Success' : 'Failure' };
      record.additionalEventData = {
        LoginTo: 'https://console.aws.amazon.com/console/home',
        MobileVersion: 'No',
        MFAUsed: random.chance(0.7) ? 'Yes' : 'No',
      };
    }
    records.push(record);
  }
  return records;
}
