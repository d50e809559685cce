import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { QueueInfo } from '../../src/commands/dlq-queues';
import { chooseReplayMethod, replayDeadLetters, toSendEntry } from '../../src/commands/dlq-replay';

const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'us-east-1' });

function queue(name: string): QueueInfo {
  return {
    name,
    url: `http://sqs.local/000000000000/${name}`,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    depth: 3,
    inFlight: 0,
    deadLetterTargetArn: undefined,
  };
}

const dlq = queue('vigil-dev-jobs-dlq');
const source = queue('vigil-dev-jobs');

function message(id: string) {
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: `{"job":"${id}"}`,
    MessageAttributes: { reason: { DataType: 'String', StringValue: 'timeout' } },
    Attributes: { AWSTraceHeader: 'Root=1-abc', ApproximateReceiveCount: '1' },
  };
}

afterEach(() => {
  sqsMock.reset();
});

describe('replayDeadLetters', () => {
  it('sends each message with its attributes, then deletes only what was sent', async () => {
    // Prepare
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message('a'), message('b')] })
      .resolves({ Messages: [] });
    sqsMock.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: 'x', MD5OfMessageBody: '' }],
      Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false, Message: 'try later' }],
    });
    sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [{ Id: '0' }], Failed: [] });

    // Act
    const result = await replayDeadLetters(sqs, { dlq, destination: source, method: 'copy' });

    // Assess
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageBatchCommand, {
      QueueUrl: source.url,
      Entries: [
        {
          Id: '0',
          MessageBody: '{"job":"a"}',
          MessageAttributes: { reason: { DataType: 'String', StringValue: 'timeout' } },
          MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } },
        },
        expect.objectContaining({ Id: '1', MessageBody: '{"job":"b"}' }),
      ],
    });
    expect(sqsMock).toHaveReceivedCommandWith(DeleteMessageBatchCommand, {
      QueueUrl: dlq.url,
      Entries: [{ Id: '0', ReceiptHandle: 'rh-a' }],
    });
    expect(result).toEqual({
      method: 'copy',
      moved: 1,
      failed: [{ messageId: 'b', reason: 'InternalError: try later' }],
      notDeleted: 0,
    });
  });

  it('stops after --max messages', async () => {
    // Prepare
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [message('a'), message('b')] });
    sqsMock.on(SendMessageBatchCommand).resolves({
      Successful: [
        { Id: '0', MessageId: 'x', MD5OfMessageBody: '' },
        { Id: '1', MessageId: 'y', MD5OfMessageBody: '' },
      ],
    });
    sqsMock.on(DeleteMessageBatchCommand).resolves({});

    // Act
    const result = await replayDeadLetters(sqs, { dlq, destination: source, method: 'copy', max: 2 });

    // Assess
    expect(result.moved).toBe(2);
    expect(sqsMock).toHaveReceivedCommandTimes(ReceiveMessageCommand, 1);
    expect(sqsMock).toHaveReceivedCommandWith(ReceiveMessageCommand, {
      MaxNumberOfMessages: 2,
      MessageAttributeNames: ['All'],
    });
  });

  it('deletes nothing and stops when every send fails', async () => {
    // Prepare
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [message('a')] });
    sqsMock.on(SendMessageBatchCommand).resolves({
      Failed: [{ Id: '0', Code: 'AccessDenied', SenderFault: true, Message: 'no' }],
    });

    // Act
    const result = await replayDeadLetters(sqs, { dlq, destination: source, method: 'copy' });

    // Assess
    expect(sqsMock).not.toHaveReceivedCommand(DeleteMessageBatchCommand);
    expect(sqsMock).toHaveReceivedCommandTimes(ReceiveMessageCommand, 1);
    expect(result.failed).toEqual([{ messageId: 'a', reason: 'AccessDenied: no' }]);
  });

  it('starts an SQS move task from the DLQ to the source queue', async () => {
    // Prepare
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });

    // Act
    const result = await replayDeadLetters(sqs, { dlq, destination: source, method: 'move-task' });

    // Assess
    expect(sqsMock).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, {
      SourceArn: dlq.arn,
      DestinationArn: source.arn,
    });
    expect(sqsMock).not.toHaveReceivedCommand(ReceiveMessageCommand);
    expect(result).toMatchObject({ method: 'move-task', taskHandle: 'task-1' });
  });
});

describe('toSendEntry', () => {
  it('keeps the FIFO group and deduplication ids', () => {
    // Act
    const entry = toSendEntry({ MessageId: 'm', Body: 'b', Attributes: { MessageGroupId: 'g1' } }, '0', true);

    // Assess
    expect(entry).toEqual({ Id: '0', MessageBody: 'b', MessageGroupId: 'g1', MessageDeduplicationId: 'm' });
  });
});

describe('chooseReplayMethod', () => {
  it.each([
    [{ isLocal: false, isRedriveSource: true, max: undefined }, 'move-task'],
    [{ isLocal: true, isRedriveSource: true, max: undefined }, 'copy'],
    [{ isLocal: false, isRedriveSource: true, max: 5 }, 'copy'],
    [{ isLocal: false, isRedriveSource: false, max: undefined }, 'copy'],
  ])('chooses for %j: %s', (input, expected) => {
    // Act
    const method = chooseReplayMethod({ dlq, destination: source, ...input });

    // Assess
    expect(method).toBe(expected);
  });
});
