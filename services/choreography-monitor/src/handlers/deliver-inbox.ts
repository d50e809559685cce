import { DynamoDbStreamEventSchema } from '@vigil/event-schema';
import { lambda } from '@vigil/lambda-kit';
import { createRuntime } from '../adapters/create-runtime';
import { parseConfig } from '../config';
import { drainTokenChanges, type TokenChange } from '../core/drain-token-changes';

const runtime = createRuntime(parseConfig(process.env));

/** Tokens table stream (fresh tokens only, by filter) → deliver the events kept for the new waiting state. */
export const main = lambda({ schema: DynamoDbStreamEventSchema }).handler((event) => {
  const changes: TokenChange[] = event.Records.flatMap((record) => {
    const change = record.dynamodb;
    const pk = change.NewImage?.pk;
    const choreography = change.NewImage?.choreography;
    if (typeof pk !== 'string' || typeof choreography !== 'string' || !('SequenceNumber' in change))
      return [];
    return [{ sequenceNumber: change.SequenceNumber, pk, choreography }];
  });
  return drainTokenChanges(changes, runtime);
});
