// The live feed: one line per event, with the seconds since start and the service it concerns.
const started = Date.now();

/** Seconds since start.sh started, e.g. ` 12.3s`. */
export const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;

/** Seconds since start.sh started, as a number. */
export const secondsSinceStart = (): number => (Date.now() - started) / 1000;

export const feed = (service: string, line: string): void => {
  process.stdout.write(`${elapsed()}  ${service.padEnd(22)} ${line}\n`);
};
