import { VigilAlertSchema } from '@vigil/event-schema';
import { alertIdOf, basicActor, buildAlert, resourcesOf } from '../../../src/core/build-alert';
import { loadEvent, makeRule } from './fixtures';

const origin = {
  kind: 's3' as const,
  bucket: 'trail-bucket',
  key: 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/01/x.json.gz',
};

describe('buildAlert', () => {
  it('builds a schema-valid alert with a deterministic id, event summary, actor and resources', () => {
    // Prepare
    const record = loadEvent('stop-logging');

    // Act
    const alert = buildAlert(makeRule({ id: 'cloudtrail-stopped' }), record, { origin });

    // Assess
    expect(VigilAlertSchema.parse(alert)).toEqual(alert);
    expect(alert.id).toBe(alertIdOf('cloudtrail-stopped', '11111111-1111-4111-8111-111111111111'));
    expect(alert.id).toMatch(/^[0-9a-f]{32}$/);
    expect(alert.event).toMatchObject({
      eventName: 'StopLogging',
      eventSource: 'cloudtrail.amazonaws.com',
      readOnly: false,
    });
    expect(alert.actor).toMatchObject({
      type: 'AssumedRole',
      sessionName: 'alice-session',
      userName: 'AdminRole',
      chain: [],
    });
    expect(alert.resources).toEqual([
      {
        arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail',
        type: 'AWS::CloudTrail::Trail',
        accountId: '123456789012',
      },
    ]);
    expect(alert.mitre[0]).toEqual({
      tactic: 'defense-evasion',
      techniqueId: 'T1562.008',
      name: 'Impair Defenses: Disable or Modify Cloud Logs',
    });
  });

  it('gives the same id for the same rule and event, different ids otherwise', () => {
    // Prepare
    const record = loadEvent('stop-logging');

    // Act
    const first = buildAlert(makeRule({ id: 'a' }), record, { origin });
    const again = buildAlert(makeRule({ id: 'a' }), structuredClone(record), {
      origin: { kind: 'realtime' },
    });
    const other = buildAlert(makeRule({ id: 'b' }), record, { origin });

    // Assess
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
  });

  it('uses a resolved actor and threshold figures when given', () => {
    // Prepare
    const actor = {
      type: 'AssumedRole',
      originalPrincipal: 'arn:aws:iam::123456789012:user/alice',
      chain: [],
    };

    // Act
    const alert = buildAlert(makeRule(), loadEvent('describe-instances'), {
      origin: { kind: 'scan', path: 'logs/x.json.gz' },
      actor,
      threshold: { count: 20, windowSeconds: 300, groupKey: '[["arn"]]' },
    });

    // Assess
    expect(alert.actor).toBe(actor);
    expect(alert.threshold).toEqual({ count: 20, windowSeconds: 300, groupKey: '[["arn"]]' });
    expect(VigilAlertSchema.safeParse(alert).success).toBe(true);
  });

  it('summarises an Insights record, which has no eventName or userIdentity', () => {
    // Act
    const alert = buildAlert(makeRule(), loadEvent('insight'), { origin });

    // Assess
    expect(VigilAlertSchema.safeParse(alert).success).toBe(true);
    expect(alert.event).toMatchObject({
      eventName: 'RunInstances',
      eventSource: 'ec2.amazonaws.com',
      eventType: 'AwsCloudTrailInsight',
    });
    expect(alert.actor.type).toBe('Unknown');
  });
});

describe('resourcesOf', () => {
  it('reads resources[] and turns request parameter names into ARNs', () => {
    // Act
    const resources = resourcesOf(loadEvent('put-role-policy-escaped'));

    // Assess
    expect(resources).toEqual([{ arn: 'arn:aws:iam::123456789012:role/AdminRole' }]);
  });

  it('does not mistake a non-CloudTrail "name" for a trail', () => {
    // Act
    const resources = resourcesOf({
      eventSource: 'ssm.amazonaws.com',
      requestParameters: { name: '/app/db-password' },
    });

    // Assess
    expect(resources).toEqual([]);
  });
});

describe('basicActor', () => {
  it('treats an IAM user as its own original principal', () => {
    // Act
    const actor = basicActor(loadEvent('s3-get-object'));

    // Assess
    expect(actor).toMatchObject({
      type: 'IAMUser',
      userName: 'alice',
      originalPrincipal: 'arn:aws:iam::123456789012:user/alice',
    });
  });
});
