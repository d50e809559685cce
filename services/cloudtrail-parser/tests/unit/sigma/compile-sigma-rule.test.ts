import { compileSigmaRule } from '../../../src/core/sigma/compile-sigma-rule';
import { UnsupportedSigmaRuleError } from '../../../src/core/sigma/errors';
import { sigmaDocument } from './sigma-fixtures';

const selection = { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' };

function rejection(document: unknown): UnsupportedSigmaRuleError {
  try {
    compileSigmaRule(document);
  } catch (error) {
    if (error instanceof UnsupportedSigmaRuleError) {
      return error;
    }
    throw error;
  }
  throw new Error('the rule compiled');
}

describe('compileSigmaRule', () => {
  it('keeps the Sigma identity, author and licence and maps level and tags', () => {
    // Prepare
    const document = sigmaDocument(
      { selection, condition: 'selection' },
      {
        id: '4db60cc0-36fb-42b7-9b58-a5b53019fb74',
        author: 'Austin Songer @austinsonger',
        level: 'high',
        description: 'Detects trail tampering.',
        falsepositives: ['Trail migrations'],
        tags: ['attack.defense-evasion', 'attack.t1562.008', 'attack.t9999'],
      }
    );

    // Act
    const rule = compileSigmaRule(document);

    // Assess
    expect(rule).toMatchObject({
      id: 'sigma-4db60cc0-36fb-42b7-9b58-a5b53019fb74',
      origin: 'sigma',
      severity: 'HIGH',
      description: 'Detects trail tampering.',
      sigma: {
        id: '4db60cc0-36fb-42b7-9b58-a5b53019fb74',
        author: 'Austin Songer @austinsonger',
        license: 'DRL-1.1',
      },
      mitre: [
        {
          tactic: 'defense-evasion',
          techniqueId: 'T1562.008',
          technique: 'Impair Defenses: Disable or Modify Cloud Logs',
        },
        { tactic: 'defense-evasion', techniqueId: 'T9999', technique: 'T9999' },
      ],
    });
    expect(rule.runbook).toContain('Trail migrations');
  });

  it.each([
    ['informational', 'INFORMATIONAL'],
    ['low', 'LOW'],
    ['critical', 'CRITICAL'],
    [undefined, 'MEDIUM'],
  ])('maps level %s to %s', (level, severity) => {
    // Act
    const rule = compileSigmaRule(sigmaDocument({ selection, condition: 'selection' }, { level }));

    // Assess
    expect(rule.severity).toBe(severity);
  });

  it.each([
    [
      'another log source',
      sigmaDocument(
        { selection, condition: 'selection' },
        { logsource: { product: 'windows', service: 'security' } }
      ),
      /logsource/,
    ],
    [
      'a category log source',
      sigmaDocument(
        { selection, condition: 'selection' },
        { logsource: { product: 'aws', service: 'cloudtrail', category: 'x' } }
      ),
      /logsource/,
    ],
    [
      'a keyword search',
      sigmaDocument({ keywords: ['StopLogging', 'DeleteTrail'], condition: 'keywords' }),
      /keyword search/,
    ],
    ['an aggregation', sigmaDocument({ selection, condition: 'selection | count() > 10' }), /aggregation/],
    ['a timeframe', sigmaDocument({ selection, timeframe: '5m', condition: 'selection' }), /timeframe/],
    ['near', sigmaDocument({ selection, other: selection, condition: 'selection near other' }), /near/],
    [
      'an encoding modifier',
      sigmaDocument({ selection: { 'userAgent|base64': 'x' }, condition: 'selection' }),
      /"base64"/,
    ],
    [
      'fieldref',
      sigmaDocument({
        selection: { 'userIdentity.arn|fieldref': 'requestParameters.userName' },
        condition: 'selection',
      }),
      /"fieldref"/,
    ],
    [
      'an unknown modifier',
      sigmaDocument({ selection: { 'userAgent|sounds_like': 'x' }, condition: 'selection' }),
      /unknown modifier/,
    ],
    [
      'conflicting modifiers',
      sigmaDocument({ selection: { 'userAgent|contains|re': 'x' }, condition: 'selection' }),
      /cannot be combined/,
    ],
    [
      'an object-valued field',
      sigmaDocument({ selection: { 'requestParameters|contains': 'x' }, condition: 'selection' }),
      /holds an object/,
    ],
    [
      'an invalid regex',
      sigmaDocument({ selection: { 'userAgent|re': '(' }, condition: 'selection' }),
      /not valid in JavaScript/,
    ],
    [
      'an unknown selection',
      sigmaDocument({ selection, condition: 'selection and filter' }),
      /unknown selection "filter"/,
    ],
    [
      'a glob matching nothing',
      sigmaDocument({ selection, condition: '1 of filter_*' }),
      /matches no selection/,
    ],
    ['a correlation rule', { title: 'x', id: 'y', correlation: { type: 'event_count' } }, /correlation/],
    [
      'a document without detection',
      { title: 'x', id: 'y', logsource: { product: 'aws', service: 'cloudtrail' } },
      /not a Sigma rule/,
    ],
  ])('rejects %s with the reason', (_name, document, reason) => {
    // Act
    const error = rejection(document);

    // Assess
    expect(error.reason).toMatch(reason);
  });

  it('names the rule in the error and never returns a partial rule', () => {
    // Prepare
    const document = sigmaDocument({
      selection,
      filter: { 'userIdentity.arn|fieldref': 'requestParameters.userName' },
      condition: 'selection and not filter',
    });

    // Act
    const error = rejection(document);

    // Assess
    expect(error.sigmaId).toBe('5f1c2b4e-0000-4000-8000-000000000001');
    expect(error.message).toBe(`sigma rule 5f1c2b4e-0000-4000-8000-000000000001: ${error.reason}`);
  });
});
