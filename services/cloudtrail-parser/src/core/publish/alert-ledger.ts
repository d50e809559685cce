import type { AlertChannelName } from './alert-channel';

/** A claim on publishing one alert, and the channels an earlier attempt already delivered it to. */
export interface AlertClaim {
  alertId: string;
  delivered: ReadonlySet<AlertChannelName>;
}

/**
 * Remembers which alerts went out (the rule-state table in the Lambda), so an alert id is published at
 * most once per channel however often its record is processed: a redelivered SQS message, a re-processed
 * log object, or the real-time twin of a logged event. Claims expire: a Lambda that died holding one
 * does not silence the alert for good.
 */
export interface AlertLedger {
  /** Claims `alertId` at `nowSeconds`; undefined when it was fully published or another claim is fresh. */
  claim(alertId: string, nowSeconds: number): Promise<AlertClaim | undefined>;
  /** Records the channels delivered by this attempt; `complete` ends the claim for good, else it is released. */
  settle(alertId: string, delivered: readonly AlertChannelName[], complete: boolean): Promise<void>;
}
