import { UnsupportedSigmaRuleError } from '../../../src/core/sigma/errors';
import { parseSigmaCondition } from '../../../src/core/sigma/parse-sigma-condition';

describe('parseSigmaCondition', () => {
  it('parses precedence and parentheses', () => {
    // Act
    const node = parseSigmaCondition('a or not b and (c or d)');

    // Assess
    expect(node).toEqual({
      kind: 'or',
      operands: [
        { kind: 'selection', name: 'a' },
        {
          kind: 'and',
          operands: [
            { kind: 'not', operand: { kind: 'selection', name: 'b' } },
            {
              kind: 'or',
              operands: [
                { kind: 'selection', name: 'c' },
                { kind: 'selection', name: 'd' },
              ],
            },
          ],
        },
      ],
    });
  });

  it('parses the "of" forms', () => {
    // Act
    const nodes = ['1 of selection_*', 'all of filter*', '1 of them', 'all of them', 'any of sel*'].map(
      parseSigmaCondition
    );

    // Assess
    expect(nodes).toEqual([
      { kind: 'of', quantifier: 'one', target: 'selection_*' },
      { kind: 'of', quantifier: 'all', target: 'filter*' },
      { kind: 'of', quantifier: 'one', target: 'them' },
      { kind: 'of', quantifier: 'all', target: 'them' },
      { kind: 'of', quantifier: 'one', target: 'sel*' },
    ]);
  });

  it.each([
    ['selection | count() by userIdentity.arn > 5', /aggregation/],
    ['selection1 near selection2', /"near"/],
    ['2 of selection_*', /"2 of" is not supported/],
    ['selection and', /unexpected end/],
    ['(selection', /missing "\)"|unexpected end/],
    ['selection selection2', /unexpected "selection2"/],
    ['', /empty condition/],
    ['sel* and other', /unexpected "sel\*"/],
  ])('rejects "%s"', (condition, reason) => {
    // Act
    const parse = () => parseSigmaCondition(condition);

    // Assess
    expect(parse).toThrow(UnsupportedSigmaRuleError);
    expect(parse).toThrow(reason);
  });
});
