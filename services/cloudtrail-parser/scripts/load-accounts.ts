// Loads account metadata (alias, OU, tags) into the `vigil-<stage>-accounts` table from a JSON file:
//   pnpm exec tsx scripts/load-accounts.ts accounts.json --table vigil-dev-accounts
// The file holds `[{ "accountId": "111122223333", "alias": "prod", "ou": "ou-prod", "tags": {...} }, ...]`.
// Every entry is validated before anything is written; local-cloud is used when AWS_ENDPOINT_URL_DYNAMODB is set.
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { formatValidationError } from '@vigil/event-schema';
import { createAwsClient } from '@vigil/lambda-kit';
import { z } from 'zod';
import { AccountInfoSchema } from '../src/core/enrichment/account-directory';

const BATCH = 25;

export async function loadAccounts(
  file: string,
  tableName: string,
  client: DynamoDBDocumentClient
): Promise<number> {
  const parsed = z.array(AccountInfoSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${formatValidationError(parsed.error)}`);
  for (let start = 0; start < parsed.data.length; start += BATCH) {
    let requests = parsed.data
      .slice(start, start + BATCH)
      .map((account) => ({ PutRequest: { Item: account } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === 5) throw new Error(`${requests.length} accounts not written after 5 attempts`);
      const response = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (response.UnprocessedItems?.[tableName] ?? []).flatMap((request) => {
        const item = AccountInfoSchema.safeParse(request.PutRequest?.Item);
        return item.success ? [{ PutRequest: { Item: item.data } }] : [];
      });
    }
  }
  return parsed.data.length;
}

async function main(argv: string[]): Promise<void> {
  const [file] = argv;
  const tableIndex = argv.indexOf('--table');
  const table = tableIndex >= 0 ? argv[tableIndex + 1] : `vigil-${process.env.STAGE ?? 'dev'}-accounts`;
  if (file === undefined || table === undefined) {
    process.stderr.write('usage: load-accounts <accounts.json> [--table <name>]\n');
    process.exitCode = 2;
    return;
  }
  const client = DynamoDBDocumentClient.from(createAwsClient(DynamoDBClient));
  const count = await loadAccounts(file, table, client);
  process.stdout.write(`loaded ${count} accounts into ${table}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`load-accounts: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
