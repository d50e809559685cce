import type { CloudTrailEventRecord } from '@vigil/event-schema';
import { deletedResourceKeys, deletionEventNames } from '../../../src/core/deleted-resources';
import type { FindingResolver } from '../../../src/core/ports';
import { resolveDeletedResources } from '../../../src/core/resolve-deleted-resources';
import { inspectorCve } from '../../helpers/asff-fixtures';
import { createPipeline, PRODUCT } from '../../helpers/pipeline';

function record(
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown>,
  extra: Partial<CloudTrailEventRecord> = {}
): CloudTrailEventRecord {
  return {
    eventVersion: '1.09',
    eventTime: '2024-06-01T12:00:00Z',
    awsRegion: 'us-east-1',
    eventID: `evt-${eventName}`,
    recipientAccountId: '111122223333',
    eventType: 'AwsApiCall',
    eventSource,
    eventName,
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
    requestParameters,
    ...extra,
  } as CloudTrailEventRecord;
}

describe('deletedResourceKeys', () => {
  it.each([
    [
      record('ec2.amazonaws.com', 'TerminateInstances', {
        instancesSet: { items: [{ instanceId: 'i-1' }, { instanceId: 'i-2' }] },
      }),
      ['ec2-instance:i-1', 'ec2-instance:i-2'],
    ],
    [record('s3.amazonaws.com', 'DeleteBucket', { bucketName: 'old-bucket' }), ['s3-bucket:old-bucket']],
    [record('iam.amazonaws.com', 'DeleteRole', { roleName: 'app-role' }), ['iam-role:111122223333/app-role']],
    [record('iam.amazonaws.com', 'DeleteUser', { userName: 'alice' }), ['iam-user:111122223333/alice']],
    [
      record('iam.amazonaws.com', 'DeleteAccessKey', { accessKeyId: 'AKIAOLD', userName: 'alice' }),
      ['iam-access-key:AKIAOLD'],
    ],
    [record('ec2.amazonaws.com', 'DeleteVolume', { volumeId: 'vol-1' }), ['ebs-volume:vol-1']],
    [
      record('rds.amazonaws.com', 'DeleteDBInstance', { dBInstanceIdentifier: 'orders' }),
      ['rds-db-instance:111122223333/us-east-1/orders'],
    ],
    [
      record('lambda.amazonaws.com', 'DeleteFunction20150331', {
        functionName: 'arn:aws:lambda:us-east-1:111122223333:function:resize',
      }),
      ['lambda-function:111122223333/us-east-1/resize'],
    ],
  ])('maps %#', (input, keys) => {
    // Act + Assess
    expect(deletedResourceKeys(input).map((key) => key.key)).toEqual(keys);
  });

  it('ignores a call that failed (the resource still exists)', () => {
    // Prepare
    const failed = record(
      's3.amazonaws.com',
      'DeleteBucket',
      { bucketName: 'b' },
      { errorCode: 'BucketNotEmpty' }
    );

    // Act + Assess
    expect(deletedResourceKeys(failed)).toEqual([]);
  });

  it('lists the event names per source for the EventBridge rule', () => {
    // Act
    const names = deletionEventNames();

    // Assess
    expect(names.find((entry) => entry.eventSource === 'iam.amazonaws.com')?.eventNames).toEqual([
      'DeleteRole',
      'DeleteUser',
      'DeleteAccessKey',
    ]);
  });
});

class RecordingResolver implements FindingResolver {
  readonly queried: string[][] = [];
  readonly resolved: { findings: { Id: string; ProductArn: string }[]; note: string }[] = [];
  constructor(private readonly open: { Id: string; ProductArn: string }[] = []) {}
  async findOpenFindings(resourceIds: string[]) {
    this.queried.push(resourceIds);
    return this.open;
  }
  async resolveFindings(findings: { Id: string; ProductArn: string }[], note: string) {
    this.resolved.push({ findings, note });
    return findings.length;
  }
}

describe('resolveDeletedResources', () => {
  it('resolves the stored and the Security Hub findings of a terminated instance and tombstones it', async () => {
    // Prepare
    const pipeline = createPipeline();
    const stored = inspectorCve('i-1', 'CVE-1', { id: 'cve-1' });
    await pipeline.deliver([stored]);
    const resolver = new RecordingResolver([
      { Id: 'gd-1', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' },
    ]);
    const terminate = record('ec2.amazonaws.com', 'TerminateInstances', {
      instancesSet: { items: [{ instanceId: 'i-1' }] },
    });

    // Act
    const outcome = await resolveDeletedResources(terminate, {
      store: pipeline.store,
      resolver,
      product: PRODUCT,
    });

    // Assess
    expect(outcome).toEqual({ resourceKeys: ['ec2-instance:i-1'], candidates: 2, resolved: 2 });
    expect(resolver.queried[0]).toEqual(
      expect.arrayContaining(['arn:aws:ec2:us-east-1:111122223333:instance/i-1', 'i-1'])
    );
    expect(resolver.resolved[0]?.findings.map((finding) => finding.Id).sort()).toEqual(['cve-1', 'gd-1']);
    expect(resolver.resolved[0]?.note).toMatch(
      /^Resource deleted: TerminateInstances by arn:aws:iam::111122223333:user\/alice at 2024-06-01T12:00:00Z/
    );
    expect(pipeline.store.tombstones.get('ec2-instance:i-1')?.deletedAtMs).toBe(
      Date.parse('2024-06-01T12:00:00Z')
    );
  });

  it('does nothing for a call that deletes nothing it knows', async () => {
    // Prepare
    const pipeline = createPipeline();
    const resolver = new RecordingResolver();

    // Act
    const outcome = await resolveDeletedResources(record('ec2.amazonaws.com', 'StopInstances', {}), {
      store: pipeline.store,
      resolver,
      product: PRODUCT,
    });

    // Assess
    expect(outcome.resourceKeys).toEqual([]);
    expect(resolver.queried).toEqual([]);
  });
});
