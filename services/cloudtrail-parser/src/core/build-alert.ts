import { createHash } from 'node:crypto';
import type { AlertActor, AlertOrigin, AlertResource, VigilAlert } from '@vigil/event-schema';
import type { Rule } from './rule';

const MAX_RESOURCES = 25;
const UNKNOWN = 'unknown';

/** What an alert needs besides the rule and the record. */
export interface BuildAlertContext {
  origin: AlertOrigin;
  /** The resolved actor (with the original principal chain); defaults to the record's own userIdentity. */
  actor?: AlertActor | undefined;
  threshold?: { count: number; windowSeconds: number; groupKey?: string | undefined } | undefined;
  backfill?: boolean | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** sha256 hex of the parts joined by newlines, first 32 characters. */
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

/** The record's event id; a record without one gets a stable id derived from its content. */
export function eventIdOf(record: Record<string, unknown>): string {
  return text(record.eventID) ?? `content-${digest(JSON.stringify(record))}`;
}

/** Deterministic alert id: the same rule on the same event gives the same id, wherever it ran. */
export function alertIdOf(ruleId: string, eventId: string): string {
  return digest(ruleId, eventId);
}

/** The actor as the record names it (no chain resolution): used when no principal index is at hand. */
export function basicActor(record: Record<string, unknown>): AlertActor {
  const identity = objectOf(record.userIdentity);
  const session = objectOf(identity.sessionContext);
  const actor: AlertActor = { type: text(identity.type) ?? 'Unknown', chain: [] };
  const fields: [keyof AlertActor, string | undefined][] = [
    ['arn', text(identity.arn)],
    ['accountId', text(identity.accountId)],
    ['principalId', text(identity.principalId)],
    ['userName', text(identity.userName) ?? text(objectOf(session.sessionIssuer).userName)],
    ['accessKeyId', text(identity.accessKeyId)],
    ['sourceIdentity', text(session.sourceIdentity)],
    ['sessionName', /:assumed-role\/[^/]+\/(.+)$/.exec(text(identity.arn) ?? '')?.[1]],
  ];
  for (const [key, value] of fields) {
    if (value !== undefined) {
      Object.assign(actor, { [key]: value });
    }
  }
  const type = actor.type;
  const direct = type === 'IAMUser' || type === 'Root' ? actor.arn : undefined;
  const original = actor.sourceIdentity ?? direct;
  if (original !== undefined) {
    actor.originalPrincipal = original;
  }
  return actor;
}

// requestParameters fields that name a resource, and how to turn a bare name into an ARN.
const NAMED_RESOURCES: Record<string, (name: string, region: string, account: string) => string> = {
  bucketName: (name) => `arn:aws:s3:::${name}`,
  userName: (name, _region, account) => `arn:aws:iam::${account}:user/${name}`,
  roleName: (name, _region, account) => `arn:aws:iam::${account}:role/${name}`,
  groupName: (name, _region, account) => `arn:aws:iam::${account}:group/${name}`,
  policyArn: (name) => name,
  functionName: (name, region, account) => `arn:aws:lambda:${region}:${account}:function:${name}`,
  name: (name, region, account) => `arn:aws:cloudtrail:${region}:${account}:trail/${name}`,
  trailName: (name, region, account) => `arn:aws:cloudtrail:${region}:${account}:trail/${name}`,
  keyId: (name, region, account) => `arn:aws:kms:${region}:${account}:key/${name}`,
  secretId: (name, region, account) => `arn:aws:secretsmanager:${region}:${account}:secret:${name}`,
  instanceId: (name, region, account) => `arn:aws:ec2:${region}:${account}:instance/${name}`,
  groupId: (name, region, account) => `arn:aws:ec2:${region}:${account}:security-group/${name}`,
  snapshotId: (name, region, account) => `arn:aws:ec2:${region}:${account}:snapshot/${name}`,
  imageId: (name, region, account) => `arn:aws:ec2:${region}:${account}:image/${name}`,
  detectorId: (name, region, account) => `arn:aws:guardduty:${region}:${account}:detector/${name}`,
};

/** Resources an event touched: CloudTrail's `resources[]`, then ARNs and names in requestParameters. */
export function resourcesOf(record: Record<string, unknown>): AlertResource[] {
  const found = new Map<string, AlertResource>();
  const add = (resource: AlertResource): void => {
    if (found.size < MAX_RESOURCES && !found.has(resource.arn)) {
      found.set(resource.arn, resource);
    }
  };
  for (const entry of Array.isArray(record.resources) ? record.resources : []) {
    const resource = objectOf(entry);
    const arn = text(resource.ARN) ?? text(resource.arn);
    if (arn !== undefined) {
      const item: AlertResource = { arn };
      const type = text(resource.type);
      const accountId = text(resource.accountId);
      if (type !== undefined) item.type = type;
      if (accountId !== undefined) item.accountId = accountId;
      add(item);
    }
  }
  const region = text(record.awsRegion) ?? '';
  const account = text(record.recipientAccountId) ?? '';
  const eventSource = text(record.eventSource) ?? '';
  for (const [key, value] of Object.entries(objectOf(record.requestParameters))) {
    const name = text(value);
    if (name === undefined) {
      continue;
    }
    const toArn = NAMED_RESOURCES[key];
    // `name` is only a trail name when CloudTrail itself was called.
    const isApplicable = key !== 'name' || eventSource === 'cloudtrail.amazonaws.com';
    if (name.startsWith('arn:')) {
      add({ arn: name });
    } else if (toArn !== undefined && isApplicable) {
      add({ arn: toArn(name, region, account) });
    }
  }
  return [...found.values()];
}

function summaryOf(record: Record<string, unknown>): VigilAlert['event'] {
  const insight = objectOf(objectOf(record.insightDetails));
  const event: VigilAlert['event'] = {
    eventID: eventIdOf(record),
    eventTime: text(record.eventTime) ?? new Date(0).toISOString(),
    eventSource: text(record.eventSource) ?? text(insight.eventSource) ?? UNKNOWN,
    eventName: text(record.eventName) ?? text(insight.eventName) ?? text(record.eventType) ?? UNKNOWN,
    awsRegion: text(record.awsRegion) ?? UNKNOWN,
    recipientAccountId:
      text(record.recipientAccountId) ?? text(objectOf(record.userIdentity).accountId) ?? UNKNOWN,
  };
  const optional: [keyof VigilAlert['event'], string | undefined][] = [
    ['eventType', text(record.eventType)],
    ['sourceIPAddress', text(record.sourceIPAddress)],
    ['userAgent', text(record.userAgent)],
    ['errorCode', text(record.errorCode)],
    ['errorMessage', text(record.errorMessage)],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) {
      Object.assign(event, { [key]: value });
    }
  }
  if (typeof record.readOnly === 'boolean') {
    event.readOnly = record.readOnly;
  }
  return event;
}

/**
 * The Vigil alert for one rule on one CloudTrail record (see `VigilAlertSchema`). The id is
 * deterministic (sha256 of rule id and eventID), so processing a log twice yields the same alerts.
 */
export function buildAlert(
  rule: Rule,
  record: Record<string, unknown>,
  context: BuildAlertContext
): VigilAlert {
  const event = summaryOf(record);
  const alert: VigilAlert = {
    schemaVersion: '1',
    id: alertIdOf(rule.id, event.eventID),
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    description: rule.description,
    runbook: rule.runbook,
    mitre: rule.mitre.map((technique) => ({
      tactic: technique.tactic,
      techniqueId: technique.techniqueId,
      name: technique.technique,
    })),
    event,
    actor: context.actor ?? basicActor(record),
    resources: resourcesOf(record),
    origin: context.origin,
  };
  if (context.threshold !== undefined) {
    alert.threshold =
      context.threshold.groupKey === undefined
        ? { count: context.threshold.count, windowSeconds: context.threshold.windowSeconds }
        : { ...context.threshold, groupKey: context.threshold.groupKey };
  }
  if (context.backfill !== undefined) {
    alert.backfill = context.backfill;
  }
  return alert;
}
