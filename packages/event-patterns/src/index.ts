export { type CompiledPattern, compilePattern, matchesPattern } from './compile-pattern';
export { compilePatternSet, type PatternEntry, type PatternSet } from './compile-pattern-set';
export { InvalidPatternError } from './errors';
export { patternLiterals } from './pattern-literals';
