import { RuleLoadError } from '../../errors';
import type { Rule } from '../rule';
import { BUILTIN_RULES_DIR, listRuleFiles, loadRuleFile, loadRuleFiles, runRuleTests } from '../rule-loader';
import { type CommandContext, reportProblem } from './command-context';
import { loadScanRules, type RuleSelection } from './load-scan-rules';

/** `vigil rules check <path>...`: per file OK (with its rule count) or the reason; exit 2 on any failure. */
export async function rulesCheckCommand(
  targets: readonly string[],
  options: { format?: 'jsonl' | 'text' | undefined },
  context: CommandContext
): Promise<void> {
  const { stdout } = context.io;
  let hasFailure = false;
  for (const target of targets) {
    let files: string[];
    try {
      files = await listRuleFiles(target);
    } catch (error) {
      files = [];
      hasFailure = true;
      const reason = error instanceof RuleLoadError ? error.message.slice(target.length + 2) : String(error);
      if (options.format === 'jsonl') {
        stdout.write(`${JSON.stringify({ file: target, ok: false, error: reason })}\n`);
      } else {
        reportProblem(context, target, reason);
      }
    }
    for (const file of files) {
      const result = await loadRuleFile(file);
      hasFailure ||= result.error !== undefined;
      if (options.format === 'jsonl') {
        const line =
          result.error === undefined
            ? { file, ok: true, rules: result.rules.map((rule) => rule.id) }
            : { file, ok: false, error: result.error };
        stdout.write(`${JSON.stringify(line)}\n`);
      } else if (result.error === undefined) {
        stdout.write(`${file}: OK (${result.rules.length} rule${result.rules.length === 1 ? '' : 's'})\n`);
      } else {
        reportProblem(context, file, result.error);
      }
    }
  }
  if (hasFailure) {
    context.setExitCode(2);
  }
}

/** `vigil rules test [path]...`: runs the test events embedded in rules (default: the built-in pack). */
export async function rulesTestCommand(targets: readonly string[], context: CommandContext): Promise<void> {
  let rules: Rule[];
  try {
    rules =
      targets.length === 0
        ? await loadRuleFiles([BUILTIN_RULES_DIR], { origin: 'builtin' })
        : await loadRuleFiles(targets, { origin: 'custom' });
  } catch (error) {
    if (!(error instanceof RuleLoadError)) throw error;
    reportProblem(context, error.file, error.message.slice(error.file.length + 2));
    context.setExitCode(2);
    return;
  }
  const results = runRuleTests(rules);
  const failed = results.filter((result) => !result.passed);
  for (const result of failed) {
    const detail = result.problem ?? `expected ${result.expected ? 'a match' : 'no match'}, got the opposite`;
    context.io.stdout.write(`FAIL ${result.ruleId}: ${result.name}: ${detail}\n`);
  }
  context.io.stdout.write(
    `${rules.length} rules, ${results.length} tests, ${results.length - failed.length} passed, ${failed.length} failed\n`
  );
  if (failed.length > 0) {
    context.setExitCode(1);
  }
}

/** `vigil rules list`: one line per rule (id, severity, origin, ATT&CK ids, title), or JSON lines. */
export async function rulesListCommand(
  options: RuleSelection & { format?: 'jsonl' | 'table' | undefined },
  context: CommandContext
): Promise<void> {
  let rules: Rule[];
  try {
    rules = await loadScanRules(options);
  } catch (error) {
    if (!(error instanceof RuleLoadError)) throw error;
    reportProblem(context, error.file, error.message.slice(error.file.length + 2));
    context.setExitCode(2);
    return;
  }
  for (const rule of rules) {
    if (options.format === 'jsonl') {
      const { tests: _tests, ...summary } = rule;
      context.io.stdout.write(`${JSON.stringify(summary)}\n`);
      continue;
    }
    const techniques = rule.mitre.map((technique) => technique.techniqueId).join(',') || '-';
    const state = rule.enabled === false ? ' (disabled)' : '';
    context.io.stdout.write(
      `${rule.id.padEnd(48)} ${rule.severity.padEnd(13)} ${rule.origin.padEnd(8)} ${techniques.padEnd(20)} ${rule.title}${state}\n`
    );
  }
}
