import type { VigilAlert } from '@vigil/event-schema';

/** Where alerts go: the SNS alert topic and the event bus. */
export type AlertChannelName = 'sns' | 'bus';

/** What a channel delivered: alert ids that went out, and those that did not (with the reason). */
export interface PublishResult {
  delivered: string[];
  failed: { id: string; reason: string }[];
}

/** One output of alerts (SNS, EventBridge); implementations retry what they can before reporting a failure. */
export interface AlertChannel {
  readonly name: AlertChannelName;
  publish(alerts: readonly VigilAlert[]): Promise<PublishResult>;
}
