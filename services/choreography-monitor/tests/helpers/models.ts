import path from 'node:path';
import { loadChoreographyFile } from '../../src/adapters/choreography-files';
import type { CallbackEvent } from '../../src/core/callback-event';
import type { ChoreographyModel } from '../../src/core/choreography-model';

export const CHOREOGRAPHIES_DIR = path.resolve(__dirname, '../../choreographies');
export const FIXTURE_CHOREOGRAPHIES_DIR = path.resolve(__dirname, '../../scenarios/choreographies');

export function shippedModel(name: 'order' | 'refund'): ChoreographyModel {
  return loadChoreographyFile(path.join(CHOREOGRAPHIES_DIR, `${name}.yml`));
}

let sequence = 0;

/** A callback event with a fresh id (or the one given). */
export function callbackEvent(
  detailType: string,
  detail: Record<string, unknown> = {},
  id?: string
): CallbackEvent {
  sequence += 1;
  return {
    id: id ?? `e-${sequence}`,
    source: 'com.example.test',
    detailType,
    time: `2026-01-01T00:00:${String(sequence % 60).padStart(2, '0')}Z`,
    detail,
  };
}

/** An EventBridge event as a rule delivers it. */
export function bridgeEvent(
  detailType: string,
  source: string,
  detail: Record<string, unknown>,
  id = `evt-${++sequence}`
) {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}
