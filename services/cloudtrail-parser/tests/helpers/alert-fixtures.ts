import type { VigilAlert } from '@vigil/event-schema';
import { buildAlert } from '../../src/core/build-alert';
import type { Rule } from '../../src/core/rule';

/** A built-in-like rule that matches CloudTrail StopLogging. */
export function stopLoggingRule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'test-cloudtrail-stop-logging',
    title: 'CloudTrail logging stopped',
    severity: 'HIGH',
    mitre: [
      {
        tactic: 'defense-evasion',
        techniqueId: 'T1562.008',
        technique: 'Impair Defenses: Disable or Modify Cloud Logs',
      },
    ],
    description: 'A trail stopped logging.',
    runbook: 'Restart the trail and find out who stopped it.',
    pattern: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['StopLogging'] },
    tests: [],
    origin: 'custom',
    ...overrides,
  };
}

export function stopLoggingRecord(eventID = 'c6f1a3f0-0000-4000-8000-000000000001'): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    eventID,
    eventTime: '2024-07-31T13:00:00Z',
    eventType: 'AwsApiCall',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'eu-west-1',
    recipientAccountId: '111122223333',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/Admin/mallory',
      accountId: '111122223333',
      accessKeyId: 'ASIAMALLORY',
    },
    requestParameters: { name: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail' },
    responseElements: null,
  };
}

export function sampleAlert(overrides: Partial<VigilAlert> = {}): VigilAlert {
  return {
    ...buildAlert(stopLoggingRule(), stopLoggingRecord(), {
      origin: { kind: 's3', bucket: 'org-trail-logs', key: 'AWSLogs/111122223333/CloudTrail/x.json.gz' },
    }),
    ...overrides,
  };
}
