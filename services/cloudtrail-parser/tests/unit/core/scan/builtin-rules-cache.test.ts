import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBuiltinRules } from '../../../../src/core/rule-loader';
import { loadBuiltinRulesCached } from '../../../../src/core/scan/builtin-rules-cache';

describe('loadBuiltinRulesCached', () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-rules-cache-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('gives the built-in pack as loaded from its files, first and then from the cache', async () => {
    // Prepare
    const expected = await loadBuiltinRules();

    // Act
    const first = await loadBuiltinRulesCached(cacheDir);
    const isCached = existsSync(path.join(cacheDir, 'builtin-rules.json'));
    const second = await loadBuiltinRulesCached(cacheDir);

    // Assess
    expect(isCached).toBe(true);
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(second).not.toBe(first);
  });
});
