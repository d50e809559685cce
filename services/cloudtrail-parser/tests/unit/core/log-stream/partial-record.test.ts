import { PartialRecordCutter } from '../../../../src/core/log-stream/partial-record';
import { scanRecord, ValueScan } from '../../../../src/core/log-stream/record-scan';
import { RawPrefilter } from '../../../../src/core/prefilter';
import { loadEvent } from '../fixtures';

/** Scans one record as the splitter does and cuts it for literal sets `sets`. */
function cutRecord(json: string, keysBySet: (string[] | undefined)[], sets: number[]): string | undefined {
  const bytes = Buffer.from(json);
  const scan = new ValueScan();
  scanRecord(bytes, 0, bytes.length, new RawPrefilter([[{ kind: 'exact', text: 'none' }]]), scan);
  return new PartialRecordCutter(keysBySet).cut(bytes, scan.end, scan, sets);
}

describe('PartialRecordCutter', () => {
  it("keeps exactly the wanted and base top-level members, whole, in the record's order", () => {
    // Prepare
    const record = loadEvent('s3-get-object');
    const json = JSON.stringify(record);

    // Act
    const text = cutRecord(json, [['eventName', 'userIdentity', 'errorCode'], ['awsRegion']], [0]);

    // Assess
    const cut = JSON.parse(text ?? 'null') as Record<string, unknown>;
    const expected = Object.fromEntries(
      Object.entries(record).filter(([key]) =>
        ['eventVersion', 'eventTime', 'eventID', 'requestID', 'eventName', 'userIdentity'].includes(key)
      )
    );
    expect(cut).toEqual(expected);
    expect(Object.keys(cut)).toEqual(Object.keys(expected));
  });

  it('reads pretty-printed records and keeps the last of repeated keys, as JSON.parse does', () => {
    // Prepare
    const json =
      '{\n  "eventVersion": "1.09",\n  "eventName" : "A",\n  "x": {"eventName": "C"},\n  "eventName": "B"\n}';

    // Act
    const cut = JSON.parse(cutRecord(json, [['eventName']], [0]) ?? 'null') as Record<string, unknown>;

    // Assess
    expect(cut).toEqual({ eventVersion: '1.09', eventName: 'B' });
  });

  it('declines when a candidate set needs the whole record', () => {
    // Act & Assess
    expect(
      cutRecord(JSON.stringify(loadEvent('s3-get-object')), [['eventName'], undefined], [0, 1])
    ).toBeUndefined();
  });
});
