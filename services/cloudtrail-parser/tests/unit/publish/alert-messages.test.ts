import { VIGIL_ALERT, VigilAlertSchema } from '@vigil/event-schema';
import {
  buildAlertEventEntry,
  entrySize,
  MAX_ENTRY_BYTES,
} from '../../../src/core/publish/alert-event-entry';
import {
  buildAlertSnsMessage,
  buildSubject,
  truncateUtf8,
} from '../../../src/core/publish/alert-sns-message';
import { PermanentCloudTrailParserError } from '../../../src/errors';
import { sampleAlert } from '../../helpers/alert-fixtures';

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:vigil-dev-alerts';

describe('buildAlertSnsMessage', () => {
  it('writes a readable body with who, what, where, when and the runbook', () => {
    // Prepare
    const alert = sampleAlert({
      actor: {
        ...sampleAlert().actor,
        accountAlias: 'prod',
        originalPrincipal: 'arn:aws:iam::111122223333:user/alice',
        chain: [
          { arn: 'arn:aws:iam::111122223333:user/alice' },
          { arn: 'arn:aws:sts::111122223333:assumed-role/Admin/mallory' },
        ],
      },
    });

    // Act
    const message = buildAlertSnsMessage(alert, TOPIC);

    // Assess
    expect(message.TopicArn).toBe(TOPIC);
    expect(message.Subject).toBe('[HIGH] CloudTrail logging stopped (prod)');
    const lines = message.Message.split('\n');
    expect(lines[0]).toBe('CloudTrail logging stopped');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Severity: HIGH',
        'Rule:     test-cloudtrail-stop-logging (T1562.008 Impair Defenses: Disable or Modify Cloud Logs)',
        'Who:      arn:aws:sts::111122223333:assumed-role/Admin/mallory (AssumedRole), acting for arn:aws:iam::111122223333:user/alice',
        'Via:      arn:aws:iam::111122223333:user/alice -> arn:aws:sts::111122223333:assumed-role/Admin/mallory',
        'What:     cloudtrail.amazonaws.com StopLogging',
        'Where:    account 111122223333 (prod), region eu-west-1, from 198.51.100.7',
        'When:     2024-07-31T13:00:00Z',
        'Runbook: Restart the trail and find out who stopped it.',
      ])
    );
    expect(message.Message).toContain('s3://org-trail-logs/AWSLogs/111122223333/CloudTrail/x.json.gz');
  });

  it('sets the severity, ruleId and origin message attributes for filter policies', () => {
    // Act
    const message = buildAlertSnsMessage(sampleAlert(), TOPIC);

    // Assess
    expect(message.MessageAttributes).toEqual({
      severity: { DataType: 'String', StringValue: 'HIGH' },
      ruleId: { DataType: 'String', StringValue: 'test-cloudtrail-stop-logging' },
      origin: { DataType: 'String', StringValue: 'live' },
    });
  });

  it('tells backfilled alerts apart in the origin attribute and the body', () => {
    // Act
    const backfilled = buildAlertSnsMessage(sampleAlert({ backfill: true }), TOPIC);
    const live = buildAlertSnsMessage(sampleAlert({ backfill: false }), TOPIC);

    // Assess
    expect(backfilled.MessageAttributes.origin.StringValue).toBe('backfill');
    expect(backfilled.Message).toMatch(/ · s3:\/\/org-trail-logs\/\S+ \(backfill\)$/);
    expect(live.MessageAttributes.origin.StringValue).toBe('live');
    expect(live.Message).not.toContain('(backfill)');
  });

  it('keeps subjects ASCII and under 100 characters', () => {
    // Prepare
    const alert = sampleAlert({ title: `Ünïcödé — ${'very long title '.repeat(12)}\nsecond line` });

    // Act
    const subject = buildSubject(alert);

    // Assess
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject.endsWith('...')).toBe(true);
  });

  it('truncates on a character boundary', () => {
    // Act
    const cut = truncateUtf8('é'.repeat(100), 50);

    // Assess
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(50);
    expect(cut).not.toContain('\uFFFD');
    expect(cut.endsWith('[truncated]')).toBe(true);
  });
});

describe('buildAlertEventEntry', () => {
  it('puts the alert as a Vigil Alert detail on the bus', () => {
    // Prepare
    const alert = sampleAlert();

    // Act
    const entry = buildAlertEventEntry(alert, 'vigil-dev');

    // Assess
    expect(entry).toMatchObject({
      Source: 'vigil.cloudtrail',
      DetailType: 'Vigil Alert',
      EventBusName: 'vigil-dev',
    });
    expect(entry.Source).toBe(VIGIL_ALERT.source);
    expect(VigilAlertSchema.parse(JSON.parse(entry.Detail))).toEqual(alert);
  });

  it('drops the resource list of an oversized alert and refuses one that still does not fit', () => {
    // Prepare
    const manyResources = Array.from({ length: 3000 }, (_, i) => ({
      arn: `arn:aws:s3:::bucket-${i}-${'x'.repeat(80)}`,
    }));
    const huge = sampleAlert({ resources: manyResources });
    const hopeless = sampleAlert({ description: 'x'.repeat(MAX_ENTRY_BYTES) });

    // Act
    const trimmed = buildAlertEventEntry(huge, 'vigil-dev');

    // Assess
    expect(entrySize(trimmed)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
    expect(JSON.parse(trimmed.Detail).resources).toHaveLength(10);
    expect(() => buildAlertEventEntry(hopeless, 'vigil-dev')).toThrow(PermanentCloudTrailParserError);
  });
});
