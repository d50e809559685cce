import { compilePattern, InvalidPatternError } from '@vigil/event-patterns';
import { z } from 'zod';
import { DurationSchema } from './duration';
import { ResourceKindSchema } from './resource-key';

const SlugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/,
    'expected lowercase letters, digits, dots and hyphens (e.g. ec2-backdoor)'
  );

/** ASFF finding types are `namespace[/category[/classifier]]` with one of the five namespaces. */
const ASFF_NAMESPACES = [
  'Software and Configuration Checks',
  'TTPs',
  'Effects',
  'Unusual Behaviors',
  'Sensitive Data Identifications',
];
const AsffTypeSchema = z
  .string()
  .max(128)
  .refine(
    (type) => ASFF_NAMESPACES.includes(type.split('/')[0] ?? '') && type.split('/').length <= 3,
    `expected namespace/category/classifier with a namespace among: ${ASFF_NAMESPACES.join(', ')}`
  );

/** One signal: an EventBridge pattern over the ASFF finding, and how many distinct findings must match. */
export const CorrelationSignalSchema = z.strictObject({
  id: SlugSchema,
  description: z.string().optional(),
  pattern: z.record(z.string(), z.unknown()),
  /** Distinct live findings that must match within the window (default 1). */
  minCount: z.number().int().min(1).max(1000).default(1),
  /** Panther's `Absence`: the rule fires only if NO finding matches this signal within the window. */
  absent: z.boolean().default(false),
});
export type CorrelationSignal = z.infer<typeof CorrelationSignalSchema>;

/**
 * A correlation rule, as written in `correlations/*.yml`: per resource kind, a set of signals that must all
 * be met by live findings of one resource within `window` (in listed order when `ordered`).
 */
export const CorrelationRuleSchema = z
  .strictObject({
    id: SlugSchema,
    title: z.string().min(1).max(256),
    description: z.string().min(1).max(1024),
    enabled: z.boolean().default(true),
    resourceTypes: z.array(ResourceKindSchema).min(1),
    /** Lookback window: every counted finding was active within one window of this length. */
    window: DurationSchema,
    /** When true, signal i must reach its count no later than signal i+1 (first-seen times). */
    ordered: z.boolean().default(false),
    /** ASFF `Types` of the correlated finding. */
    types: z.array(AsffTypeSchema).min(1).max(50),
    remediation: z.strictObject({ text: z.string().min(1).max(512), url: z.url().optional() }),
    references: z.array(z.url()).optional(),
    signals: z.array(CorrelationSignalSchema).min(1).max(20),
  })
  .superRefine((rule, context) => {
    const seen = new Set<string>();
    rule.signals.forEach((signal, index) => {
      if (seen.has(signal.id)) {
        context.addIssue({
          code: 'custom',
          path: ['signals', index, 'id'],
          message: `duplicate signal id "${signal.id}"`,
        });
      }
      seen.add(signal.id);
      try {
        compilePattern(signal.pattern);
      } catch (error) {
        if (!(error instanceof InvalidPatternError)) throw error;
        const path = error.path === '' ? [] : error.path.split('.');
        context.addIssue({
          code: 'custom',
          path: ['signals', index, 'pattern', ...path],
          message: error.reason,
        });
      }
    });
    const present = rule.signals.filter((signal) => !signal.absent).length;
    if (present === 0) {
      context.addIssue({
        code: 'custom',
        path: ['signals'],
        message: 'at least one signal must not be `absent`',
      });
    }
    if (rule.ordered && present < 2) {
      context.addIssue({
        code: 'custom',
        path: ['ordered'],
        message: '`ordered` needs at least two signals that are not `absent`',
      });
    }
  });
/** A validated rule (`window` in milliseconds, defaults applied). */
export type CorrelationRule = z.infer<typeof CorrelationRuleSchema>;
/** A rule as written in YAML. */
export type CorrelationRuleInput = z.input<typeof CorrelationRuleSchema>;
