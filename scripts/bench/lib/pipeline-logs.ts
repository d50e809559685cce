// The log objects of the pipeline benchmark: each holds benign filler records and exactly one StopLogging
// record with its own eventID, so every object must raise exactly one `cloudtrail-stop-logging` alert.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PipelineLog {
  key: string;
  body: Buffer;
  records: number;
  /** eventID of the record that must raise the one alert. */
  alertEventId: string;
}

type Json = Record<string, unknown>;

function fixture(root: string, name: string): Json {
  return JSON.parse(
    readFileSync(path.join(root, 'services/cloudtrail-parser/tests/events/cloudtrail', name), 'utf8')
  ) as Json;
}

function uuid(objectIndex: number, recordIndex: number): string {
  const hex = (objectIndex * 100_000 + recordIndex).toString(16).padStart(12, '0');
  return `0b5e1f00-0000-4000-8000-${hex}`;
}

export function pipelineLogs(
  root: string,
  options: { objects: number; recordsPerObject: number; accountId: string }
): PipelineLog[] {
  const filler = fixture(root, 'describe-instances.json');
  const alerting = fixture(root, 'stop-logging.json');
  const logs: PipelineLog[] = [];
  const start = Date.parse('2024-07-01T00:00:00Z');
  for (let index = 0; index < options.objects; index++) {
    const at = new Date(start + index * 60_000);
    const records: Json[] = [];
    const alertAt = index % options.recordsPerObject;
    for (let r = 0; r < options.recordsPerObject; r++) {
      const base = r === alertAt ? alerting : filler;
      records.push({
        ...base,
        eventID: uuid(index, r),
        eventTime: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
    }
    const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 13);
    const day = at.toISOString().slice(0, 10).replace(/-/g, '/');
    logs.push({
      key: `AWSLogs/${options.accountId}/CloudTrail/us-east-1/${day}/${options.accountId}_CloudTrail_us-east-1_${stamp}Z_${String(index).padStart(16, '0')}.json.gz`,
      body: gzipSync(JSON.stringify({ Records: records })),
      records: records.length,
      alertEventId: uuid(index, alertAt),
    });
  }
  return logs;
}
