import { randomUUID } from 'node:crypto';

/**
 * One awsJson request to a local endpoint. Local emulators check the shape of the `Authorization`
 * header (the credential scope names the region) but not the signature, so a syntactically valid
 * SigV4 header is enough; it keeps the wire JSON untouched (dates as epoch numbers, binary as base64),
 * which is what Lambda event sources deliver.
 *
 * @example
 * const tables = await awsJsonRequest(url, 'DynamoDB_20120810.ListTables', {}, { region: 'us-east-1', service: 'dynamodb' });
 */
export async function awsJsonRequest(
  endpoint: string,
  target: string,
  body: unknown,
  options: { region: string; service: string; version?: '1.0' | '1.1'; signal?: AbortSignal | undefined }
): Promise<unknown> {
  const date = new Date().toISOString().replace(/[-:]/g, '').slice(0, 8);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': `application/x-amz-json-${options.version ?? '1.0'}`,
      'x-amz-target': target,
      'x-amz-date': `${date}T000000Z`,
      'amz-sdk-invocation-id': randomUUID(),
      authorization: `AWS4-HMAC-SHA256 Credential=local/${date}/${options.region}/${options.service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    },
    body: JSON.stringify(body),
    signal: options.signal ?? null,
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? {} : JSON.parse(text);
  if (!response.ok) {
    const record = (parsed ?? {}) as { __type?: string; message?: string; Message?: string };
    const type = (record.__type ?? 'UnknownError').split('#').pop();
    throw new Error(`${target} failed: ${type}: ${record.message ?? record.Message ?? text}`);
  }
  return parsed;
}
