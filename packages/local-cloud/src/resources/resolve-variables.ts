import { UnresolvedVariableError } from '../errors';

/** What `${...}` variables resolve against. */
export interface VariableContext {
  stage: string;
  region: string;
  accountId: string;
  params: Record<string, unknown>;
  env: Record<string, string | undefined>;
}

// `${source:address}`: CloudFormation's own `${AWS::Region}` / `${Table.Arn}` (in Fn::Sub) are left alone.
const INNERMOST = /\$\{(\s*[A-Za-z]\w*:(?!:)[^${}]*)\}/;
const MAX_DEPTH = 20;

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.').filter((s) => s !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function parseFallback(text: string): unknown {
  const trimmed = text.trim();
  const quoted = /^(['"])(.*)\1$/.exec(trimmed);
  if (quoted !== null) return quoted[2];
  if (trimmed === 'null') return null;
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed !== '' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  return trimmed;
}

/**
 * Resolves Serverless Framework variables the way `serverless print` would for local use:
 * `${sls:stage}`, `${opt:stage|region}`, `${self:path}`, `${param:name}`, `${aws:region|accountId|partition}`,
 * `${env:NAME}`, nested variables and fallbacks (`${param:x, 'default'}`). Anything else needs a fallback,
 * or it throws `UnresolvedVariableError` naming the variable and where it is. `self:` reads from `root`,
 * so callers resolve only the parts they use (other sections may use `${ssm:...}` freely).
 *
 * @example
 * resolveVariables({ service: 'a', custom: { t: '${self:service}-${sls:stage}' } }, context).custom.t // 'a-dev'
 */
export function resolveVariables<T>(value: T, context: VariableContext, root: unknown = value): T {
  const resolveIn = (value: unknown, where: string, depth: number): unknown => {
    if (depth > MAX_DEPTH)
      throw new UnresolvedVariableError('...', where, 'variables nest too deep (a cycle?)');
    if (typeof value === 'string') return resolveString(value, where, depth);
    if (Array.isArray(value)) return value.map((item, index) => resolveIn(item, `${where}.${index}`, depth));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, resolveIn(item, `${where}.${key}`, depth)])
      );
    }
    return value;
  };

  const lookup = (variable: string, where: string, depth: number): unknown => {
    const [source = '', ...rest] = variable.split(':');
    const address = rest.join(':').trim();
    switch (source.trim()) {
      case 'sls':
        return address === 'stage' ? context.stage : address === 'instanceId' ? 'local' : undefined;
      case 'opt':
        return address === 'stage' ? context.stage : address === 'region' ? context.region : undefined;
      case 'aws':
        return { region: context.region, accountId: context.accountId, partition: 'aws' }[address];
      case 'param':
        return resolveIn(context.params[address], `param:${address}`, depth + 1);
      case 'env':
        return context.env[address];
      case 'self':
        return resolveIn(readPath(root, address), `self:${address}`, depth + 1);
      default:
        throw new UnresolvedVariableError(
          variable,
          where,
          `source "${source}" is not available locally; give it a fallback`
        );
    }
  };

  const resolveOne = (expression: string, where: string, depth: number): unknown => {
    const comma = expression.indexOf(',');
    const variable = comma === -1 ? expression : expression.slice(0, comma);
    let value: unknown;
    try {
      value = lookup(variable.trim(), where, depth);
    } catch (error) {
      // A source only AWS can answer (ssm, cf, s3...) is fine when a fallback is given.
      if (comma === -1 || !(error instanceof UnresolvedVariableError)) throw error;
    }
    if (value !== undefined && value !== null) return value;
    if (comma !== -1) return parseFallback(expression.slice(comma + 1));
    throw new UnresolvedVariableError(variable.trim(), where, 'no value and no fallback');
  };

  const resolveString = (text: string, where: string, depth: number): unknown => {
    let current: unknown = text;
    while (typeof current === 'string') {
      const match = INNERMOST.exec(current);
      if (match === null) return current;
      const value = resolveOne(match[1] ?? '', where, depth);
      if (match[0] === current) {
        current = value;
        continue;
      }
      const inline = typeof value === 'string' ? value : JSON.stringify(value);
      current = `${current.slice(0, match.index)}${inline}${current.slice(match.index + match[0].length)}`;
    }
    return current;
  };

  return resolveIn(value, 'serverless.yml', 0) as T;
}
