import { loadChoreographyFile } from '../adapters/choreography-files';
import { compileAsl } from '../core/compile-asl';
import { compileEventRules } from '../core/compile-event-rules';
import { compileMermaid } from '../core/compile-mermaid';
import { ChoreographyValidationError } from '../errors';
import { type CommandContext, reportProblem } from './command-context';

export type CompileOptions = { mermaid?: boolean | undefined; rules?: boolean | undefined };

/**
 * `vigil choreography compile <file> [--mermaid | --rules]`: prints the ASL definition (JSON), the
 * Mermaid state diagram, or the EventBridge rules. An invalid file prints `vigil: <file>: <path>: <reason>`
 * and exits 2.
 */
export function compileCommand(file: string, options: CompileOptions, context: CommandContext): void {
  try {
    const model = loadChoreographyFile(file);
    if (options.mermaid) context.io.stdout.write(compileMermaid(model));
    else if (options.rules) context.io.stdout.write(`${JSON.stringify(compileEventRules(model), null, 2)}\n`);
    else context.io.stdout.write(`${JSON.stringify(compileAsl(model), null, 2)}\n`);
  } catch (error) {
    if (!(error instanceof ChoreographyValidationError)) throw error;
    reportProblem(context, error.file, error.message.slice(error.file.length + 2));
  }
}
