import { CloudTrailGenerator, createRandom } from '../../../../bench/cloudtrail-generator';
import { RawRecordReader } from '../../../../src/core/log-stream/raw-record-reader';
import { scanRecord, ValueScan } from '../../../../src/core/log-stream/record-scan';
import { RawPrefilter } from '../../../../src/core/prefilter';
import { loadEvent } from '../fixtures';

/** Scans one record as the splitter does and reads the paths of literal sets `sets` from its raw text. */
function readRecord(json: string, pathsBySet: (string[] | undefined)[], sets: number[] = [0]) {
  const bytes = Buffer.from(json);
  const scan = new ValueScan();
  scanRecord(bytes, 0, bytes.length, new RawPrefilter([[{ kind: 'exact', text: 'none' }]]), scan);
  return new RawRecordReader(pathsBySet).read(bytes, scan.end, scan, sets);
}

/** What the reader must give: the record's values at `paths` (a scalar met on the way kept as it is), nothing else. */
function expectedReduction(record: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const path of paths) {
    let node = tree;
    for (const segment of path.split('.')) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
  }
  const reduce = (value: Record<string, unknown>, wanted: Record<string, unknown>) => {
    const reduced: Record<string, unknown> = {};
    for (const [key, children] of Object.entries(wanted)) {
      if (!Object.hasOwn(value, key)) continue;
      const child = value[key];
      const isObject = typeof child === 'object' && child !== null;
      reduced[key] =
        isObject && Object.keys(children as object).length > 0
          ? reduce(child as Record<string, unknown>, children as Record<string, unknown>)
          : child;
    }
    return reduced;
  };
  return reduce(record, tree);
}

describe('RawRecordReader', () => {
  it('reads exactly the scalar values at the wanted paths, nested objects included, and nothing else', () => {
    // Prepare
    const record = loadEvent('s3-get-object');
    const paths = [
      'eventVersion',
      'eventName',
      'userIdentity.arn',
      'requestParameters.bucketName',
      'errorCode',
    ];

    // Act
    const read = readRecord(JSON.stringify(record), [[...paths]]);

    // Assess
    expect(read).toEqual(expectedReduction(record, paths));
    expect(read).not.toHaveProperty('errorCode');
    expect(Object.keys((read?.userIdentity as object) ?? {})).toEqual(['arn']);
  });

  it('reads numbers, booleans and null as JSON.parse does, and keeps the last of repeated keys', () => {
    // Prepare
    const json =
      '{ "eventVersion" : "1.09", "readOnly": false, "n": -1.5e3, "z": null,\n "a": {"b": 1, "b": "two"}, "eventName": "A", "eventName": "B" }';

    // Act
    const read = readRecord(json, [['readOnly', 'n', 'z', 'a.b', 'eventName', 'missing.deep']]);

    // Assess
    expect(read).toEqual({ readOnly: false, n: -1500, z: null, a: { b: 'two' }, eventName: 'B' });
  });

  it('declines what only a real parse decides: arrays and objects where a value is read', () => {
    // Prepare
    const json = JSON.stringify({
      eventVersion: '1.09',
      resources: [{ type: 'AWS::IAM::Role' }],
      requestParameters: { policy: { Statement: [] } },
      userIdentity: 'odd',
    });

    // Act & Assess
    expect(readRecord(json, [['resources.type']])).toBeUndefined();
    expect(readRecord(json, [['requestParameters.policy']])).toBeUndefined();
    expect(readRecord(json, [['userIdentity.arn']])).toEqual({ userIdentity: 'odd' });
    expect(readRecord(json, [['requestParameters'], ['requestParameters.policy']], [0, 1])).toBeUndefined();
    expect(readRecord(json, [['eventVersion'], undefined], [0, 1])).toBeUndefined();
    expect(readRecord('{"eventVersion": 01}', [['eventVersion']])).toBeUndefined();
  });

  it('agrees with JSON.parse on every generated record it reads', () => {
    // Prepare
    const generator = new CloudTrailGenerator(17);
    const random = createRandom(17);
    const candidatePaths = [
      'eventVersion',
      'eventTime',
      'eventName',
      'eventSource',
      'errorCode',
      'readOnly',
      'userIdentity.type',
      'userIdentity.arn',
      'userIdentity.sessionContext.sessionIssuer.arn',
      'requestParameters.bucketName',
      'requestParameters.durationSeconds',
      'responseElements.credentials.accessKeyId',
      'additionalEventData.MFAUsed',
    ];
    let read = 0;

    // Act & Assess
    for (let index = 0; index < 3_000; index++) {
      const record = generator.next() as Record<string, unknown>;
      const paths = candidatePaths.filter(() => random() < 0.4);
      const result = readRecord(JSON.stringify(record), [paths]);
      if (result === undefined) continue;
      read++;
      expect(result).toEqual(expectedReduction(record, paths));
    }
    expect(read).toBeGreaterThan(2_700);
  });
});
