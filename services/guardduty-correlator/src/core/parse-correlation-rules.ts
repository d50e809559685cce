import { formatValidationError } from '@vigil/event-schema';
import { parseAllDocuments } from 'yaml';
import { InvalidCorrelationRuleError } from '../errors';
import { type CorrelationRule, CorrelationRuleSchema } from './correlation-rule';

/** One rule file's text and the name errors should cite (its path). */
export type RuleSource = { name: string; text: string };

/**
 * Parses one YAML file (one rule per document, `---` between documents) and validates every rule.
 *
 * @throws InvalidCorrelationRuleError naming the file, the document and the failing path
 */
export function parseCorrelationRuleFile(source: RuleSource): CorrelationRule[] {
  const documents = parseAllDocuments(source.text, { prettyErrors: true });
  if (!Array.isArray(documents)) return [];
  const rules: CorrelationRule[] = [];
  documents.forEach((document, index) => {
    const where = documents.length > 1 ? `${source.name} (document ${index + 1})` : source.name;
    const [syntaxError] = document.errors;
    if (syntaxError) throw new InvalidCorrelationRuleError(where, `not YAML: ${syntaxError.message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return;
    const result = CorrelationRuleSchema.safeParse(value, { reportInput: true });
    if (!result.success)
      throw new InvalidCorrelationRuleError(where, formatValidationError(result.error, value));
    rules.push(result.data);
  });
  return rules;
}

/**
 * Parses every file and checks that rule ids are unique across them.
 *
 * @throws InvalidCorrelationRuleError for the first invalid file or a duplicate id
 */
export function parseCorrelationRules(sources: readonly RuleSource[]): CorrelationRule[] {
  const rules: CorrelationRule[] = [];
  const origin = new Map<string, string>();
  for (const source of sources) {
    for (const rule of parseCorrelationRuleFile(source)) {
      const first = origin.get(rule.id);
      if (first !== undefined) {
        throw new InvalidCorrelationRuleError(
          source.name,
          `duplicate rule id "${rule.id}" (also in ${first})`
        );
      }
      origin.set(rule.id, source.name);
      rules.push(rule);
    }
  }
  return rules;
}
