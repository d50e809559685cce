import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAwsClient, isLoopback } from '../../src/create-aws-client';

describe('isLoopback', () => {
  it.each([
    'http://127.0.0.1:8000',
    'http://localhost:4566',
    'http://sqs.localhost:4566',
    'http://[::1]:9000',
  ])('recognises %s', (endpoint) => {
    expect(isLoopback(endpoint)).toBe(true);
  });

  it.each([
    'https://dynamodb.us-east-1.amazonaws.com',
    'http://10.0.0.5:8000',
    'http://localhost.example.com',
    'not a url',
  ])('rejects %s', (endpoint) => {
    expect(isLoopback(endpoint)).toBe(false);
  });
});

describe('createAwsClient', () => {
  it('sets adaptive retries with five attempts', async () => {
    // Act
    const client = createAwsClient(DynamoDBClient, { region: 'us-east-1' });

    // Assess
    const strategy = await client.config.retryStrategy();
    expect(await client.config.maxAttempts()).toBe(5);
    expect(strategy).toHaveProperty('mode', 'adaptive');
    client.destroy();
  });
});
