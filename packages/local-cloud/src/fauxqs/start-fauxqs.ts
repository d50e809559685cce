import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { StartupError } from '../errors';
import { stopChild, trackChild } from '../process/shutdown-hooks';

const S3ChangeSchema = z.object({
  type: z.literal('s3'),
  bucket: z.string(),
  key: z.string(),
  status: z.enum(['uploaded', 'deleted']),
  at: z.number(),
});
const SnsPublishSchema = z.object({
  type: z.literal('sns'),
  topicArn: z.string(),
  messageId: z.string(),
  body: z.string(),
  messageAttributes: z.record(
    z.string(),
    z.object({ DataType: z.string(), StringValue: z.string().optional() })
  ),
  at: z.number(),
});
const ReadySchema = z.object({ type: z.literal('ready'), port: z.number() });

/** An object stored (PutObject, CopyObject, CompleteMultipartUpload) or deleted in a bucket. */
export type S3Change = z.infer<typeof S3ChangeSchema>;
/** A message published to an SNS topic (before fan-out). */
export type SnsPublish = z.infer<typeof SnsPublishSchema>;

/** A running fauxqs (S3, SQS and SNS on one endpoint). */
export interface Fauxqs {
  url: string;
  port: number;
  pid: number;
  /** Kill `pid` too if this process dies without stopping us (see fauxqs-process.mjs). */
  watchPid(pid: number): void;
  onS3Change(listener: (upload: S3Change) => void): void;
  onSnsPublish(listener: (publish: SnsPublish) => void): void;
  stop(): Promise<void>;
}

export interface FauxqsOptions {
  /** Folder for fauxqs' SQLite state; in memory when absent. */
  dataDir?: string | undefined;
  port?: number | undefined;
  region: string;
  startTimeoutMs?: number | undefined;
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => reject(new Error(`exited with code ${code}`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.on('message', (message) => {
      const ready = ReadySchema.safeParse(message);
      if (!ready.success) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(ready.data.port);
    });
  });
}

/**
 * Starts fauxqs in a child Node process on a loopback port (free one by default). Ready when it reports
 * its port over IPC (after its HTTP server listens).
 *
 * @example
 * const fauxqs = await startFauxqs({ region: 'us-east-1' });
 * fauxqs.onS3Change(({ bucket, key }) => console.log(bucket, key));
 * await fauxqs.stop();
 */
export async function startFauxqs(options: FauxqsOptions): Promise<Fauxqs> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const child = fork(join(__dirname, 'fauxqs-process.mjs'), [], {
    // The parent may run under a TS loader (jest, tsx); the child is plain ESM.
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      ...process.env,
      VIGIL_FAUXQS_PORT: String(options.port ?? 0),
      VIGIL_FAUXQS_REGION: options.region,
      ...(options.dataDir === undefined ? {} : { VIGIL_FAUXQS_DATA_DIR: options.dataDir }),
    },
  });
  trackChild(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let port: number;
  try {
    port = await waitForReady(child, options.startTimeoutMs ?? 20_000);
  } catch (error) {
    await stopChild(child, 500);
    const reason = `${error instanceof Error ? error.message : String(error)} ${stderr.trim()}`;
    throw new StartupError('fauxqs', reason, { cause: error });
  }
  const s3Listeners: ((upload: S3Change) => void)[] = [];
  const snsListeners: ((publish: SnsPublish) => void)[] = [];
  child.on('message', (message) => {
    const upload = S3ChangeSchema.safeParse(message);
    if (upload.success) for (const listener of s3Listeners) listener(upload.data);
    const publish = SnsPublishSchema.safeParse(message);
    if (publish.success) for (const listener of snsListeners) listener(publish.data);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    watchPid: (pid) => child.send({ type: 'watch', pid }),
    onS3Change: (listener) => s3Listeners.push(listener),
    onSnsPublish: (listener) => snsListeners.push(listener),
    stop: () => stopChild(child),
  };
}
