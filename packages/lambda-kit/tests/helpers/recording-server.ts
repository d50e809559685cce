import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the server saw. */
export type RecordedRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/** A canned reply: status, JSON body and extra headers. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * A tiny HTTP server on loopback that records every request and answers with the next queued reply
 * (the last one repeats). It stands in for "some endpoint", to test the client factory, not AWS.
 */
export async function startRecordingServer(replies: Reply[]): Promise<{
  url: string;
  requests: RecordedRequest[];
  stop: () => Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = replies[Math.min(requests.length, replies.length) - 1] ?? { status: 500, body: {} };
      response.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0', ...reply.headers });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
