import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeCorpus } from '@vigil/lambda-kit/testing';
import type { Rule } from '../../src/core/rule';
import { loadBuiltinRules } from '../../src/core/rule-loader';
import {
  type CloudTrailRecord,
  type CorpusAlert,
  countBy,
  isToolUserAgentRule,
  scanRecords,
} from './helpers/scan-records';

const STRATUS = 'stratus-red-team';
const userAgent = (record: CloudTrailRecord): string =>
  typeof record.userAgent === 'string' ? record.userAgent : '';
const isAttack = (record: CloudTrailRecord): boolean => userAgent(record).includes(STRATUS);
const isSetUpNoise = (record: CloudTrailRecord): boolean =>
  userAgent(record).includes('Terraform') && !isAttack(record);
// One Stratus detonation = one `stratus-red-team_<uuid>` user agent (its Terraform warm-up has a different one).
const detonationOf = (record: CloudTrailRecord): string | undefined =>
  userAgent(record).startsWith(`${STRATUS}_`) ? userAgent(record) : undefined;
const behavioural = (alerts: CorpusAlert[]): CorpusAlert[] =>
  alerts.filter((alert) => !isToolUserAgentRule(alert.rule));

describeCorpus('built-in pack on the Invictus IR AWS dataset', (corpora) => {
  const dir = path.join(corpora, 'invictus-ir-aws_dataset/CloudTrail');
  const records = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap(
      (name) =>
        (JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { Records: CloudTrailRecord[] }).Records
    );
  const report: string[] = [];
  let rules: Rule[];
  let alerts: CorpusAlert[];

  beforeAll(async () => {
    rules = await loadBuiltinRules();
    alerts = await scanRecords(rules, records);
  });

  afterAll(() => {
    process.stdout.write(`Invictus dataset (${records.length} records)\n${report.join('\n')}\n`);
  });

  // The runs not alerted are Stratus's own reverts (StartLogging, DeleteAccessKey, permission removals...).
  it('alerts on most Stratus detonations, each scanned on its own', async () => {
    // Prepare
    const runs = new Map<string, CloudTrailRecord[]>();
    for (const record of records) {
      const run = detonationOf(record);
      if (run !== undefined) {
        runs.set(run, [...(runs.get(run) ?? []), record]);
      }
    }
    // Stratus polls DescribeAccountAttributes between steps: a run of nothing else is not an attack.
    const attacks = [...runs.values()].filter((run) =>
      run.some((record) => record.eventName !== 'DescribeAccountAttributes')
    );

    // Act
    const missed: string[] = [];
    for (const run of attacks) {
      if (behavioural(await scanRecords(rules, run)).length === 0) {
        missed.push([...new Set(run.map((record) => String(record.eventName)))].join('+'));
      }
    }

    // Assess
    const alerted = attacks.length - missed.length;
    report.push(
      `  detonations alerted: ${alerted}/${attacks.length}; not alerted: ${missed.sort().join(', ')}`
    );
    expect(alerted / attacks.length).toBeGreaterThanOrEqual(0.65);
  });

  it('alerts on the attack API calls of the whole stream', () => {
    // Prepare
    const attackCalls = new Set(
      records
        .filter((record) => detonationOf(record) !== undefined && record.readOnly === false)
        .map((record) => String(record.eventName))
    );

    // Act
    const alertedCalls = new Set(
      behavioural(alerts)
        .filter((alert) => isAttack(alert.record))
        .map((alert) => String(alert.record.eventName))
    );
    const covered = [...attackCalls].filter((name) => alertedCalls.has(name));

    // Assess
    report.push(
      `  attack write calls alerted: ${covered.length}/${attackCalls.size}; missed: ${[...attackCalls]
        .filter((name) => !alertedCalls.has(name))
        .sort()
        .join(', ')}`
    );
    report.push(
      `  alerts on attack records: ${alerts.filter((alert) => isAttack(alert.record)).length} (${countBy(
        alerts.filter((alert) => isAttack(alert.record)),
        (alert) => alert.rule.id
      ).join(', ')})`
    );
    expect(covered.length / attackCalls.size).toBeGreaterThanOrEqual(0.65);
  });

  it('stays nearly quiet on the Terraform set-up noise', () => {
    // Prepare
    const noise = records.filter(isSetUpNoise);

    // Act
    const noisy = alerts.filter((alert) => isSetUpNoise(alert.record));

    // Assess
    report.push(
      `  alerts on ${noise.length} Terraform set-up records: ${noisy.length} (${countBy(noisy, (alert) => alert.rule.id).join(', ')})`
    );
    const others = alerts.filter((alert) => !isAttack(alert.record) && !isSetUpNoise(alert.record));
    report.push(
      `  alerts on the other ${records.filter((record) => !isAttack(record) && !isSetUpNoise(record)).length} records: ${others.length} (${countBy(others, (alert) => alert.rule.id).join(', ')})`
    );
    expect(noisy.length).toBeLessThanOrEqual(6);
  });
});
