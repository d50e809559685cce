import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from '../../../src/core/rule';

export const EVENTS_DIR = path.resolve(__dirname, '../../events/cloudtrail');
export const RULES_DIR = path.resolve(__dirname, 'fixtures/rules');
export const BAD_RULES_DIR = path.resolve(__dirname, 'fixtures/bad-rules');

/** A CloudTrail record fixture from `tests/events/cloudtrail/<name>.json`. */
export function loadEvent(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(EVENTS_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** A valid rule with overrides. */
export function makeRule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'test-rule',
    title: 'Test rule',
    severity: 'HIGH',
    mitre: [
      {
        tactic: 'defense-evasion',
        techniqueId: 'T1562.008',
        technique: 'Impair Defenses: Disable or Modify Cloud Logs',
      },
    ],
    description: 'A rule for tests.',
    runbook: 'Look at it.',
    pattern: { eventName: ['StopLogging'] },
    tests: [],
    origin: 'custom',
    ...overrides,
  };
}

/** An async iterable over the bytes, cut into chunks of `size` (exercises chunk boundaries). */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let index = 0; index < bytes.length; index += size) {
    yield bytes.subarray(index, index + size);
  }
}
