// The built-in scenario `./scripts/start.sh` runs: a real CloudTrail log lands in the local trail bucket (S3
// PutObject) and, through the bucket notification, the log-file queue and ingestLogFiles under
// serverless-offline, must come out as alerts on the SNS alert topic and the vigil bus, each exactly once,
// equal to what the same rules find offline. The log is a Stratus Red Team detonation when ../shared/corpora is beside the
// repository, else one built from the rule pack's own positive test records (no download, no AWS account).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { LocalCloud } from '@vigil/local-cloud';
import { alertIdOf, eventIdOf } from './core/build-alert';
import { createDetectionEngine } from './core/detection-engine';
import { loadBuiltinRules } from './core/rule-loader';

type CloudTrailRecord = Record<string, unknown>;
type Log = (line: string) => void;

const STRATUS_TECHNIQUE = 'aws.defense-evasion.cloudtrail-stop.json';
const SAMPLE_RULES = [
  'cloudtrail-stop-logging',
  'iam-access-key-created-for-another-user',
  'ec2-security-group-ingress-open-to-world',
  'kms-key-deletion-scheduled',
  'root-console-login',
];

async function sampleLog(): Promise<{ name: string; records: CloudTrailRecord[] }> {
  const corpus = path.resolve(__dirname, '../../../../shared/corpora/stratus-red-team/detonation-logs');
  const stratus = path.join(corpus, STRATUS_TECHNIQUE);
  if (existsSync(stratus)) {
    return { name: `Stratus ${STRATUS_TECHNIQUE}`, records: JSON.parse(readFileSync(stratus, 'utf8')) };
  }
  const rules = await loadBuiltinRules();
  const chosen = rules.filter((rule) => SAMPLE_RULES.includes(rule.id));
  const picked = chosen.length > 0 ? chosen : rules.slice(0, 5);
  const records = picked.flatMap((rule) => rule.tests.map((test) => test.record));
  return { name: `${records.length} records from the rule pack's own tests`, records };
}

/**
 * Alert ids the same rule pack raises on the records: `required` from rules without threshold or dedup
 * (always), `optional` from dedup rules (suppressed when a kept --state-dir already holds their claim).
 * Threshold rules need a burst a one-record log does not make.
 */
async function expectedAlertIds(
  records: CloudTrailRecord[]
): Promise<{ required: Set<string>; optional: Set<string> }> {
  const rules = (await loadBuiltinRules()).filter((rule) => rule.threshold === undefined);
  const engine = createDetectionEngine(rules);
  const required = new Set<string>();
  const optional = new Set<string>();
  for (const record of records) {
    for (const rule of engine.evaluate(record)) {
      (rule.dedup === undefined ? required : optional).add(alertIdOf(rule.id, eventIdOf(record)));
    }
  }
  return { required, optional };
}

async function captureQueue(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
  // A kept --state-dir keeps this queue too: an earlier run's alerts must not count in this one.
  await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })
  );
  return { url, arn: Attributes?.QueueArn ?? '' };
}

async function drainAlertIds(sqs: SQSClient, url: string, idOf: (body: string) => string | undefined) {
  const ids: string[] = [];
  for (let quiet = 0; quiet < 2; ) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })
    );
    if (Messages.length === 0) quiet += 1;
    for (const message of Messages) {
      const id = idOf(message.Body ?? '');
      if (id) ids.push(id);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  return ids;
}

async function runLogToAlerts(cloud: LocalCloud, log: Log): Promise<{ ok: boolean; summary: string }> {
  const stage = cloud.stage;
  const config = { region: cloud.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const sqs = new SQSClient({ ...config, endpoint: cloud.endpoints.sqs });
  const snsCapture = await captureQueue(sqs, `start-${stage}-alerts-capture`);
  const busCapture = await captureQueue(sqs, `start-${stage}-bus-capture`);
  await new SNSClient({ ...config, endpoint: cloud.endpoints.sns }).send(
    new SubscribeCommand({
      TopicArn: `arn:aws:sns:${cloud.region}:${cloud.accountId}:vigil-${stage}-alerts`,
      Protocol: 'sqs',
      Endpoint: snsCapture.arn,
      Attributes: { RawMessageDelivery: 'false' },
    })
  );
  const events = new EventBridgeClient({ ...config, endpoint: cloud.endpoints.events });
  await events.send(
    new PutRuleCommand({
      Name: 'start-alerts',
      EventBusName: `vigil-${stage}`,
      EventPattern: JSON.stringify({ source: ['vigil.cloudtrail'], 'detail-type': ['Vigil Alert'] }),
    })
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'start-alerts',
      EventBusName: `vigil-${stage}`,
      Targets: [{ Id: 'capture', Arn: busCapture.arn }],
    })
  );

  const sample = await sampleLog();
  // Fresh event ids and object key each run: with a kept --state-dir, the same log would (rightly) be
  // recognised as processed and its alerts as sent, and the scenario would show nothing new.
  const records = sample.records.map((record) =>
    typeof record.eventID === 'string' ? { ...record, eventID: randomUUID() } : record
  );
  const name = sample.name;
  const expected = await expectedAlertIds(records);
  const bucket = `vigil-${stage}-cloudtrail-${cloud.accountId}-${cloud.region}`;
  const run = Date.now().toString(36);
  const key = `AWSLogs/${cloud.accountId}/CloudTrail/${cloud.region}/2026/01/01/${cloud.accountId}_CloudTrail_${cloud.region}_20260101T0000Z_vigilstart${run}.json.gz`;
  log(`putting ${name} into s3://${bucket}/${key}`);
  const s3 = new S3Client({ ...config, endpoint: cloud.endpoints.s3, forcePathStyle: true });
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: gzipSync(JSON.stringify({ Records: records })) })
  );
  // The notification reaches the log-file queue; the router's SQS event source hands it to ingestLogFiles.
  const ingest = await cloud.router.deliveries.waitFor(
    (delivery) => delivery.source === 'sqs' && delivery.target.endsWith('-ingestLogFiles'),
    60_000
  );
  log(`ingestLogFiles ${ingest.status} (serverless-offline)${ingest.error ? `: ${ingest.error}` : ''}`);

  const fromSns = await drainAlertIds(sqs, snsCapture.url, (body) => {
    const notification = JSON.parse(body) as { Message?: string };
    return /Alert ([0-9a-f]{32})/.exec(notification.Message ?? '')?.[1];
  });
  const fromBus = await drainAlertIds(sqs, busCapture.url, (body) => {
    const event = JSON.parse(body) as { detail?: { id?: string; ruleId?: string; severity?: string } };
    if (event.detail?.ruleId) log(`alert ${event.detail.severity} ${event.detail.ruleId}`);
    return event.detail?.id;
  });
  const busOk = isExpected(fromBus, expected);
  const snsOk = isExpected(fromSns, expected);
  const wanted = `${expected.required.size}${expected.optional.size > 0 ? ` + ${expected.optional.size} deduplicated` : ''}`;
  const summary = `${records.length} records → ${fromBus.length} bus alerts, ${fromSns.length} SNS messages (expected ${wanted} of each, once)`;
  return { ok: busOk && snsOk && expected.required.size > 0, summary };
}

/** Each required alert once, dedup rules' alerts at most once, nothing else. */
function isExpected(ids: string[], expected: { required: Set<string>; optional: Set<string> }): boolean {
  return (
    ids.length === new Set(ids).size &&
    ids.every((id) => expected.required.has(id) || expected.optional.has(id)) &&
    [...expected.required].every((id) => ids.includes(id))
  );
}

/** The scenarios `./scripts/start.sh` runs for this service. */
export const scenarios = [
  { name: 'a CloudTrail log lands in the bucket and becomes alerts', run: runLogToAlerts },
];
