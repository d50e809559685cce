import type { ChildProcess } from 'node:child_process';

type Cleanup = () => Promise<void>;

const cleanups = new Set<Cleanup>();
const children = new Set<ChildProcess>();
let isShuttingDown = false;

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

function onSignal(signal: HandledSignal): void {
  if (isShuttingDown) return;
  isShuttingDown = true;
  // A second Ctrl-C while cleaning up still ends the process (killSurvivors runs on exit).
  process.once(signal, () => process.exit(SIGNAL_EXIT_CODES[signal]));
  const pending = [...cleanups].map((cleanup) => cleanup().catch(() => undefined));
  const timer = setTimeout(() => process.exit(SIGNAL_EXIT_CODES[signal]), 10_000);
  timer.unref();
  void Promise.all(pending).then(() => process.exit(SIGNAL_EXIT_CODES[signal]));
}

const handlers = {
  SIGINT: () => onSignal('SIGINT'),
  SIGTERM: () => onSignal('SIGTERM'),
  SIGHUP: () => onSignal('SIGHUP'),
};

/** Last resort on any exit (also an uncaught error): children must not outlive us. */
function killSurvivors(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function syncHandlers(): void {
  const isNeeded = cleanups.size > 0 || children.size > 0;
  for (const signal of Object.keys(handlers) as HandledSignal[]) {
    const isInstalled = process.listeners(signal).includes(handlers[signal]);
    if (isNeeded && !isInstalled) process.on(signal, handlers[signal]);
    if (!isNeeded && isInstalled) process.off(signal, handlers[signal]);
  }
  const isExitInstalled = process.listeners('exit').includes(killSurvivors);
  if (isNeeded && !isExitInstalled) process.on('exit', killSurvivors);
  if (!isNeeded && isExitInstalled) process.off('exit', killSurvivors);
}

/**
 * Runs `cleanup` when the process gets SIGINT/SIGTERM/SIGHUP, then exits with 128 + signal number.
 * Returns a function that unregisters it (call it after a normal stop).
 *
 * @example
 * const unregister = onShutdown(() => cloud.stop());
 */
export function onShutdown(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  syncHandlers();
  return () => {
    cleanups.delete(cleanup);
    syncHandlers();
  };
}

/**
 * Remembers a child process so it is SIGKILLed if this process exits without stopping it.
 *
 * @example
 * trackChild(spawn('java', args));
 */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  syncHandlers();
  child.once('exit', () => {
    children.delete(child);
    syncHandlers();
  });
}

/**
 * Stops a child: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited.
 *
 * @example
 * await stopChild(child, 3000);
 */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
