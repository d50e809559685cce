import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { findAsffProblem, SEVERITY_LABELS } from './asff-validation';
import { SecurityHubApiError } from './errors';
import { type FindingFilters, matchesFilters } from './finding-filters';

export type Finding = Record<string, unknown>;
export interface FindingIdentifier {
  Id: string;
  ProductArn: string;
}

/** Fields that customers own once a finding exists: BatchImportFindings cannot change them (AWS API reference). */
const CUSTOMER_FIELDS = ['Note', 'UserDefinedFields', 'VerificationState', 'Workflow', 'WorkflowState'];
/** Fields a BatchUpdateFindings call takes over from the provider's FindingProviderFields. */
const PROVIDER_SYNCED = ['Severity', 'Types', 'Confidence', 'Criticality', 'RelatedFindings'];
const LABEL_TO_NORMALIZED: Record<string, number> = {
  INFORMATIONAL: 0,
  LOW: 1,
  MEDIUM: 40,
  HIGH: 70,
  CRITICAL: 90,
};
const WORKFLOW_STATE: Record<string, string> = {
  NEW: 'NEW',
  NOTIFIED: 'ASSIGNED',
  RESOLVED: 'RESOLVED',
  SUPPRESSED: 'DEFERRED',
};

const SeverityUpdateSchema = z
  .object({
    Label: z.enum(SEVERITY_LABELS).optional(),
    Normalized: z.number().int().min(0).max(100).optional(),
    Product: z.number().optional(),
  })
  .refine(
    (severity) => severity.Label !== undefined || severity.Normalized !== undefined,
    'Severity needs Label or Normalized'
  );
export const BatchUpdateSchema = z.object({
  FindingIdentifiers: z
    .array(z.object({ Id: z.string().min(1), ProductArn: z.string().min(1) }))
    .min(1)
    .max(100),
  Note: z.object({ Text: z.string().min(1).max(512), UpdatedBy: z.string().min(1).max(512) }).optional(),
  Severity: SeverityUpdateSchema.optional(),
  VerificationState: z.enum(['UNKNOWN', 'TRUE_POSITIVE', 'FALSE_POSITIVE', 'BENIGN_POSITIVE']).optional(),
  Confidence: z.number().int().min(0).max(100).optional(),
  Criticality: z.number().int().min(0).max(100).optional(),
  Types: z.array(z.string()).max(50).optional(),
  UserDefinedFields: z.record(z.string(), z.string()).optional(),
  Workflow: z.object({ Status: z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']) }).optional(),
  RelatedFindings: z
    .array(z.object({ ProductArn: z.string(), Id: z.string() }))
    .max(10)
    .optional(),
});
export type BatchUpdate = z.infer<typeof BatchUpdateSchema>;

function keyOf(id: unknown, productArn: unknown): string {
  return `${String(productArn)}\u0000${String(id)}`;
}

/** Fills Label from Normalized and the other way round, as Security Hub shows severities. */
function completeSeverity(severity: unknown): unknown {
  if (typeof severity !== 'object' || severity === null) return severity;
  const { Label, Normalized } = severity as { Label?: string; Normalized?: number };
  if (Label !== undefined && Normalized === undefined)
    return { ...severity, Normalized: LABEL_TO_NORMALIZED[Label] };
  if (Label === undefined && typeof Normalized === 'number') {
    const label =
      Normalized === 0
        ? 'INFORMATIONAL'
        : Normalized < 40
          ? 'LOW'
          : Normalized < 70
            ? 'MEDIUM'
            : Normalized < 90
              ? 'HIGH'
              : 'CRITICAL';
    return { ...severity, Label: label };
  }
  return severity;
}

/**
 * The recorder's findings: BatchImportFindings (validation, create or update by Id + ProductArn),
 * GetFindings (filters, paging) and BatchUpdateFindings, kept in memory and optionally in a JSON file.
 *
 * @example
 * const store = new FindingStore({ region: 'us-east-1' });
 * store.importFindings([finding]); // { SuccessCount: 1, FailedCount: 0, FailedFindings: [] }
 */
export class FindingStore {
  private readonly findings = new Map<string, Finding>();
  private readonly customerUpdated = new Map<string, Set<string>>();
  private readonly file: string | undefined;

  constructor(private readonly options: { region: string; stateDir?: string | undefined }) {
    this.file = options.stateDir ? path.join(options.stateDir, 'securityhub-findings.json') : undefined;
    if (this.file && existsSync(this.file)) {
      const saved = z
        .array(z.record(z.string(), z.unknown()))
        .parse(JSON.parse(readFileSync(this.file, 'utf8')));
      for (const finding of saved) this.findings.set(keyOf(finding.Id, finding.ProductArn), finding);
    }
  }

  importFindings(findings: unknown[]) {
    const failed: { Id: string; ErrorCode: string; ErrorMessage: string }[] = [];
    const now = new Date().toISOString();
    for (const finding of findings) {
      const problem = findAsffProblem(finding);
      if (problem || typeof finding !== 'object' || finding === null) {
        const id = typeof finding === 'object' && finding !== null ? Reflect.get(finding, 'Id') : undefined;
        failed.push({
          Id: typeof id === 'string' ? id : '',
          ErrorCode: 'InvalidInput',
          ErrorMessage: problem ?? 'invalid',
        });
        continue;
      }
      this.upsert({ ...(finding as Finding) }, now);
    }
    this.save();
    return {
      SuccessCount: findings.length - failed.length,
      FailedCount: failed.length,
      FailedFindings: failed,
    };
  }

  getFindings(filters: FindingFilters, maxResults: number, nextToken: string | undefined) {
    const start = nextToken ? Number(Buffer.from(nextToken, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0)
      throw new SecurityHubApiError('InvalidInputException', 'Invalid NextToken');
    const matching = [...this.findings.values()]
      .filter((finding) => matchesFilters(finding, filters))
      .sort(
        (a, b) =>
          String(b.UpdatedAt).localeCompare(String(a.UpdatedAt)) || String(a.Id).localeCompare(String(b.Id))
      );
    const page = matching.slice(start, start + maxResults);
    const end = start + page.length;
    return end < matching.length
      ? { Findings: page, NextToken: Buffer.from(String(end)).toString('base64') }
      : { Findings: page };
  }

  batchUpdate(update: BatchUpdate) {
    const processed: FindingIdentifier[] = [];
    const unprocessed: { FindingIdentifier: FindingIdentifier; ErrorCode: string; ErrorMessage: string }[] =
      [];
    const now = new Date().toISOString();
    for (const identifier of update.FindingIdentifiers) {
      const key = keyOf(identifier.Id, identifier.ProductArn);
      const finding = this.findings.get(key);
      if (!finding) {
        unprocessed.push({
          FindingIdentifier: identifier,
          ErrorCode: 'FindingNotFound',
          ErrorMessage: 'Finding Not Found',
        });
        continue;
      }
      this.applyUpdate(key, finding, update, now);
      processed.push(identifier);
    }
    this.save();
    return { ProcessedFindings: processed, UnprocessedFindings: unprocessed };
  }

  private upsert(finding: Finding, now: string): void {
    const key = keyOf(finding.Id, finding.ProductArn);
    const existing = this.findings.get(key);
    const provider: Finding = { ...((finding.FindingProviderFields as Finding | undefined) ?? {}) };
    for (const field of ['Severity', 'Types', 'Confidence', 'Criticality', 'RelatedFindings']) {
      if (finding[field] === undefined && provider[field] !== undefined) finding[field] = provider[field];
      if (provider[field] === undefined && finding[field] !== undefined) provider[field] = finding[field];
    }
    finding.Severity = completeSeverity(finding.Severity);
    provider.Severity = completeSeverity(provider.Severity);
    finding.FindingProviderFields = provider;
    finding.Region ??= this.options.region;
    finding.ProductName ??= 'Default';
    finding.CompanyName ??= 'Personal';
    finding.RecordState ??= 'ACTIVE';
    finding.ProcessedAt = now;
    if (existing) {
      const kept = [...CUSTOMER_FIELDS, ...(this.customerUpdated.get(key) ?? [])];
      for (const field of kept) if (existing[field] !== undefined) finding[field] = existing[field];
    } else {
      finding.Workflow ??= { Status: 'NEW' };
      finding.WorkflowState ??= 'NEW';
    }
    this.findings.set(key, finding);
  }

  private applyUpdate(key: string, finding: Finding, update: BatchUpdate, now: string): void {
    const touched = this.customerUpdated.get(key) ?? new Set<string>();
    if (update.Note) finding.Note = { ...update.Note, UpdatedAt: now };
    if (update.Severity) finding.Severity = completeSeverity({ ...update.Severity });
    if (update.Workflow) {
      finding.Workflow = { Status: update.Workflow.Status };
      finding.WorkflowState = WORKFLOW_STATE[update.Workflow.Status];
    }
    if (update.UserDefinedFields) {
      finding.UserDefinedFields = {
        ...((finding.UserDefinedFields as Finding | undefined) ?? {}),
        ...update.UserDefinedFields,
      };
    }
    for (const field of [
      'VerificationState',
      'Confidence',
      'Criticality',
      'Types',
      'RelatedFindings',
    ] as const) {
      if (update[field] !== undefined) finding[field] = update[field];
    }
    for (const field of PROVIDER_SYNCED)
      if (update[field as keyof BatchUpdate] !== undefined) touched.add(field);
    this.customerUpdated.set(key, touched);
    finding.UpdatedAt = now;
    finding.ProcessedAt = now;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify([...this.findings.values()], null, 2));
  }
}
