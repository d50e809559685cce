import type { AsffFinding, AsffResource, VigilAlert } from '@vigil/event-schema';
import { parseArn } from './arn';
import { principalKey } from './resource-key';

/** Vigil's own product in Security Hub terms (the account's default product). */
export function defaultProductArn(region: string, accountId: string, partition = 'aws'): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

/** The prefix of `GeneratorId` for findings made from Vigil CloudTrail alerts. */
export const VIGIL_ALERT_GENERATOR_PREFIX = 'vigil.cloudtrail/';

const TACTIC_CATEGORY: Record<string, string> = {
  'initial-access': 'TTPs/Initial Access',
  execution: 'TTPs/Execution',
  persistence: 'TTPs/Persistence',
  'privilege-escalation': 'TTPs/Privilege Escalation',
  'defense-evasion': 'TTPs/Defense Evasion',
  'credential-access': 'TTPs/Credential Access',
  discovery: 'TTPs/Discovery',
  'lateral-movement': 'TTPs/Lateral Movement',
  collection: 'TTPs/Collection',
  'command-and-control': 'TTPs/Command and Control',
  exfiltration: 'Effects/Data Exfiltration',
  impact: 'Effects/Data Destruction',
};

const TACTIC_BY_ID: Record<string, string> = {
  TA0001: 'initial-access',
  TA0002: 'execution',
  TA0003: 'persistence',
  TA0004: 'privilege-escalation',
  TA0005: 'defense-evasion',
  TA0006: 'credential-access',
  TA0007: 'discovery',
  TA0008: 'lateral-movement',
  TA0009: 'collection',
  TA0010: 'exfiltration',
  TA0011: 'command-and-control',
  TA0040: 'impact',
};

/** `Defense Evasion`, `defense-evasion` and `TA0005` all name the same tactic. */
function tacticCategory(tactic: string): string | undefined {
  const slug =
    TACTIC_BY_ID[tactic.toUpperCase()] ??
    tactic
      .trim()
      .toLowerCase()
      .replaceAll(/[\s_]+/g, '-');
  return TACTIC_CATEGORY[slug];
}

/**
 * A `Vigil Alert` in ASFF form, so correlation rules can combine CloudTrail detections (e.g. logging
 * tampering) with GuardDuty findings on the same principal. The actor's role or user is a resource,
 * and so is its access key; `ProductFields['vigil/ruleId']` names the detection rule.
 */
export function vigilAlertToAsff(alert: VigilAlert): AsffFinding {
  const { event, actor } = alert;
  const accountId = event.recipientAccountId;
  const partition = parseArn(actor.arn ?? '')?.partition ?? 'aws';
  const types = alert.mitre
    .map((technique) => tacticCategory(technique.tactic))
    .filter((category): category is string => category !== undefined)
    .map((category) => `${category}/${alert.ruleId}`);
  return {
    SchemaVersion: '2018-10-08',
    Id: `vigil/alert/${alert.id}`,
    ProductArn: defaultProductArn(event.awsRegion, accountId, partition),
    ProductName: 'Vigil',
    CompanyName: 'Vigil',
    GeneratorId: `${VIGIL_ALERT_GENERATOR_PREFIX}${alert.ruleId}`,
    AwsAccountId: accountId,
    Region: event.awsRegion,
    Types: types.length > 0 ? [...new Set(types)] : [`Unusual Behaviors/User/${alert.ruleId}`],
    CreatedAt: event.eventTime,
    UpdatedAt: event.eventTime,
    FirstObservedAt: event.eventTime,
    LastObservedAt: event.eventTime,
    Severity: { Label: alert.severity },
    Title: alert.title,
    Description: (alert.description ?? alert.title).slice(0, 1024),
    Resources: alertResources(alert, partition),
    ProductFields: {
      'vigil/ruleId': alert.ruleId,
      'vigil/eventName': event.eventName,
      'vigil/eventSource': event.eventSource,
      'vigil/eventID': event.eventID,
    },
    RecordState: 'ACTIVE',
  };
}

function alertResources(alert: VigilAlert, partition: string): AsffResource[] {
  const { actor, event } = alert;
  const base = { Partition: partition, Region: event.awsRegion };
  const resources: AsffResource[] = [];
  const principal = actor.arn
    ? principalKey(actor.arn, { accountId: actor.accountId ?? event.recipientAccountId })
    : undefined;
  if (principal?.kind === 'iam-role') {
    const [account, name] = principal.key.slice('iam-role:'.length).split('/');
    resources.push({ ...base, Type: 'AwsIamRole', Id: `arn:${partition}:iam::${account}:role/${name}` });
  } else if (principal?.kind === 'iam-user' && actor.arn) {
    resources.push({ ...base, Type: 'AwsIamUser', Id: actor.arn });
  }
  if (actor.accessKeyId) {
    resources.push({ ...base, Type: 'AwsIamAccessKey', Id: `AWS::IAM::AccessKey:${actor.accessKeyId}` });
  }
  for (const resource of alert.resources) {
    if (resources.some((known) => known.Id === resource.arn)) continue;
    resources.push({ ...base, Type: 'Other', Id: resource.arn });
  }
  return resources;
}
