// Event → transition, read from the executions' own histories: a start event's transition is its
// ExecutionStarted; any other event's is the TaskSucceeded whose output is that event (the callback the
// waiting state accepted) — whichever path delivered it (forwarder, or inbox drain after an early arrival).
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** Event id → when it was sent (epoch ms, sub-millisecond) and its workflow. */
export type SentEvents = Map<string, { sentAt: number; workflowId: string }>;

export type AuditResult = {
  /** Event → transition, ms, one per event that made a transition. */
  latencies: number[];
  startLatencies: number[];
  forwardLatencies: number[];
  /** Sent events that no execution took. */
  lost: number;
  /** Workflows whose execution did not succeed. */
  incomplete: number;
  /** Transitions taken a second time for the same event. */
  duplicated: number;
};

function eventIdOf(text: string | undefined, key: 'lastEvent' | 'self'): string | undefined {
  if (text === undefined) return undefined;
  const parsed = JSON.parse(text) as { id?: unknown; lastEvent?: { id?: unknown } };
  const id = key === 'lastEvent' ? parsed.lastEvent?.id : parsed.id;
  return typeof id === 'string' ? id : undefined;
}

async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken })
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

/** Reads every execution's history (25 at a time) and matches transitions to the events sent. */
export async function auditTransitions(
  sfn: SFNClient,
  executionArnOf: (workflowId: string) => string,
  workflowIds: string[],
  sent: SentEvents
): Promise<AuditResult> {
  const result: AuditResult = {
    latencies: [],
    startLatencies: [],
    forwardLatencies: [],
    lost: 0,
    incomplete: 0,
    duplicated: 0,
  };
  const taken = new Set<string>();
  const take = (id: string | undefined, at: Date | undefined, isStart: boolean) => {
    const event = id === undefined ? undefined : sent.get(id);
    if (id === undefined || event === undefined || at === undefined) return;
    if (taken.has(id)) {
      result.duplicated += 1;
      return;
    }
    taken.add(id);
    const latency = Math.max(0, at.getTime() - event.sentAt);
    result.latencies.push(latency);
    (isStart ? result.startLatencies : result.forwardLatencies).push(latency);
  };
  for (let index = 0; index < workflowIds.length; index += 25) {
    await Promise.all(
      workflowIds.slice(index, index + 25).map(async (workflowId) => {
        const history = await historyOf(sfn, executionArnOf(workflowId)).catch(() => []);
        for (const event of history) {
          if (event.type === 'ExecutionStarted')
            take(eventIdOf(event.executionStartedEventDetails?.input, 'lastEvent'), event.timestamp, true);
          if (event.type === 'TaskSucceeded')
            take(eventIdOf(event.taskSucceededEventDetails?.output, 'self'), event.timestamp, false);
        }
        if (!history.some((event) => event.type === 'ExecutionSucceeded')) result.incomplete += 1;
      })
    );
  }
  const audited = new Set(workflowIds);
  for (const [id, event] of sent) if (!taken.has(id) && audited.has(event.workflowId)) result.lost += 1;
  return result;
}
