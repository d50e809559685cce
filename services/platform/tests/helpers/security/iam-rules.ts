import {
  asList,
  bothBranches,
  type CfnResource,
  isRecord,
  ofType,
  render,
  type Violation,
} from './cfn-template';
import { RESOURCE_STAR_ALLOWLIST } from './resource-star-allowlist';

interface PolicySource {
  resource: string;
  where: string;
  document: unknown;
  /** Key policies name their own key as `*`. */
  isKeyPolicy?: boolean;
  isResourcePolicy?: boolean;
}

function policiesOf(resources: Record<string, CfnResource>): PolicySource[] {
  const sources: PolicySource[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::IAM::Role':
        asList(props.Policies).forEach((policy, index) => {
          if (!isRecord(policy)) return;
          const name = typeof policy.PolicyName === 'string' ? policy.PolicyName : String(index);
          sources.push({ resource: id, where: `Policies[${name}]`, document: policy.PolicyDocument });
        });
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        sources.push({ resource: id, where: 'PolicyDocument', document: props.PolicyDocument });
        break;
      case 'AWS::SQS::QueuePolicy':
      case 'AWS::SNS::TopicPolicy':
      case 'AWS::S3::BucketPolicy':
        sources.push({
          resource: id,
          where: 'PolicyDocument',
          document: props.PolicyDocument,
          isResourcePolicy: true,
        });
        break;
      case 'AWS::Events::EventBusPolicy':
        sources.push({
          resource: id,
          where: 'Statement',
          document: { Statement: props.Statement },
          isResourcePolicy: true,
        });
        break;
      case 'AWS::KMS::Key':
        sources.push({
          resource: id,
          where: 'KeyPolicy',
          document: props.KeyPolicy,
          isKeyPolicy: true,
          isResourcePolicy: true,
        });
        break;
    }
  }
  return sources;
}

/** `arn:partition:service:region:account:resource` with `*` where it names every region, account or resource. */
function unscopedArnReason(arn: string): string | undefined {
  // `${AWS::Region}` and friends hold colons: stand them in before splitting.
  const parts = arn.replace(/\$\{[^}]*\}/g, '§').split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return undefined;
  const [, , service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  if (region === '*') return 'any region';
  if (account === '*') return 'any account';
  if (resource === '*' || resource === '*/*') return `every ${service} resource of the account`;
  // `table/*`, `key/*`, `function:*`: every resource of a type (S3 ARNs have no type: `bucket/*` is scoped).
  if (service !== 's3' && /^[a-z-]+[/:]\*$/.test(resource))
    return `every ${service} ${resource.slice(0, -2)} of the account`;
  return undefined;
}

/**
 * Allow statements: no wildcard in an action (`*`, `sqs:*`, `s3:Get*`), no `NotAction`/`NotResource`,
 * `Resource: '*'` only for the allowlisted actions, no ARN naming every resource of a type unless a
 * condition narrows it; in resource policies no public principal without a condition. Deny statements may
 * use wildcards (that is how they are meant to be written).
 */
export function checkIamPolicies(resources: Record<string, CfnResource>): Violation[] {
  const violations: Violation[] = [];
  for (const source of policiesOf(resources)) {
    const document = isRecord(source.document) ? source.document : {};
    bothBranches(asList(document.Statement)).forEach((statement, index) => {
      if (!isRecord(statement) || statement.Effect !== 'Allow') return;
      const label = `${source.where}.Statement[${typeof statement.Sid === 'string' ? statement.Sid : index}]`;
      const add = (rule: string, detail: string, fix: string) =>
        violations.push({ resource: source.resource, rule, detail: `${label}: ${detail}`, fix });
      if (statement.NotAction !== undefined || statement.NotResource !== undefined) {
        add(
          'no-wildcard-actions',
          'Allow with NotAction/NotResource',
          'list the exact actions and resources'
        );
      }
      const actions = asList(statement.Action).map(render);
      for (const action of actions.filter((name) => name.includes('*'))) {
        add('no-wildcard-actions', `action ${action}`, 'list the exact actions the code calls');
      }
      const hasCondition = isRecord(statement.Condition) && Object.keys(statement.Condition).length > 0;
      const targets = asList(statement.Resource).map(render);
      for (const target of targets) {
        if (target === '*') {
          if (source.isKeyPolicy) continue;
          const notAllowed = actions.filter((action) => !RESOURCE_STAR_ALLOWLIST.has(action));
          if (notAllowed.length > 0) {
            add(
              'resources-scoped',
              `Resource '*' for ${notAllowed.join(', ')}`,
              'name the ARNs (these actions support resource-level permissions)'
            );
          }
          continue;
        }
        const reason = unscopedArnReason(target);
        if (reason !== undefined && !hasCondition) {
          add(
            'resources-scoped',
            `${target} covers ${reason}`,
            'name the exact resource, or narrow it with a Condition'
          );
        }
      }
      if (source.isResourcePolicy && !hasCondition && isPublic(statement.Principal)) {
        add(
          'resources-scoped',
          'public principal without a condition',
          'name the principal or add aws:SourceArn/aws:SourceAccount'
        );
      }
    });
  }
  for (const [id, role] of ofType(resources, 'AWS::IAM::Role')) {
    for (const arn of asList(role.Properties?.ManagedPolicyArns).map(render)) {
      if (/^arn:aws[a-z-]*:iam::aws:policy\//.test(arn) || arn.includes(':iam::aws:policy/')) {
        violations.push({
          resource: id,
          rule: 'resources-scoped',
          detail: `AWS managed policy ${arn} (grants its actions on '*')`,
          fix: 'replace it with an inline policy naming the resources',
        });
      }
    }
  }
  return violations;
}

function isPublic(principal: unknown): boolean {
  if (principal === '*') return true;
  return isRecord(principal) && asList(principal.AWS).some((value) => render(value) === '*');
}
