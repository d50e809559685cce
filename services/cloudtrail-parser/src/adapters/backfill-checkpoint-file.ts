import { readFile, rename, writeFile } from 'node:fs/promises';
import type { CheckpointStore } from '../core/backfill/backfill-checkpoint';
import { CheckpointMismatchError } from '../core/backfill/errors';

/**
 * The checkpoint as a JSON file. Each save writes a sibling temp file and renames it over the old one,
 * so an interrupted run leaves the previous checkpoint or the new one, never half a file.
 */
export function createFileCheckpointStore(path: string): CheckpointStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new CheckpointMismatchError(`${path} is not JSON`, { cause: error });
      }
    },
    async save(data) {
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`);
      await rename(temporary, path);
    },
  };
}
