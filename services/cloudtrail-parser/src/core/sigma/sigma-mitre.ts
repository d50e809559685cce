import type { MitreTechnique } from '../rule';
import { ATTACK_TACTICS, ATTACK_TECHNIQUES } from './attack-techniques';

const TECHNIQUE_TAG = /^attack\.(t\d{4}(\.\d{3})?)$/i;

/**
 * Sigma `tags` → MITRE techniques. Tags list tactics and techniques separately, so each technique gets
 * the first of its known tactics that the rule also tags (else the rule's first tactic, else its usual
 * one). A technique missing from our table keeps its id as its name rather than a guessed one.
 */
export function mitreFromSigmaTags(tags: readonly string[]): MitreTechnique[] {
  const lower = tags.map((tag) => tag.toLowerCase());
  const known: readonly string[] = ATTACK_TACTICS;
  const ruleTactics = lower
    .filter((tag) => tag.startsWith('attack.'))
    .map((tag) => tag.slice('attack.'.length))
    .filter((tactic) => known.includes(tactic));
  return lower.flatMap((tag) => {
    const id = TECHNIQUE_TAG.exec(tag)?.[1]?.toUpperCase();
    if (id === undefined) {
      return [];
    }
    const entry = ATTACK_TECHNIQUES[id] ?? ATTACK_TECHNIQUES[id.split('.')[0] ?? ''];
    const tactic =
      entry?.tactics.find((candidate) => ruleTactics.includes(candidate)) ??
      ruleTactics[0] ??
      entry?.tactics[0] ??
      'unknown';
    const name = ATTACK_TECHNIQUES[id]?.name ?? id;
    return [{ tactic, techniqueId: id, technique: name }];
  });
}
