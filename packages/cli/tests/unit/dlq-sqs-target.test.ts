import { resolveSqsTarget } from '../../src/commands/dlq-sqs-target';

const noLocalCloud = () => undefined;

describe('resolveSqsTarget', () => {
  it('uses AWS_ENDPOINT_URL_SQS with dummy credentials on loopback', async () => {
    // Act
    const target = resolveSqsTarget(
      {},
      { AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566', AWS_REGION: 'eu-west-1' },
      noLocalCloud
    );

    // Assess
    expect(target).toMatchObject({ endpoint: 'http://127.0.0.1:4566', region: 'eu-west-1', isLocal: true });
    expect(await target.client.config.credentials()).toMatchObject({ accessKeyId: 'test' });
  });

  it('falls back to a running local cloud, then to AWS', () => {
    // Act
    const local = resolveSqsTarget({}, {}, () => ({
      AWS_ENDPOINT_URL_SQS: 'http://localhost:9324',
      AWS_REGION: 'us-west-2',
    }));
    const aws = resolveSqsTarget({}, {}, noLocalCloud);

    // Assess
    expect(local).toMatchObject({ endpoint: 'http://localhost:9324', region: 'us-west-2', isLocal: true });
    expect(aws).toMatchObject({ endpoint: undefined, region: 'us-east-1', isLocal: false });
  });

  it('goes to real AWS with --aws whatever the environment says', async () => {
    // Act
    const target = resolveSqsTarget(
      { isAws: true, region: 'eu-central-1' },
      { AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:1' },
      noLocalCloud
    );

    // Assess
    expect(target).toMatchObject({ endpoint: undefined, isLocal: false, region: 'eu-central-1' });
    const endpoint = await target.client.config.endpoint?.();
    expect(endpoint?.hostname).toBe('sqs.eu-central-1.amazonaws.com');
  });
});
