import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { CallbackEvent } from '../core/callback-event';
import type { TaskCallbacks } from '../core/token-store';

// Answers meaning "this token will never be accepted": retrying cannot help.
const REFUSALS = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist', 'InvalidOutput']);

/** SendTaskSuccess, with Step Functions' refusals turned into values (retryable errors still throw). */
export class SfnTaskCallbacks implements TaskCallbacks {
  constructor(private readonly client: SFNClient) {}

  async sendSuccess(
    token: string,
    output: CallbackEvent
  ): Promise<'sent' | { rejected: string; message: string }> {
    try {
      await this.client.send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) })
      );
      return 'sent';
    } catch (error) {
      if (error instanceof Error && REFUSALS.has(error.name))
        return { rejected: error.name, message: error.message };
      throw error;
    }
  }
}
