import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from '@vigil/local-cloud';
import { registerDlqCommands } from '../../src/commands/dlq-command';
import { runCli } from '../../src/run-cli';
import { bufferIo } from '../helpers/buffer-io';

// A real SQS (fauxqs, through local-cloud): a source queue that redrives into its DLQ, with messages
// parked in the DLQ the way a failing consumer leaves them.
let cloud: LocalCloud;
let sqs: SQSClient;
let sourceUrl: string;
let dlqUrl: string;

async function vigil(...argv: string[]) {
  const io = bufferIo();
  const code = await runCli([...argv, '--endpoint-url', cloud.endpoints.sqs], io, {
    registrars: [registerDlqCommands],
  });
  return { code, out: io.out(), err: io.err() };
}

async function depth(url: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] })
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? -1);
}

beforeAll(async () => {
  cloud = await startLocalCloud({ services: [] });
  const env = cloud.env();
  sqs = new SQSClient({
    region: cloud.region,
    endpoint: cloud.endpoints.sqs,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'test',
    },
  });
  dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'vigil-dev-orders-dlq' }))).QueueUrl ?? '';
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] })
  );
  sourceUrl =
    (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'vigil-dev-orders',
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 3 }),
          },
        })
      )
    ).QueueUrl ?? '';
  for (const id of ['1', '2', '3']) {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: dlqUrl,
        MessageBody: JSON.stringify({ order: id }),
        MessageAttributes: { reason: { DataType: 'String', StringValue: `bad order ${id}` } },
      })
    );
  }
}, 90_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('vigil dlq against fauxqs', () => {
  it('lists the DLQ with its depth and source queue', async () => {
    // Act
    const { code, out } = await vigil('dlq', 'list', '--format', 'jsonl');

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      name: 'vigil-dev-orders-dlq',
      depth: 3,
      sources: ['vigil-dev-orders'],
    });
  });

  it('replays --max messages to the source queue with their attributes, then the rest', async () => {
    // Act
    const first = await vigil('dlq', 'replay', 'orders-dlq', '--max', '2');

    // Assess
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ method: 'copy', moved: 2, failed: 0, notDeleted: 0 });
    expect(await depth(dlqUrl)).toBe(1);
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: sourceUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      })
    );
    expect(Messages).toHaveLength(2);
    for (const message of Messages) {
      const { order } = JSON.parse(message.Body ?? '{}');
      expect(message.MessageAttributes?.reason?.StringValue).toBe(`bad order ${order}`);
    }

    // Act
    const rest = await vigil('dlq', 'replay', 'vigil-dev-orders-dlq');

    // Assess
    expect(JSON.parse(rest.out)).toMatchObject({ moved: 1 });
    expect(await depth(dlqUrl)).toBe(0);
  });
});
