// A Sigma `detection` block (named selections + condition) → one RuleCondition.
import type { RuleCondition } from '../rule';
import { compileSigmaField } from './compile-sigma-field';
import { UnsupportedSigmaRuleError } from './errors';
import { parseSigmaCondition, type SigmaConditionNode } from './parse-sigma-condition';
import { simplifyCondition } from './simplify-condition';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compileMap(name: string, map: Record<string, unknown>): RuleCondition {
  const entries = Object.entries(map);
  if (entries.length === 0) {
    throw new UnsupportedSigmaRuleError(`selection "${name}" is empty`);
  }
  return { all: entries.map(([key, value]) => compileSigmaField(key, value)) };
}

/** A selection is a map (fields AND-ed) or a list of maps (OR); a list of plain values is a keyword search. */
export function compileSelection(name: string, body: unknown): RuleCondition {
  if (isPlainObject(body)) {
    return compileMap(name, body);
  }
  if (Array.isArray(body) && body.length > 0 && body.every(isPlainObject)) {
    return { any: body.map((map) => compileMap(name, map)) };
  }
  throw new UnsupportedSigmaRuleError(
    `selection "${name}" is a keyword search (values without field names), which is not supported`
  );
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

function resolveTargets(target: string, names: string[]): string[] {
  // pySigma's convention: `them` skips names starting with `_` (helpers not meant to match alone).
  const matched =
    target === 'them'
      ? names.filter((name) => !name.startsWith('_'))
      : names.filter((name) => globToRegExp(target).test(name));
  if (matched.length === 0) {
    throw new UnsupportedSigmaRuleError(`condition refers to "${target}", which matches no selection`);
  }
  return matched;
}

function compileNode(node: SigmaConditionNode, selections: Map<string, RuleCondition>): RuleCondition {
  switch (node.kind) {
    case 'and':
      return { all: node.operands.map((operand) => compileNode(operand, selections)) };
    case 'or':
      return { any: node.operands.map((operand) => compileNode(operand, selections)) };
    case 'not':
      return { not: compileNode(node.operand, selections) };
    case 'selection': {
      const selection = selections.get(node.name);
      if (selection === undefined) {
        throw new UnsupportedSigmaRuleError(`condition refers to unknown selection "${node.name}"`);
      }
      return selection;
    }
    case 'of': {
      const targets = resolveTargets(node.target, [...selections.keys()]);
      const children = targets.map((name) => selections.get(name) as RuleCondition);
      return node.quantifier === 'all' ? { all: children } : { any: children };
    }
  }
}

/** Compiles every selection, then the condition (a list of conditions means any of them). */
export function compileSigmaDetection(detection: Record<string, unknown>): RuleCondition {
  const { condition, timeframe, ...named } = detection;
  if (timeframe !== undefined) {
    throw new UnsupportedSigmaRuleError('"timeframe" (a windowed aggregation) is not supported');
  }
  const conditions = Array.isArray(condition) ? condition : [condition];
  if (conditions.length === 0 || !conditions.every((item) => typeof item === 'string')) {
    throw new UnsupportedSigmaRuleError('detection.condition must be a string or a list of strings');
  }
  const selections = new Map(
    Object.entries(named).map(([name, body]) => [name, compileSelection(name, body)])
  );
  const compiled = conditions.map((text) => compileNode(parseSigmaCondition(text), selections));
  return simplifyCondition(
    compiled.length === 1 && compiled[0] !== undefined ? compiled[0] : { any: compiled }
  );
}
