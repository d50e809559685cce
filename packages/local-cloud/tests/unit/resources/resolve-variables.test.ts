// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Serverless and CloudFormation variables are literal text here
import { UnresolvedVariableError } from '../../../src/errors';
import { resolveVariables, type VariableContext } from '../../../src/resources/resolve-variables';

const context: VariableContext = {
  stage: 'dev',
  region: 'eu-west-1',
  accountId: '000000000000',
  params: { maxReceiveCount: 3, nested: '${sls:stage}-x' },
  env: { HOME_DIR: '/home' },
};

describe('resolveVariables', () => {
  it('resolves stage, region, account, params, env and self references', () => {
    // Prepare
    const config = {
      service: 'svc',
      custom: { prefix: '${self:service}-${sls:stage}' },
      values: [
        '${self:custom.prefix}-items',
        '${aws:region}',
        '${aws:accountId}',
        '${opt:stage}',
        '${env:HOME_DIR}',
        '${param:nested}',
      ],
    };

    // Act
    const resolved = resolveVariables(config, context);

    // Assess
    expect(resolved.values).toEqual(['svc-dev-items', 'eu-west-1', '000000000000', 'dev', '/home', 'dev-x']);
  });

  it('keeps the type of a value that is a whole variable', () => {
    // Prepare
    const config = {
      custom: { pattern: { source: ['a'] } },
      a: '${self:custom.pattern}',
      b: '${param:maxReceiveCount}',
    };

    // Act
    const resolved = resolveVariables(config, context);

    // Assess
    expect(resolved.a).toEqual({ source: ['a'] });
    expect(resolved.b).toBe(3);
  });

  it('uses fallbacks and resolves nested variables inside out', () => {
    // Prepare
    const config = {
      custom: { dev: { size: 'small' } },
      a: "${param:missing, 'fallback'}",
      b: '${param:missing, 42}',
      c: '${self:custom.${sls:stage}.size}',
      d: '${ssm:/never/here, ${sls:stage}}',
    };

    // Act
    const resolved = resolveVariables(config, context);

    // Assess
    expect([resolved.a, resolved.b, resolved.c, resolved.d]).toEqual(['fallback', 42, 'small', 'dev']);
  });

  it('names the variable and the place it cannot resolve', () => {
    // Prepare
    const config = { provider: { environment: { SECRET: '${ssm:/fixture/secret}' } } };

    // Act
    const act = () => resolveVariables(config, context);

    // Assess
    expect(act).toThrow(UnresolvedVariableError);
    expect(act).toThrow(
      'cannot resolve ${ssm:/fixture/secret} at serverless.yml.provider.environment.SECRET'
    );
  });

  it('resolves only the value given while self reads from the root', () => {
    // Prepare
    const root = { service: 'svc', provider: { environment: { SECRET: '${ssm:/x}' } } };

    // Act
    const resolved = resolveVariables({ name: '${self:service}' }, context, root);

    // Assess
    expect(resolved).toEqual({ name: 'svc' });
  });
});
