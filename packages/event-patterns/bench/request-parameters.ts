// Request parameters for the calls detection rules look into (security groups, snapshots, ACLs, STS,
// EC2 launches); other calls get a small generic object or null, as in real trails.
import { ACCOUNTS } from './cloudtrail-catalog';
import { hex, type Random } from './prng';

type Json = Record<string, unknown>;

/** `requestParameters` shaped like the real API call (null for many reads, as in CloudTrail). */
export function requestParameters(
  random: Random,
  source: string,
  eventName: string,
  account: string
): Json | null {
  switch (eventName) {
    case 'AuthorizeSecurityGroupIngress': {
      const port = random.pick([22, 80, 443, 3389, 5432, 0]);
      const cidrIp = random.pick(['0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24']);
      return {
        groupId: `sg-${hex(random, 17)}`,
        ipPermissions: {
          items: [
            {
              ipProtocol: 'tcp',
              fromPort: port,
              toPort: port === 0 ? 65535 : port,
              groups: {},
              ipRanges: { items: [{ cidrIp }] },
              ipv6Ranges: {},
              prefixListIds: {},
            },
          ],
        },
      };
    }
    case 'AssumeRole':
      return {
        roleArn: `arn:aws:iam::${random.pick(ACCOUNTS)}:role/${random.pick(['Admin', 'ReadOnly', 'DeployRole'])}`,
        roleSessionName: `session-${random.int(1000)}`,
        durationSeconds: random.pick([900, 3600, 3600, 43200]),
      };
    case 'RunInstances':
      return {
        instancesSet: {
          items: [
            { imageId: `ami-${hex(random, 17)}`, minCount: 1, maxCount: random.pick([1, 1, 2, 20, 50]) },
          ],
        },
        instanceType: random.pick(['t3.micro', 'm5.large', 'p4d.24xlarge']),
      };
    case 'ModifySnapshotAttribute':
      return {
        snapshotId: `snap-${hex(random, 17)}`,
        attributeType: 'CREATE_VOLUME_PERMISSION',
        createVolumePermission: {
          add: { items: [random.chance(0.3) ? { group: 'all' } : { userId: random.pick(ACCOUNTS) }] },
        },
      };
    case 'PutBucketAcl':
      return {
        bucketName: `bucket-${random.int(50)}`,
        AccessControlPolicy: {
          AccessControlList: {
            Grant: [
              {
                Grantee: {
                  URI: random.chance(0.3)
                    ? 'http://acs.amazonaws.com/groups/global/AllUsers'
                    : `http://acs.amazonaws.com/groups/s3/LogDelivery`,
                },
                Permission: 'READ',
              },
            ],
          },
        },
      };
    case 'UpdateTrail':
      return { name: 'org-trail', isMultiRegionTrail: random.chance(0.5) };
    case 'CreateAccessKey':
    case 'CreateUser':
    case 'DeleteUser':
    case 'CreateLoginProfile':
      return { userName: `user-${random.int(400)}` };
    case 'PutParameter':
      return {
        name: `/app/${random.int(30)}/secret`,
        type: random.pick(['SecureString', 'String']),
        overwrite: true,
      };
    case 'SendCommand':
      return {
        documentName: random.pick(['AWS-RunShellScript', 'AWS-RunPowerShellScript', 'AWS-RunPatchBaseline']),
        instanceIds: [`i-${hex(random, 17)}`],
        interactive: false,
      };
    default:
      if (source === 's3.amazonaws.com')
        return { bucketName: `bucket-${random.int(50)}`, Host: `bucket-${random.int(50)}.s3.amazonaws.com` };
      if (eventName.startsWith('Describe') || eventName.startsWith('List'))
        return random.chance(0.5) ? null : { maxResults: random.pick([50, 100, 1000]) };
      return { resourceId: `${eventName.toLowerCase().slice(0, 8)}-${hex(random, 8)}`, accountId: account };
  }
}
