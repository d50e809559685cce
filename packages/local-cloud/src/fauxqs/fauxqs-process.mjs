// Runs fauxqs (ESM only, so not loadable inside jest's CJS runtime) in its own Node process.
// Talks to the parent over IPC: sends `ready`, forwards S3 uploads and SNS publishes (fauxqs has no
// S3 notifications and no Lambda subscriptions; the parent's event router does those), and watches
// the parent: if it dies, even by SIGKILL, the IPC channel closes and we kill the pids we were
// asked to watch (DynamoDB Local) and exit, so a crashed test run leaves nothing behind.
import net from 'node:net';
import { startFauxqs } from 'fauxqs';

const host = process.env.VIGIL_FAUXQS_HOST ?? '127.0.0.1';
const port = Number(process.env.VIGIL_FAUXQS_PORT ?? '0');
const dataDir = process.env.VIGIL_FAUXQS_DATA_DIR;
const region = process.env.VIGIL_FAUXQS_REGION ?? 'us-east-1';
const watched = new Set();

// fauxqs hard-codes host 0.0.0.0; keep it on loopback.
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listen(...args) {
  const [first] = args;
  if (typeof first === 'object' && first !== null && first.host === '0.0.0.0') args[0] = { ...first, host };
  return originalListen.apply(this, args);
};

// fauxqs names queues `http://sqs.<region>.localhost:<port>/...`; the SQS SDK sends requests to the
// queue URL's host, which does not resolve everywhere (glibc has no *.localhost). Use the host the
// request came to (127.0.0.1:<port>) instead, like fauxqs does when no host is configured.
const sqsStoreUrl = new URL('./sqs/sqsStore.js', import.meta.resolve('fauxqs'));
const { SqsStore } = await import(sqsStoreUrl.href);
SqsStore.prototype.buildQueueUrl = (queueName, _port, requestHost) =>
  `http://${requestHost}/000000000000/${queueName}`;

function killWatchedAndExit(code) {
  for (const pid of watched) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.exit(code);
}

process.on('disconnect', () => killWatchedAndExit(0));
process.on('message', (message) => {
  if (message?.type === 'watch') watched.add(message.pid);
  if (message?.type === 'unwatch') watched.delete(message.pid);
});

const server = await startFauxqs({
  port,
  logger: false,
  defaultRegion: region,
  messageSpies: { bufferSize: 1 },
  ...(dataDir ? { dataDir } : {}),
});

const spy = server.spy;
const record = spy.addMessage.bind(spy);
spy.addMessage = (message) => {
  record(message);
  if (message.service === 's3' && (message.status === 'uploaded' || message.status === 'deleted')) {
    const { bucket, key, status, timestamp } = message;
    process.send?.({ type: 's3', bucket, key, status, at: timestamp });
  }
  if (message.service === 'sns' && message.status === 'published') {
    process.send?.({
      type: 'sns',
      topicArn: message.topicArn,
      messageId: message.messageId,
      body: message.body,
      messageAttributes: message.messageAttributes,
      at: message.timestamp,
    });
  }
};

// A normal stop: the parent is alive and stops what it started itself.
const stop = async () => {
  watched.clear();
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.send?.({ type: 'ready', port: server.port });
