import { RawPrefilter } from '../../../src/core/prefilter';
import { conditionLiterals, patternPrefilterLiterals } from '../../../src/core/prefilter-literals';

/** The literal sets a record hits when its string tokens are checked as the scanner does. */
function setsHit(prefilter: RawPrefilter, json: string): number[] {
  const bytes = Buffer.from(json);
  prefilter.beginRecord();
  for (const match of json.matchAll(/"[^"]*"/g)) {
    const start = Buffer.byteLength(json.slice(0, match.index)) + 1;
    prefilter.checkToken(bytes, start, start + Buffer.byteLength(match[0]) - 2);
  }
  return [...prefilter.hitSets].sort();
}

function tokenHits(prefilter: RawPrefilter, token: string): boolean {
  return setsHit(prefilter, `"${token}"`).length > 0;
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
      { kind: 'substring', text: 'stratus-red-team', field: 'userAgent' },
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

  it('finds field-less substring literals inside any token', () => {
    // Prepare
    const prefilter = new RawPrefilter([[{ kind: 'substring', text: 'stratus' }]]);

    // Act & Assess
    expect(setsHit(prefilter, '{"ua":"x-stratus-red-team"}')).toEqual([0]);
    expect(setsHit(prefilter, '{"ua":"x-strat"}')).toEqual([]);
  });

  it("searches a field's substrings in that key's string value only, and assumes a hit for other values", () => {
    // Prepare
    const prefilter = new RawPrefilter([
      [{ kind: 'substring', text: 'kali', field: 'userAgent' }],
      [{ kind: 'exact', text: 'userAgent' }],
    ]);

    // Act & Assess
    expect(setsHit(prefilter, '{"userAgent":"curl on kali linux"}')).toEqual([0, 1]);
    expect(setsHit(prefilter, '{"userAgent" : "curl on kali"}')).toEqual([0, 1]);
    expect(setsHit(prefilter, '{"userAgent":"curl","other":"kali"}')).toEqual([1]);
    expect(setsHit(prefilter, '{"x":"userAgent","y":"kali"}')).toEqual([1]);
    expect(setsHit(prefilter, '{"userAgent":["curl"]}')).toEqual([0, 1]);
  });

  it('counts each set once per record and forgets hits at the next record', () => {
    // Prepare
    const prefilter = new RawPrefilter([
      [
        { kind: 'exact', text: 'A1' },
        { kind: 'exact', text: 'B1' },
      ],
      [{ kind: 'exact', text: 'B1' }],
    ]);

    // Act & Assess
    expect(setsHit(prefilter, '{"k":"A1","l":"B1","m":"A1"}')).toEqual([0, 1]);
    expect(setsHit(prefilter, '{"k":"C1"}')).toEqual([]);
  });

  it('marks the length and first byte of every literal token in tokenHeads', () => {
    // Prepare
    const prefilter = new RawPrefilter([
      [{ kind: 'exact', text: 'StopLogging' }],
      [{ kind: 'prefix', text: 'Del' }],
    ]);
    const head = (length: number, first: string): number => ((length & 63) << 8) | first.charCodeAt(0);

    // Act & Assess
    expect(prefilter.tokenHeads[head(11, 'S')]).toBe(1);
    expect(prefilter.tokenHeads[head(10, 'S')]).toBe(0);
    expect(prefilter.tokenHeads[head(3, 'D')]).toBe(1);
    expect(prefilter.tokenHeads[head(40, 'D')]).toBe(1);
    expect(prefilter.tokenHeads[head(11, 'T')]).toBe(0);
  });

  it('passes everything through for a substring it could miss (one byte, or with a quote)', () => {
    // Act & Assess
    expect(new RawPrefilter([[{ kind: 'substring', text: 'a' }]]).isPassThrough).toBe(true);
    expect(new RawPrefilter([[{ kind: 'substring', text: 'ab"' }]]).isPassThrough).toBe(true);
  });

  it('passes everything through when a rule cannot be prefiltered', () => {
    // Act
    const prefilter = new RawPrefilter([[{ kind: 'exact', text: 'A' }], undefined]);

    // Assess
    expect(prefilter.isPassThrough).toBe(true);
  });
});
