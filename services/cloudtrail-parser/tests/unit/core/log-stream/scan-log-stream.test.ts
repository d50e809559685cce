import { gzipSync } from 'node:zlib';
import { createDetectionEngine } from '../../../../src/core/detection-engine';
import { scanLogStream } from '../../../../src/core/log-stream/scan-log-stream';
import type { Rule } from '../../../../src/core/rule';
import { LogFormatError, LogTooLargeError } from '../../../../src/errors';
import { chunked, loadEvent, makeRule } from '../fixtures';

const rules = [
  makeRule({ id: 'stop', pattern: { eventName: ['StopLogging'] } }),
  makeRule({ id: 'root', pattern: { userIdentity: { type: ['Root'] } } }),
];
const names = [
  'assume-role',
  's3-get-object',
  'stop-logging',
  'console-login-root',
  'describe-instances',
  'put-role-policy-escaped',
];
const records = names.map(loadEvent);

async function scan(
  text: string | Buffer,
  options: { chunkSize?: number; gzip?: boolean; max?: number } = {}
) {
  const matches: string[] = [];
  const hooked: unknown[] = [];
  const raw = typeof text === 'string' ? Buffer.from(text) : text;
  const bytes = options.gzip ? gzipSync(raw) : raw;
  const stats = await scanLogStream(chunked(bytes, options.chunkSize ?? 65536), {
    engine: createDetectionEngine(rules),
    gzip: 'auto',
    maxUncompressedBytes: options.max ?? 1e9,
    onMatch: (rule: Rule, record) => {
      matches.push(`${rule.id}:${String(record.eventID)}`);
    },
    onRecord: (record) => {
      hooked.push(record.eventName);
    },
  });
  return { stats, matches, hooked };
}

const expected = ['stop:11111111-1111-4111-8111-111111111111', 'root:44444444-4444-4444-8444-444444444444'];

describe('scanLogStream', () => {
  it('reads {"Records":[...]} gzipped, in any chunking, and skips records no rule can match', async () => {
    // Prepare
    const text = JSON.stringify({ Records: records });

    // Act
    const results = [
      await scan(text, { gzip: true }),
      await scan(text, { chunkSize: 1 }),
      await scan(text, { chunkSize: 7 }),
    ];

    // Assess
    for (const { stats, matches, hooked } of results) {
      expect(matches).toEqual(expected);
      expect(hooked).toEqual(['AssumeRole']);
      expect(stats.records).toBe(records.length);
      expect(stats.parsedRecords).toBeLessThan(records.length);
      expect(stats.invalidRecords).toBe(0);
    }
  });

  it('reads a pretty-printed bare array and JSON lines', async () => {
    // Act
    const array = await scan(JSON.stringify(records, null, 2), { chunkSize: 100 });
    const lines = await scan(`${records.map((record) => JSON.stringify(record)).join('\n')}\n`, {
      chunkSize: 50,
    });

    // Assess
    expect(array.matches).toEqual(expected);
    expect(lines.matches).toEqual(expected);
    expect(lines.stats.records).toBe(records.length);
  });

  it('finds a match hidden behind JSON escapes', async () => {
    // Prepare: "StopLogging" written with a unicode escape never appears verbatim in the raw text
    const text = JSON.stringify({ Records: [loadEvent('stop-logging')] }).replace(
      '"StopLogging"',
      '"\\u0053topLogging"'
    );

    // Act
    const { matches } = await scan(text);

    // Assess
    expect(matches).toEqual([expected[0]]);
  });

  it('counts invalid and non-CloudTrail records with their reasons and keeps scanning', async () => {
    // Prepare
    const text = [
      JSON.stringify(records[2]),
      '{"eventVersion": "1.09", "eventTime": broken}',
      'not json at all',
      JSON.stringify({ hello: 'world' }),
      JSON.stringify(records[3]),
    ].join('\n');

    // Act
    const { stats, matches } = await scan(text, { chunkSize: 9 });

    // Assess
    expect(matches).toEqual(expected);
    expect(stats.invalidRecords).toBe(3);
    expect(stats.invalidReasons.map((entry) => entry.reason).sort()).toEqual(
      ['not a CloudTrail record (no eventVersion)', 'not valid JSON', 'not valid JSON']
        .filter((reason, index, all) => all.indexOf(reason) === index)
        .sort()
    );
    expect(stats.invalidReasons.find((entry) => entry.reason === 'not valid JSON')?.count).toBe(2);
  });

  it('reports non-object array elements and a truncated file', async () => {
    // Act
    const { stats } = await scan(`{"Records":[1, "x", ${JSON.stringify(records[0])}, {"eventVersion":"1.0"`);

    // Assess
    expect(stats.records).toBe(1);
    expect(stats.invalidReasons.map((entry) => [entry.reason, entry.count])).toEqual([
      ['not a JSON object', 2],
      ['truncated: the input ends inside a record', 1],
    ]);
  });

  it('parses and reports records that lack CloudTrail keys even when no rule could match them', async () => {
    // Act
    const { stats } = await scan(JSON.stringify({ Records: [{ hello: 'world' }, records[1]] }));

    // Assess
    expect(stats.records).toBe(1);
    expect(stats.invalidReasons).toEqual([
      { reason: 'not a CloudTrail record (no eventVersion)', count: 1, firstOffset: 12 },
    ]);
  });

  it('recognises a digest file', async () => {
    // Prepare
    const digest = {
      awsAccountId: '123456789012',
      digestStartTime: 'a',
      digestEndTime: 'b',
      digestSignatureAlgorithm: 'SHA256withRSA',
      logFiles: [],
    };

    // Act
    const { stats } = await scan(JSON.stringify(digest, null, 2), { gzip: true });

    // Assess
    expect(stats.isDigest).toBe(true);
    expect(stats.records).toBe(0);
  });

  it('throws LogTooLargeError past the uncompressed cap', async () => {
    // Prepare
    const text = JSON.stringify({ Records: Array.from({ length: 200 }, () => records[1]) });

    // Act & Assess
    await expect(scan(text, { gzip: true, max: 10_000 })).rejects.toBeInstanceOf(LogTooLargeError);
  });

  it('throws LogFormatError for a corrupt gzip stream', async () => {
    // Prepare
    const bytes = gzipSync(Buffer.from(JSON.stringify({ Records: records })));
    bytes.fill(0x41, 20, 60);

    // Act & Assess
    await expect(scan(bytes)).rejects.toBeInstanceOf(LogFormatError);
  });
});
