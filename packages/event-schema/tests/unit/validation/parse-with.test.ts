import { z } from 'zod';
import { SchemaValidationError } from '../../../src/errors';
import { parseWith } from '../../../src/validation/parse-with';

describe('parseWith', () => {
  const schema = z.object({ jobId: z.string(), attempt: z.number().int().min(1) });

  it('returns the parsed value', () => {
    // Prepare
    const value = { jobId: 'j-1', attempt: 2, ignored: true };

    // Act
    const parsed = parseWith(schema, value, 'job');

    // Assess
    expect(parsed).toEqual({ jobId: 'j-1', attempt: 2 });
  });

  it('throws a SchemaValidationError with a readable message and the issues', () => {
    // Prepare
    const value = { jobId: 'j-1', attempt: 0 };

    // Act
    const act = () => parseWith(schema, value, 'job');

    // Assess
    expect(act).toThrow(SchemaValidationError);
    try {
      act();
    } catch (error) {
      if (!(error instanceof SchemaValidationError)) throw error;
      expect(error.message).toBe('invalid job: attempt: expected a number >= 1, got 0');
      expect(error.name).toBe('SchemaValidationError');
      expect(error.what).toBe('job');
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]?.path).toEqual(['attempt']);
    }
  });
});
