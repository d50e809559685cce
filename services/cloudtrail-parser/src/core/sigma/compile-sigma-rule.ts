import { InvalidRuleError } from '../../errors';
import { parseRule, type Rule, type Severity } from '../rule';
import { compileSigmaDetection } from './compile-sigma-detection';
import { UnsupportedSigmaRuleError } from './errors';
import { mitreFromSigmaTags } from './sigma-mitre';
import { type SigmaRuleDocument, SigmaRuleDocumentSchema } from './sigma-rule-document';

const LEVELS: Record<string, Severity> = {
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};
// SigmaHQ rules carry no `license` key: the whole repository is under the Detection Rule License 1.1.
const SIGMAHQ_LICENSE = 'DRL-1.1';

function parseDocument(document: unknown): SigmaRuleDocument {
  if (typeof document === 'object' && document !== null && 'correlation' in document) {
    throw new UnsupportedSigmaRuleError('Sigma correlation rules are not supported');
  }
  const result = SigmaRuleDocumentSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.map(String).join('.') || '(rule)';
    throw new UnsupportedSigmaRuleError(`not a Sigma rule: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

function checkLogsource({ logsource }: SigmaRuleDocument): void {
  const product = logsource.product?.toLowerCase();
  const service = logsource.service?.toLowerCase();
  if (product !== 'aws' || service !== 'cloudtrail' || logsource.category !== undefined) {
    const shown = JSON.stringify({ ...logsource, definition: undefined });
    throw new UnsupportedSigmaRuleError(
      `logsource ${shown} is not supported (only product: aws, service: cloudtrail)`
    );
  }
}

function severityOf(level: string | undefined): Severity {
  if (level === undefined) {
    return 'MEDIUM';
  }
  const severity = LEVELS[level.toLowerCase()];
  if (severity === undefined) {
    throw new UnsupportedSigmaRuleError(`unknown level "${level}"`);
  }
  return severity;
}

function runbookOf(sigma: SigmaRuleDocument): string {
  const falsePositives = (sigma.falsepositives ?? []).map(String).filter((text) => text !== '');
  const known = falsePositives.length > 0 ? ` Known false positives: ${falsePositives.join('; ')}.` : '';
  const references = sigma.references?.length ? ` References: ${sigma.references.join(' ')}` : '';
  return `Confirm with the actor's owner that this activity was expected; if not, treat the credentials as compromised.${known}${references}`;
}

function compile(document: unknown): Rule {
  const sigma = parseDocument(document);
  checkLogsource(sigma);
  const condition = compileSigmaDetection(sigma.detection);
  const rule = {
    id: `sigma-${sigma.id}`,
    title: sigma.title,
    severity: severityOf(sigma.level),
    mitre: mitreFromSigmaTags(sigma.tags ?? []),
    description: (sigma.description ?? sigma.title).trim(),
    runbook: runbookOf(sigma),
    tags: ['sigma', ...(sigma.tags ?? [])],
    condition,
    tests: [],
    sigma: {
      id: sigma.id,
      ...(sigma.author === undefined ? {} : { author: sigma.author }),
      license: sigma.license ?? SIGMAHQ_LICENSE,
    },
  };
  try {
    // The engine's own schema is the last word: whatever passes here loads like any other rule.
    return parseRule(rule, 'sigma');
  } catch (error) {
    if (error instanceof InvalidRuleError) {
      throw new UnsupportedSigmaRuleError(`compiled rule is invalid: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function sigmaIdOf(document: unknown): string | undefined {
  if (typeof document !== 'object' || document === null) {
    return undefined;
  }
  const { id, title } = document as { id?: unknown; title?: unknown };
  if (typeof id === 'string') {
    return id;
  }
  return typeof title === 'string' ? title : undefined;
}

/**
 * Compiles a parsed Sigma rule for CloudTrail (`logsource: product aws, service cloudtrail`) into a Vigil
 * rule with a `condition` (origin `sigma`, id `sigma-<sigma id>`). Anything the compiler cannot express
 * exactly throws `UnsupportedSigmaRuleError` with the reason: a rule is never half-compiled.
 * See `src/core/sigma/README.md` for what is supported and the matching semantics.
 */
export function compileSigmaRule(document: unknown): Rule {
  try {
    return compile(document);
  } catch (error) {
    if (error instanceof UnsupportedSigmaRuleError && error.sigmaId === undefined) {
      throw new UnsupportedSigmaRuleError(error.reason, { sigmaId: sigmaIdOf(document), cause: error.cause });
    }
    throw error;
  }
}
