// The seed solution's design, for comparison in the same run: per event, the first finding's first resource is
// stored (unconditionally), then — as its stream-triggered Lambda does — the table is scanned for that
// resource's findings and the rules evaluated; nothing records a correlation, so each match is an import.
// Imports are counted, not sent (Security Hub's 10 requests/s would dominate the timing).
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { AsffFinding } from '@vigil/event-schema';
import type { AwsClients } from '../src/adapters/aws-clients';
import { evaluateRule } from '../src/core/evaluate-rule';
import { normaliseFinding } from '../src/core/normalise-finding';
import { kindOfKey } from '../src/core/resource-key';
import type { RuleSet } from '../src/core/rule-set';
import type { Planted } from './generate-findings';

const TABLE = 'bench-seed-baseline';

export async function runSeedBaseline(options: {
  clients: AwsClients;
  /** The rest of the estate, stored beforehand (not timed): the scans run over a table of the full size. */
  preload: AsffFinding[][];
  deliveries: AsffFinding[][];
  ruleSet: RuleSet;
  planted: Planted[];
}) {
  const { clients, ruleSet } = options;
  await createTable(clients.dynamodb);
  await preload(clients, options.preload);
  let reads = 0;
  let scanned = 0;
  let writes = 0;
  const imports = new Map<string, number>();
  const started = performance.now();
  let findings = 0;
  for (const event of options.deliveries) {
    findings += event.length;
    // The seed reads detail.findings[0] and its Resources[0] only.
    const item = itemOf(event);
    if (item === undefined) continue;
    const key = String(item.pk);
    await clients.documentClient.send(new PutCommand({ TableName: TABLE, Item: item }));
    writes += 1;
    // The stream-triggered Lambda: a Scan of the whole table filtered on the resource.
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await clients.documentClient.send(
        new ScanCommand({
          TableName: TABLE,
          FilterExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': key },
          ExclusiveStartKey: startKey,
        })
      );
      reads += 1;
      scanned += page.ScannedCount ?? 0;
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    const kind = kindOfKey(key);
    for (const rule of kind === undefined ? [] : ruleSet.rulesFor(kind)) {
      const candidates = items.map((item) => {
        const finding = JSON.parse(String(item.finding)) as AsffFinding;
        return {
          sortKey: String(item.sk),
          firstSeenMs: Number(item.firstSeenMs),
          lastSeenMs: Number(item.lastSeenMs),
          signals: ruleSet.signalsOf(finding).get(rule.id) ?? new Set<string>(),
        };
      });
      if (evaluateRule(rule, candidates)) {
        const correlation = `${rule.id}|${key}`;
        imports.set(correlation, (imports.get(correlation) ?? 0) + 1);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const planted = new Set(options.planted.map((entry) => `${entry.ruleId}|${entry.resourceKey}`));
  const totalImports = [...imports.values()].reduce((sum, count) => sum + count, 0);
  return {
    findings,
    seconds: Number(seconds.toFixed(2)),
    findingsPerSecond: Number((findings / seconds).toFixed(1)),
    dynamodbReads: reads,
    dynamodbWrites: writes,
    readsPerFinding: Number((reads / findings).toFixed(3)),
    itemsScannedPerFinding: Math.round(scanned / findings),
    writesPerFinding: Number((writes / findings).toFixed(3)),
    planted: planted.size,
    imports: totalImports,
    distinctCorrelations: imports.size,
    duplicates: totalImports - imports.size,
    missing: [...planted].filter((key) => !imports.has(key)).length,
  };
}

function itemOf(event: AsffFinding[]): Record<string, unknown> | undefined {
  const [first] = event;
  if (first === undefined) return undefined;
  const normalised = normaliseFinding(first);
  const resource = normalised.resources[0];
  if (resource === undefined) return undefined;
  return {
    pk: resource.key,
    sk: normalised.sortKey,
    finding: JSON.stringify(first),
    firstSeenMs: normalised.firstSeenMs,
    lastSeenMs: normalised.lastSeenMs,
  };
}

async function preload(clients: AwsClients, events: AsffFinding[][]): Promise<void> {
  const items = events.map(itemOf).filter((item): item is Record<string, unknown> => item !== undefined);
  for (let index = 0; index < items.length; index += 25) {
    const RequestItems = {
      [TABLE]: items.slice(index, index + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    let pending: typeof RequestItems | undefined = RequestItems;
    while (pending !== undefined && Object.keys(pending).length > 0) {
      const result = await clients.documentClient.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = result.UnprocessedItems as typeof RequestItems | undefined;
    }
  }
}

async function createTable(dynamodb: DynamoDBClient): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    })
  );
}
