import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AsffFindingSchema } from '../../src/findings/asff-finding';
import { GuardDutyFindingSchema } from '../../src/findings/guardduty-finding';
import { guardDutySeverityLabel } from '../../src/findings/severity';
import { formatValidationError } from '../../src/validation/format-validation-error';
import { parseWith } from '../../src/validation/parse-with';
import { corpusPath, describeCorpus, listCorpusFiles, readCorpusJson } from '../helpers/corpora';

type PantherTest = { Name: string; Log: unknown };

/** The `Tests[].Log` samples embedded in Panther rule files. */
function pantherLogs(folder: string): [string, unknown][] {
  return listCorpusFiles(`panther-analysis/${folder}`, '.yml').flatMap((file) => {
    const rule = parseYaml(readFileSync(corpusPath('panther-analysis', folder, file), 'utf8')) as {
      Tests?: PantherTest[];
    };
    return (rule.Tests ?? []).map((test): [string, unknown] => [`${file} / ${test.Name}`, test.Log]);
  });
}

describeCorpus('finding corpora', () => {
  const guardDutySamples = listCorpusFiles('aws-samples-guardduty-automated-response/events', '.json');

  it.each(guardDutySamples)('parses the GuardDuty finding %s', (file) => {
    // Prepare
    const finding = readCorpusJson('aws-samples-guardduty-automated-response/events', file);

    // Act
    const parsed = parseWith(GuardDutyFindingSchema, finding, file);

    // Assess
    expect(parsed.resource?.resourceType).toBeDefined();
    expect(parsed.service.detectorId).toBeDefined();
  });

  const guardDutyTests = pantherLogs('guardduty_rules');
  const asffTests = pantherLogs('securityfinding_rules');

  it('finds the labelled Panther samples', () => {
    // Prepare
    const counts = [guardDutyTests.length, asffTests.length];

    // Act
    const nonEmpty = counts.every((n) => n > 0);

    // Assess
    expect(nonEmpty).toBe(true);
  });

  it.each(guardDutyTests)('parses the Panther GuardDuty sample %s', (_name, log) => {
    // Prepare
    const finding = log;

    // Act
    const result = GuardDutyFindingSchema.safeParse(finding, { reportInput: true });

    // Assess
    expect(result.success ? 'ok' : formatValidationError(result.error)).toBe('ok');
  });

  it('maps the Panther severity samples to their rule labels', () => {
    // Prepare
    const bySeverity = guardDutyTests.map(
      ([name, log]) => [name, GuardDutyFindingSchema.parse(log).severity] as const
    );

    // Act
    const labels = bySeverity.map(([name, severity]) => [
      name.split(' / ')[0],
      guardDutySeverityLabel(severity),
    ]);

    // Assess
    expect(labels).toContainEqual(['aws_guardduty_critical_sev_findings.yml', 'CRITICAL']);
    expect(labels).toContainEqual(['aws_guardduty_high_sev_findings.yml', 'HIGH']);
    expect(labels).toContainEqual(['aws_guardduty_med_sev_findings.yml', 'MEDIUM']);
    expect(labels).toContainEqual(['aws_guardduty_low_sev_findings.yml', 'LOW']);
  });

  it.each(asffTests)('parses the Panther ASFF sample %s', (_name, log) => {
    // Prepare
    const finding = log;

    // Act
    const result = AsffFindingSchema.safeParse(finding, { reportInput: true });

    // Assess
    expect(result.success ? 'ok' : formatValidationError(result.error)).toBe('ok');
  });
});
