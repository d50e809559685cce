import * as z from 'zod';
import { NonEmptyStringSchema } from '../common/primitives';
import { SeverityLabelSchema } from './severity';

/** A resource of an ASFF finding. `Details` is product-specific and stays open. */
export const AsffResourceSchema = z.looseObject({
  Type: NonEmptyStringSchema,
  Id: NonEmptyStringSchema,
  Partition: z.string().optional(),
  Region: z.string().optional(),
  ResourceRole: z.string().optional(),
  Tags: z.record(z.string(), z.string()).optional(),
  Details: z.record(z.string(), z.unknown()).optional(),
});
export type AsffResource = z.infer<typeof AsffResourceSchema>;

/** ASFF `Severity`: the label is what Vigil reads; `Normalized` (0–100) is legacy. */
export const AsffSeveritySchema = z.looseObject({
  Label: SeverityLabelSchema,
  Normalized: z.number().int().min(0).max(100).optional(),
  Original: z.string().optional(),
  Product: z.number().optional(),
});
export type AsffSeverity = z.infer<typeof AsffSeveritySchema>;

/** A finding another finding refers to (`RelatedFindings[]`). */
export const AsffRelatedFindingSchema = z.looseObject({
  ProductArn: NonEmptyStringSchema,
  Id: NonEmptyStringSchema,
});
export type AsffRelatedFinding = z.infer<typeof AsffRelatedFindingSchema>;

/**
 * A finding in the AWS Security Finding Format (Security Hub), as imported or as exported in events.
 * Timestamps are kept as strings: producers differ in precision and some exports are not strict ISO.
 *
 * @example
 * ```ts
 * const finding = parseWith(AsffFindingSchema, value, 'ASFF finding');
 * ```
 */
export const AsffFindingSchema = z.looseObject({
  SchemaVersion: NonEmptyStringSchema,
  Id: NonEmptyStringSchema,
  ProductArn: NonEmptyStringSchema,
  GeneratorId: NonEmptyStringSchema,
  AwsAccountId: NonEmptyStringSchema,
  Types: z.array(z.string()).optional(),
  CreatedAt: NonEmptyStringSchema,
  UpdatedAt: NonEmptyStringSchema,
  FirstObservedAt: z.string().optional(),
  LastObservedAt: z.string().optional(),
  Severity: AsffSeveritySchema,
  Title: NonEmptyStringSchema,
  Description: z.string(),
  Resources: z.array(AsffResourceSchema).min(1),
  ProductName: z.string().optional(),
  CompanyName: z.string().optional(),
  Region: z.string().optional(),
  RecordState: z.enum(['ACTIVE', 'ARCHIVED']).optional(),
  Workflow: z.looseObject({ Status: z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']) }).optional(),
  WorkflowState: z.string().optional(),
  FindingProviderFields: z
    .looseObject({ Severity: z.looseObject({ Label: SeverityLabelSchema.optional() }).optional() })
    .optional(),
  ProductFields: z.record(z.string(), z.string()).optional(),
  UserDefinedFields: z.record(z.string(), z.string()).optional(),
  RelatedFindings: z.array(AsffRelatedFindingSchema).optional(),
  Note: z.looseObject({ Text: z.string(), UpdatedBy: z.string(), UpdatedAt: z.string() }).optional(),
  Remediation: z
    .looseObject({
      Recommendation: z.looseObject({ Text: z.string().optional(), Url: z.string().optional() }),
    })
    .optional(),
});
export type AsffFinding = z.infer<typeof AsffFindingSchema>;
