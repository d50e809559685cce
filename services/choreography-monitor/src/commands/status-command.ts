import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  paginateListStateMachines,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { loadChoreographies } from '../adapters/choreography-files';
import type { ChoreographyModel } from '../core/choreography-model';
import { executionName } from '../core/execution-name';
import { buildExecutionPath } from '../core/execution-path';
import { formatExecutionPath } from '../core/format-execution-path';
import { ChoreographyValidationError } from '../errors';
import { type CommandContext, reportProblem } from './command-context';

export type StatusOptions = {
  choreography?: string | undefined;
  stage?: string | undefined;
  region?: string | undefined;
  stateDir?: string | undefined;
  dir?: string | undefined;
  format?: 'text' | 'json' | undefined;
};

const LocalStateSchema = z.object({ env: z.record(z.string(), z.string()) });

/** The package's own choreographies folder (the CLI runs the sources). */
export const DEFAULT_CHOREOGRAPHIES_DIR = path.resolve(__dirname, '../../choreographies');

function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/** An SFN client for `--stage` (the AWS default chain) or for the local cloud `vigil local up` started. */
export function createStatusClient(options: StatusOptions): SFNClient {
  if (options.stage !== undefined)
    return new SFNClient(options.region === undefined ? {} : { region: options.region });
  const stateDir = options.stateDir ?? path.join(findRepoRoot(__dirname), '.vigil', 'local');
  const file = path.join(stateDir, 'local-cloud.json');
  if (!existsSync(file))
    throw new ChoreographyValidationError(file, [
      { path: '', reason: 'no local cloud is running (start one with `vigil local up`, or pass --stage)' },
    ]);
  const { env } = LocalStateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const endpoint = env.AWS_ENDPOINT_URL_SFN;
  if (endpoint === undefined)
    throw new ChoreographyValidationError(file, [{ path: 'env', reason: 'no AWS_ENDPOINT_URL_SFN' }]);
  return new SFNClient({
    endpoint,
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  });
}

async function findStateMachineArn(client: SFNClient, name: string): Promise<string | undefined> {
  for await (const page of paginateListStateMachines({ client }, {})) {
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found?.stateMachineArn !== undefined) return found.stateMachineArn;
  }
  return undefined;
}

async function readHistory(client: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: 1000,
        nextToken,
        includeExecutionData: true,
      })
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

/**
 * `vigil choreography status <correlation id>`: for each choreography (or the one given), finds the
 * execution named after the correlation id and prints the path it took so far with timings, from
 * GetExecutionHistory. Exit 2 when no choreography has such a workflow.
 */
export async function statusCommand(
  correlationId: string,
  options: StatusOptions,
  context: CommandContext,
  client: SFNClient
): Promise<void> {
  let models: ChoreographyModel[];
  try {
    models = loadChoreographies(options.dir ?? DEFAULT_CHOREOGRAPHIES_DIR).filter(
      (model) => options.choreography === undefined || model.name === options.choreography
    );
  } catch (error) {
    if (!(error instanceof ChoreographyValidationError)) throw error;
    reportProblem(context, error.file, error.message.slice(error.file.length + 2));
    return;
  }
  let found = 0;
  for (const model of models) {
    const machineArn = await findStateMachineArn(
      client,
      `vigil-${options.stage ?? 'dev'}-choreography-${model.name}`
    );
    if (machineArn === undefined) continue;
    const executionArn = `${machineArn.replace(':stateMachine:', ':execution:')}:${executionName(correlationId)}`;
    const description = await client
      .send(new DescribeExecutionCommand({ executionArn }))
      .catch((error: unknown) => {
        if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return undefined;
        throw error;
      });
    if (description === undefined) continue;
    found += 1;
    const executionPath = buildExecutionPath(
      model,
      correlationId,
      description.status ?? 'UNKNOWN',
      await readHistory(client, executionArn)
    );
    if (options.format === 'json')
      context.io.stdout.write(`${JSON.stringify({ ...executionPath, executionArn })}\n`);
    else context.io.stdout.write(`${formatExecutionPath(executionPath, new Date()).join('\n')}\n`);
  }
  if (found === 0)
    reportProblem(
      context,
      correlationId,
      `no workflow with this correlation id in ${models.map((model) => model.name).join(', ') || 'any choreography'}`
    );
}
