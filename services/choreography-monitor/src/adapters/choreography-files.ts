import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChoreographyModel } from '../core/choreography-model';
import { parseChoreography } from '../core/parse-choreography';
import { ChoreographyValidationError } from '../errors';

const EXTENSIONS = new Set(['.yml', '.yaml', '.json']);

/** Reads and validates one choreography file; errors name the file as given. */
export function loadChoreographyFile(file: string): ChoreographyModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // Duck-typed: fs errors from another realm (jest's sandbox) fail `instanceof Error`.
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(error);
    throw new ChoreographyValidationError(file, [{ path: '', reason }], { cause: error });
  }
  return parseChoreography(text, file);
}

/**
 * Loads every choreography in `dir` (`*.yml`, `*.yaml`, `*.json`, sorted; several folders separated by
 * `path.delimiter`). A name used by two files is an error: it names the state machine.
 */
export function loadChoreographies(dir: string): ChoreographyModel[] {
  // Several folders may be given, separated like PATH (tests add their fixtures to the shipped ones).
  const files = dir
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((folder) =>
      readdirSync(folder)
        .filter((name) => EXTENSIONS.has(path.extname(name)))
        .sort()
        .map((name) => path.join(folder, name))
    );
  const models: ChoreographyModel[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const model = loadChoreographyFile(file);
    const other = seen.get(model.name);
    if (other !== undefined)
      throw new ChoreographyValidationError(file, [
        { path: 'name', reason: `"${model.name}" is also the name in ${other}` },
      ]);
    seen.set(model.name, file);
    models.push(model);
  }
  return models;
}
