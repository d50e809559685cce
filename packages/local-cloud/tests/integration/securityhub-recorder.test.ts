import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  InvalidInputException,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import {
  type SecurityHubRecorder,
  startSecurityHubRecorder,
} from '../../src/securityhub/start-security-hub-recorder';

const base: AwsSecurityFinding = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/securityhub/valid-finding.json'), 'utf8')
);

function findingWith(overrides: Partial<AwsSecurityFinding>): AwsSecurityFinding {
  return { ...base, ...overrides };
}

describe('Security Hub recorder', () => {
  let recorder: SecurityHubRecorder;
  let client: SecurityHubClient;

  beforeAll(async () => {
    recorder = await startSecurityHubRecorder({ port: 0 });
    client = new SecurityHubClient({
      endpoint: recorder.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const findings = [
      findingWith({ Id: 'f-high', Severity: { Label: 'HIGH' } }),
      findingWith({ Id: 'f-low', Severity: { Label: 'LOW' }, GeneratorId: 'vigil-rule/other' }),
      findingWith({
        Id: 'f-bucket',
        Severity: { Label: 'CRITICAL' },
        Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::vigil-logs' }],
      }),
    ];
    await client.send(new BatchImportFindingsCommand({ Findings: findings }));
  });

  afterAll(async () => {
    client?.destroy();
    await recorder?.stop();
  });

  it('rejects a call with 101 findings with InvalidInputException', async () => {
    // Prepare
    const findings = Array.from({ length: 101 }, (_, i) => findingWith({ Id: `bulk-${i}` }));

    // Act
    const call = client.send(new BatchImportFindingsCommand({ Findings: findings }));

    // Assess
    await expect(call).rejects.toBeInstanceOf(InvalidInputException);
    const { Findings } = await client.send(
      new GetFindingsCommand({ Filters: { Id: [{ Value: 'bulk-', Comparison: 'PREFIX' }] } })
    );
    expect(Findings).toEqual([]);
  });

  it('reports invalid findings in FailedFindings and imports the valid ones', async () => {
    // Prepare
    const { Title: _title, ...noTitle } = findingWith({ Id: 'no-title' });
    const findings = [
      findingWith({ Id: 'ok-1' }),
      noTitle as AwsSecurityFinding,
      findingWith({ Id: 'no-resources', Resources: [] }),
      findingWith({ Id: 'old-schema', SchemaVersion: '2017-01-01' }),
    ];

    // Act
    const result = await client.send(new BatchImportFindingsCommand({ Findings: findings }));

    // Assess
    expect(result.SuccessCount).toBe(1);
    expect(result.FailedCount).toBe(3);
    expect(result.FailedFindings).toEqual([
      {
        Id: 'no-title',
        ErrorCode: 'InvalidInput',
        ErrorMessage:
          "Finding does not adhere to Amazon Finding Format. data should have required property 'Title'.",
      },
      {
        Id: 'no-resources',
        ErrorCode: 'InvalidInput',
        ErrorMessage:
          'Finding does not adhere to Amazon Finding Format. data.Resources should NOT have fewer than 1 items.',
      },
      {
        Id: 'old-schema',
        ErrorCode: 'InvalidInput',
        ErrorMessage:
          'Finding does not adhere to Amazon Finding Format. data.SchemaVersion should be equal to one of the allowed values.',
      },
    ]);
  });

  it('filters findings with EQUALS, PREFIX and NOT_EQUALS and pages with NextToken', async () => {
    // Act
    const high = await client.send(
      new GetFindingsCommand({ Filters: { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] } })
    );
    const buckets = await client.send(
      new GetFindingsCommand({ Filters: { ResourceType: [{ Value: 'AwsS3', Comparison: 'PREFIX' }] } })
    );
    const notOther = await client.send(
      new GetFindingsCommand({
        Filters: {
          Id: [{ Value: 'f-', Comparison: 'PREFIX' }],
          GeneratorId: [{ Value: 'vigil-rule/other', Comparison: 'NOT_EQUALS' }],
          RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
          WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }],
        },
      })
    );
    const page1 = await client.send(
      new GetFindingsCommand({ Filters: { Id: [{ Value: 'f-', Comparison: 'PREFIX' }] }, MaxResults: 2 })
    );
    const page2 = await client.send(
      new GetFindingsCommand({
        Filters: { Id: [{ Value: 'f-', Comparison: 'PREFIX' }] },
        MaxResults: 2,
        NextToken: page1.NextToken,
      })
    );

    // Assess
    expect(high.Findings?.map((finding) => finding.Id).sort()).toEqual(['f-high', 'ok-1']);
    expect(buckets.Findings?.map((finding) => finding.Id)).toEqual(['f-bucket']);
    expect(notOther.Findings?.map((finding) => finding.Id).sort()).toEqual(['f-bucket', 'f-high']);
    expect(page1.Findings).toHaveLength(2);
    expect(page2.Findings).toHaveLength(1);
    expect(page2.NextToken).toBeUndefined();
    expect(high.Findings?.[0]).toMatchObject({
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      Region: 'us-east-1',
    });
  });

  it('applies BatchUpdateFindings and keeps the customer fields when the provider re-imports', async () => {
    // Prepare
    const identifiers = [
      { Id: 'f-low', ProductArn: base.ProductArn },
      { Id: 'missing', ProductArn: base.ProductArn },
    ];

    // Act
    const result = await client.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: identifiers,
        Workflow: { Status: 'RESOLVED' },
        Note: { Text: 'checked by on-call', UpdatedBy: 'alice' },
        Severity: { Label: 'MEDIUM' },
        UserDefinedFields: { ticket: 'SEC-42' },
      })
    );
    await client.send(
      new BatchImportFindingsCommand({ Findings: [findingWith({ Id: 'f-low', Title: 'Re-imported title' })] })
    );
    const { Findings } = await client.send(
      new GetFindingsCommand({ Filters: { Id: [{ Value: 'f-low', Comparison: 'EQUALS' }] } })
    );

    // Assess
    expect(result.ProcessedFindings).toEqual([identifiers[0]]);
    expect(result.UnprocessedFindings).toEqual([
      { FindingIdentifier: identifiers[1], ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' },
    ]);
    expect(Findings).toHaveLength(1);
    expect(Findings?.[0]).toMatchObject({
      Title: 'Re-imported title',
      Workflow: { Status: 'RESOLVED' },
      Note: { Text: 'checked by on-call', UpdatedBy: 'alice' },
      Severity: { Label: 'MEDIUM', Normalized: 40 },
      UserDefinedFields: { ticket: 'SEC-42' },
    });
  });
});
