import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createSecurityHubGateway } from '../../../src/adapters/security-hub-gateway';
import { CorrelatorUnavailableError, FindingRejectedError } from '../../../src/errors';
import { inspectorCve } from '../../helpers/asff-fixtures';

const securityHub = mockClient(SecurityHubClient);
let now = 0;
const sleeps: number[] = [];
const timer = {
  now: () => now,
  sleep: async (ms: number) => {
    sleeps.push(ms);
    now += ms;
  },
};
const gateway = () => createSecurityHubGateway(new SecurityHubClient({}), { importRatePerSecond: 10, timer });

afterEach(() => {
  securityHub.reset();
  sleeps.length = 0;
});

describe('createSecurityHubGateway', () => {
  it('imports 250 findings in three calls, spaced at the rate limit once the burst is spent', async () => {
    // Prepare
    securityHub
      .on(BatchImportFindingsCommand)
      .resolves({ FailedCount: 0, SuccessCount: 100, FailedFindings: [] });
    const findings = Array.from({ length: 250 }, (_, index) => inspectorCve('i-1', `CVE-${index}`));
    const hub = createSecurityHubGateway(new SecurityHubClient({}), { importRatePerSecond: 1, timer });

    // Act
    await hub.importFindings(findings);

    // Assess
    expect(securityHub).toHaveReceivedCommandTimes(BatchImportFindingsCommand, 3);
    expect(
      securityHub.commandCalls(BatchImportFindingsCommand).map((call) => call.args[0].input.Findings?.length)
    ).toEqual([100, 100, 50]);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('turns FailedFindings for invalid input into a permanent error naming the finding', async () => {
    // Prepare
    securityHub.on(BatchImportFindingsCommand).resolves({
      FailedCount: 1,
      SuccessCount: 0,
      FailedFindings: [
        { Id: 'f-1', ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to ASFF' },
      ],
    });

    // Act
    const act = gateway().importFindings([inspectorCve('i-1', 'CVE-1')]);

    // Assess
    await expect(act).rejects.toThrow(FindingRejectedError);
    await expect(gateway().importFindings([inspectorCve('i-1', 'CVE-1')])).rejects.toThrow(
      'f-1: InvalidInput Finding does not adhere to ASFF'
    );
  });

  it('turns other FailedFindings and throttling into retryable errors', async () => {
    // Prepare
    securityHub.on(BatchImportFindingsCommand).resolvesOnce({
      FailedCount: 1,
      SuccessCount: 0,
      FailedFindings: [{ Id: 'f-1', ErrorCode: 'InternalException', ErrorMessage: 'try again' }],
    });
    securityHub.on(BatchImportFindingsCommand).rejectsOnce(
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429 },
      })
    );

    // Act + Assess
    await expect(gateway().importFindings([inspectorCve('i-1', 'CVE-1')])).rejects.toThrow(
      CorrelatorUnavailableError
    );
  });

  it('refuses a finding over 240 KB without calling Security Hub', async () => {
    // Prepare
    const big = { ...inspectorCve('i-1', 'CVE-1'), Description: 'x'.repeat(250 * 1024) };

    // Act + Assess
    await expect(gateway().importFindings([big])).rejects.toThrow(/over Security Hub's 240 KB limit/);
    expect(securityHub).not.toHaveReceivedCommand(BatchImportFindingsCommand);
  });

  it('finds open findings by resource id, page by page', async () => {
    // Prepare
    securityHub
      .on(GetFindingsCommand)
      .resolvesOnce({ Findings: [{ Id: 'a', ProductArn: 'p' } as never], NextToken: 'next' })
      .resolvesOnce({ Findings: [{ Id: 'b', ProductArn: 'p' } as never] });

    // Act
    const found = await gateway().findOpenFindings([
      'i-1',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-1',
    ]);

    // Assess
    expect(found.map((finding) => finding.Id)).toEqual(['a', 'b']);
    expect(securityHub).toHaveReceivedCommandWith(GetFindingsCommand, {
      Filters: expect.objectContaining({
        ResourceId: [
          { Value: 'i-1', Comparison: 'EQUALS' },
          { Value: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', Comparison: 'EQUALS' },
        ],
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      }),
    });
  });

  it('resolves 100 findings per call with a note, ignoring findings Security Hub no longer has', async () => {
    // Prepare
    securityHub
      .on(BatchUpdateFindingsCommand)
      .callsFake((input: { FindingIdentifiers: { Id: string; ProductArn: string }[] }) => ({
        ProcessedFindings: input.FindingIdentifiers.slice(1),
        UnprocessedFindings: [
          {
            FindingIdentifier: input.FindingIdentifiers[0],
            ErrorCode: 'FindingNotFound',
            ErrorMessage: 'gone',
          },
        ],
      }));
    const findings = Array.from({ length: 150 }, (_, index) => ({ Id: `f-${index}`, ProductArn: 'p' }));

    // Act
    const resolved = await gateway().resolveFindings(findings, 'Resource deleted');

    // Assess
    expect(resolved).toBe(148);
    expect(securityHub).toHaveReceivedCommandTimes(BatchUpdateFindingsCommand, 2);
    expect(securityHub).toHaveReceivedCommandWith(BatchUpdateFindingsCommand, {
      Workflow: { Status: 'RESOLVED' },
      Note: { Text: 'Resource deleted', UpdatedBy: 'vigil-deleted-resource-resolver' },
    });
  });
});
