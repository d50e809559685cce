// `numeric`: ["=", x], [">"|">=", x], ["<"|"<=", x] or [">"|">=", low, "<"|"<=", high] with low < high.
import { describeValue } from './describe-value';
import { InvalidPatternError } from './errors';
import type { LeafTest, NumericBound } from './pattern-ast';

const EXAMPLE = '[">", 0, "<=", 5]';

/** Parses the operand of `numeric` at `path`. */
export function parseNumeric(operand: unknown, path: string): LeafTest {
  if (!Array.isArray(operand) || operand.length === 0) {
    throw new InvalidPatternError(
      path,
      `"numeric" must be an array like ${EXAMPLE}, got ${describeValue(operand)}`
    );
  }
  const [operator, value, secondOperator, secondValue] = operand;
  const first = readOperand(operator, value, path);
  if (operator === '=') {
    expectLength(operand, 2, path);
    return {
      kind: 'numeric',
      lower: { value: first, inclusive: true },
      upper: { value: first, inclusive: true },
    };
  }
  if (operator === '<' || operator === '<=') {
    expectLength(operand, 2, path);
    return { kind: 'numeric', lower: undefined, upper: { value: first, inclusive: operator === '<=' } };
  }
  const lower: NumericBound = { value: first, inclusive: operator === '>=' };
  if (operand.length === 2) return { kind: 'numeric', lower, upper: undefined };
  if (secondOperator !== '<' && secondOperator !== '<=') {
    throw new InvalidPatternError(
      path,
      `"numeric" upper bound operator must be "<" or "<=", got ${describeValue(secondOperator)}`
    );
  }
  const second = readOperand(secondOperator, secondValue, path);
  expectLength(operand, 4, path);
  if (!(first < second)) {
    throw new InvalidPatternError(
      path,
      `"numeric" lower bound ${first} must be less than upper bound ${second}`
    );
  }
  return { kind: 'numeric', lower, upper: { value: second, inclusive: secondOperator === '<=' } };
}

function readOperand(operator: unknown, value: unknown, path: string): number {
  if (operator !== '=' && operator !== '<' && operator !== '<=' && operator !== '>' && operator !== '>=') {
    throw new InvalidPatternError(
      path,
      `unknown "numeric" operator ${describeValue(operator)} (use =, <, <=, >, >=; e.g. ${EXAMPLE})`
    );
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidPatternError(
      path,
      `"numeric" operand of "${operator}" must be a number, got ${describeValue(value)}`
    );
  }
  return value;
}

function expectLength(operand: unknown[], length: number, path: string): void {
  if (operand.length !== length) {
    throw new InvalidPatternError(
      path,
      `"numeric" expression has ${operand.length} elements, expected ${length} (e.g. ${EXAMPLE})`
    );
  }
}
