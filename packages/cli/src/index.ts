export { CliError, USER_ERROR_EXIT_CODE } from './cli-error';
export type { CliContext, CliIo, TextSink } from './cli-io';
export { CLI_VERSION } from './cli-version';
export { createProgram } from './create-program';
export { loadOptionalModule, type RequireFn } from './load-optional-module';
export { ProgressBar, type ProgressBarOptions } from './progress-bar';
export { COMMAND_MODULES, loadRegistrars, type Registrar } from './registry';
export { INTERNAL_ERROR_EXIT_CODE, type RunCliOptions, runCli } from './run-cli';
