import { z } from 'zod';
import { ConfigError } from '../../src/errors';
import { parseEnv } from '../../src/parse-env';

const ConfigSchema = z.object({
  ALERT_TOPIC_ARN: z.string().startsWith('arn:aws:sns:'),
  STAGE: z.enum(['dev', 'prod']),
  BATCH_SIZE: z.coerce.number().int().positive().default(10),
});

describe('parseEnv', () => {
  it('returns the typed config', () => {
    // Act
    const config = parseEnv(ConfigSchema, {
      ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:vigil-dev-alerts',
      STAGE: 'dev',
      BATCH_SIZE: '25',
      UNRELATED: 'ignored',
    });

    // Assess
    expect(config).toEqual({
      ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:vigil-dev-alerts',
      STAGE: 'dev',
      BATCH_SIZE: 25,
    });
  });

  it('names every bad variable without echoing its value', () => {
    // Act
    let error: unknown;
    try {
      parseEnv(ConfigSchema, { STAGE: 'staging-secret', BATCH_SIZE: 'many' });
    } catch (thrown) {
      error = thrown;
    }

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toHaveProperty('problems', [
      { variable: 'ALERT_TOPIC_ARN', reason: 'required' },
      { variable: 'STAGE', reason: 'expected one of "dev" | "prod"' },
      { variable: 'BATCH_SIZE', reason: 'expected number' },
    ]);
    expect(String(error)).toContain('ALERT_TOPIC_ARN: required');
    expect(String(error)).not.toContain('staging-secret');
  });

  it('reads process.env by default', () => {
    // Prepare
    process.env.VIGIL_TEST_FLAG = 'on';

    // Act
    const config = parseEnv(z.object({ VIGIL_TEST_FLAG: z.literal('on') }));

    // Assess
    expect(config.VIGIL_TEST_FLAG).toBe('on');
    delete process.env.VIGIL_TEST_FLAG;
  });
});
