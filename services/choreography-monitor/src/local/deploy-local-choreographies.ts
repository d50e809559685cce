import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import {
  buildChoreographyResources,
  type CfnResource,
  STACK_REFERENCES,
  stateMachineName,
} from '../../scripts/choreography-resources';
import type { ChoreographyModel } from '../core/choreography-model';

/** The parts of a local cloud this needs (`@vigil/local-cloud`'s `LocalCloud` fits). */
export type LocalCloudLike = {
  endpoints: { stepfunctions: string; events: string };
  region: string;
  accountId: string;
};

/** Physical names of the serverless.yml resources the generated ones refer to (see serverless.yml). */
export function localPhysicalNames(stage: string): Record<string, string> {
  return {
    [STACK_REFERENCES.tokensTable]: `vigil-${stage}-choreography-tokens`,
    [STACK_REFERENCES.startQueue]: `vigil-${stage}-choreography-start`,
    [STACK_REFERENCES.forwardQueue]: `vigil-${stage}-choreography-forward`,
    [STACK_REFERENCES.deadLetterQueue]: `vigil-${stage}-choreography-dlq`,
  };
}

/** Resolves the few intrinsics the generator writes (Ref/GetAtt of queues and the table) to local names and ARNs. */
function resolveIntrinsics(value: unknown, names: Record<string, string>, cloud: LocalCloudLike): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, names, cloud));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === 'string' && names[object.Ref] !== undefined) return names[object.Ref];
  const getAtt = object['Fn::GetAtt'];
  if (
    Array.isArray(getAtt) &&
    typeof getAtt[0] === 'string' &&
    names[getAtt[0]] !== undefined &&
    getAtt[1] === 'Arn'
  ) {
    return `arn:aws:sqs:${cloud.region}:${cloud.accountId}:${names[getAtt[0]]}`;
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, item]) => [key, resolveIntrinsics(item, names, cloud)])
  );
}

const ofType = (resources: Record<string, CfnResource>, type: string) =>
  Object.values(resources).filter((resource) => resource.Type === type);

/**
 * Creates on a local cloud what the plugin adds to the stack at package time — each choreography's state
 * machine (the same generated ASL and substitutions) and its start and forward rules — from the very
 * resources `buildChoreographyResources` generates, so local and deployed cannot drift. (local-cloud's
 * `createResources` reads serverless.yml only, where these resources are not written.)
 */
export async function deployLocalChoreographies(
  cloud: LocalCloudLike,
  models: readonly ChoreographyModel[],
  stage: string
): Promise<string[]> {
  const names = localPhysicalNames(stage);
  const resources = resolveIntrinsics(buildChoreographyResources(models, { stage }), names, cloud) as Record<
    string,
    CfnResource
  >;
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const sfn = new SFNClient({ endpoint: cloud.endpoints.stepfunctions, region: cloud.region, credentials });
  const events = new EventBridgeClient({
    endpoint: cloud.endpoints.events,
    region: cloud.region,
    credentials,
  });
  const arns: string[] = [];
  try {
    for (const machine of ofType(resources, 'AWS::StepFunctions::StateMachine')) {
      const { DefinitionString, DefinitionSubstitutions, StateMachineName } = machine.Properties as {
        DefinitionString: string;
        DefinitionSubstitutions: Record<string, string>;
        StateMachineName: string;
      };
      const substituted = Object.entries(DefinitionSubstitutions).reduce(
        (text, [key, value]) => text.split(`\${${key}}`).join(value),
        DefinitionString
      );
      const definition = substituted;
      const created = await sfn
        .send(
          new CreateStateMachineCommand({
            name: StateMachineName,
            definition,
            roleArn: `arn:aws:iam::${cloud.accountId}:role/${StateMachineName}`,
            type: 'STANDARD',
          })
        )
        .catch((error: unknown) => {
          if (error instanceof Error && error.name === 'StateMachineAlreadyExists')
            return {
              stateMachineArn: `arn:aws:states:${cloud.region}:${cloud.accountId}:stateMachine:${StateMachineName}`,
            };
          throw error;
        });
      arns.push(created.stateMachineArn ?? '');
    }
    for (const rule of ofType(resources, 'AWS::Events::Rule')) {
      const properties = rule.Properties as {
        Name: string;
        EventBusName: string;
        EventPattern: unknown;
        Targets: { Id: string; Arn: string }[];
      };
      await events.send(
        new PutRuleCommand({
          Name: properties.Name,
          EventBusName: properties.EventBusName,
          EventPattern: JSON.stringify(properties.EventPattern),
          State: 'ENABLED',
        })
      );
      await events.send(
        new PutTargetsCommand({
          Rule: properties.Name,
          EventBusName: properties.EventBusName,
          Targets: properties.Targets.map((target) => ({ Id: target.Id, Arn: target.Arn })),
        })
      );
    }
  } finally {
    sfn.destroy();
    events.destroy();
  }
  return arns;
}

export { stateMachineName };
