import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowExecutions } from '../core/start-workflow';

/** StartExecution on `<stateMachineArnPrefix><choreography>`; an existing name is not an error. */
export class SfnWorkflowExecutions implements WorkflowExecutions {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArnPrefix: string
  ) {}

  async start(
    choreography: string,
    name: string,
    input: string
  ): Promise<{ status: 'started' | 'exists'; executionArn: string }> {
    const stateMachineArn = `${this.stateMachineArnPrefix}${choreography}`;
    try {
      const { executionArn } = await this.client.send(
        new StartExecutionCommand({ stateMachineArn, name, input })
      );
      return { status: 'started', executionArn: executionArn ?? '' };
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
      return {
        status: 'exists',
        executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
      };
    }
  }
}
