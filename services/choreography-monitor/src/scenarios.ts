// Built-in scenarios for ./scripts/start.sh: one happy order, one order failed by an unexpected event and
// one stuck parcel, each shown as the path it took (from the execution history, as `vigil choreography status`).
// The events go to the stage bus; the rules, queues, the four functions (under serverless-offline) and the
// compiled state machines on the local Step Functions facade do the rest.
import path from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { LocalCloud } from '@vigil/local-cloud';
import { loadChoreographies } from './adapters/choreography-files';
import { executionName } from './core/execution-name';
import { buildExecutionPath } from './core/execution-path';
import { formatExecutionPath } from './core/format-execution-path';
import { deployLocalChoreographies } from './local/deploy-local-choreographies';

type Scenario = {
  name: string;
  run(cloud: LocalCloud, log: (line: string) => void): Promise<{ ok: boolean; summary: string }>;
};

const SERVICE_DIR = path.resolve(__dirname, '..');
const DIRS = [
  path.join(SERVICE_DIR, 'choreographies'),
  path.join(SERVICE_DIR, 'scenarios/choreographies'),
].join(path.delimiter);
const models = loadChoreographies(DIRS);

/** The functions read the scenarios' choreographies (the parcel one lives beside the scenarios) too. */
export const functionEnvironment = { CHOREOGRAPHIES_DIR: DIRS };

/**
 * Deploys what the serverless plugin adds to the stack at package time: each choreography's state machine
 * (the compiled ASL) and its start and forward rules.
 */
export async function prepare(cloud: LocalCloud): Promise<string> {
  const arns = await deployLocalChoreographies(cloud, models, cloud.stage);
  return `state machines: ${arns.map((arn) => arn.replace(/^.*:stateMachine:/, '')).join(', ')}`;
}

async function publish(
  cloud: LocalCloud,
  detailType: string,
  source: string,
  detail: Record<string, unknown>
) {
  await cloud.router.putEvents([
    {
      Source: source,
      DetailType: detailType,
      Detail: JSON.stringify(detail),
      EventBusName: `vigil-${cloud.stage}`,
    },
  ]);
}

function clientFor(cloud: LocalCloud): SFNClient {
  return new SFNClient({
    endpoint: cloud.endpoints.stepfunctions,
    region: cloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Waits until the execution has taken `transitions` events or ended; returns its status and printed path. */
async function follow(
  cloud: LocalCloud,
  choreography: string,
  correlationId: string,
  until: (status: string, transitions: number) => boolean
) {
  const sfn = clientFor(cloud);
  const executionArn = `arn:aws:states:${cloud.region}:${cloud.accountId}:execution:vigil-${cloud.stage}-choreography-${choreography}:${executionName(correlationId)}`;
  const model = models.find((candidate) => candidate.name === choreography);
  if (model === undefined) throw new Error(`no choreography ${choreography}`);
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn })).catch(() => undefined);
      const { events = [] } = execution
        ? await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))
        : { events: [] };
      const status = execution?.status ?? 'NOT STARTED';
      const transitions = events.filter((event) => event.type === 'TaskSucceeded').length;
      if (until(status, transitions) || Date.now() > deadline) {
        const executionPath = buildExecutionPath(model, correlationId, status, events);
        return { status, error: execution?.error, lines: formatExecutionPath(executionPath, new Date()) };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    sfn.destroy();
  }
}

/** Publishes each event once the previous one moved the workflow on. */
async function play(cloud: LocalCloud, choreography: string, id: string, events: [string, string][]) {
  for (const [index, [detailType, source]] of events.entries()) {
    await publish(cloud, detailType, source, { order_id: id });
    const ended = (status: string) => status !== 'RUNNING' && status !== 'NOT STARTED';
    await follow(
      cloud,
      choreography,
      id,
      (status, transitions) => ended(status) || (status === 'RUNNING' && transitions >= index)
    );
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'an order goes from Order Placed to Delivered',
    async run(cloud, log) {
      const id = `o-happy-${Date.now()}`;
      await play(cloud, 'order', id, [
        ['Order Placed', 'com.example.orders'],
        ['Payment Succeeded', 'com.example.payments'],
        ['Inventory Reserved', 'com.example.warehouse'],
        ['Order Dispatched', 'com.example.shipping'],
        ['Order Packaged', 'com.example.warehouse'],
        ['Order Delivered', 'com.example.shipping'],
      ]);
      const result = await follow(cloud, 'order', id, (status) => status !== 'RUNNING');
      for (const line of result.lines) log(line);
      return { ok: result.status === 'SUCCEEDED', summary: `${id}: ${result.status}` };
    },
  },
  {
    name: 'an unexpected event fails an order',
    async run(cloud, log) {
      const id = `o-unexpected-${Date.now()}`;
      await play(cloud, 'order', id, [
        ['Order Placed', 'com.example.orders'],
        ['Payment Succeeded', 'com.example.payments'],
        // A second payment outcome while the warehouse is reserving: nothing ahead accepts it.
        ['Payment Failed', 'com.example.payments'],
      ]);
      const result = await follow(cloud, 'order', id, (status) => status !== 'RUNNING');
      for (const line of result.lines) log(line);
      return {
        ok: result.status === 'FAILED' && result.error === 'Vigil.UnexpectedEvent',
        summary: `${id}: ${result.status} (${result.error ?? 'no error'})`,
      };
    },
  },
  {
    name: 'a parcel nobody picks up is reported stuck',
    async run(cloud, log) {
      const id = `p-stuck-${Date.now()}`;
      await publish(cloud, 'Parcel Registered', 'com.example.parcels', { parcel_id: id });
      const result = await follow(
        cloud,
        'parcel',
        id,
        (status) => status !== 'RUNNING' && status !== 'NOT STARTED'
      );
      for (const line of result.lines) log(line);
      return {
        ok: result.status === 'FAILED' && result.error === 'Vigil.WorkflowStuck',
        summary: `${id}: ${result.status} (${result.error ?? 'no error'}, Vigil Workflow Stuck emitted)`,
      };
    },
  },
];
