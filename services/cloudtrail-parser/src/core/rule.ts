import { z } from 'zod';
import { InvalidRuleError } from '../errors';

/** Severities, lowest first (ASFF labels). */
export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A rule's match logic: a pattern leaf, a Sigma `|re` leaf, or a boolean combination of conditions. */
export type RuleCondition =
  | { pattern: Record<string, unknown> }
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition }
  | { field: string; regex: string; flags?: string | undefined };

/** One MITRE ATT&CK technique, e.g. `{ tactic: 'defense-evasion', techniqueId: 'T1562.008', technique: '…' }`. */
export interface MitreTechnique {
  tactic: string;
  techniqueId: string;
  technique: string;
}

/** A test event embedded in a rule: the record and whether the rule must match it. */
export interface RuleTest {
  name?: string | undefined;
  expect: boolean;
  record: Record<string, unknown>;
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  mitre: MitreTechnique[];
  description: string;
  /** A short runbook hint for the responder. */
  runbook: string;
  tags?: string[] | undefined;
  /** Native rules: an EventBridge pattern over the CloudTrail record. Exactly one of pattern/condition. */
  pattern?: Record<string, unknown> | undefined;
  /** Sigma-compiled (or advanced native) rules. */
  condition?: RuleCondition | undefined;
  /** Alert when `count` matching records share the `groupBy` values within `window` (event time). */
  threshold?: { count: number; window: string; groupBy: string[] } | undefined;
  /** Alert once per `key` (dotted record paths) within `window`. */
  dedup?: { window: string; key: string[] } | undefined;
  tests: RuleTest[];
  enabled?: boolean | undefined;
  origin: 'builtin' | 'custom' | 'sigma' | 'watchlist';
  sigma?: { id: string; author?: string | undefined; license?: string | undefined } | undefined;
}

const DURATION = /^([1-9]\d*)(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Milliseconds in a duration such as `'30s'`, `'5m'`, `'1h'` or `'7d'`.
 * Throws `InvalidRuleError` for anything else.
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text);
  if (match === null) {
    throw new InvalidRuleError('', `invalid duration "${text}" (expected e.g. 30s, 5m, 1h, 7d)`);
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Rank of a severity (INFORMATIONAL = 0 … CRITICAL = 4), for `--fail-on` and sorting. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

const DurationSchema = z.string().regex(DURATION, 'expected a duration such as 30s, 5m, 1h, 7d');
const DottedPathSchema = z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'expected a dotted record path');
const PatternSchema = z.record(z.string(), z.unknown());

const RegexLeafSchema = z
  .strictObject({ field: DottedPathSchema, regex: z.string(), flags: z.string().optional() })
  .superRefine((leaf, context) => {
    try {
      new RegExp(leaf.regex, leaf.flags);
    } catch (error) {
      context.addIssue({
        code: 'custom',
        path: ['regex'],
        message: `invalid regex: ${(error as Error).message}`,
      });
    }
  });

export const RuleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ pattern: PatternSchema }),
    z.strictObject({ all: z.array(RuleConditionSchema).min(1) }),
    z.strictObject({ any: z.array(RuleConditionSchema).min(1) }),
    z.strictObject({ not: RuleConditionSchema }),
    RegexLeafSchema,
  ])
);

export const MitreTechniqueSchema = z.strictObject({
  tactic: z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'expected an ATT&CK tactic in kebab-case'),
  techniqueId: z.string().regex(/^T\d{4}(\.\d{3})?$/, 'expected an ATT&CK technique id such as T1562.008'),
  technique: z.string().min(1),
});

export const RuleTestSchema = z.strictObject({
  name: z.string().optional(),
  expect: z.boolean(),
  record: z.record(z.string(), z.unknown()),
});

/** A native rule document (YAML or JSON). `origin` is set by whoever loads it (see `parseRule`). */
export const RuleSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'expected letters, digits, ".", "_", ":" or "-"'),
    title: z.string().min(1),
    severity: z.enum(SEVERITIES),
    mitre: z.array(MitreTechniqueSchema),
    description: z.string().min(1),
    runbook: z.string().min(1),
    tags: z.array(z.string()).optional(),
    pattern: PatternSchema.optional(),
    condition: RuleConditionSchema.optional(),
    threshold: z
      .strictObject({
        count: z.number().int().min(1),
        window: DurationSchema,
        groupBy: z.array(DottedPathSchema),
      })
      .optional(),
    dedup: z.strictObject({ window: DurationSchema, key: z.array(DottedPathSchema).min(1) }).optional(),
    tests: z.array(RuleTestSchema).default([]),
    enabled: z.boolean().optional(),
    origin: z.enum(['builtin', 'custom', 'sigma', 'watchlist']).optional(),
    sigma: z
      .strictObject({ id: z.string(), author: z.string().optional(), license: z.string().optional() })
      .optional(),
  })
  .superRefine((rule, context) => {
    if ((rule.pattern === undefined) === (rule.condition === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: 'a rule needs exactly one of "pattern" or "condition"',
      });
    }
  });

export type RuleDocument = z.infer<typeof RuleSchema>;

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key) => String(key)).join('.');
}

/**
 * Validates a native rule document and returns the rule with its `origin` (the loader's, which wins over
 * any `origin` in the document: a custom file cannot pass itself off as built-in).
 * Throws `InvalidRuleError` with the path and reason of the first problem (others listed in the reason).
 */
export function parseRule(document: unknown, origin: Rule['origin']): Rule {
  const result = RuleSchema.safeParse(document);
  if (!result.success) {
    const [first, ...rest] = result.error.issues;
    const others = rest.map((issue) => `${formatPath(issue.path) || '(rule)'}: ${issue.message}`);
    const reason = [first?.message ?? 'invalid rule', ...others].join('; ');
    const id =
      typeof document === 'object' &&
      document !== null &&
      typeof (document as { id?: unknown }).id === 'string'
        ? (document as { id: string }).id
        : undefined;
    throw new InvalidRuleError(formatPath(first?.path ?? []), reason, id === undefined ? {} : { source: id });
  }
  const { origin: _ignored, ...rule } = result.data;
  return { ...rule, origin };
}
