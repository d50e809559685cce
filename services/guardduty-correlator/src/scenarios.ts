// First: lets tsx (CommonJS, ./scripts/start.sh) load middy 7, which only has an `import` export condition.
import '@vigil/lambda-kit/register-esm-only';
import { type AwsSecurityFinding, GetFindingsCommand } from '@aws-sdk/client-securityhub';
import type { LocalCloud } from '@vigil/local-cloud';
import { type AwsClients, createAwsClients } from './adapters/aws-clients';
import { seedScenarios, twiceOutOfOrder } from './samples/seed-scenarios';

type Scenario = {
  name: string;
  run(cloud: LocalCloud, log: (line: string) => void): Promise<{ ok: boolean; summary: string }>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
 * Security Hub and GuardDuty would put them (every event twice, out of order), through the ingest queue
 * (ingestFindings), the findings table and its stream (matchCorrelations) — both under serverless-offline —
 * into the Security Hub recorder, which must end with exactly one CRITICAL finding per correlation.
 */
export const scenarios: Scenario[] = [
  {
    name: 'the seed correlations become one CRITICAL Security Hub finding each',
    async run(cloud, log) {
      const clients = createAwsClients();
      try {
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
