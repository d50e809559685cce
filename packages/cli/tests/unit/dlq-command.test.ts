import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { registerDlqCommands } from '../../src/commands/dlq-command';
import { runCli } from '../../src/run-cli';
import { bufferIo } from '../helpers/buffer-io';

const sqsMock = mockClient(SQSClient);
const BASE = 'http://127.0.0.1:4566/000000000000';
const ENDPOINT = ['--endpoint-url', 'http://127.0.0.1:4566'];

/** Queues as fauxqs/SQS would describe them: name → [depth, redrive target name]. */
function givenQueues(
  queues: Record<string, [number, string?]>,
  tags: Record<string, Record<string, string>> = {}
) {
  sqsMock.on(ListQueuesCommand).resolves({ QueueUrls: Object.keys(queues).map((name) => `${BASE}/${name}`) });
  for (const [name, [depth, target]] of Object.entries(queues)) {
    sqsMock.on(GetQueueAttributesCommand, { QueueUrl: `${BASE}/${name}` }).resolves({
      Attributes: {
        QueueArn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
        ApproximateNumberOfMessages: String(depth),
        ApproximateNumberOfMessagesNotVisible: '0',
        ...(target === undefined
          ? {}
          : {
              RedrivePolicy: JSON.stringify({
                deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${target}`,
                maxReceiveCount: 5,
              }),
            }),
      },
    });
    sqsMock.on(GetQueueUrlCommand, { QueueName: name }).resolves({ QueueUrl: `${BASE}/${name}` });
    sqsMock.on(ListQueueTagsCommand, { QueueUrl: `${BASE}/${name}` }).resolves({ Tags: tags[name] ?? {} });
  }
}

async function vigil(...argv: string[]) {
  const io = bufferIo();
  const code = await runCli(argv, io, { registrars: [registerDlqCommands] });
  return { code, out: io.out(), err: io.err() };
}

afterEach(() => {
  sqsMock.reset();
});

describe('vigil dlq list', () => {
  it("lists the stage's DLQs by name and by tags, with depth and source queues", async () => {
    // Prepare
    givenQueues(
      {
        'vigil-dev-jobs': [0, 'vigil-dev-jobs-dlq'],
        'vigil-dev-jobs-dlq': [3],
        'vigil-jobs-dev-tick-failures': [1],
        'vigil-custom-parked-dlq': [2],
        'vigil-prod-jobs-dlq': [9],
        'vigil-dev-cloudtrail-log-files': [0],
      },
      { 'vigil-custom-parked-dlq': { 'created-by': 'vigil', 'vigil-stage': 'dev' } }
    );

    // Act
    const { code, out } = await vigil('dlq', 'list', '--format', 'jsonl', ...ENDPOINT);

    // Assess
    expect(code).toBe(0);
    expect(
      out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    ).toEqual([
      {
        name: 'vigil-custom-parked-dlq',
        url: `${BASE}/vigil-custom-parked-dlq`,
        depth: 2,
        inFlight: 0,
        sources: [],
      },
      {
        name: 'vigil-dev-jobs-dlq',
        url: `${BASE}/vigil-dev-jobs-dlq`,
        depth: 3,
        inFlight: 0,
        sources: ['vigil-dev-jobs'],
      },
      {
        name: 'vigil-jobs-dev-tick-failures',
        url: `${BASE}/vigil-jobs-dev-tick-failures`,
        depth: 1,
        inFlight: 0,
        sources: [],
      },
    ]);
  });

  it('prints a table on a terminal', async () => {
    // Prepare
    givenQueues({ 'vigil-dev-jobs': [0, 'vigil-dev-jobs-dlq'], 'vigil-dev-jobs-dlq': [3] });
    const io = bufferIo(true);

    // Act
    const code = await runCli(['dlq', 'list', ...ENDPOINT], io, { registrars: [registerDlqCommands] });

    // Assess
    expect(code).toBe(0);
    expect(io.out()).toBe(
      'DLQ                 DEPTH  IN FLIGHT  REDRIVES FROM\nvigil-dev-jobs-dlq  3      0          vigil-dev-jobs\n'
    );
  });
});

describe('vigil dlq replay', () => {
  it('says what would move on --dry-run and receives nothing', async () => {
    // Prepare
    givenQueues({ 'vigil-dev-jobs': [0, 'vigil-dev-jobs-dlq'], 'vigil-dev-jobs-dlq': [3] });

    // Act
    const { code, out } = await vigil('dlq', 'replay', 'jobs-dlq', '--dry-run', '--max', '2', ...ENDPOINT);

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      dryRun: true,
      dlq: 'vigil-dev-jobs-dlq',
      destination: 'vigil-dev-jobs',
      method: 'copy',
      messages: 2,
    });
    expect(sqsMock).not.toHaveReceivedCommand(ReceiveMessageCommand);
  });

  it('asks for --to when no queue redrives into the DLQ', async () => {
    // Prepare
    givenQueues({ 'vigil-jobs-dev-tick-failures': [1] });

    // Act
    const { code, err } = await vigil('dlq', 'replay', 'vigil-jobs-dev-tick-failures', ...ENDPOINT);

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('vigil: vigil-jobs-dev-tick-failures: no queue redrives into it');
    expect(err).toContain('--to <queue>');
  });

  it('reports an unknown queue on one line', async () => {
    // Prepare
    givenQueues({});
    sqsMock
      .on(GetQueueUrlCommand)
      .rejects(
        Object.assign(new Error('The specified queue does not exist.'), { name: 'QueueDoesNotExist' })
      );

    // Act
    const { code, err } = await vigil('dlq', 'replay', 'nope-dlq', ...ENDPOINT);

    // Assess
    expect(code).toBe(2);
    expect(err.split('\n').filter(Boolean).at(-1)).toBe('vigil: vigil-dev-nope-dlq: no such queue');
  });

  it('rejects a --max that is not a positive integer', async () => {
    // Act
    const { code, err } = await vigil('dlq', 'replay', 'jobs-dlq', '--max', '0', ...ENDPOINT);

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('expected a positive integer');
  });
});
