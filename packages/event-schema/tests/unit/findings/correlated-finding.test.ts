import { CorrelatedFindingSchema, VIGIL_CORRELATED_FINDING } from '../../../src/findings/correlated-finding';
import { parseWith } from '../../../src/validation/parse-with';
import { loadEvent } from '../../helpers/load-event';

describe('CorrelatedFindingSchema', () => {
  it('parses the correlator output with its member ids', () => {
    // Prepare
    const detail = loadEvent('vigil/vigil-correlated-finding.json');

    // Act
    const parsed = parseWith(CorrelatedFindingSchema, detail, 'correlated finding');

    // Assess
    expect(parsed.finding.Severity.Label).toBe('CRITICAL');
    expect(parsed.memberFindingIds).toHaveLength(2);
    expect(parsed.finding.RelatedFindings?.map((f) => f.Id)).toEqual(parsed.memberFindingIds);
  });

  it('requires at least one member finding', () => {
    // Prepare
    const detail = { ...(loadEvent('vigil/vigil-correlated-finding.json') as object), memberFindingIds: [] };

    // Act
    const act = () => parseWith(CorrelatedFindingSchema, detail, 'correlated finding');

    // Assess
    expect(act).toThrow('memberFindingIds: expected >= 1 item(s)');
  });

  it('is published by the correlator', () => {
    // Prepare
    const contract = VIGIL_CORRELATED_FINDING;

    // Act
    const pattern = contract.pattern;

    // Assess
    expect(pattern).toEqual({ source: ['vigil.correlator'], 'detail-type': ['Vigil Correlated Finding'] });
  });
});
