// The baseline: the forwarder of the AWS post, as it is — look the token up by correlation id and call
// SendTaskSuccess. No consistent read, no claim, no inbox, no duplicate check. Same tables, same state
// machines, same queue and poller as Vigil's, so the difference is the cost of getting it right.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { readCorrelationId, WorkflowEventSchema } from '@vigil/event-schema';
import { toCallbackEvent } from '../src/core/callback-event';
import type { ChoreographyModel } from '../src/core/choreography-model';

export type NaiveForwarder = {
  handle(event: {
    Records: { messageId: string; body: string }[];
  }): Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  reads: number;
};

export function createNaiveForwarder(options: {
  model: ChoreographyModel;
  table: string;
  endpoints: { dynamodb: string; stepfunctions: string };
  region: string;
}): NaiveForwarder {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamodb = new DynamoDBClient({
    endpoint: options.endpoints.dynamodb,
    region: options.region,
    credentials,
  });
  const sfn = new SFNClient({
    endpoint: options.endpoints.stepfunctions,
    region: options.region,
    credentials,
  });
  const forwarder: NaiveForwarder = {
    reads: 0,
    async handle(event) {
      const failures: { itemIdentifier: string }[] = [];
      await Promise.all(
        event.Records.map(async (record) => {
          try {
            const parsed = WorkflowEventSchema.parse(JSON.parse(record.body));
            const correlationId = readCorrelationId(parsed, options.model.correlationIdPath);
            forwarder.reads += 1;
            const { Item } = await dynamodb.send(
              new GetItemCommand({
                TableName: options.table,
                Key: { pk: { S: `${options.model.name}#${correlationId}` }, sk: { S: 'TOKEN' } },
              })
            );
            const token = Item?.token?.S;
            if (token === undefined) throw new Error('no token yet');
            await sfn.send(
              new SendTaskSuccessCommand({
                taskToken: token,
                output: JSON.stringify(toCallbackEvent(parsed)),
              })
            );
          } catch {
            failures.push({ itemIdentifier: record.messageId });
          }
        })
      );
      return { batchItemFailures: failures };
    },
  };
  return forwarder;
}
