// First: lets tsx (CommonJS, ./scripts/start.sh) load middy 7, which only has an `import` export condition.
import '@vigil/lambda-kit/register-esm-only';
import { type AwsSecurityFinding, GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { LambdaLike, LocalCloud } from '@vigil/local-cloud';
import { type AwsClients, createAwsClients } from './adapters/aws-clients';
import { createRuntime } from './adapters/create-runtime';
import { parseConfig } from './config';
import { createIngestFindingsMain } from './handlers/ingest-findings';
import { createMatchCorrelationsMain } from './handlers/match-correlations';
import { createResolveDeletedResourcesMain } from './handlers/resolve-deleted-resources';
import { seedScenarios, twiceOutOfOrder } from './samples/seed-scenarios';

type Scenario = {
  name: string;
  run(
    cloud: LocalCloud,
    log: (line: string) => void,
    functions?: Record<string, LambdaLike>
  ): Promise<{ ok: boolean; summary: string }>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers the three functions (their real middy handlers) under their deployed names. */
async function registerFunctions(
  cloud: LocalCloud,
  functions: Record<string, LambdaLike>,
  clients: AwsClients
): Promise<void> {
  const queueUrl = async (name: string) =>
    (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: `vigil-${cloud.stage}-correlator-${name}` })))
      .QueueUrl;
  const runtime = (quarantineUrl: string | undefined) => () =>
    createRuntime(
      parseConfig({
        STAGE: cloud.stage,
        FINDINGS_TABLE_NAME: `vigil-${cloud.stage}-findings`,
        EVENT_BUS_NAME: `vigil-${cloud.stage}`,
        ALERT_TOPIC_ARN: `arn:aws:sns:${cloud.region}:${cloud.accountId}:vigil-${cloud.stage}-alerts`,
        QUARANTINE_QUEUE_URL: quarantineUrl,
        ACCOUNT_ID: cloud.accountId,
        AWS_REGION: cloud.region,
        ENRICHMENT: 'none',
      }),
      clients
    );
  const name = (fn: string) => `vigil-correlator-${cloud.stage}-${fn}`;
  functions[name('ingestFindings')] = createIngestFindingsMain(
    runtime(await queueUrl('ingest-dlq'))
  ) as LambdaLike;
  functions[name('matchCorrelations')] = createMatchCorrelationsMain(
    runtime(await queueUrl('match-dlq'))
  ) as LambdaLike;
  functions[name('resolveDeletedResources')] = createResolveDeletedResourcesMain(
    runtime(await queueUrl('resolve-dlq'))
  ) as LambdaLike;
}

async function correlatedFindings(clients: AwsClients): Promise<AwsSecurityFinding[]> {
  const { Findings } = await clients.securityHub.send(
    new GetFindingsCommand({
      Filters: { GeneratorId: [{ Value: 'vigil-correlator/', Comparison: 'PREFIX' }] },
      MaxResults: 100,
    })
  );
  return Findings ?? [];
}

/**
 * The seed's three correlations, end to end on the local cloud: their findings go to the default bus as
 * Security Hub and GuardDuty would put them (every event twice, out of order), through the ingest queue, the
 * findings table and its stream, the matcher, into the Security Hub recorder, which must end with exactly one
 * CRITICAL finding per correlation.
 */
export const scenarios: Scenario[] = [
  {
    name: 'the seed correlations become one CRITICAL Security Hub finding each',
    async run(cloud, log, functions) {
      if (functions === undefined)
        return { ok: false, summary: 'the start script did not pass a function registry' };
      const clients = createAwsClients();
      try {
        await cloud.createResources('guardduty-correlator');
        await registerFunctions(cloud, functions, clients);
        const seeds = seedScenarios();
        for (const seed of seeds)
          log(`feeding ${seed.description} (${seed.events.length} events, each twice, out of order)`);
        for (const event of twiceOutOfOrder(seeds.flatMap((seed) => seed.events))) {
          await cloud.router.putEvents([
            {
              Source: event.source,
              DetailType: event.detailType,
              Detail: JSON.stringify(event.detail),
              EventBusName: 'default',
            },
          ]);
        }
        const deadline = Date.now() + 60_000;
        let findings = await correlatedFindings(clients);
        while (findings.length < seeds.length && Date.now() < deadline) {
          await sleep(500);
          findings = await correlatedFindings(clients);
        }
        // Let redeliveries land: a duplicate would show up now.
        await sleep(3_000);
        findings = await correlatedFindings(clients);
        for (const finding of findings) {
          log(`${finding.Severity?.Label} ${finding.Title}`);
          log(
            `  ${finding.Resources?.[0]?.Type} ${finding.Resources?.[0]?.Id}; ${finding.RelatedFindings?.length} related findings; Id ${finding.Id}`
          );
        }
        const perRule = seeds.map(
          (seed) =>
            findings.filter((finding) => finding.ProductFields?.['vigil/ruleId'] === seed.ruleId).length
        );
        const ok =
          findings.length === seeds.length &&
          perRule.every((count) => count === 1) &&
          findings.every((finding) => finding.Severity?.Label === 'CRITICAL');
        return {
          ok,
          summary: `${findings.length} CRITICAL correlated finding(s) for ${seeds.length} seed correlations (${perRule.join('/')} per rule)`,
        };
      } finally {
        for (const client of Object.values(clients)) client.destroy();
      }
    },
  },
];
