import { findNameProblem } from '../../src/stepfunctions/resource-name';

describe('findNameProblem', () => {
  it('accepts names of 1 to 80 allowed characters', () => {
    // Prepare
    const names = ['a', 'order-42_retry.1', 'é-ünïcode', 'x'.repeat(80)];

    // Act
    const problems = names.map((name) => findNameProblem(name));

    // Assess
    expect(problems).toEqual([undefined, undefined, undefined, undefined]);
  });

  it.each([
    ['', 'must be 1 to 80 characters long'],
    ['x'.repeat(81), 'must be 1 to 80 characters long'],
    ['has space', 'contains whitespace or a forbidden character'],
    ['tab\tname', 'contains a control character'],
    ['del\u007fname', 'contains a control character'],
    ['c1\u0085name', 'contains a control character'],
  ])('rejects %j', (name, reason) => {
    // Act
    const problem = findNameProblem(name);

    // Assess
    expect(problem).toBe(reason);
  });

  it.each([...'<>{}[]?*"#%\\^|~`$&,;:/'])('rejects the forbidden character %s', (character) => {
    // Act
    const problem = findNameProblem(`name${character}x`);

    // Assess
    expect(problem).toBe('contains whitespace or a forbidden character');
  });
});
