import { connect } from 'node:net';
import { awsJsonRequest } from './aws-json-request';

/**
 * Whether something accepts TCP connections on `host:port`.
 *
 * @example
 * await isPortOpen(8000) // true while DynamoDB Local runs
 */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** True when `GET url` answers 2xx. */
export async function answersGet(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** True when an awsJson call succeeds. */
export async function answersAwsJson(
  url: string,
  target: string,
  service: string,
  region: string,
  version: '1.0' | '1.1' = '1.0'
): Promise<boolean> {
  try {
    await awsJsonRequest(url, target, {}, { region, service, version, signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** True when `POST url` with a JSON body answers 2xx (restJson APIs such as Security Hub's GetFindings). */
export async function answersPost(url: string, body: unknown): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
