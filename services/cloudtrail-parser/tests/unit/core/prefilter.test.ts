import { RawPrefilter } from '../../../src/core/prefilter';
import { conditionLiterals, patternPrefilterLiterals } from '../../../src/core/prefilter-literals';

function tokenHits(prefilter: RawPrefilter, token: string): boolean {
  const bytes = Buffer.from(`"${token}"`);
  return prefilter.matchesToken(bytes, 1, bytes.length - 1);
}

describe('patternPrefilterLiterals', () => {
  it('prefers an event name over a common field such as eventSource', () => {
    // Act
    const literals = patternPrefilterLiterals({
      eventSource: ['s3.amazonaws.com'],
      eventName: ['PutBucketPolicy'],
    });

    // Assess
    expect(literals).toEqual([{ kind: 'exact', text: 'PutBucketPolicy' }]);
  });

  it('uses prefixes and wildcard text rather than field names', () => {
    // Act & Assess
    expect(patternPrefilterLiterals({ eventName: [{ prefix: 'Delete' }] })).toEqual([
      { kind: 'prefix', text: 'Delete' },
    ]);
    expect(patternPrefilterLiterals({ userAgent: [{ wildcard: '*stratus-red-team*' }] })).toEqual([
      { kind: 'substring', text: 'stratus-red-team' },
    ]);
  });

  it('gives no literals when a matching record may lack any particular text', () => {
    // Act & Assess
    expect(patternPrefilterLiterals({ errorCode: [{ exists: false }] })).toBeUndefined();
  });
});

describe('conditionLiterals', () => {
  it('takes one part of an all, the union of an any, nothing for not or regex', () => {
    // Act & Assess
    expect(
      conditionLiterals({ all: [{ field: 'a', regex: 'x' }, { pattern: { eventName: ['CreateUser'] } }] })
    ).toEqual([{ kind: 'exact', text: 'CreateUser' }]);
    expect(
      conditionLiterals({
        any: [{ pattern: { eventName: ['CreateUser'] } }, { pattern: { eventName: ['DeleteUser'] } }],
      })
    ).toHaveLength(2);
    expect(
      conditionLiterals({ any: [{ pattern: { eventName: ['CreateUser'] } }, { field: 'a', regex: 'x' }] })
    ).toBeUndefined();
    expect(conditionLiterals({ not: { pattern: { eventName: ['CreateUser'] } } })).toBeUndefined();
  });
});

describe('RawPrefilter', () => {
  it('hits whole tokens for exact literals and token starts for prefixes', () => {
    // Prepare
    const prefilter = new RawPrefilter([
      [{ kind: 'exact', text: 'StopLogging' }],
      [
        { kind: 'prefix', text: 'Delete' },
        { kind: 'prefix', text: 'é' },
      ],
    ]);

    // Act & Assess
    expect(tokenHits(prefilter, 'StopLogging')).toBe(true);
    expect(tokenHits(prefilter, 'StopLoggingX')).toBe(false);
    expect(tokenHits(prefilter, 'XStopLogging')).toBe(false);
    expect(tokenHits(prefilter, 'DeleteTrail')).toBe(true);
    expect(tokenHits(prefilter, 'Delete')).toBe(true);
    expect(tokenHits(prefilter, 'Delet')).toBe(false);
    expect(tokenHits(prefilter, 'été')).toBe(true);
    expect(prefilter.isPassThrough).toBe(false);
  });

  it('handles one-character literals and tokens', () => {
    // Prepare
    const prefilter = new RawPrefilter([[{ kind: 'exact', text: 'x' }], [{ kind: 'prefix', text: 'Q' }]]);

    // Act & Assess
    expect(tokenHits(prefilter, 'x')).toBe(true);
    expect(tokenHits(prefilter, 'y')).toBe(false);
    expect(tokenHits(prefilter, 'Q')).toBe(true);
    expect(tokenHits(prefilter, 'Qu')).toBe(true);
  });

  it('finds substring literals by their first two bytes', () => {
    // Prepare
    const prefilter = new RawPrefilter([[{ kind: 'substring', text: 'stratus' }]]);
    const bytes = Buffer.from('"ua":"x-stratus-red-team"');
    const head = ('s'.charCodeAt(0) << 8) | 't'.charCodeAt(0);

    // Act & Assess
    expect(prefilter.hasSubstrings).toBe(true);
    expect(prefilter.substringHeads[head]).toBe(1);
    expect(prefilter.matchesSubstringAt(bytes, bytes.indexOf('stratus'))).toBe(true);
    expect(prefilter.matchesSubstringAt(bytes, bytes.indexOf('red'))).toBe(false);
  });

  it('passes everything through when a rule cannot be prefiltered', () => {
    // Act
    const prefilter = new RawPrefilter([[{ kind: 'exact', text: 'A' }], undefined]);

    // Assess
    expect(prefilter.isPassThrough).toBe(true);
  });
});
