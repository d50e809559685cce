import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeCorpus } from '@vigil/lambda-kit/testing';
import { createDetectionEngine, createNaiveEvaluator } from '../../src/core/detection-engine';
import { scanLogStream } from '../../src/core/log-stream/scan-log-stream';
import type { Rule } from '../../src/core/rule';
import { loadBuiltinRules, loadRuleFiles } from '../../src/core/rule-loader';

// F1 (detection engine): the fast scan path against the reference evaluation on real CloudTrail logs.
const FIXTURE_RULES = path.resolve(__dirname, '../unit/core/fixtures/rules');

function logFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(dir, name));
}

async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describeCorpus('prefilter equivalence on real CloudTrail logs', (corpora) => {
  it('yields exactly the matches of every rule on every parsed record, for Stratus and Invictus logs', async () => {
    // Prepare
    const rules: Rule[] = [...(await loadBuiltinRules()), ...(await loadRuleFiles([FIXTURE_RULES]))];
    const engine = createDetectionEngine(rules);
    const naiveEvaluate = createNaiveEvaluator(rules);
    const files = [
      ...logFiles(path.join(corpora, 'stratus-red-team/detonation-logs')),
      ...logFiles(path.join(corpora, 'invictus-ir-aws_dataset/CloudTrail')),
    ];
    let records = 0;

    for (const file of files) {
      const bytes = readFileSync(file);
      const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
      const list = (Array.isArray(parsed) ? parsed : (parsed as { Records: unknown[] }).Records) as Record<
        string,
        unknown
      >[];
      const naive = list.flatMap((record) =>
        naiveEvaluate(record).map((rule) => `${rule.id}:${String(record.eventID)}`)
      );
      const fast: string[] = [];
      const partial: string[] = [];

      // Act
      const stats = await scanLogStream(once(bytes), {
        engine,
        gzip: 'auto',
        maxUncompressedBytes: 1e9,
        onMatch: (rule, record) => {
          fast.push(`${rule.id}:${String(record.eventID)}`);
        },
      });
      // Candidates parsed only in the keys their rules read: the same matches, and whole() is the record.
      await scanLogStream(once(bytes), {
        engine,
        gzip: 'auto',
        maxUncompressedBytes: 1e9,
        partialRecords: true,
        onMatch: (rule, record, whole) => {
          expect(whole()?.eventID).toBe(record.eventID);
          partial.push(`${rule.id}:${String(record.eventID)}`);
        },
      });

      // Assess
      expect({ file, matches: fast }).toEqual({ file, matches: naive });
      expect({ file, matches: partial }).toEqual({ file, matches: naive });
      expect(stats.records + stats.invalidRecords).toBe(list.length);
      records += list.length;
    }
    expect(records).toBeGreaterThan(2_900);
  });
});
