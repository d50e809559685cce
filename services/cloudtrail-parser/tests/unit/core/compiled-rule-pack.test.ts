import { parseRulePack, RULE_PACK_FORMAT, serializeRulePack } from '../../../src/core/compiled-rule-pack';
import { loadRuleFiles } from '../../../src/core/rule-loader';
import { RuleLoadError } from '../../../src/errors';
import { makeRule, RULES_DIR } from './fixtures';

const SOURCE = '/var/task/dist/rule-pack.json';

function packText(value: unknown): string {
  return JSON.stringify(value);
}

describe('serializeRulePack / parseRulePack', () => {
  it('gives back the rules it was given, behind a format and count header', async () => {
    // Prepare
    const rules = await loadRuleFiles([RULES_DIR], { origin: 'builtin' });

    // Act
    const text = serializeRulePack(rules);
    const parsed = parseRulePack(text, SOURCE);

    // Assess
    expect(parsed).toEqual(rules);
    expect(JSON.parse(text)).toMatchObject({ format: RULE_PACK_FORMAT, ruleCount: rules.length });
  });

  it('names the file when the pack is not JSON (a truncated file)', () => {
    // Prepare
    const text = serializeRulePack([makeRule()]).slice(0, -20);

    // Act & Assess
    expect(() => parseRulePack(text, SOURCE)).toThrow(RuleLoadError);
    expect(() => parseRulePack(text, SOURCE)).toThrow(
      /^\/var\/task\/dist\/rule-pack\.json: compiled rule pack is not valid JSON/
    );
  });

  it('refuses a pack of another format, or plain rules', () => {
    // Prepare
    const older = packText({ format: 'vigil-rule-pack/0', ruleCount: 1, rules: [makeRule()] });
    const bare = packText([makeRule()]);

    // Act & Assess
    expect(() => parseRulePack(older, SOURCE)).toThrow(/format: "vigil-rule-pack\/0"\); package the service/);
    expect(() => parseRulePack(bare, SOURCE)).toThrow(/format: nothing/);
  });

  it('refuses a pack whose rule count does not match its header', () => {
    // Prepare
    const text = packText({ format: RULE_PACK_FORMAT, ruleCount: 3, rules: [makeRule()] });

    // Act & Assess
    expect(() => parseRulePack(text, SOURCE)).toThrow('header says 3 rules, found 1');
  });

  it('refuses an empty pack and a rule without an id', () => {
    // Prepare
    const empty = packText({ format: RULE_PACK_FORMAT, ruleCount: 0, rules: [] });
    const noId = packText({ format: RULE_PACK_FORMAT, ruleCount: 2, rules: [makeRule(), { title: 'x' }] });

    // Act & Assess
    expect(() => parseRulePack(empty, SOURCE)).toThrow('compiled rule pack holds no rules');
    expect(() => parseRulePack(noId, SOURCE)).toThrow('rule 1 has no id');
  });
});
