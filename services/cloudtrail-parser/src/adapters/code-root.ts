import path from 'node:path';

/**
 * The functions' code root, found from where this code runs rather than from LAMBDA_TASK_ROOT (which
 * serverless-offline and `sls invoke local` set to a fake `/var/task`) or the working directory. Bundled,
 * this module is part of `<root>/src/handlers/<handler>.js` (serverless.yml handler paths): /var/task in
 * Lambda, `.esbuild/.build` locally. From source (tests, tsx) it is `<service>/src/adapters/code-root.ts`:
 * the service folder. Both are two levels up.
 */
export const CODE_ROOT = path.resolve(__dirname, '../..');
