import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** What a background local cloud (`vigil local up`) writes for `down` and `status`. */
export const LocalStateSchema = z.object({
  pid: z.number(),
  startedAt: z.string(),
  stateDir: z.string(),
  startupMs: z.number(),
  endpoints: z.record(z.string(), z.string()),
  env: z.record(z.string(), z.string()),
  ports: z.array(z.number()),
  pids: z.array(z.number()),
  services: z.array(z.object({ name: z.string(), ok: z.boolean(), summary: z.string() })),
});
export type LocalState = z.infer<typeof LocalStateSchema>;

/** The state file inside a state folder. */
export function stateFilePath(stateDir: string): string {
  return join(stateDir, 'local-cloud.json');
}

/**
 * Reads the state file; undefined when absent or unreadable (a crashed start).
 *
 * @example
 * const state = readLocalState('/repo/.vigil/local');
 */
export function readLocalState(stateDir: string): LocalState | undefined {
  const path = stateFilePath(stateDir);
  if (!existsSync(path)) return undefined;
  const parsed = LocalStateSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

export function writeLocalState(stateDir: string, state: LocalState): void {
  writeFileSync(stateFilePath(stateDir), `${JSON.stringify(state, null, 2)}\n`);
}

export function removeLocalState(stateDir: string): void {
  rmSync(stateFilePath(stateDir), { force: true });
}

/** Whether a process with this id exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
