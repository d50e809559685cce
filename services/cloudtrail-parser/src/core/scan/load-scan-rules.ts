import type { Rule } from '../rule';
import { loadRuleFiles, mergeRules } from '../rule-loader';
import { loadBuiltinRulesCached } from './builtin-rules-cache';

export interface RuleSelection {
  /** Native (or Sigma, detected) rule files and folders. */
  rules?: readonly string[] | undefined;
  /** Sigma rule files and folders. */
  sigma?: readonly string[] | undefined;
  /** False with `--no-builtin`. */
  builtin?: boolean | undefined;
}

/**
 * The rules a command runs: the built-in pack (unless disabled), then `--rules` and `--sigma` files; a
 * rule with the id of an earlier one replaces it. Throws `RuleLoadError` naming the bad file.
 */
export async function loadScanRules(selection: RuleSelection): Promise<Rule[]> {
  const builtin = selection.builtin === false ? [] : await loadBuiltinRulesCached();
  const custom = await loadRuleFiles(selection.rules ?? [], { origin: 'custom' });
  const sigma = await loadRuleFiles(selection.sigma ?? [], { format: 'sigma' });
  return mergeRules(builtin, custom, sigma);
}
