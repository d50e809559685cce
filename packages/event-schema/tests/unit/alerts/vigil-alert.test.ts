import { VIGIL_ALERT, VigilAlertSchema } from '../../../src/alerts/vigil-alert';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent, loadEventRecord } from '../../helpers/load-event';

describe('VigilAlertSchema', () => {
  it('parses an alert with its actor chain, MITRE mapping and S3 origin', () => {
    // Prepare
    const detail = loadEvent('vigil/vigil-alert.json');

    // Act
    const alert = parseWith(VigilAlertSchema, detail, 'Vigil alert');

    // Assess
    expect(alert.actor.chain.map((link) => link.arn)).toEqual([
      'arn:aws:iam::111122223333:user/alice',
      'arn:aws:sts::111122223333:assumed-role/Admin/alice-session',
    ]);
    expect(alert.mitre[0]?.techniqueId).toBe('T1562.008');
    expect(alert.origin).toEqual(expect.objectContaining({ kind: 's3', bucket: 'org-cloudtrail-logs' }));
  });

  it.each([
    [{ kind: 'realtime' }],
    [{ kind: 'realtime', eventBridgeId: '36eb8523-97d0-4518-b33d-ee3579ff19f0' }],
    [{ kind: 'scan', path: './logs/2024/05/14/x.json.gz' }],
  ])('accepts the %j origin', (origin) => {
    // Prepare
    const detail = { ...loadEventRecord('vigil/vigil-alert.json'), origin, backfill: false };

    // Act
    const result = VigilAlertSchema.safeParse(detail);

    // Assess
    expect(result.success).toBe(true);
  });

  it('rejects an S3 origin without a key', () => {
    // Prepare
    const detail = { ...loadEventRecord('vigil/vigil-alert.json'), origin: { kind: 's3', bucket: 'b' } };

    // Act
    const act = () => parseWith(VigilAlertSchema, detail, 'Vigil alert');

    // Assess
    expect(act).toThrow('invalid Vigil alert: origin.key: expected string, got nothing (missing)');
  });

  it('rejects a severity that is not an ASFF label', () => {
    // Prepare
    const detail = { ...loadEventRecord('vigil/vigil-alert.json'), severity: 'SEVERE' };

    // Act
    const act = () => parseWith(VigilAlertSchema, detail, 'Vigil alert');

    // Assess
    expect(act).toThrow('severity: expected one of INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL, got "SEVERE"');
  });

  it('rejects a malformed MITRE technique id', () => {
    // Prepare
    const detail = {
      ...loadEventRecord('vigil/vigil-alert.json'),
      mitre: [{ tactic: 'Defense Evasion', techniqueId: '1562', name: 'Impair Defenses' }],
    };

    // Act
    const act = () => parseWith(VigilAlertSchema, detail, 'Vigil alert');

    // Assess
    expect(act).toThrow(
      'mitre[0].techniqueId: expected a technique id such as T1562 or T1562.008, got "1562"'
    );
  });

  it('rejects another schema version', () => {
    // Prepare
    const detail = { ...loadEventRecord('vigil/vigil-alert.json'), schemaVersion: '2' };

    // Act
    const act = () => parseWith(VigilAlertSchema, detail, 'Vigil alert');

    // Assess
    expect(act).toThrow('schemaVersion: expected "1", got "2"');
  });
});

describe('VIGIL_ALERT', () => {
  it('validates the whole bus event with the alert as detail', () => {
    // Prepare
    const event = {
      version: '0',
      id: '0d4f6b7e-9a1c-4e2b-8c3d-5f6a7b8c9d0e',
      'detail-type': 'Vigil Alert',
      source: 'vigil.cloudtrail',
      account: '111122223333',
      time: '2024-05-14T09:15:50Z',
      region: 'eu-west-1',
      resources: [],
      detail: loadEvent('vigil/vigil-alert.json'),
    };

    // Act
    const parsed = parseWith(VIGIL_ALERT.eventSchema, event, 'Vigil Alert event');

    // Assess
    expect(parsed.detail.ruleId).toBe('vigil.cloudtrail.stop-logging');
    expect(VIGIL_ALERT.eventSchema.safeParse({ ...event, source: 'vigil.other' }).success).toBe(false);
  });
});
