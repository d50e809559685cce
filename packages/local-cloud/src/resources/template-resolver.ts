import { UnsupportedTemplateError } from '../errors';
import { type IdentityScope, resourceIdentity, type TemplateResource } from './resource-identity';

// Properties that decide names and ARNs; resolved on their own so identities never need a whole resource.
const NAME_PROPERTIES = [
  'TableName',
  'BucketName',
  'QueueName',
  'FifoQueue',
  'TopicName',
  'Name',
  'EventBusName',
  'StateMachineName',
  'FunctionName',
  'RoleName',
];

/** Marks a property to drop (`Ref: AWS::NoValue`). */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Resolves CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If
 * with Conditions, Fn::Equals/Not/And/Or, Fn::FindInMap, Fn::Base64, Fn::GetAZs) against the service's
 * resources. `lookupAttribute` supplies attributes known only after creation (a table's StreamArn).
 *
 * @example
 * const resolver = new TemplateResolver(template, scope, () => undefined);
 * resolver.resolve({ 'Fn::GetAtt': ['Work', 'Arn'] }) // 'arn:aws:sqs:us-east-1:000000000000:work'
 */
export class TemplateResolver {
  private readonly identities = new Map<string, ReturnType<typeof resourceIdentity>>();

  constructor(
    private readonly template: {
      Resources: Record<string, TemplateResource>;
      Conditions?: Record<string, unknown> | undefined;
      Mappings?: Record<string, unknown> | undefined;
    },
    private readonly scope: IdentityScope,
    private readonly lookupAttribute: (logicalId: string, attribute: string) => string | undefined
  ) {}

  resolve(value: unknown, where = 'template'): unknown {
    const resolved = this.resolveValue(value, where);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** Ref of a logical id or a pseudo parameter. */
  ref(name: string, where: string): unknown {
    const pseudo: Record<string, string | typeof NO_VALUE> = {
      'AWS::Region': this.scope.region,
      'AWS::AccountId': this.scope.accountId,
      'AWS::Partition': 'aws',
      'AWS::StackName': this.scope.stackName,
      'AWS::StackId': `arn:aws:cloudformation:${this.scope.region}:${this.scope.accountId}:stack/${this.scope.stackName}/local`,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::NoValue': NO_VALUE,
    };
    if (name in pseudo) return pseudo[name];
    return this.identity(name, where).ref;
  }

  getAtt(logicalId: string, attribute: string, where: string): string {
    const late = this.lookupAttribute(logicalId, attribute);
    if (late !== undefined) return late;
    const value = this.identity(logicalId, where).attributes[attribute];
    if (value === undefined)
      throw new UnsupportedTemplateError(where, `Fn::GetAtt ${logicalId}.${attribute} is not known locally`);
    return value;
  }

  private identity(logicalId: string, where: string) {
    const cached = this.identities.get(logicalId);
    if (cached !== undefined) return cached;
    const resource = this.template.Resources[logicalId];
    if (resource === undefined) throw new UnsupportedTemplateError(where, `no resource named ${logicalId}`);
    const properties: Record<string, unknown> = {};
    for (const key of NAME_PROPERTIES) {
      if (resource.Properties?.[key] !== undefined)
        properties[key] = this.resolve(resource.Properties[key], `${logicalId}.${key}`);
    }
    const identity = resourceIdentity(logicalId, { Type: resource.Type, Properties: properties }, this.scope);
    this.identities.set(logicalId, identity);
    return identity;
  }

  private resolveValue(value: unknown, where: string): unknown {
    if (Array.isArray(value)) {
      return value
        .map((item, i) => this.resolveValue(item, `${where}.${i}`))
        .filter((item) => item !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (
      entries.length === 1 &&
      first !== undefined &&
      (first[0] === 'Ref' || first[0].startsWith('Fn::') || first[0] === 'Condition')
    ) {
      if (first[0] !== 'Condition' || typeof first[1] === 'string')
        return this.intrinsic(first[0], first[1], where);
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const resolved = this.resolveValue(item, `${where}.${key}`);
      if (resolved !== NO_VALUE) result[key] = resolved;
    }
    return result;
  }

  private intrinsic(name: string, argument: unknown, where: string): unknown {
    const args = (): unknown[] => {
      const resolved = this.resolveValue(argument, where);
      if (!Array.isArray(resolved)) throw new UnsupportedTemplateError(where, `${name} expects a list`);
      return resolved;
    };
    switch (name) {
      case 'Ref':
        return this.ref(String(argument), where);
      case 'Fn::GetAtt': {
        const [logicalId, ...attribute] = Array.isArray(argument)
          ? argument.map(String)
          : String(argument).split('.');
        return this.getAtt(logicalId ?? '', attribute.join('.'), where);
      }
      case 'Fn::Sub':
        return this.sub(argument, where);
      case 'Fn::Join': {
        const [separator, items] = args();
        return (Array.isArray(items) ? items : []).map(String).join(String(separator));
      }
      case 'Fn::Select': {
        const [index, items] = args();
        return Array.isArray(items) ? items[Number(index)] : undefined;
      }
      case 'Fn::Split': {
        const [separator, text] = args();
        return String(text).split(String(separator));
      }
      case 'Fn::Base64':
        return Buffer.from(String(this.resolveValue(argument, where))).toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${this.scope.region}${zone}`);
      case 'Fn::FindInMap': {
        const [map, key, attribute] = args().map(String);
        return (this.template.Mappings?.[map ?? ''] as Record<string, Record<string, unknown>> | undefined)?.[
          key ?? ''
        ]?.[attribute ?? ''];
      }
      case 'Condition':
        return this.condition(String(argument), where);
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = Array.isArray(argument) ? argument : [];
        return this.resolveValue(this.condition(String(condition), where) ? whenTrue : whenFalse, where);
      }
      case 'Fn::Equals': {
        const [left, right] = args();
        return JSON.stringify(left) === JSON.stringify(right);
      }
      case 'Fn::Not':
        return !args()[0];
      case 'Fn::And':
        return args().every(Boolean);
      case 'Fn::Or':
        return args().some(Boolean);
      default:
        throw new UnsupportedTemplateError(where, `${name} is not supported locally`);
    }
  }

  /** Evaluates a named condition of the template's `Conditions`. */
  condition(name: string, where: string): boolean {
    const definition = this.template.Conditions?.[name];
    if (definition === undefined) throw new UnsupportedTemplateError(where, `no condition named ${name}`);
    return Boolean(this.resolveValue(definition, `Conditions.${name}`));
  }

  private sub(argument: unknown, where: string): string {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    const values = (this.resolveValue(variables ?? {}, where) ?? {}) as Record<string, unknown>;
    return String(text).replace(/\$\{(!?)([^}]+)\}/g, (_whole, bang: string, name: string) => {
      if (bang === '!') return `\${${name}}`;
      if (name in values) return String(values[name]);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::'))
        return this.getAtt(name.slice(0, dot), name.slice(dot + 1), where);
      return String(this.ref(name, where));
    });
  }
}
