import path from 'node:path';
import { loadJson } from '@vigil/lambda-kit/testing';
import { buildBackfillMessage } from '../../../src/core/backfill/backfill-message';
import { extractLogObjects } from '../../../src/core/triggers/extract-log-objects';
import type { IngestMetrics } from '../../../src/core/triggers/ingest-metrics';
import {
  type IngestTriggerMessageDeps,
  ingestTriggerMessage,
  type ParkedMessage,
} from '../../../src/core/triggers/ingest-trigger-message';
import type { LogObjectRef } from '../../../src/core/triggers/log-object-ref';
import { PermanentCloudTrailParserError } from '../../../src/errors';

const BUCKET = 'org-trail-logs';
const KEY =
  'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/07/31/111122223333_CloudTrail_eu-west-1_20240731T1305Z_a b.json.gz';
const events = path.resolve(__dirname, '../../events');

function backfillBody(alertTopicArn?: string): Record<string, unknown> {
  const message = buildBackfillMessage(
    { key: KEY, size: 1024, etag: '"0cc175b9c0f1b6a831c399e269772661"' },
    { bucket: BUCKET, region: 'eu-west-1', now: new Date('2024-08-01T00:00:00Z'), alertTopicArn }
  );
  return JSON.parse(message.body) as Record<string, unknown>;
}

/** The backfill body with one of its three markers left: the body field, or the configuration id. */
function withMarkers(markers: { body: boolean; configurationId: boolean }): Record<string, unknown> {
  const body = backfillBody();
  if (!markers.body) delete body.vigilOrigin;
  const records = body.Records as { s3: { configurationId: string } }[];
  for (const record of records) if (!markers.configurationId) record.s3.configurationId = 'trail-to-queue';
  return body;
}

const quietMetrics: IngestMetrics = {
  count: () => undefined,
  alerts: () => undefined,
  recordsPerSecond: () => undefined,
};

describe('extractLogObjects on backfill messages', () => {
  it('marks the objects of a vigil backfill message, decoding the key as for S3', () => {
    // Act
    const result = extractLogObjects(backfillBody('arn:aws:sns:eu-west-1:111122223333:vigil-dev-backfill'));

    // Assess
    expect(result.objects).toEqual([
      expect.objectContaining({ bucket: BUCKET, key: KEY, kind: 'log', isBackfill: true }),
    ]);
  });

  it.each([
    ['the body field', { body: true, configurationId: false }, undefined],
    ['the configuration id', { body: false, configurationId: true }, undefined],
    [
      'the SQS message attribute',
      { body: false, configurationId: false },
      { vigilOrigin: { stringValue: 'backfill' } },
    ],
  ])('recognises the marker in %s alone', (_where, markers, attributes) => {
    // Act
    const result = extractLogObjects(withMarkers(markers), attributes);

    // Assess
    expect(result.objects.map((ref) => ref.isBackfill)).toEqual([true]);
  });

  it('leaves S3 notifications, other attributes and CloudTrail notices unmarked', () => {
    // Prepare
    const live = loadJson(path.join(events, 's3/cloudtrail-objects-created.json'));

    // Act
    const refs = [
      ...extractLogObjects(live, { vigilOrigin: { stringValue: 'live' } }).objects,
      ...extractLogObjects(withMarkers({ body: false, configurationId: false })).objects,
      ...extractLogObjects({ s3Bucket: BUCKET, s3ObjectKey: [KEY] }).objects,
    ];

    // Assess
    expect(refs.length).toBeGreaterThan(2);
    expect(refs.filter((ref) => ref.isBackfill !== undefined)).toEqual([]);
  });

  it('reads the marker inside an SNS notification and on a CloudTrail notice', () => {
    // Prepare
    const wrapped = { Type: 'Notification', MessageId: 'm-1', Message: JSON.stringify(backfillBody()) };
    const notice = { s3Bucket: BUCKET, s3ObjectKey: [KEY], vigilOrigin: 'backfill' };

    // Act
    const refs = [...extractLogObjects(wrapped).objects, ...extractLogObjects(notice).objects];

    // Assess
    expect(refs.map((ref) => [ref.key, ref.isBackfill])).toEqual([
      [KEY, true],
      [KEY, true],
    ]);
  });
});

describe('ingestTriggerMessage on backfill messages', () => {
  function depsFailingWith(
    error: Error
  ): IngestTriggerMessageDeps & { seen: LogObjectRef[]; parked: ParkedMessage[] } {
    const seen: LogObjectRef[] = [];
    const parked: ParkedMessage[] = [];
    return {
      seen,
      parked,
      processObject: async (ref) => {
        seen.push(ref);
        throw error;
      },
      park: async (message) => {
        parked.push(message);
      },
      metrics: quietMetrics,
    };
  }

  it('hands the SQS attribute marker to the object and keeps it on the parked notice', async () => {
    // Prepare
    const deps = depsFailingWith(
      new PermanentCloudTrailParserError('bad records', { code: 'LOG_PARSE_ERRORS' })
    );
    const body = withMarkers({ body: false, configurationId: false });

    // Act
    const result = await ingestTriggerMessage(
      body,
      {
        messageId: 'm-1',
        rawBody: JSON.stringify(body),
        attributes: { vigilOrigin: { stringValue: 'backfill' } },
      },
      deps
    );
    const redriven = extractLogObjects(JSON.parse(deps.parked[0]?.body ?? '{}'));

    // Assess
    expect(result).toEqual({ processed: 0, digests: 0, parked: 1 });
    expect(deps.seen.map((ref) => ref.isBackfill)).toEqual([true]);
    expect(JSON.parse(deps.parked[0]?.body ?? '{}')).toEqual({
      s3Bucket: BUCKET,
      s3ObjectKey: [KEY],
      vigilOrigin: 'backfill',
    });
    expect(redriven.objects.map((ref) => ref.isBackfill)).toEqual([true]);
  });

  it('parks a live object without the marker', async () => {
    // Prepare
    const deps = depsFailingWith(
      new PermanentCloudTrailParserError('bad records', { code: 'LOG_PARSE_ERRORS' })
    );
    const body = withMarkers({ body: false, configurationId: false });

    // Act
    await ingestTriggerMessage(body, { messageId: 'm-2', rawBody: JSON.stringify(body) }, deps);

    // Assess
    expect(JSON.parse(deps.parked[0]?.body ?? '{}')).toEqual({ s3Bucket: BUCKET, s3ObjectKey: [KEY] });
  });
});
