import { z } from 'zod';
import { CloudTrailRecordSchema } from '../../../src/cloudtrail/cloudtrail-record';
import { SecurityHubFindingsImportedEventSchema } from '../../../src/findings/security-hub-findings-imported';
import { formatPath, formatValidationError } from '../../../src/validation/format-validation-error';
import { loadEvent, loadEventRecord } from '../../helpers/load-event';

function errorOf(schema: z.ZodType, value: unknown, reportInput = true): z.ZodError {
  const result = schema.safeParse(value, { reportInput });
  if (result.success) throw new Error('expected the value to be invalid');
  return result.error;
}

describe('formatValidationError', () => {
  it('names the path, the allowed labels and the value found for a bad ASFF severity', () => {
    // Prepare
    const event = loadEvent('securityhub/findings-imported.json') as {
      detail: { findings: { Severity: object }[] };
    };
    const [first] = event.detail.findings;
    if (!first) throw new Error('fixture has no finding');
    first.Severity = { Label: 'SEVERE' };

    // Act
    const message = formatValidationError(errorOf(SecurityHubFindingsImportedEventSchema, event));

    // Assess
    expect(message).toBe(
      'detail.findings[0].Severity.Label: expected one of INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL, got "SEVERE"'
    );
  });

  it('says a field is missing', () => {
    // Prepare
    const schema = z.object({ jobId: z.string() });

    // Act
    const message = formatValidationError(errorOf(schema, {}));

    // Assess
    expect(message).toBe('jobId: expected string, got nothing (missing)');
  });

  it('finds the value in the input when the issues do not carry it', () => {
    // Prepare
    const schema = z.object({ attempt: z.number().int().min(1) });
    const error = errorOf(schema, { attempt: 0 }, false);

    // Act
    const message = formatValidationError(error, { attempt: 0 });

    // Assess
    expect(message).toBe('attempt: expected a number >= 1, got 0');
  });

  it('reports the closest union branch of a CloudTrail record, not every branch', () => {
    // Prepare
    const record = loadEventRecord('cloudtrail/iam-user-create-access-key.json');
    delete record.eventName;

    // Act
    const message = formatValidationError(errorOf(CloudTrailRecordSchema, record));

    // Assess
    expect(message).toBe('eventName: expected string, got nothing (missing)');
  });

  it('quotes keys that are not identifiers and cuts long strings', () => {
    // Prepare
    const schema = z.object({ 'detail-type': z.literal('Vigil Alert') });
    const long = 'x'.repeat(500);

    // Act
    const message = formatValidationError(errorOf(schema, { 'detail-type': long }));

    // Assess
    expect(message).toBe(`["detail-type"]: expected "Vigil Alert", got "${'x'.repeat(60)}…"`);
  });

  it('describes objects and arrays instead of dumping them', () => {
    // Prepare
    const schema = z.object({ a: z.string(), b: z.string() });

    // Act
    const message = formatValidationError(
      errorOf(schema, { a: { secret: 'value', other: 1 }, b: [1, 2, 3] })
    );

    // Assess
    expect(message).toBe(
      'a: expected string, got an object with keys secret, other; b: expected string, got an array of 3 item(s)'
    );
    expect(message).not.toContain('value');
  });

  it('lists at most five issues and counts the rest', () => {
    // Prepare
    const schema = z.array(z.string());

    // Act
    const message = formatValidationError(errorOf(schema, [1, 2, 3, 4, 5, 6, 7]));

    // Assess
    expect(message.split('; ')).toHaveLength(6);
    expect(message).toMatch(/; and 2 more$/);
  });

  it('explains formats, unexpected keys and custom refinements', () => {
    // Prepare
    const schema = z.strictObject({
      at: z.iso.datetime(),
      n: z.string().refine(() => false, 'expected a prime'),
    });

    // Act
    const message = formatValidationError(errorOf(schema, { at: 'yesterday', n: '4', extra: true }));

    // Assess
    expect(message).toContain(
      'at: expected an ISO 8601 date-time (e.g. 2024-01-31T12:00:00Z), got "yesterday"'
    );
    expect(message).toContain('n: expected a prime, got "4"');
    expect(message).toContain('(root): unexpected key "extra"');
  });

  it('names the allowed tags of a discriminated union', () => {
    // Prepare
    const schema = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('s3') }),
      z.object({ kind: z.literal('scan') }),
    ]);

    // Act
    const message = formatValidationError(errorOf(schema, { kind: 'ftp' }));

    // Assess
    expect(message).toBe('kind: expected one of s3|scan, got "ftp"');
  });
});

describe('formatPath', () => {
  it('writes array indexes in brackets and the root as (root)', () => {
    // Prepare
    const path = ['detail', 'findings', 0, 'Resources', 1, 'Id'];

    // Act
    const formatted = [formatPath(path), formatPath([])];

    // Assess
    expect(formatted).toEqual(['detail.findings[0].Resources[1].Id', '(root)']);
  });
});
