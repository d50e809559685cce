import { AsffFindingSchema } from '../../../src/findings/asff-finding';
import { GuardDutyFindingEventSchema, GuardDutyFindingSchema } from '../../../src/findings/guardduty-finding';
import { SecurityHubFindingsImportedEventSchema } from '../../../src/findings/security-hub-findings-imported';
import { compareSeverity, guardDutySeverityLabel } from '../../../src/findings/severity';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent } from '../../helpers/load-event';

describe('GuardDutyFindingEventSchema', () => {
  it('parses a native GuardDuty Finding event', () => {
    // Prepare
    const event = loadEvent('guardduty/guardduty-finding-backdoor.json');

    // Act
    const parsed = parseWith(GuardDutyFindingEventSchema, event, 'GuardDuty event');

    // Assess
    expect(parsed.detail.type).toBe('Backdoor:EC2/C&CActivity.B!DNS');
    expect(parsed.detail.resource?.resourceType).toBe('Instance');
    expect(guardDutySeverityLabel(parsed.detail.severity)).toBe('HIGH');
  });

  it('rejects a severity outside GuardDuty scale', () => {
    // Prepare
    const { detail } = loadEvent('guardduty/guardduty-finding-backdoor.json') as { detail: object };

    // Act
    const act = () => parseWith(GuardDutyFindingSchema, { ...detail, severity: 42 }, 'GuardDuty finding');

    // Assess
    expect(act).toThrow('severity: expected a number <= 10, got 42');
  });
});

describe('SecurityHubFindingsImportedEventSchema', () => {
  it('parses every finding of the event', () => {
    // Prepare
    const event = loadEvent('securityhub/findings-imported.json');

    // Act
    const parsed = parseWith(SecurityHubFindingsImportedEventSchema, event, 'Security Hub event');

    // Assess
    expect(parsed.detail.findings.map((f) => f.Severity.Label)).toEqual(['HIGH', 'CRITICAL']);
    expect(parsed.detail.findings[1]).toHaveProperty('Vulnerabilities.0.Id', 'CVE-2024-3094');
  });

  it('rejects a finding without resources', () => {
    // Prepare
    const event = loadEvent('securityhub/findings-imported.json') as { detail: { findings: object[] } };
    const [first] = event.detail.findings;

    // Act
    const act = () => parseWith(AsffFindingSchema, { ...first, Resources: [] }, 'ASFF finding');

    // Assess
    expect(act).toThrow('Resources: expected >= 1 item(s), got an array of 0 item(s)');
  });
});

describe('guardDutySeverityLabel', () => {
  it.each([
    [0.5, 'INFORMATIONAL'],
    [1, 'LOW'],
    [3.9, 'LOW'],
    [4, 'MEDIUM'],
    [6.9, 'MEDIUM'],
    [7, 'HIGH'],
    [8.9, 'HIGH'],
    [9, 'CRITICAL'],
    [10, 'CRITICAL'],
  ])('maps %d to %s', (severity, label) => {
    // Prepare
    const value = severity;

    // Act
    const result = guardDutySeverityLabel(value);

    // Assess
    expect(result).toBe(label);
  });
});

describe('compareSeverity', () => {
  it('orders labels from informational to critical', () => {
    // Prepare
    const labels = ['CRITICAL', 'LOW', 'INFORMATIONAL', 'HIGH', 'MEDIUM'] as const;

    // Act
    const sorted = [...labels].sort(compareSeverity);

    // Assess
    expect(sorted).toEqual(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
  });
});
