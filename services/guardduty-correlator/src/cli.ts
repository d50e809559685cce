import { readFileSync } from 'node:fs';
import {
  type AsffFinding,
  AsffFindingSchema,
  formatValidationError,
  GuardDutyFindingSchema,
} from '@vigil/event-schema';
import { type Command, Option } from 'commander';
import { BUILTIN_CORRELATIONS_DIR, readRuleSources } from './adapters/rule-files';
import { correlateOffline } from './core/correlate-offline';
import { formatDuration } from './core/duration';
import { guardDutyToAsff } from './core/guardduty-to-asff';
import { findingsOfEvent, IngestEventSchema } from './core/ingest-event';
import { loadRuleSet } from './core/load-rule-set';
import { parseCorrelationRuleFile, parseCorrelationRules } from './core/parse-correlation-rules';

/** What `@vigil/cli` passes to `registerCommands` (its `CliContext`). */
export type CommandContext = {
  io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } };
  setExitCode(code: number): void;
};

function defaultContext(): CommandContext {
  return {
    io: { stdout: process.stdout, stderr: process.stderr },
    setExitCode: (code) => {
      process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
    },
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Registers `vigil correlations check|list|test`: validate rule files, list the rules in force, and
 * correlate findings from files offline (Security Hub exports, events, native GuardDuty findings).
 */
export function registerCommands(program: Command, context: CommandContext = defaultContext()): void {
  const { io } = context;
  const correlations = program
    .command('correlations')
    .description('correlation rules of the guardduty-correlator');

  correlations
    .command('check')
    .description('validate correlation rule files (YAML); per file OK or the reason; exit 2 on any failure')
    .argument('<paths...>', 'rule files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'jsonl']).default('text'))
    .action((paths: string[], options: { format: 'text' | 'jsonl' }) => {
      for (const source of readRuleSources(paths)) {
        try {
          const rules = parseCorrelationRuleFile(source);
          const ids = rules.map((rule) => rule.id);
          io.stdout.write(
            options.format === 'jsonl'
              ? `${JSON.stringify({ file: source.name, ok: true, rules: ids })}\n`
              : `OK ${source.name} (${ids.join(', ')})\n`
          );
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (options.format === 'jsonl')
            io.stdout.write(`${JSON.stringify({ file: source.name, ok: false, error: reason })}\n`);
          else io.stderr.write(`vigil: ${reason}\n`);
          context.setExitCode(2);
        }
      }
    });

  correlations
    .command('list')
    .description('list the correlation rules in force')
    .option('--rules <path>', 'extra rule file or folder; repeatable', collect, [])
    .option('--no-builtin', 'leave out the built-in rules')
    .action((options: { rules: string[]; builtin: boolean }) => {
      for (const rule of parseCorrelationRules(readRuleSources(rulePaths(options)))) {
        const signals = rule.signals.map(
          (signal) =>
            `${signal.absent ? 'no ' : ''}${signal.id}${signal.minCount > 1 ? ` ×${signal.minCount}` : ''}`
        );
        io.stdout.write(
          `${rule.id}  [${rule.resourceTypes.join(', ')}]  ${formatDuration(rule.window)}${rule.ordered ? ' ordered' : ''}  ${signals.join(rule.ordered ? ' → ' : ' + ')}\n`
        );
      }
    });

  correlations
    .command('test')
    .description('correlate findings from JSON files offline and print the correlations (one JSON line each)')
    .argument(
      '<files...>',
      'JSON: an ASFF finding, an array of them, {"Findings": [...]}, a Security Hub or GuardDuty event, or a native GuardDuty finding'
    )
    .option('--rules <path>', 'extra rule file or folder; repeatable', collect, [])
    .option('--no-builtin', 'leave out the built-in rules')
    .action((files: string[], options: { rules: string[]; builtin: boolean }) => {
      const ruleSet = loadRuleSet(readRuleSources(rulePaths(options)));
      const findings = files.flatMap((file) => readFindings(file, context));
      const { correlations: found, rejected } = correlateOffline(findings, ruleSet);
      for (const correlation of found) io.stdout.write(`${JSON.stringify(correlation)}\n`);
      for (const entry of rejected) io.stderr.write(`vigil: ${entry.findingId}: ${entry.reason}\n`);
      io.stderr.write(
        `${findings.length} findings, ${found.length} correlations, ${rejected.length} unkeyable\n`
      );
    });
}

function rulePaths(options: { rules: string[]; builtin: boolean }): string[] {
  return [...(options.builtin ? [BUILTIN_CORRELATIONS_DIR] : []), ...options.rules];
}

function readFindings(file: string, context: CommandContext): AsffFinding[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    context.io.stderr.write(`vigil: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    context.setExitCode(2);
    return [];
  }
  const items = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && 'Findings' in value && Array.isArray(value.Findings)
      ? value.Findings
      : [value];
  const findings: AsffFinding[] = [];
  for (const [index, item] of (items as unknown[]).entries()) {
    const event = IngestEventSchema.safeParse(item);
    if (event.success) {
      findings.push(...findingsOfEvent(event.data));
      continue;
    }
    const native = GuardDutyFindingSchema.safeParse(item);
    if (native.success) {
      findings.push(guardDutyToAsff(native.data));
      continue;
    }
    const asff = AsffFindingSchema.safeParse(item, { reportInput: true });
    if (asff.success) {
      findings.push(asff.data);
      continue;
    }
    context.io.stderr.write(
      `vigil: ${file}[${index}]: not a finding or event: ${formatValidationError(asff.error, item)}\n`
    );
    context.setExitCode(2);
  }
  return findings;
}
