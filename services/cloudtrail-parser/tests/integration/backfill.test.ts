import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import { type BackfillClients, backfillCommand, parserQueueName } from '../../src/backfill-command';
import type { CommandContext } from '../../src/core/scan/command-context';

const BUCKET = 'vigil-backfill-trail';
const A = '111122223333';
const B = '444455556666';
const C = '777788889999';
const REGIONS = ['us-east-1', 'eu-west-1'];
const DAYS = ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05'];
const PER_DAY = 10;

function keyOf(account: string, region: string, day: string, index: number): string {
  const org = account === C ? 'o-abcdefghij/' : '';
  const stamp = `${day.replaceAll('-', '')}T${String(index).padStart(2, '0')}05Z`;
  return `trail/AWSLogs/${org}${account}/CloudTrail/${region}/${day.replaceAll('-', '/')}/${account}_CloudTrail_${region}_${stamp}_${`k${index}`.padEnd(16, '0')}.json.gz`;
}

function captureContext(): CommandContext & { out: string[]; err: string[]; exitCode: number } {
  const out: string[] = [];
  const err: string[] = [];
  const context = {
    out,
    err,
    exitCode: 0,
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      isTTY: false,
    },
    setExitCode: (code: number) => {
      context.exitCode = Math.max(context.exitCode, code);
    },
  };
  return context;
}

describe('vigil backfill on local-cloud', () => {
  let cloud: LocalCloud;
  let s3: S3Client;
  let sqs: SQSClient;
  let queueUrl: string;
  let workDir: string;
  const all: string[] = [];

  beforeAll(async () => {
    cloud = await startLocalCloud();
    const config = { region: cloud.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    s3 = new S3Client({ ...config, endpoint: cloud.endpoints.s3, forcePathStyle: true });
    sqs = new SQSClient({ ...config, endpoint: cloud.endpoints.sqs });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: parserQueueName('it') }))).QueueUrl ?? '';
    for (const account of [A, B, C])
      for (const region of REGIONS)
        for (const day of DAYS) for (let i = 0; i < PER_DAY; i++) all.push(keyOf(account, region, day, i));
    // Noise the backfill must leave alone: digests and another prefix.
    all.push(
      keyOf(A, 'us-east-1', '2024-05-02', 0)
        .replace('/CloudTrail/', '/CloudTrail-Digest/')
        .replace('_CloudTrail_', '_CloudTrail-Digest_')
    );
    all.push(keyOf(A, 'us-east-1', '2024-05-02', 0).replace('trail/', 'other/'));
    const body = gzipSync('{"Records":[]}');
    for (let index = 0; index < all.length; index += 25) {
      await Promise.all(
        all
          .slice(index, index + 25)
          .map((Key) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: body })))
      );
    }
    workDir = mkdtempSync(path.join(tmpdir(), 'vigil-backfill-it-'));
  });

  afterAll(async () => {
    s3?.destroy();
    sqs?.destroy();
    await cloud?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  async function drainQueue(): Promise<{
    keys: string[];
    bodies: unknown[];
    origins: (string | undefined)[];
  }> {
    const keys: string[] = [];
    const bodies: unknown[] = [];
    const origins: (string | undefined)[] = [];
    for (let empty = 0; empty < 2; ) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
        })
      );
      if (Messages.length === 0) {
        empty++;
        continue;
      }
      for (const message of Messages) {
        const body = JSON.parse(message.Body ?? '{}') as { Records: { s3: { object: { key: string } } }[] };
        bodies.push(body);
        origins.push(message.MessageAttributes?.vigilOrigin?.StringValue);
        for (const record of body.Records)
          keys.push(decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')));
      }
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle ?? '',
          })),
        })
      );
    }
    return { keys, bodies, origins };
  }

  function clients(extra: Partial<BackfillClients> = {}): BackfillClients {
    return { s3, sqs, ...extra };
  }

  const expected = () =>
    all
      .filter((key) => key.startsWith('trail/') && !key.includes('Digest'))
      .filter((key) => key.includes(`/${A}/`) || key.includes(`/${C}/`))
      .filter((key) => key.includes('/us-east-1/'))
      .filter((key) => ['2024/05/02', '2024/05/03', '2024/05/04'].some((day) => key.includes(day)))
      .sort();
  const options = (checkpoint: string) => ({
    stage: 'it',
    since: '2024-05-02',
    until: '2024-05-04',
    accounts: [`${A},${C}`],
    regions: ['us-east-1'],
    checkpoint: path.join(workDir, checkpoint),
  });

  it('prints the dry-run plan without sending anything', async () => {
    // Prepare
    const context = captureContext();

    // Act
    await backfillCommand(
      `s3://${BUCKET}/trail`,
      { ...options('dry.json'), dryRun: true, json: true },
      context,
      clients()
    );

    // Assess
    const estimate = JSON.parse(context.out.join('')) as {
      objects: number;
      bytes: number;
      estimatedRecords: number;
      lambda: { usd: number };
    };
    expect(estimate.objects).toBe(expected().length);
    expect(estimate.bytes).toBe(expected().length * gzipSync('{"Records":[]}').length);
    expect(estimate.lambda.usd).toBeGreaterThan(0);
    expect((await drainQueue()).keys).toEqual([]);
  });

  it('enqueues exactly the objects in range, once each, as S3 notifications marked backfill', async () => {
    // Prepare
    const context = captureContext();

    // Act
    const result = await backfillCommand(
      `s3://${BUCKET}/trail`,
      { ...options('full.json'), rate: '1000/s' },
      context,
      clients()
    );
    const { keys, origins, bodies } = await drainQueue();

    // Assess
    expect(context.exitCode).toBe(0);
    expect(result).toMatchObject({ objects: expected().length, isInterrupted: false });
    expect(keys.length).toBe(expected().length);
    expect([...keys].sort()).toEqual(expected());
    expect(new Set(origins)).toEqual(new Set(['backfill']));
    expect(bodies[0]).toMatchObject({
      vigilOrigin: 'backfill',
      Records: [{ eventName: 'ObjectCreated:Put', eventSource: 'aws:s3' }],
    });
    expect(context.err.join('')).toContain(`backfill done: ${expected().length} objects`);
  });

  it('resumes after an interruption without enqueueing anything twice', async () => {
    // Prepare
    const controller = new AbortController();
    const stopAfter30 = () => ({
      update: (done: number) => {
        if (done >= 30) controller.abort();
      },
      stop: () => undefined,
    });
    const first = captureContext();

    // Act
    const interrupted = await backfillCommand(
      `s3://${BUCKET}/trail`,
      options('resume.json'),
      first,
      clients({ signal: controller.signal, progressBar: stopAfter30 })
    );
    const firstKeys = (await drainQueue()).keys;
    const second = captureContext();
    const resumed = await backfillCommand(`s3://${BUCKET}/trail`, options('resume.json'), second, clients());
    const secondKeys = (await drainQueue()).keys;
    const again = await backfillCommand(
      `s3://${BUCKET}/trail`,
      options('resume.json'),
      captureContext(),
      clients()
    );

    // Assess
    expect(interrupted).toMatchObject({ isInterrupted: true, objects: 30 });
    expect(first.exitCode).toBe(130);
    expect(firstKeys).toHaveLength(30);
    expect(resumed?.objects).toBe(expected().length - 30);
    expect([...firstKeys, ...secondKeys].sort()).toEqual(expected());
    expect(again?.objects).toBe(0);
    expect((await drainQueue()).keys).toEqual([]);
    const checkpoint = JSON.parse(readFileSync(path.join(workDir, 'resume.json'), 'utf8')) as {
      enqueued: { objects: number };
    };
    expect(checkpoint.enqueued.objects).toBe(expected().length);
  });

  it('reports a stage whose queue does not exist, and exits 2', async () => {
    // Prepare
    const context = captureContext();

    // Act
    await backfillCommand(
      `s3://${BUCKET}/trail`,
      { ...options('none.json'), stage: 'nope' },
      context,
      clients()
    );

    // Assess
    expect(context.exitCode).toBe(2);
    expect(context.err.join('')).toContain(
      'vigil: backfill: --stage: no queue vigil-nope-cloudtrail-log-files'
    );
  });
});
