import { CreateStateMachineCommand, StateMachineAlreadyExists } from '@aws-sdk/client-sfn';
import { LocalCloudError } from '../errors';
import type { AwsClients } from '../router/aws-clients';
import type { EventRouter } from '../router/event-router';
import { type RuleTarget, RuleTargetSchema } from '../router/eventbridge-schemas';

type Props = Record<string, unknown>;

/** A rule's bus must exist already (as in AWS): a service's rule on the platform bus needs platform first. */
export function requireBus(router: EventRouter, busNameOrArn: string | undefined, what: string): void {
  if (!router.eventBridge.hasBus(busNameOrArn)) {
    throw new LocalCloudError(
      `${what} uses event bus ${busNameOrArn}, which does not exist: create the service that owns it first (services/platform)`
    );
  }
}

/**
 * `AWS::Events::Rule`: the rule (pattern or schedule) and its targets (target fields as CloudFormation
 * writes them, which match the API's).
 *
 * @example
 * createRule(router, 'vigil-dev-alerts', { EventBusName: 'vigil-dev', EventPattern: {...}, Targets: [...] });
 */
export function createRule(router: EventRouter, name: string, properties: Props): string {
  const bus = properties.EventBusName === undefined ? undefined : String(properties.EventBusName);
  requireBus(router, bus, `rule ${name}`);
  const pattern = properties.EventPattern;
  const { RuleArn } = router.eventBridge.putRule({
    Name: name,
    EventBusName: bus,
    EventPattern:
      pattern === undefined ? undefined : typeof pattern === 'string' ? pattern : JSON.stringify(pattern),
    ScheduleExpression:
      properties.ScheduleExpression === undefined ? undefined : String(properties.ScheduleExpression),
    State: properties.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    Description: properties.Description === undefined ? undefined : String(properties.Description),
  });
  const targets = ((properties.Targets ?? []) as Props[]).map((target): RuleTarget => {
    const { Input, ...rest } = target;
    return RuleTargetSchema.parse({
      ...rest,
      ...(Input === undefined ? {} : { Input: typeof Input === 'string' ? Input : JSON.stringify(Input) }),
    });
  });
  if (targets.length > 0) router.eventBridge.putTargets(name, bus, targets);
  return RuleArn;
}

/**
 * `AWS::StepFunctions::StateMachine` through the facade's CreateStateMachine (Definition or
 * DefinitionString, with DefinitionSubstitutions applied). An existing one is kept.
 */
export async function createStateMachine(
  clients: AwsClients,
  name: string,
  properties: Props,
  accountId: string
): Promise<void> {
  let definition =
    typeof properties.DefinitionString === 'string'
      ? properties.DefinitionString
      : JSON.stringify(properties.Definition ?? {});
  for (const [key, value] of Object.entries((properties.DefinitionSubstitutions ?? {}) as Props)) {
    definition = definition.split(`\${${key}}`).join(String(value));
  }
  const roleArn =
    typeof properties.RoleArn === 'string'
      ? properties.RoleArn
      : `arn:aws:iam::${accountId}:role/local-states`;
  try {
    await clients.sfn.send(
      new CreateStateMachineCommand({
        name,
        definition,
        roleArn,
        ...(properties.StateMachineType === 'EXPRESS' ? { type: 'EXPRESS' } : {}),
      })
    );
  } catch (error) {
    if (!(error instanceof StateMachineAlreadyExists)) throw error;
  }
}
