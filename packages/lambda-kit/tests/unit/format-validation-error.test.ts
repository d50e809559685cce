import { ParseError } from '@aws-lambda-powertools/parser/errors';
import { z } from 'zod';
import { describeValidationError, formatValidationError } from '../../src/format-validation-error';

const AlertSchema = z.object({
  id: z.string(),
  severity: z.enum(['LOW', 'HIGH']),
  resources: z.array(z.object({ arn: z.string().startsWith('arn:') })),
  source: z.email().optional(),
});

function failureOf(value: unknown): z.ZodError {
  const result = AlertSchema.safeParse(value);
  if (result.success) throw new Error('expected a validation failure');
  return result.error;
}

describe('formatValidationError', () => {
  it('names path, expectation and received value for each problem', () => {
    // Prepare
    const input = { severity: 'BOGUS', resources: [{ arn: 'i-123' }], source: 'nobody' };

    // Act
    const text = formatValidationError(failureOf(input), { input });

    // Assess
    expect(text).toBe(
      [
        'id: required',
        'severity: expected one of "LOW" | "HIGH", got "BOGUS"',
        'resources[0].arn: invalid string: must start with "arn:", got "i-123"',
        'source: expected email, got "nobody"',
      ].join('; ')
    );
  });

  it('falls back to the zod message when no input is given', () => {
    // Act
    const text = formatValidationError(failureOf({ id: 1, severity: 'LOW', resources: [] }));

    // Assess
    expect(text).toBe('id: expected string, received number');
  });

  it('unwraps a powertools ParseError and reads standard-schema issues', () => {
    // Prepare
    const issues = AlertSchema['~standard'].validate({ id: 'a', severity: 'LOW', resources: 'none' });
    if (issues instanceof Promise || !issues.issues) throw new Error('expected sync issues');
    const error = new ParseError('Failed to parse schema', { cause: issues.issues });

    // Act
    const text = formatValidationError(error, { input: { resources: 'none' } });

    // Assess
    expect(text).toBe('resources: expected array, got "none"');
  });

  it('shows at most five problems and counts the rest', () => {
    // Prepare
    const Wide = z.object(
      Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => [key, z.string()]))
    );
    const result = Wide.safeParse({});

    // Act
    const text = formatValidationError(result.error, { input: {} });

    // Assess
    expect(text).toBe('a: required; b: required; c: required; d: required; e: required; and 2 more');
  });

  it('returns the message of an error without issues', () => {
    expect(formatValidationError(new SyntaxError('Unexpected token'))).toBe('Unexpected token');
  });

  it('hides received values when asked', () => {
    // Act
    const problems = describeValidationError(failureOf({ id: 'x', severity: 'SECRET', resources: [] }), {
      input: { severity: 'SECRET' },
      showValues: false,
    });

    // Assess
    expect(problems).toEqual([
      { path: 'severity', key: 'severity', reason: 'expected one of "LOW" | "HIGH"' },
    ]);
  });
});
