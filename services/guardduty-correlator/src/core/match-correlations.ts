import type { AsffFinding } from '@vigil/event-schema';
import { SCHEMA_VERSION } from '@vigil/event-schema';
import { CorrelationConflictError } from '../errors';
import { buildCorrelatedFinding, type ProductScope } from './build-correlated-finding';
import type { CorrelationRecord } from './correlation-record';
import { evaluateRule } from './evaluate-rule';
import { resourceOfKey } from './key-resource';
import { type CorrelationPlan, planCorrelation } from './plan-correlation';
import type {
  AccountDirectory,
  CorrelationPublisher,
  CorrelatorMetrics,
  FindingSink,
  FindingStore,
  StoredFinding,
} from './ports';
import { idOfKey, kindOfKey } from './resource-key';
import type { RuleSet } from './rule-set';

export type MatchDeps = {
  store: FindingStore;
  sink: FindingSink;
  publisher: CorrelationPublisher;
  accounts: AccountDirectory;
  ruleSet: RuleSet;
  product: ProductScope;
  now: () => number;
  metrics?: CorrelatorMetrics | undefined;
};

/** What happened on one resource. */
export type ResourceOutcome = {
  resourceKey: string;
  liveFindings: number;
  created: string[];
  updated: string[];
  resumed: string[];
  unchanged: string[];
  /** Set when this resource failed; the others of the batch still went through. */
  error?: unknown;
};

type Pending = { resourceKey: string; record: CorrelationRecord; finding: AsffFinding };

/**
 * The matcher: for each resource key (one query each), evaluates the rules over its live findings,
 * writes the correlation records conditionally (so a correlation is created once, and grows by version),
 * then imports every new or changed correlated finding in as few BatchImportFindings calls as possible,
 * publishes `Vigil Correlated Finding` for each and marks it imported. A failure on one resource fails
 * that resource only; an import failure fails the resources whose findings were in it (they are resumed,
 * not duplicated, on redelivery: same record, same finding `Id`).
 */
export async function matchCorrelations(
  resourceKeys: readonly string[],
  deps: MatchDeps
): Promise<ResourceOutcome[]> {
  const outcomes: ResourceOutcome[] = [];
  const pending: Pending[] = [];
  for (const resourceKey of new Set(resourceKeys)) {
    const outcome: ResourceOutcome = {
      resourceKey,
      liveFindings: 0,
      created: [],
      updated: [],
      resumed: [],
      unchanged: [],
    };
    outcomes.push(outcome);
    try {
      pending.push(...(await evaluateResource(resourceKey, outcome, deps)));
    } catch (error) {
      outcome.error = error;
    }
  }
  if (pending.length === 0) return outcomes;
  try {
    await deps.sink.importFindings(pending.map((item) => item.finding));
  } catch (error) {
    for (const item of pending) {
      const outcome = outcomes.find((candidate) => candidate.resourceKey === item.resourceKey);
      if (outcome) outcome.error ??= error;
    }
    return outcomes;
  }
  for (const item of pending) {
    const outcome = outcomes.find((candidate) => candidate.resourceKey === item.resourceKey);
    try {
      await deps.publisher.publish({
        schemaVersion: SCHEMA_VERSION,
        ruleId: item.record.ruleId,
        resourceKey: item.resourceKey,
        finding: item.finding,
        memberFindingIds: item.record.members.map((member) => member.findingId),
      });
      await deps.store.markImported(item.record);
    } catch (error) {
      if (outcome) outcome.error ??= error;
    }
  }
  return outcomes;
}

async function evaluateResource(
  resourceKey: string,
  outcome: ResourceOutcome,
  deps: MatchDeps
): Promise<Pending[]> {
  const kind = kindOfKey(resourceKey);
  const rules = kind === undefined ? [] : deps.ruleSet.rulesFor(kind);
  if (rules.length === 0) return [];
  const items = await deps.store.readResource(resourceKey);
  const deletedAt = items.tombstone?.deletedAtMs ?? Number.NEGATIVE_INFINITY;
  const live = items.findings.filter((finding) => finding.isLive && finding.lastSeenMs > deletedAt);
  outcome.liveFindings = live.length;
  const signals = new Map(live.map((finding) => [finding.sortKey, deps.ruleSet.signalsOf(finding.finding)]));
  const pending: Pending[] = [];
  for (const rule of rules) {
    const candidates = live.map((finding) => ({
      ...finding,
      signals: signals.get(finding.sortKey)?.get(rule.id) ?? new Set<string>(),
    }));
    const match = evaluateRule(rule, candidates);
    if (match === undefined) continue;
    const plan = planCorrelation(rule, resourceKey, match, items.correlations, deps.now());
    if (plan.action === 'none') {
      outcome.unchanged.push(plan.record.correlationId);
      continue;
    }
    await persist(plan, deps);
    const finding = buildFinding(plan.record, live, deps);
    pending.push({ resourceKey, record: plan.record, finding: await finding });
    const list =
      plan.action === 'create'
        ? outcome.created
        : plan.action === 'update'
          ? outcome.updated
          : outcome.resumed;
    list.push(plan.record.correlationId);
    deps.metrics?.count(
      plan.action === 'create'
        ? 'CorrelationCreated'
        : plan.action === 'update'
          ? 'CorrelationUpdated'
          : 'CorrelationResumed'
    );
  }
  return pending;
}

async function persist(plan: Exclude<CorrelationPlan, { action: 'none' }>, deps: MatchDeps): Promise<void> {
  const written =
    plan.action === 'create'
      ? await deps.store.createCorrelation(plan.record)
      : plan.action === 'update'
        ? await deps.store.updateCorrelation(plan.record, plan.expectedVersion)
        : true;
  if (!written) {
    throw new CorrelationConflictError(
      `correlation ${plan.record.correlationId} on ${plan.record.resourceKey} changed meanwhile; retrying re-reads it`
    );
  }
}

async function buildFinding(
  record: CorrelationRecord,
  live: readonly StoredFinding[],
  deps: MatchDeps
): Promise<AsffFinding> {
  const rule = deps.ruleSet.rules.find((candidate) => candidate.id === record.ruleId);
  if (rule === undefined) throw new Error(`rule ${record.ruleId} is not loaded`);
  const memberKeys = new Set(record.members.map((member) => member.sortKey));
  const members = live.filter((finding) => memberKeys.has(finding.sortKey));
  const resourceAccountId =
    accountOfKey(record.resourceKey) ??
    members[0]?.accountId ??
    record.members[0]?.accountId ??
    deps.product.accountId;
  const region =
    members.find((member) => member.resource.region)?.resource.region ??
    members[0]?.region ??
    deps.product.region;
  const scope = { accountId: resourceAccountId, region, partition: deps.product.partition };
  return buildCorrelatedFinding({
    rule,
    record,
    resource: resourceOfKey(
      record.resourceKey,
      scope,
      members.map((member) => member.resource)
    ),
    firstSeenMs: Math.min(record.windowStartMs, ...members.map((member) => member.firstSeenMs)),
    lastSeenMs: Math.max(record.windowEndMs, ...members.map((member) => member.lastSeenMs)),
    resourceAccountId,
    account: await deps.accounts.describe(resourceAccountId),
    product: deps.product,
    now: deps.now(),
  });
}

/** IAM and regional keys carry their account (`iam-role:<account>/<name>`). */
function accountOfKey(resourceKey: string): string | undefined {
  const first = idOfKey(resourceKey).split('/')[0] ?? '';
  return /^\d{12}$/.test(first) ? first : undefined;
}
