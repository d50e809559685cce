import { UnsupportedSigmaRuleError } from './errors';

/** The parsed form of a Sigma `condition` string. */
export type SigmaConditionNode =
  | { kind: 'and'; operands: SigmaConditionNode[] }
  | { kind: 'or'; operands: SigmaConditionNode[] }
  | { kind: 'not'; operand: SigmaConditionNode }
  | { kind: 'selection'; name: string }
  /** `1 of x*` / `all of them`: `target` is a name glob (`*` wildcard) or `them`. */
  | { kind: 'of'; quantifier: 'one' | 'all'; target: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_*]*$/;

function tokenize(condition: string): string[] {
  if (condition.includes('|')) {
    throw new UnsupportedSigmaRuleError(
      `aggregation in condition "${condition}" is not supported (only stateless conditions compile)`
    );
  }
  return condition
    .replace(/\(/g, ' ( ')
    .replace(/\)/g, ' ) ')
    .split(/\s+/)
    .filter((token) => token !== '');
}

/** Recursive descent over the tokens: `not` binds tighter than `and`, which binds tighter than `or`. */
class ConditionParser {
  private position = 0;

  constructor(
    private readonly tokens: string[],
    private readonly source: string
  ) {}

  parse(): SigmaConditionNode {
    if (this.tokens.length === 0) {
      this.fail('empty condition');
    }
    const node = this.parseOr();
    if (this.position < this.tokens.length) {
      this.fail(`unexpected "${this.tokens[this.position]}"`);
    }
    return node;
  }

  private peek(): string | undefined {
    return this.tokens[this.position]?.toLowerCase();
  }

  private next(): string {
    const token = this.tokens[this.position];
    if (token === undefined) {
      this.fail('unexpected end of condition');
    }
    this.position += 1;
    return token;
  }

  private parseOr(): SigmaConditionNode {
    const operands = [this.parseAnd()];
    while (this.peek() === 'or') {
      this.position += 1;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 && operands[0] !== undefined ? operands[0] : { kind: 'or', operands };
  }

  private parseAnd(): SigmaConditionNode {
    const operands = [this.parseNot()];
    while (this.peek() === 'and') {
      this.position += 1;
      operands.push(this.parseNot());
    }
    return operands.length === 1 && operands[0] !== undefined ? operands[0] : { kind: 'and', operands };
  }

  private parseNot(): SigmaConditionNode {
    if (this.peek() === 'not') {
      this.position += 1;
      return { kind: 'not', operand: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): SigmaConditionNode {
    const token = this.next();
    const lower = token.toLowerCase();
    if (lower === '(') {
      const node = this.parseOr();
      if (this.next() !== ')') {
        this.fail('missing ")"');
      }
      return node;
    }
    if (lower === 'near') {
      throw new UnsupportedSigmaRuleError(`"near" in condition "${this.source}" is not supported`);
    }
    if (this.peek() === 'of') {
      this.position += 1;
      return { kind: 'of', quantifier: this.quantifier(lower), target: this.target() };
    }
    if (['and', 'or', ')', 'of'].includes(lower) || !IDENTIFIER.test(token) || token.includes('*')) {
      this.fail(`unexpected "${token}"`);
    }
    return { kind: 'selection', name: token };
  }

  private quantifier(token: string): 'one' | 'all' {
    if (token === '1' || token === 'any') {
      return 'one';
    }
    if (token === 'all') {
      return 'all';
    }
    if (/^\d+$/.test(token)) {
      throw new UnsupportedSigmaRuleError(`"${token} of" is not supported (only "1 of" and "all of")`);
    }
    return this.fail(`unexpected "${token} of"`);
  }

  private target(): string {
    const token = this.next();
    if (token.toLowerCase() === 'them') {
      return 'them';
    }
    if (!IDENTIFIER.test(token)) {
      this.fail(`unexpected "${token}" after "of"`);
    }
    return token;
  }

  private fail(reason: string): never {
    throw new UnsupportedSigmaRuleError(`invalid condition "${this.source}": ${reason}`);
  }
}

/**
 * Parses a Sigma condition such as `selection and not 1 of filter_*`. Aggregations (`| count() > 5`) and
 * `near` are rejected with an `UnsupportedSigmaRuleError`, like any syntax error.
 */
export function parseSigmaCondition(condition: string): SigmaConditionNode {
  return new ConditionParser(tokenize(condition), condition).parse();
}
