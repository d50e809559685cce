import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on `host` (binds port 0, reads it, closes).
 * Another process may grab it before we bind, so callers retry on EADDRINUSE.
 *
 * @example
 * const port = await getFreePort('127.0.0.1');
 */
export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
