import { CloudTrailDigestSchema } from '../../src/cloudtrail/cloudtrail-digest';
import { CloudTrailLogFileSchema } from '../../src/cloudtrail/cloudtrail-log-file';
import { CloudTrailRecordSchema, isCloudTrailInsightRecord } from '../../src/cloudtrail/cloudtrail-record';
import { formatValidationError } from '../../src/validation/format-validation-error';
import { parseWith } from '../../src/validation/parse-with';
import { describeCorpus, listCorpusFiles, readCorpusJson } from '../helpers/corpora';

/** Parses every record and returns one readable line per failure (empty when all parse). */
function failuresOf(records: unknown[]): string[] {
  return records.flatMap((record, index) => {
    const result = CloudTrailRecordSchema.safeParse(record, { reportInput: true });
    return result.success ? [] : [`record ${index}: ${formatValidationError(result.error)}`];
  });
}

describeCorpus('CloudTrail corpora', () => {
  describe('stratus-red-team detonation logs (bare arrays of pseudonymised records)', () => {
    const files = listCorpusFiles('stratus-red-team/detonation-logs', '.json');

    it('holds the 35 techniques', () => {
      // Prepare
      const count = files.length;

      // Act
      const enough = count >= 35;

      // Assess
      expect(enough).toBe(true);
    });

    it.each(files)('parses every record of %s', (file) => {
      // Prepare
      const records = readCorpusJson('stratus-red-team/detonation-logs', file);
      if (!Array.isArray(records)) throw new Error(`${file} is not a JSON array`);

      // Act
      const failures = failuresOf(records);

      // Assess
      expect(records.length).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    });
  });

  describe('invictus-ir aws_dataset trail files', () => {
    const files = listCorpusFiles('invictus-ir-aws_dataset/CloudTrail', '.json');

    it.each(files)('parses %s as a log file', (file) => {
      // Prepare
      const json = readCorpusJson('invictus-ir-aws_dataset/CloudTrail', file);

      // Act
      const logFile = parseWith(CloudTrailLogFileSchema, json, file);

      // Assess
      expect(logFile.Records.length).toBeGreaterThan(0);
    });

    it('includes service events without a userIdentity type', () => {
      // Prepare
      const records = files.flatMap(
        (file) =>
          parseWith(CloudTrailLogFileSchema, readCorpusJson('invictus-ir-aws_dataset/CloudTrail', file), file)
            .Records
      );

      // Act
      const untyped = records.filter(
        (r) => !isCloudTrailInsightRecord(r) && r.userIdentity.type === undefined
      );

      // Assess
      expect(records.length).toBeGreaterThanOrEqual(2900);
      expect(untyped.length).toBeGreaterThan(0);
    });
  });

  describe('awsdocs CloudTrail user guide samples', () => {
    const dir = 'awsdocs-cloudtrail-user-guide';

    it.each(['digest_example_02.json', 'digest_example_03.json'])(
      'parses %s as a digest, not a log file',
      (file) => {
        // Prepare
        const json = readCorpusJson(dir, file);

        // Act
        const digest = parseWith(CloudTrailDigestSchema, json, file);

        // Assess
        expect(digest.awsAccountId).toBe('111122223333');
        expect(CloudTrailLogFileSchema.safeParse(json).success).toBe(false);
      }
    );

    it('parses the empty digest (no events in the hour)', () => {
      // Prepare
      const json = readCorpusJson(dir, 'digest_example_03.json');

      // Act
      const digest = parseWith(CloudTrailDigestSchema, json, 'digest_example_03.json');

      // Assess
      expect(digest.logFiles).toEqual([]);
      expect(digest.newestEventTime).toBeNull();
    });

    it('parses the Insights file as Insights records', () => {
      // Prepare
      const json = readCorpusJson(dir, 'logfile_example_09.json');

      // Act
      const file = parseWith(CloudTrailLogFileSchema, json, 'logfile_example_09.json');

      // Assess
      expect(file.Records.length).toBeGreaterThan(0);
      expect(file.Records.every(isCloudTrailInsightRecord)).toBe(true);
    });

    it('parses the error record with its errorCode and errorMessage', () => {
      // Prepare
      const json = readCorpusJson(dir, 'logfile_example_08.json');

      // Act
      const [record] = parseWith(CloudTrailLogFileSchema, json, 'logfile_example_08.json').Records;

      // Assess
      if (!record || isCloudTrailInsightRecord(record)) throw new Error('expected an event record');
      expect(record.errorCode).toBe('TrailNotFoundException');
      expect(record.errorMessage).toMatch(/^Unknown trail/);
    });

    // The 2014 samples predate eventVersion 1.02: they have no eventID (which alert ids are built from).
    it.each(['02', '03', '04', '05', '06'])('rejects the eventVersion 1.0 sample %s, naming eventID', (n) => {
      // Prepare
      const json = readCorpusJson(dir, `logfile_example_${n}.json`);

      // Act
      const act = () => parseWith(CloudTrailLogFileSchema, json, `logfile_example_${n}.json`);

      // Assess
      expect(act).toThrow('Records[0].eventID: expected string, got nothing (missing)');
    });
  });
});
