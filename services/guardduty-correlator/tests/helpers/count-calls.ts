import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Counts every command a client sends (a client middleware), so tests and the benchmark see real SDK traffic. */
export function countCalls(
  client: Pick<DynamoDBClient, 'middlewareStack'>,
  calls: Map<string, number>
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'vigilCountCalls' }
  );
}
