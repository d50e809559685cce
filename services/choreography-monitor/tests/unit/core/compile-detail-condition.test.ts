import { matchesPattern } from '@vigil/event-patterns';
import { allOf } from '../../../src/core/choice-rule';
import { compileDetailCondition } from '../../../src/core/compile-detail-condition';
import { evaluateChoiceRule } from '../../../src/core/evaluate-choice-rule';
import { UnsupportedConditionError } from '../../../src/errors';

const patterns: Record<string, unknown>[] = [
  { status: ['approved'] },
  { status: ['approved', 'pending'] },
  { amount: [{ numeric: ['>=', 100, '<', 1000] }] },
  { amount: [5] },
  { flag: [true] },
  { note: [null] },
  { sku: [{ prefix: 'AB*' }] },
  { sku: [{ suffix: '-eu' }] },
  { sku: [{ wildcard: 'A*-*u' }] },
  { status: [{ 'anything-but': ['rejected', 'void'] }] },
  { status: [{ 'anything-but': { prefix: 're' } }] },
  { coupon: [{ exists: true }] },
  { coupon: [{ exists: false }] },
  { customer: { tier: ['gold'], country: ['FR', 'DE'] } },
  { 'order-type': ['express'] },
];

const details: Record<string, unknown>[] = [
  {},
  { status: 'approved' },
  { status: 'pending' },
  { status: 'rejected' },
  { status: 'refunded' },
  { status: 5 },
  { amount: 100 },
  { amount: 999.5 },
  { amount: 1000 },
  { amount: '150' },
  { amount: 5 },
  { flag: true },
  { flag: 'true' },
  { note: null },
  { note: 'x' },
  { sku: 'AB*123-eu' },
  { sku: 'ABC' },
  { sku: 'A1-eu' },
  { coupon: 'SAVE10' },
  { customer: { tier: 'gold', country: 'FR' } },
  { customer: { tier: 'gold', country: 'US' } },
  { customer: { tier: 'silver' } },
  { 'order-type': 'express' },
];

describe('compileDetailCondition', () => {
  it.each(patterns.map((pattern) => [JSON.stringify(pattern), pattern] as const))(
    'agrees with the EventBridge pattern engine on scalar fields: %s',
    (_name, pattern) => {
      // Prepare
      const rule = allOf(compileDetailCondition(pattern));

      // Act
      const disagreements = details.filter(
        (detail) =>
          evaluateChoiceRule(rule, { lastEvent: { detail } }) !==
          matchesPattern({ detail: pattern }, { detail })
      );

      // Assess
      expect(disagreements).toEqual([]);
    }
  );

  it('returns no rules without conditions', () => {
    // Assess
    expect(compileDetailCondition(undefined)).toEqual([]);
  });

  it('uses bracket notation for keys that are not identifiers', () => {
    // Act
    const [rule] = compileDetailCondition({ 'order-type': ['express'] });

    // Assess
    expect(JSON.stringify(rule)).toContain("$.lastEvent.detail['order-type']");
  });

  it.each([
    [{ ip: [{ cidr: '10.0.0.0/8' }] }, 'detail.ip'],
    [{ name: [{ 'equals-ignore-case': 'x' }] }, 'detail.name'],
    [{ $or: [{ a: ['x'] }] }, 'detail.$or'],
    [{ a: 'not-an-array' }, 'detail.a'],
  ])('refuses what ASL cannot evaluate like EventBridge: %j', (pattern, where) => {
    // Act
    const act = () => compileDetailCondition(pattern);

    // Assess
    expect(act).toThrow(UnsupportedConditionError);
    expect(act).toThrow(new RegExp(`^${where.replace(/\$/g, '\\$')}: `));
  });
});
