import { findingsOfEvent, IngestEventSchema } from '../../../src/core/ingest-event';
import { ingestFindings } from '../../../src/core/ingest-findings';
import {
  controlFinding,
  ec2Resource,
  guardDutyAsff,
  guardDutyEvent,
  inspectorCve,
  nativeGuardDutyInstance,
  securityHubEvent,
} from '../../helpers/asff-fixtures';
import { InMemoryFindingStore } from '../../helpers/in-memory-store';
import { builtinRuleSet } from '../../helpers/rules';

const INSTANCE = 'i-0abc';

describe('ingestFindings', () => {
  it('stores every finding of a Security Hub event under its resource', async () => {
    // Prepare
    const store = new InMemoryFindingStore();
    const event = IngestEventSchema.parse(
      securityHubEvent([inspectorCve(INSTANCE, 'CVE-1'), inspectorCve('i-0def', 'CVE-2')])
    );

    // Act
    const outcome = await ingestFindings(findingsOfEvent(event), { store, ruleSet: builtinRuleSet() });

    // Assess
    expect(outcome).toMatchObject({ findings: 2, stored: 2, stale: 0, rejected: [] });
    expect([...store.findings.values()].map((finding) => finding.resourceKey).sort()).toEqual([
      'ec2-instance:i-0abc',
      'ec2-instance:i-0def',
    ]);
  });

  it('treats a native GuardDuty finding and its Security Hub copy as one finding', async () => {
    // Prepare
    const store = new InMemoryFindingStore();
    const native = nativeGuardDutyInstance('Backdoor:EC2/C&CActivity.B!DNS', INSTANCE);
    const nativeEvent = IngestEventSchema.parse(guardDutyEvent(native));
    const copy = guardDutyAsff('Backdoor:EC2/C&CActivity.B!DNS', ec2Resource(INSTANCE), { id: native.arn });

    // Act
    await ingestFindings(findingsOfEvent(nativeEvent), { store, ruleSet: builtinRuleSet() });
    const second = await ingestFindings([copy], { store, ruleSet: builtinRuleSet() });

    // Assess
    expect(store.findings.size).toBe(1);
    expect(second.stale).toBe(1);
  });

  it('keeps the newer version whatever order versions arrive in', async () => {
    // Prepare
    const store = new InMemoryFindingStore();
    const older = inspectorCve(INSTANCE, 'CVE-1', { id: 'cve-1', updatedAt: '2024-06-01T10:00:00Z' });
    const newer = { ...older, UpdatedAt: '2024-06-01T11:00:00Z', Workflow: { Status: 'RESOLVED' as const } };

    // Act
    await ingestFindings([newer], { store, ruleSet: builtinRuleSet() });
    const late = await ingestFindings([older], { store, ruleSet: builtinRuleSet() });

    // Assess
    expect(late.stale).toBe(1);
    expect([...store.findings.values()][0]?.isLive).toBe(false);
  });

  it("skips findings no rule can use and the correlator's own findings", async () => {
    // Prepare
    const store = new InMemoryFindingStore();
    const unused = controlFinding('S3.1', { Type: 'AwsAccount', Id: 'AWS::::Account:111122223333' });
    const own = {
      ...inspectorCve(INSTANCE, 'CVE-1'),
      GeneratorId: 'vigil-correlator/ec2-backdoor-critical-cves',
    };

    // Act
    const outcome = await ingestFindings([unused, own], { store, ruleSet: builtinRuleSet() });

    // Assess
    expect(outcome).toMatchObject({ stored: 0, skipped: 2 });
    expect(store.writes).toBe(0);
  });

  it('still closes a stored finding that no longer matches any signal', async () => {
    // Prepare
    const store = new InMemoryFindingStore();
    const failed = controlFinding('EC2.9', ec2Resource(INSTANCE)[0] as never, {
      id: 'ec2-9',
      updatedAt: '2024-06-01T10:00:00Z',
    });
    await ingestFindings([failed], { store, ruleSet: builtinRuleSet() });

    // Act
    const passed = {
      ...failed,
      UpdatedAt: '2024-06-01T11:00:00Z',
      Compliance: { Status: 'PASSED', SecurityControlId: 'EC2.9' },
    };
    const outcome = await ingestFindings([passed], { store, ruleSet: builtinRuleSet() });

    // Assess
    expect(outcome.stored).toBe(1);
    expect([...store.findings.values()][0]?.state).toBe('PASSED');
  });

  it('reports an unkeyable finding and stores the others', async () => {
    // Prepare
    const store = new InMemoryFindingStore();
    const bad = {
      ...inspectorCve(INSTANCE, 'CVE-9', { id: 'bad' }),
      Resources: [{ Type: 'Other', Id: 'not an arn' }],
    };

    // Act
    const outcome = await ingestFindings([bad, inspectorCve(INSTANCE, 'CVE-1')], {
      store,
      ruleSet: builtinRuleSet(),
    });

    // Assess
    expect(outcome.stored).toBe(1);
    expect(outcome.rejected).toEqual([
      {
        findingId: 'bad',
        code: 'UNKEYABLE_FINDING',
        reason: expect.stringContaining('no resource can be keyed'),
      },
    ]);
  });
});

describe('IngestEventSchema', () => {
  it('names the failing field of the event type it claims to be', () => {
    // Prepare
    const event = securityHubEvent([inspectorCve(INSTANCE, 'CVE-1')]);
    (event.detail.findings[0] as { Severity: unknown }).Severity = { Label: 'SEVERE' };

    // Act
    const result = IngestEventSchema.safeParse(event);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['detail', 'findings', 0, 'Severity', 'Label']);
  });
});
