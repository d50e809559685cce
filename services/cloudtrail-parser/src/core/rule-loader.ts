import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CloudTrailParserError, InvalidRuleError, RuleLoadError } from '../errors';
import { parseRule, type Rule } from './rule';
import { compileRuleCondition } from './rule-condition';

/** The built-in pack: `rules/**` of this service. */
export const BUILTIN_RULES_DIR = path.resolve(__dirname, '../../rules');
const RULE_FILE = /\.(ya?ml|json)$/i;

export interface LoadRuleOptions {
  /** Origin of native rules (Sigma rules are always `sigma`). Default `custom`. */
  origin?: Rule['origin'] | undefined;
  /** `sigma` compiles every document as Sigma; `auto` detects Sigma by its `logsource`/`detection` keys. */
  format?: 'auto' | 'sigma' | undefined;
}

/** The outcome of loading one rule file: its rules, or why it failed. */
export interface RuleFileResult {
  file: string;
  rules: Rule[];
  error?: string | undefined;
}

type YamlModule = typeof import('yaml');
let yamlModule: Promise<YamlModule> | undefined;

// Loaded on first YAML file: the Lambda functions read the compiled pack (compiled-rule-pack.ts) and never
// evaluate the YAML parser (~110 KB) at cold start.
function loadYaml(): Promise<YamlModule> {
  yamlModule ??= import('yaml');
  return yamlModule;
}

type SigmaCompiler = (document: unknown) => Rule;
let sigmaCompiler: Promise<SigmaCompiler> | undefined;

// Loaded on first use so native-only runs never pay for (or depend on) the Sigma compiler.
function loadSigmaCompiler(): Promise<SigmaCompiler> {
  sigmaCompiler ??= import('./sigma/compile-sigma-rule').then((module) => module.compileSigmaRule);
  return sigmaCompiler;
}

function isSigmaDocument(document: unknown): boolean {
  return (
    typeof document === 'object' && document !== null && ('logsource' in document || 'detection' in document)
  );
}

/** Every rule file under `target` (a file, or a folder walked recursively, sorted for stable order). */
export async function listRuleFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    throw new RuleLoadError(target, error.code === 'ENOENT' ? 'no such file or directory' : error.message);
  });
  if (!info.isDirectory()) {
    return [target];
  }
  const entries = await readdir(target, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(target, entry.name);
    if (entry.name.startsWith('.')) {
      continue;
    }
    if (entry.isDirectory()) {
      files.push(...(await listRuleFiles(child)));
    } else if (RULE_FILE.test(entry.name)) {
      files.push(child);
    }
  }
  return files;
}

async function readDocuments(file: string): Promise<unknown[]> {
  const content = await readFile(file, 'utf8').catch((error: Error) => {
    throw new RuleLoadError(file, error.message);
  });
  if (/\.json$/i.test(file)) {
    try {
      const value: unknown = JSON.parse(content);
      return Array.isArray(value) ? value : [value];
    } catch (error) {
      throw new RuleLoadError(file, `not valid JSON (${(error as Error).message})`);
    }
  }
  const documents = (await loadYaml()).parseAllDocuments(content);
  const list = Array.isArray(documents) ? documents : [documents];
  const values: unknown[] = [];
  for (const document of list) {
    const problem = document.errors[0];
    if (problem !== undefined) {
      throw new RuleLoadError(file, `not valid YAML (${problem.message.split('\n')[0]})`);
    }
    const value: unknown = document.toJS();
    if (Array.isArray(value)) {
      values.push(...value);
    } else if (value !== null && value !== undefined) {
      values.push(value);
    }
  }
  return values;
}

/** Parses and compiles one document; throws `InvalidRuleError` / `UnsupportedSigmaRuleError`. */
async function toRule(document: unknown, options: LoadRuleOptions): Promise<Rule> {
  if (options.format === 'sigma' || isSigmaDocument(document)) {
    return (await loadSigmaCompiler())(document);
  }
  const rule = parseRule(document, options.origin ?? 'custom');
  try {
    compileRuleCondition(
      rule.pattern === undefined ? (rule.condition ?? { any: [] }) : { pattern: rule.pattern }
    );
  } catch (error) {
    throw new InvalidRuleError(
      rule.pattern === undefined ? 'condition' : 'pattern',
      (error as Error).message,
      {
        source: rule.id,
        cause: error,
      }
    );
  }
  return rule;
}

/** Loads one rule file, reporting instead of throwing (for `vigil rules check`). */
export async function loadRuleFile(file: string, options: LoadRuleOptions = {}): Promise<RuleFileResult> {
  try {
    const rules: Rule[] = [];
    for (const document of await readDocuments(file)) {
      rules.push(await toRule(document, options));
    }
    if (rules.length === 0) {
      return { file, rules, error: 'no rules in file' };
    }
    return { file, rules };
  } catch (error) {
    if (error instanceof RuleLoadError) {
      return { file, rules: [], error: error.message.slice(file.length + 2) };
    }
    if (error instanceof CloudTrailParserError) {
      return { file, rules: [], error: error.message };
    }
    throw error;
  }
}

/**
 * Loads native rule files (YAML/JSON, one rule, a list, or several YAML documents per file) and Sigma
 * rules from files and folders. Throws `RuleLoadError` naming the file for the first unreadable or
 * invalid rule, and for duplicate ids.
 */
export async function loadRuleFiles(
  paths: readonly string[],
  options: LoadRuleOptions = {}
): Promise<Rule[]> {
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const target of paths) {
    for (const file of await listRuleFiles(target)) {
      const result = await loadRuleFile(file, options);
      if (result.error !== undefined) {
        throw new RuleLoadError(file, result.error);
      }
      for (const rule of result.rules) {
        const previous = seen.get(rule.id);
        if (previous !== undefined) {
          throw new RuleLoadError(file, `duplicate rule id "${rule.id}" (also in ${previous})`);
        }
        seen.set(rule.id, file);
        rules.push(rule);
      }
    }
  }
  return rules;
}

/** The built-in pack (origin `builtin`). */
export function loadBuiltinRules(dir: string = BUILTIN_RULES_DIR): Promise<Rule[]> {
  return loadRuleFiles([dir], { origin: 'builtin' });
}

/** Rules by id, later lists overriding earlier ones (custom rules replace a built-in of the same id). */
export function mergeRules(...lists: readonly (readonly Rule[])[]): Rule[] {
  const byId = new Map<string, Rule>();
  for (const rule of lists.flat()) {
    byId.delete(rule.id);
    byId.set(rule.id, rule);
  }
  return [...byId.values()];
}

/** The outcome of one embedded rule test (or of a missing one). */
export interface RuleTestResult {
  ruleId: string;
  name: string;
  passed: boolean;
  expected?: boolean | undefined;
  actual?: boolean | undefined;
  /** Set when the rule cannot be tested as it should (e.g. no positive or no negative test). */
  problem?: string | undefined;
}

/**
 * Runs every test event embedded in the rules against the rule's stateless condition (threshold and
 * dedup need several events and are not part of a single-record test). Built-in and custom rules must
 * carry at least one positive and one negative test; a missing one is a failed result.
 */
export function runRuleTests(rules: readonly Rule[]): RuleTestResult[] {
  const results: RuleTestResult[] = [];
  for (const rule of rules) {
    const predicate = compileRuleCondition(
      rule.pattern === undefined ? (rule.condition ?? { any: [] }) : { pattern: rule.pattern }
    );
    rule.tests.forEach((test, index) => {
      const actual = predicate(test.record);
      results.push({
        ruleId: rule.id,
        name: test.name ?? `test ${index + 1}`,
        passed: actual === test.expect,
        expected: test.expect,
        actual,
      });
    });
    if (rule.origin === 'builtin' || rule.origin === 'custom') {
      for (const expect of [true, false]) {
        if (!rule.tests.some((test) => test.expect === expect)) {
          const problem = `no ${expect ? 'positive' : 'negative'} test`;
          results.push({ ruleId: rule.id, name: problem, passed: false, problem });
        }
      }
    }
  }
  return results;
}
