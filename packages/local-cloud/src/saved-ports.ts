import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LocalCloudOptions } from './local-cloud';
import { isPortOpen } from './net/probe';

type Ports = NonNullable<LocalCloudOptions['ports']>;

const PortsSchema = z.object({
  dynamodb: z.number().optional(),
  fauxqs: z.number().optional(),
  events: z.number().optional(),
  stepfunctions: z.number().optional(),
  securityhub: z.number().optional(),
});

function portsFile(stateDir: string): string {
  return join(stateDir, 'ports.json');
}

/**
 * The ports a state folder's cloud used last time, minus any now taken. Persisted queues keep the URL
 * (with its port) they were created with, so a restarted cloud should come back on the same ports.
 *
 * @example
 * const ports = await loadSavedPorts('/repo/.vigil/local');
 */
export async function loadSavedPorts(stateDir: string): Promise<Ports> {
  if (!existsSync(portsFile(stateDir))) return {};
  const parsed = PortsSchema.safeParse(JSON.parse(readFileSync(portsFile(stateDir), 'utf8')));
  if (!parsed.success) return {};
  const free: Ports = {};
  for (const [piece, port] of Object.entries(parsed.data) as [keyof Ports, number | undefined][]) {
    if (port !== undefined && !(await isPortOpen(port))) free[piece] = port;
  }
  return free;
}

/** Remembers the ports for the next start on this state folder. */
export function savePorts(stateDir: string, ports: Ports): void {
  writeFileSync(portsFile(stateDir), `${JSON.stringify(ports)}\n`);
}
