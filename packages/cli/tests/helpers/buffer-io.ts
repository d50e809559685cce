import type { CliIo } from '../../src/cli-io';

/** A `CliIo` that keeps what was written, for assertions. */
export function bufferIo(isTTY = false): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: {
      write: (chunk: string) => {
        out += chunk;
      },
    },
    stderr: {
      write: (chunk: string) => {
        err += chunk;
      },
    },
    isTTY,
    out: () => out,
    err: () => err,
  };
}
