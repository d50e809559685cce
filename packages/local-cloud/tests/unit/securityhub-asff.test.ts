import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findAsffProblem } from '../../src/securityhub/asff-validation';
import { matchesFilters, parseFindingFilters } from '../../src/securityhub/finding-filters';

const valid: Record<string, unknown> = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/securityhub/valid-finding.json'), 'utf8')
);
const PREFIX = 'Finding does not adhere to Amazon Finding Format.';

describe('findAsffProblem', () => {
  it('accepts a complete finding, also with severity and types only in FindingProviderFields', () => {
    // Prepare
    const { Severity, Types, ...rest } = valid;
    const providerOnly = { ...rest, FindingProviderFields: { Severity, Types } };

    // Act
    const problems = [findAsffProblem(valid), findAsffProblem(providerOnly)];

    // Assess
    expect(problems).toEqual([undefined, undefined]);
  });

  it.each([
    ['AwsAccountId', "data should have required property 'AwsAccountId'"],
    ['CreatedAt', "data should have required property 'CreatedAt'"],
    ['Description', "data should have required property 'Description'"],
    ['GeneratorId', "data should have required property 'GeneratorId'"],
    ['Id', "data should have required property 'Id'"],
    ['ProductArn', "data should have required property 'ProductArn'"],
    ['Resources', "data should have required property 'Resources'"],
    ['SchemaVersion', "data should have required property 'SchemaVersion'"],
    ['Title', "data should have required property 'Title'"],
    ['UpdatedAt', "data should have required property 'UpdatedAt'"],
    ['Types', "data should have required property 'Types'"],
    [
      'Severity',
      "data should have required property 'FindingProviderFields', data should match some schema in anyOf",
    ],
  ])('requires %s', (field, message) => {
    // Prepare
    const finding = { ...valid, [field]: undefined };

    // Act
    const problem = findAsffProblem(finding);

    // Assess
    expect(problem).toBe(`${PREFIX} ${message}.`);
  });

  it.each([
    [
      { Resources: Array.from({ length: 33 }, (_, i) => ({ Type: 'Other', Id: `r${i}` })) },
      'data.Resources should NOT have more than 32 items',
    ],
    [{ Resources: [{ Type: 'Other' }] }, "data.Resources[0] should have required property 'Id'"],
    [{ Severity: { Label: 'SEVERE' } }, 'data.Severity.Label should be equal to one of the allowed values'],
    [{ Severity: { Normalized: 101 } }, 'data.Severity.Normalized should be <= 100 and >= 0'],
    [{ AwsAccountId: '1234' }, 'data.AwsAccountId should match pattern "^\\d{12}$"'],
    [{ CreatedAt: 'yesterday' }, 'data.CreatedAt should match format "date-time"'],
    [{ Title: 't'.repeat(257) }, 'data.Title should NOT be longer than 256 characters'],
  ])('rejects %j', (overrides, message) => {
    // Act
    const problem = findAsffProblem({ ...valid, ...overrides });

    // Assess
    expect(problem).toBe(`${PREFIX} ${message}.`);
  });

  it('rejects a finding over 240 KB', () => {
    // Prepare
    const finding = { ...valid, ProductFields: { blob: 'x'.repeat(240 * 1024) } };

    // Act
    const problem = findAsffProblem(finding);

    // Assess
    expect(problem).toBe('Finding exceeds the maximum allowed size of 240 KB.');
  });
});

describe('matchesFilters', () => {
  const finding = {
    ...valid,
    Workflow: { Status: 'NEW' },
    Resources: [
      { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::logs' },
      { Type: 'AwsIamRole', Id: 'arn:aws:iam::123456789012:role/admin' },
    ],
  };

  it('ORs positive comparisons and ANDs negative ones within a field', () => {
    // Prepare
    const anyOf = parseFindingFilters({
      SeverityLabel: [
        { Value: 'LOW', Comparison: 'EQUALS' },
        { Value: 'HIGH', Comparison: 'EQUALS' },
      ],
    });
    const noneOf = parseFindingFilters({
      GeneratorId: [
        { Value: 'vigil-rule/a', Comparison: 'NOT_EQUALS' },
        { Value: 'vigil-rule/root', Comparison: 'PREFIX_NOT_EQUALS' },
      ],
    });

    // Act
    const results = [matchesFilters(finding, anyOf), matchesFilters(finding, noneOf)];

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('matches multi-valued resource fields on any resource', () => {
    // Prepare
    const byType = parseFindingFilters({ ResourceType: [{ Value: 'AwsIamRole', Comparison: 'EQUALS' }] });
    const notBucket = parseFindingFilters({
      ResourceId: [{ Value: 'arn:aws:s3:::', Comparison: 'PREFIX_NOT_EQUALS' }],
    });

    // Act
    const results = [matchesFilters(finding, byType), matchesFilters(finding, notBucket)];

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('rejects filters the recorder does not evaluate', () => {
    // Act
    const parse = () => parseFindingFilters({ SeverityNormalized: [{ Gte: 50 }] });

    // Assess
    expect(parse).toThrow(/does not support the finding filter 'SeverityNormalized'/u);
  });
});
