import { fakeContext } from '../../../src/testing/fake-context';

describe('fakeContext', () => {
  it('counts the remaining time down from the timeout', async () => {
    // Prepare
    const context = fakeContext({ timeoutMs: 1_000 });

    // Act
    const first = context.getRemainingTimeInMillis();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const later = context.getRemainingTimeInMillis();

    // Assess
    expect(first).toBeLessThanOrEqual(1_000);
    expect(first).toBeGreaterThan(900);
    expect(later).toBeLessThan(first);
  });

  it('applies overrides and derives names from the function name', () => {
    // Act
    const context = fakeContext({ functionName: 'dispatch-due-jobs', awsRequestId: 'req-1' });

    // Assess
    expect(context.awsRequestId).toBe('req-1');
    expect(context.invokedFunctionArn).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:dispatch-due-jobs'
    );
    expect(context.logGroupName).toBe('/aws/lambda/dispatch-due-jobs');
  });
});
