import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text as readText } from 'node:stream/consumers';
import { z } from 'zod';
import { SecurityHubApiError } from './errors';
import { parseFindingFilters } from './finding-filters';
import { BatchUpdateSchema, FindingStore } from './finding-store';

/** Options of {@link startSecurityHubRecorder}. */
export interface SecurityHubRecorderOptions {
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number | undefined;
  /** Interface to bind; loopback by default. */
  host?: string | undefined;
  region?: string | undefined;
  accountId?: string | undefined;
  /** When set, findings are also kept in `<stateDir>/securityhub-findings.json` across restarts. */
  stateDir?: string | undefined;
}

/** A running recorder. */
export interface SecurityHubRecorder {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const MAX_FINDINGS_PER_IMPORT = 100;
const ImportSchema = z.object({ Findings: z.array(z.unknown()) });
const GetFindingsSchema = z.object({
  Filters: z.unknown().optional(),
  MaxResults: z.number().int().min(1).max(100).optional(),
  NextToken: z.string().optional(),
});

type Route = (store: FindingStore, body: unknown) => unknown;

const ROUTES: Record<string, Route> = {
  'POST /findings/import': (store, body) => {
    const request = parse(ImportSchema, body);
    if (request.Findings.length > MAX_FINDINGS_PER_IMPORT) {
      throw new SecurityHubApiError(
        'InvalidInputException',
        `Findings exceeds the maximum of ${MAX_FINDINGS_PER_IMPORT} findings per request (${request.Findings.length} given)`
      );
    }
    return store.importFindings(request.Findings);
  },
  'POST /findings': (store, body) => {
    const request = parse(GetFindingsSchema, body);
    return store.getFindings(
      parseFindingFilters(request.Filters),
      request.MaxResults ?? 100,
      request.NextToken
    );
  },
  'PATCH /findings/batchupdate': (store, body) => {
    const request = parse(BatchUpdateSchema, body);
    const { FindingIdentifiers, ...changes } = request;
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new SecurityHubApiError(
        'InvalidInputException',
        'At least one finding attribute must be updated'
      );
    }
    return store.batchUpdate(request);
  },
};

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SecurityHubApiError(
    'InvalidInputException',
    `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`
  );
}

/**
 * Starts the Security Hub recorder: a restJson1 server on loopback for `@aws-sdk/client-securityhub`
 * with BatchImportFindings (AWS's ASFF validation, 100 findings per call), GetFindings (string filters,
 * paging) and BatchUpdateFindings.
 *
 * @example
 * const hub = await startSecurityHubRecorder({ port: 0 });
 * const client = new SecurityHubClient({ endpoint: hub.url, region: 'us-east-1', credentials });
 * // …
 * await hub.stop();
 */
export async function startSecurityHubRecorder(
  options: SecurityHubRecorderOptions = {}
): Promise<SecurityHubRecorder> {
  const store = new FindingStore({ region: options.region ?? 'us-east-1', stateDir: options.stateDir });
  const server = createServer((request, response) => {
    void handleRequest(store, request, response);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

async function handleRequest(store: FindingStore, request: IncomingMessage, response: ServerResponse) {
  try {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/u, '');
    const route = ROUTES[`${request.method} ${pathname}`];
    const text = await readText(request);
    if (!route)
      throw new SecurityHubApiError(
        'ResourceNotFoundException',
        `local-cloud does not serve ${request.method} ${pathname}`
      );
    let body: unknown;
    try {
      body = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new SecurityHubApiError('InvalidInputException', 'The request body is not valid JSON');
    }
    send(response, 200, route(store, body));
  } catch (error) {
    if (error instanceof SecurityHubApiError) {
      const status = error.code === 'ResourceNotFoundException' ? 404 : 400;
      send(response, status, { Code: error.code, Message: error.message }, error.code);
      return;
    }
    send(response, 500, { Code: 'InternalException', Message: String(error) }, 'InternalException');
  }
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(text);
}
