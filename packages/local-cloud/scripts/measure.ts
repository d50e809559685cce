// Measures local-cloud start-up time and resident memory (this process + DynamoDB Local's JVM +
// fauxqs' Node), idle and after creating the fixture service's resources and some traffic.
// Run: cd packages/local-cloud && pnpm exec tsx scripts/measure.ts [runs]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startLocalCloud } from '../src/index';

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function memory(pids: number[]): { totalMb: number; parts: Record<string, number> } {
  const parts: Record<string, number> = { self: Math.round(process.memoryUsage().rss / 1024 / 1024) };
  for (const pid of pids) parts[`pid ${pid}`] = Math.round(rssKb(pid) / 1024);
  return { totalMb: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const bare: number[] = [];
  const withService: number[] = [];
  let idle = { totalMb: 0, parts: {} as Record<string, number> };
  let busy = idle;
  for (let run = 0; run < runs; run += 1) {
    let began = performance.now();
    const cloud = await startLocalCloud();
    bare.push(performance.now() - began);
    idle = memory(cloud.pids);
    await cloud.stop();

    began = performance.now();
    const loaded = await startLocalCloud({ services: [join(__dirname, '../tests/fixtures/service')] });
    withService.push(performance.now() - began);
    const dynamodb = new DynamoDBClient({
      endpoint: loaded.endpoints.dynamodb,
      region: loaded.region,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    for (let i = 0; i < 500; i += 1) {
      const item = { pk: { S: `p#${i % 20}` }, sk: { S: `s#${i}` }, itemId: { S: `i-${i}` } };
      await dynamodb.send(new PutItemCommand({ TableName: 'fixture-dev-items', Item: item }));
    }
    dynamodb.destroy();
    busy = memory(loaded.pids);
    await loaded.stop();
  }
  const round = (ms: number) => Math.round(ms);
  process.stdout.write(
    `start-up (bare)          median ${round(median(bare))} ms  runs ${bare.map(round).join(', ')}\n`
  );
  process.stdout.write(
    `start-up (+fixture svc)  median ${round(median(withService))} ms  runs ${withService.map(round).join(', ')}\n`
  );
  process.stdout.write(`RSS idle                 ${idle.totalMb} MB  ${JSON.stringify(idle.parts)}\n`);
  process.stdout.write(`RSS after 500 puts       ${busy.totalMb} MB  ${JSON.stringify(busy.parts)}\n`);
  process.stdout.write(
    `${JSON.stringify({ startupMsMedian: round(median(bare)), startupWithServiceMsMedian: round(median(withService)), rssIdleMb: idle.totalMb, rssBusyMb: busy.totalMb })}\n`
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
